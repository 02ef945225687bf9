/**
 * Claims (DESIGN.md failure rule 10): before an article is posted, the run creates the ref
 * `refs/medium-publish/claims/<sha1 of the article's path>` through the Git refs API, which refuses to
 * create a ref that exists. So of two runs at once, only one posts each article, with or without the
 * workflow's `concurrency` group. The refs live outside `refs/heads` and `refs/tags`: no branch or tag
 * appears, no workflow is triggered. They point at an annotated tag object of the run whose message
 * says which run claimed and when, so a later run can tell a run in progress from one that died.
 */
import { createHash } from 'node:crypto'
import type { Octokit } from '@octokit/rest'

export const CLAIM_REF_PREFIX = 'refs/medium-publish/claims/'

/** The claim ref of an article: a fixed name per path, whatever characters the path has. */
export function claimRef(path: string): string {
  return `${CLAIM_REF_PREFIX}${createHash('sha1').update(path).digest('hex')}`
}

/** What a claim found in place says about the run that made it. */
export interface ClaimHolder {
  /** When that run claimed the article. */
  at?: Date
  /** Its workflow run's URL. */
  run?: string
}

export type ClaimOutcome = { kind: 'claimed' } | { kind: 'taken'; holder: ClaimHolder }

interface Where {
  octokit: Octokit
  owner: string
  repo: string
}

/** The run's claim ticket: an annotated tag object on the triggering commit, its message naming the run. */
export async function createClaimTicket(where: Where, commit: string, holder: { at: Date; run?: string }): Promise<string> {
  const message = [`medium-publish-action claim`, '', `at: ${holder.at.toISOString()}`, ...(holder.run ? [`run: ${holder.run}`] : [])].join(
    '\n',
  )
  const { data } = await where.octokit.rest.git.createTag({
    owner: where.owner,
    repo: where.repo,
    tag: 'medium-publish-claim',
    message,
    object: commit,
    type: 'commit',
  })
  return data.sha
}

/** Claims one article: `claimed`, or `taken` by another run (with what its ticket says). Other failures throw. */
export async function claimArticle(where: Where, path: string, ticket: string): Promise<ClaimOutcome> {
  const ref = claimRef(path)
  try {
    await where.octokit.rest.git.createRef({ owner: where.owner, repo: where.repo, ref, sha: ticket })
    return { kind: 'claimed' }
  } catch (error) {
    const e = error as { status?: number; response?: { data?: { message?: unknown } } }
    if (e.status !== 422 || !/already exists/i.test(String(e.response?.data?.message ?? ''))) throw error
  }
  return { kind: 'taken', holder: await holderOf(where, ref) }
}

async function holderOf(where: Where, ref: string): Promise<ClaimHolder> {
  try {
    const { data } = await where.octokit.rest.git.getRef({ owner: where.owner, repo: where.repo, ref: ref.slice('refs/'.length) })
    if (data.object.type !== 'tag') return {}
    const { data: tag } = await where.octokit.rest.git.getTag({ owner: where.owner, repo: where.repo, tag_sha: data.object.sha })
    const at = /^at: (.+)$/m.exec(tag.message)?.[1]
    const run = /^run: (\S+)$/m.exec(tag.message)?.[1]
    const date = at ? new Date(at) : undefined
    return { ...(date && !Number.isNaN(date.getTime()) ? { at: date } : {}), ...(run ? { run } : {}) }
  } catch {
    return {}
  }
}

/** Deletes the claims of these articles; returns the paths whose claim could not be deleted. */
export async function releaseClaims(where: Where, paths: readonly string[]): Promise<string[]> {
  const failed: string[] = []
  for (const path of paths) {
    try {
      await where.octokit.rest.git.deleteRef({ owner: where.owner, repo: where.repo, ref: claimRef(path).slice('refs/'.length) })
    } catch (error) {
      // Already gone is released.
      if ((error as { status?: number }).status !== 422) failed.push(path)
    }
  }
  return failed
}

/** The command that releases a claim by hand. */
export function releaseCommand(owner: string, repo: string, path: string): string {
  return `gh api -X DELETE repos/${owner}/${repo}/git/${claimRef(path)}`
}

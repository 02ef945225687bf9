/**
 * Records of earlier runs that this run's checkout cannot see. Before anything
 * is published, each candidate is looked up where a record may be:
 *
 * - on the branch head, when it moved since the commit this run checked out
 *   (a re-run of an old workflow run checks out the old commit, whose articles
 *   look new although a later run published them);
 * - in a write-back branch `<branch>-medium-urls-<sha>`, whose pull request
 *   waits to be merged because the branch is protected.
 *
 * A URL (or an unresolved publish attempt) there means "do not publish again".
 * One request in the normal case: the branch and its write-back branches share
 * a name prefix, so one matching-refs call returns both.
 */
import type { Octokit } from '@octokit/rest'
import type { FrontMatterOptions } from '../core/frontmatter/block.js'
import { recordedValue, type RemoteRecord } from '../core/records/index.js'

const COMPARE_FILE_LIMIT = 300

/** The name of the branch that holds a write-back commit when `branch` refuses direct pushes. */
export function writeBackBranchPrefix(branch: string): string {
  return `${branch}-medium-urls-`
}

export interface RemoteRecords {
  /** The branch head now (undefined when the branch does not exist). */
  head: string | undefined
  records: Map<string, RemoteRecord>
}

export async function recordsOnGitHub(options: {
  octokit: Octokit
  owner: string
  repo: string
  branch: string
  /** The commit this run checked out. */
  triggerSha: string
  /** Candidate article paths. */
  paths: readonly string[]
  /** Keys whose presence means "already sent to Medium": the url-key, then mediumPublishAttempt. */
  keys: readonly string[]
  /** How the site's front-matter is read (Pelican metadata lines, Zola's `[extra]`). */
  frontMatter?: FrontMatterOptions
}): Promise<RemoteRecords> {
  const { octokit, owner, repo, branch, triggerSha, paths, keys } = options
  const records = new Map<string, RemoteRecord>()
  const { data: refs } = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: `heads/${branch}` })
  const head = refs.find((r) => r.ref === `refs/heads/${branch}`)?.object.sha
  const look = async (where: string, sha: string, pending: boolean, candidates: readonly string[]): Promise<void> => {
    for (const path of candidates) {
      if (records.has(path)) continue
      const text = await fileAt(octokit, owner, repo, path, sha)
      if (text === undefined) continue
      for (const key of keys) {
        const value = recordedValue(path, text, key, options.frontMatter)
        if (value !== undefined) {
          records.set(path, { branch: where, pending, key, value })
          break
        }
      }
    }
  }
  if (head && head !== triggerSha) {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${triggerSha}...${head}`, per_page: 1 })
    const files = data.files ?? []
    // GitHub lists at most 300 changed files: past that, look at every candidate on the head.
    const changed = files.length >= COMPARE_FILE_LIMIT ? undefined : new Set(files.map((f) => f.filename))
    await look(branch, head, false, changed ? paths.filter((p) => changed.has(p)) : paths)
  }
  const prefix = `refs/heads/${writeBackBranchPrefix(branch)}`
  for (const ref of refs.filter((r) => r.ref.startsWith(prefix))) {
    await look(ref.ref.slice('refs/heads/'.length), ref.object.sha, true, paths)
  }
  return { head, records }
}

async function fileAt(octokit: Octokit, owner: string, repo: string, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined
    if (data.content === '' && data.size > 0) {
      // Files over 1 MB come without content: read the blob.
      const blob = await octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha })
      return Buffer.from(blob.data.content, 'base64').toString('utf8')
    }
    return Buffer.from(data.content, 'base64').toString('utf8')
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    throw error
  }
}

/**
 * One comment per pull request, created once and then edited: found again by a hidden marker.
 */
import type { Octokit } from '@octokit/rest'
import { tokenRedactor } from './octokit.js'

export const DEFAULT_COMMENT_MARKER = '<!-- medium-publish-action -->'

/** GitHub refuses comment bodies over 65,536 characters. */
const MAX_BODY = 65_536

export interface UpsertPullRequestCommentOptions {
  octokit: Octokit
  owner: string
  repo: string
  /** The pull request (issue) number. */
  number: number
  /** Markdown; the marker is put in front of it unless it already contains it. */
  body: string
  marker?: string
}

export type UpsertPullRequestCommentResult =
  | { kind: 'created' | 'updated'; id: number; url: string }
  /** 403: the token may not comment (no `pull-requests: write`, or a pull request from a fork). */
  | { kind: 'forbidden'; message: string }

/**
 * Edits our comment (the first whose body starts with the marker) or creates it.
 * A 403 is returned as `forbidden`; any other API failure throws an Error whose message names the
 * request and GitHub's answer (never the token).
 */
export async function upsertPullRequestComment(options: UpsertPullRequestCommentOptions): Promise<UpsertPullRequestCommentResult> {
  const { octokit, owner, repo, number } = options
  const marker = options.marker ?? DEFAULT_COMMENT_MARKER
  const body = fit(options.body.includes(marker) ? options.body : `${marker}\n${options.body}`)
  let step = `GET issues/${number}/comments`
  try {
    let existing: { id: number } | undefined
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: number,
      per_page: 100,
    })) {
      existing = page.data.find((c) => (c.body ?? '').trimStart().startsWith(marker))
      if (existing) break
    }
    if (existing) {
      step = `PATCH issues/comments/${existing.id}`
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body })
      return { kind: 'updated', id: data.id, url: data.html_url }
    }
    step = `POST issues/${number}/comments`
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body })
    return { kind: 'created', id: data.id, url: data.html_url }
  } catch (error) {
    const e = error as { status?: unknown; response?: { data?: { message?: unknown } }; message?: unknown }
    const apiMessage = typeof e.response?.data?.message === 'string' ? e.response.data.message : String(e.message ?? error)
    const redacted = (await tokenRedactor(octokit))(apiMessage)
    if (e.status === 403) {
      return {
        kind: 'forbidden',
        message: `could not comment on pull request #${number}: GitHub answered 403 "${redacted}" to ${step}; give the workflow "permissions: pull-requests: write" (pull requests from forks get a read-only token; the job summary has the same report)`,
      }
    }
    const status = typeof e.status === 'number' ? `${e.status} ` : ''
    throw new Error(`could not comment on pull request #${number}: GitHub answered ${status}"${redacted}" to ${step}`, { cause: error })
  }
}

function fit(body: string): string {
  if (body.length <= MAX_BODY) return body
  const note = "\n\n… (cut to fit GitHub's comment limit; the job summary has the whole report)"
  return body.slice(0, MAX_BODY - note.length) + note
}

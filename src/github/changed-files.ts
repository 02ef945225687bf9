/**
 * The files a push or pull request changed (compare API), to warn when an article that already
 * has its Medium URL was edited: Medium's API cannot update a post.
 */
import type { Octokit } from '@octokit/rest'
import { tokenRedactor } from './octokit.js'

export interface ChangedFilesOptions {
  octokit: Octokit
  owner: string
  repo: string
  /** Base commit or branch (a push's `before`, a pull request's base SHA). All zeros (new branch): nothing to compare. */
  base: string
  head: string
}

/**
 * Paths changed between the merge base of `base` and `head`, and `head` (three-dot compare):
 * added, modified, renamed (new path) and removed files.
 *
 * With paging parameters GitHub sends the complete file list with page 1 only (later pages carry
 * commits), so one request with `per_page: 1` gets every file while keeping the commit list small.
 * GitHub lists at most 300 files in a comparison. API failures throw an Error naming the
 * comparison and GitHub's answer.
 */
export async function changedFiles({ octokit, owner, repo, base, head }: ChangedFilesOptions): Promise<Set<string>> {
  if (!base || /^0+$/.test(base)) return new Set()
  const basehead = `${base}...${head}`
  try {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: 1, page: 1 })
    return new Set((data.files ?? []).map((f) => f.filename))
  } catch (error) {
    const e = error as { status?: unknown; response?: { data?: { message?: unknown } }; message?: unknown }
    const apiMessage = typeof e.response?.data?.message === 'string' ? e.response.data.message : String(e.message ?? error)
    const status = typeof e.status === 'number' ? `${e.status} ` : ''
    const redact = await tokenRedactor(octokit)
    throw new Error(redact(`could not list the files changed in ${owner}/${repo} ${basehead}: GitHub answered ${status}"${apiMessage}"`), {
      cause: error,
    })
  }
}

/**
 * URLs recorded by an earlier run but not yet on the branch: when the branch is
 * protected, the write-back commit waits in a `medium-publish/urls-*` branch
 * (and its pull request) until someone merges it. Until then the articles on
 * the branch look new, so before publishing, each candidate is looked up there:
 * a URL (or an unresolved publish attempt) in such a branch means "do not
 * publish again".
 */
import type { Octokit } from '@octokit/rest'
import { peekFrontMatterValue } from '../core/frontmatter-peek.js'

export const WRITE_BACK_BRANCH_PREFIX = 'medium-publish/'

export interface PendingRecord {
  /** The branch holding the record, e.g. `medium-publish/urls-1a2b3c4`. */
  branch: string
  /** The value of the url-key there, or of mediumPublishAttempt. */
  key: string
  value: string
}

export async function pendingWriteBackRecords(options: {
  octokit: Octokit
  owner: string
  repo: string
  paths: readonly string[]
  keys: readonly string[]
}): Promise<Map<string, PendingRecord>> {
  const { octokit, owner, repo, paths, keys } = options
  const found = new Map<string, PendingRecord>()
  if (paths.length === 0) return found
  const { data: refs } = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: `heads/${WRITE_BACK_BRANCH_PREFIX}` })
  for (const ref of refs) {
    const branch = ref.ref.replace(/^refs\/heads\//, '')
    for (const path of paths) {
      if (found.has(path)) continue
      const text = await fileAt(octokit, owner, repo, path, ref.object.sha)
      if (text === undefined) continue
      for (const key of keys) {
        const value = peekFrontMatterValue(text, key)
        if (value !== undefined) {
          found.set(path, { branch, key, value })
          break
        }
      }
    }
  }
  return found
}

async function fileAt(octokit: Octokit, owner: string, repo: string, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref })
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined
    return Buffer.from(data.content, 'base64').toString('utf8')
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined
    throw error
  }
}

/**
 * GitHub as one action run uses it: one client (created, and Octokit loaded, on first use), the record
 * look-up and the write-back commit the pipeline needs, the files a pull request changed, and the
 * pull-request comment. Built from the inputs and the runner's context in one place.
 */
import type { FrontMatterOptions } from '../core/frontmatter/block.js'
import { PUBLISH_ATTEMPT_KEY } from '../core/settings.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import type { GitHubAccess } from '../pipeline/types.js'
import { commitUrl } from '../repository.js'
import type { RunnerContext } from '../runner-context.js'
import type { GitHubClient } from './octokit.js'
import { releaseCommand } from './claims.js'
import type { UpsertPullRequestCommentResult } from './pull-comment.js'

export interface GitHubForRun {
  /** The record look-up and commit for a publish run in `commit` mode, or why there are none. */
  access: GitHubAccess | { unavailable: string }
  /** Files changed by the pull request (compare API), when it can be asked; undefined otherwise. */
  pullRequestChanges(): Promise<Set<string> | undefined>
  /** Keep one comment on the pull request (created once, then edited). */
  comment(number: number, body: string, marker: string): Promise<UpsertPullRequestCommentResult>
}

export interface GitHubForRunOptions {
  token: string | undefined
  context: RunnerContext
  urlKey: string
  commitMessage: string
  log: Log
  /** How the site's front-matter is read and written (Pelican metadata lines, Zola's `[extra]`). */
  frontMatter?: FrontMatterOptions
}

export function gitHubForRun({ token, context, urlKey, commitMessage, log, frontMatter = {} }: GitHubForRunOptions): GitHubForRun {
  let client: Promise<GitHubClient> | undefined
  const octokit = () =>
    (client ??= import('./octokit.js').then(({ createOctokit }) => createOctokit({ token: token ?? '', baseUrl: context.apiUrl, log })))
  const { owner, repo, branch, sha } = context
  return {
    access: access(),
    async pullRequestChanges() {
      const pr = context.pullRequest
      if (!pr?.baseSha || !pr.headSha || !token || !owner || !repo) return undefined
      try {
        const [gh, { changedFiles }] = await Promise.all([octokit(), import('./changed-files.js')])
        return await changedFiles({ octokit: gh, owner, repo, base: pr.baseSha, head: pr.headSha })
      } catch (error) {
        log.debug(`Could not list the files changed by the pull request: ${errorMessage(error)}`)
        return undefined
      }
    },
    async comment(number, body, marker) {
      if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set')
      const [gh, { upsertPullRequestComment }] = await Promise.all([octokit(), import('./pull-comment.js')])
      return upsertPullRequestComment({ octokit: gh, owner, repo, number, body, marker })
    },
  }

  function access(): GitHubAccess | { unavailable: string } {
    if (!token) return { unavailable: `input 'github-token' is empty; pass a token with 'contents: write'` }
    if (!owner || !repo || !branch || !sha) {
      const missing = Object.entries({ owner, repo, branch, sha }).filter(([, v]) => !v)
      return { unavailable: `the runner did not say which ${missing.map(([k]) => k).join(', ')} to commit to` }
    }
    const run = context.runId ? `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}` : undefined
    let ticket: Promise<string> | undefined
    const claims = () => Promise.all([octokit(), import('./claims.js')])
    return {
      branch,
      commitUrl: (commit) => commitUrl({ serverUrl: context.serverUrl, owner, repo }, commit),
      async claim(path) {
        const [gh, { claimArticle, createClaimTicket }] = await claims()
        ticket ??= createClaimTicket({ octokit: gh, owner, repo }, sha, { at: new Date(), ...(run ? { run } : {}) })
        return claimArticle({ octokit: gh, owner, repo }, path, await ticket)
      },
      async release(paths) {
        const [gh, { releaseClaims }] = await claims()
        return releaseClaims({ octokit: gh, owner, repo }, paths)
      },
      releaseCommand: (path) => releaseCommand(owner, repo, path),
      async recordsOnBranch(paths) {
        const [gh, { recordsOnGitHub }] = await Promise.all([octokit(), import('./branch-records.js')])
        return recordsOnGitHub({
          octokit: gh,
          owner,
          repo,
          branch,
          triggerSha: sha,
          paths,
          keys: [urlKey, PUBLISH_ATTEMPT_KEY],
          frontMatter,
        })
      },
      async commit(edits, originals, head) {
        const [gh, { commitFrontMatterEdits }] = await Promise.all([octokit(), import('./commit.js')])
        return commitFrontMatterEdits({
          octokit: gh,
          owner,
          repo,
          branch,
          triggerSha: sha,
          expectedHead: head,
          edits,
          message: commitMessage,
          readWorkspaceFile: async (path) => originals.get(path),
          log,
          frontMatter,
        })
      },
    }
  }
}

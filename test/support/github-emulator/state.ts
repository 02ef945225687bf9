// What a GitHub emulator holds between requests: the repository, the pull requests and comments, the
// faults a test asked for, and the lookups the routes and the test controls share.
import { Repo } from './repo.js'
import type { RequestRecord } from './router.js'

export interface PullRequestRecord {
  number: number
  title: string
  body: string
  head: string
  base: string
  headSha: string
  state: 'open' | 'closed'
  html_url: string
}

export interface CommentRecord {
  id: number
  issue_number: number
  body: string
  user: { login: string; type: string }
  created_at: string
  updated_at: string
}

export type Permission = 'contents' | 'issues' | 'pull-requests'

export interface GitHubEmulatorOptions {
  bareRepo: string
  owner: string
  repo: string
  token: string
  defaultBranch?: string
  private?: boolean
}

export type RefUpdateHook = (branch: string) => void | Promise<void>

export interface EmulatorState {
  readonly options: GitHubEmulatorOptions
  readonly repo: Repo
  readonly defaultBranch: string
  /** `/repos/{owner}/{repo}`. */
  readonly repoPrefix: string
  /** `http://127.0.0.1:<port>`, set once the server listens. */
  baseUrl: string
  readonly requests: RequestRecord[]
  readonly pulls: PullRequestRecord[]
  readonly comments: CommentRecord[]
  /** Issue numbers added by `addComment` (pull requests are issues too). */
  readonly issues: Set<number>
  readonly refUpdateHooks: RefUpdateHook[]
  readonly protectedBranches: Map<string, 'branch-protection' | 'ruleset'>
  readonly denied: Set<Permission>
  refUpdateFailures: { remaining: number; status: number; message: string }
  writeFailure: { status: number; message: string; only?: RegExp } | undefined
  nextNumber: number
  nextCommentId: number
}

export function createState(options: GitHubEmulatorOptions): EmulatorState {
  return {
    options,
    repo: new Repo(options.bareRepo),
    defaultBranch: options.defaultBranch ?? 'main',
    repoPrefix: `/repos/${options.owner}/${options.repo}`,
    baseUrl: '',
    requests: [],
    pulls: [],
    comments: [],
    issues: new Set(),
    refUpdateHooks: [],
    protectedBranches: new Map(),
    denied: new Set(),
    refUpdateFailures: { remaining: 0, status: 500, message: 'Server Error' },
    writeFailure: undefined,
    nextNumber: 1,
    nextCommentId: 1_000_001,
  }
}

export const apiRepoUrl = (state: EmulatorState): string => `${state.baseUrl}${state.repoPrefix}`
export const htmlRepoUrl = (state: EmulatorState): string => `${state.baseUrl}/${state.options.owner}/${state.options.repo}`

/** A commit SHA for a branch, a tag or a (possibly abbreviated) SHA, as GitHub's `ref` parameters take. */
export async function resolveCommit({ repo }: EmulatorState, ref: string): Promise<string | undefined> {
  if (/^[0-9a-f]{40}$/.test(ref)) return (await repo.typeOf(ref)) === 'commit' ? ref : undefined
  return (
    (await repo.resolve(`refs/heads/${ref}^{commit}`)) ??
    (await repo.resolve(`refs/tags/${ref}^{commit}`)) ??
    (/^[0-9a-f]{4,40}$/.test(ref) ? await repo.resolve(`${ref}^{commit}`) : undefined)
  )
}

export function issueExists(state: EmulatorState, n: number): boolean {
  return state.issues.has(n) || state.pulls.some((p) => p.number === n)
}

export function newComment(state: EmulatorState, issueNumber: number, body: string, login: string): CommentRecord {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
  const c: CommentRecord = {
    id: state.nextCommentId++,
    issue_number: issueNumber,
    body,
    user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
    created_at: now,
    updated_at: now,
  }
  state.comments.push(c)
  return c
}

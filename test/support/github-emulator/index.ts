/**
 * A GitHub REST API emulator backed by a real bare git repository (test support).
 *
 * Model: changesets/action's tests against real git repositories on loopback. Every
 * object is written with git plumbing, so SHAs are real and `git diff` / `git log` in
 * the bare repository show exactly what the code under test did. Ref updates are a
 * compare-and-swap (`git update-ref <ref> <new> <old>`), so a concurrent commit is
 * detected the way GitHub detects it.
 *
 * Endpoints (GitHub's paths, shapes and status codes):
 *   GET    /repos/{o}/{r}
 *   GET    /repos/{o}/{r}/git/ref/{ref}              (ref = heads/main, URL-encoded or not)
 *   GET    /repos/{o}/{r}/git/matching-refs/{prefix}
 *   GET    /repos/{o}/{r}/git/commits/{sha}
 *   GET    /repos/{o}/{r}/git/trees/{tree-ish}?recursive=1
 *   GET    /repos/{o}/{r}/git/blobs/{sha}
 *   POST   /repos/{o}/{r}/git/blobs
 *   POST   /repos/{o}/{r}/git/trees                  (base_tree, inline content, sha, sha: null deletes)
 *   POST   /repos/{o}/{r}/git/commits
 *   PATCH  /repos/{o}/{r}/git/refs/{ref}             (sha, force)
 *   POST   /repos/{o}/{r}/git/refs
 *   GET    /repos/{o}/{r}/contents/{path}?ref=
 *   GET    /repos/{o}/{r}/compare/{base}...{head}
 *   POST   /repos/{o}/{r}/pulls
 *   GET    /repos/{o}/{r}/issues/{n}/comments        (per_page, page, Link header)
 *   POST   /repos/{o}/{r}/issues/{n}/comments
 *   PATCH  /repos/{o}/{r}/issues/comments/{id}
 *
 * Test controls are methods of the returned emulator; see `GitHubEmulator`.
 *
 * One module per concern: git.ts (git processes and their output), repo.ts (the bare repository),
 * fixture.ts (`createRepository`), state.ts (what the emulator holds), router.ts (the route table and
 * the HTTP plumbing), json.ts (GitHub's response shapes) and routes/ (one file per group of endpoints:
 * add a route to its group, or a new file registered below).
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Octokit } from '@octokit/rest'
import type { TreeChange } from './git.js'
import { createRouter, type RequestRecord } from './router.js'
import { contentsRoutes } from './routes/contents.js'
import { gitDataRoutes } from './routes/git-data.js'
import { pullsRoutes } from './routes/pulls.js'
import { repositoryRoutes } from './routes/repository.js'
import {
  createState,
  htmlRepoUrl,
  issueExists,
  newComment,
  resolveCommit,
  type CommentRecord,
  type EmulatorState,
  type GitHubEmulatorOptions,
  type Permission,
  type PullRequestRecord,
  type RefUpdateHook,
} from './state.js'

export { createRepository, type CreatedRepository, type FileSpec } from './fixture.js'
export { GitError, type TreeChange, type TreeEntry } from './git.js'
export type { RequestRecord } from './router.js'
export type { CommentRecord, GitHubEmulatorOptions, Permission, PullRequestRecord } from './state.js'

export interface LogEntry {
  sha: string
  message: string
  parents: string[]
  /** Paths changed against the first parent (all paths for a root commit). */
  paths: string[]
}

export interface GitHubEmulator {
  /** `http://127.0.0.1:<port>`: pass as `baseUrl` / `GITHUB_API_URL`. */
  readonly url: string
  /** Every request received, in order. */
  readonly requests: RequestRecord[]
  readonly pulls: PullRequestRecord[]
  readonly comments: CommentRecord[]
  /** Runs `hook` inside the next PATCH of a ref, before the emulator reads the ref's current value. */
  beforeNextRefUpdate(hook: RefUpdateHook): void
  /** A real commit changing `path` lands on the branch just before the next ref update is applied. */
  concurrentCommitBeforeRefUpdate(change: { path: string; content: string | Buffer | null; message?: string }): void
  /** Makes a real commit on `branch` (content `null` deletes the path); returns its SHA. */
  pushCommit(branch: string, change: { files: Record<string, string | Buffer | null>; message?: string }): Promise<string>
  /** Direct updates of `branch` are refused like GitHub does (branch protection: 422; ruleset: 409). */
  protectBranch(name: string, how?: 'branch-protection' | 'ruleset'): void
  /** The next `count` PATCHes of a ref fail with `status` (default 500). */
  failRefUpdates(count?: number, response?: { status?: number; message?: string }): void
  /** Every write (POST/PATCH/PUT/DELETE) fails with `status` (default 403 "Resource not accessible by integration"). */
  /** Every write (or only those whose path after the repository matches `only`) fails with this answer. */
  failWrites(response?: { status?: number; message?: string; only?: RegExp }): void
  /** The token lacks a permission: `issues` (comment endpoints), `pull-requests` (POST pulls), `contents` (git writes). */
  denyPermission(permission: Permission): void
  /** Registers a pull request directly (no git checks); returns its number. */
  addPullRequest(pr: { head: string; base?: string; title?: string }): number
  /** Adds a comment by someone else (or by the bot). */
  addComment(issueNumber: number, body: string, login?: string): CommentRecord
  headOf(branch: string): Promise<string | undefined>
  fileAt(ref: string, path: string): Promise<Buffer | undefined>
  /** Commits reachable from `branch`, newest first. */
  log(branch: string): Promise<LogEntry[]>
  /** `git <args>` in the bare repository (stdout as text). */
  git(args: string[]): Promise<string>
  close(): Promise<void>
}

export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const state = createState(options)
  const { repo, requests, pulls, comments } = state

  const router = createRouter({ prefix: state.repoPrefix, token: options.token, refuse: (method, path) => refusal(state, method, path) })
  repositoryRoutes(state, router.route)
  gitDataRoutes(state, router.route)
  contentsRoutes(state, router.route)
  pullsRoutes(state, router.route)

  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
    }
    requests.push(record)
    void router.handle(req, res, record)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    get url() {
      return state.baseUrl
    },
    requests,
    pulls,
    comments,
    beforeNextRefUpdate(hook) {
      state.refUpdateHooks.push(hook)
    },
    concurrentCommitBeforeRefUpdate({ path, content, message }) {
      state.refUpdateHooks.push(async (branch) => {
        await pushCommit(state, branch, { files: { [path]: content }, message: message ?? `Concurrent change to ${path}\n` })
      })
    },
    pushCommit: (branch, change) => pushCommit(state, branch, change),
    protectBranch(name, how = 'branch-protection') {
      state.protectedBranches.set(name, how)
    },
    failRefUpdates(count = Number.POSITIVE_INFINITY, response = {}) {
      state.refUpdateFailures = { remaining: count, status: response.status ?? 500, message: response.message ?? 'Server Error' }
    },
    failWrites(response = {}) {
      state.writeFailure = {
        status: response.status ?? 403,
        message: response.message ?? 'Resource not accessible by integration',
        ...(response.only ? { only: response.only } : {}),
      }
    },
    denyPermission(permission) {
      state.denied.add(permission)
    },
    addPullRequest({ head, base = state.defaultBranch, title = `Change ${head}` }) {
      const number = state.nextNumber++
      pulls.push({ number, title, body: '', head, base, headSha: '', state: 'open', html_url: `${htmlRepoUrl(state)}/pull/${number}` })
      return number
    },
    addComment(issueNumber, body, login = 'octocat') {
      if (!issueExists(state, issueNumber)) state.issues.add(issueNumber)
      return newComment(state, issueNumber, body, login)
    },
    async headOf(branch) {
      return repo.resolve(`refs/heads/${branch}`)
    },
    async fileAt(ref, path) {
      const commit = await resolveCommit(state, ref)
      if (!commit) return undefined
      const sha = await repo.resolve(`${commit}:${path}`)
      if (!sha || (await repo.typeOf(sha)) !== 'blob') return undefined
      return repo.readBlob(sha)
    },
    async log(branch) {
      const head = await repo.resolve(`refs/heads/${branch}`)
      if (!head) return []
      const shas = (await repo.text(['rev-list', head])).split('\n').filter(Boolean)
      const entries: LogEntry[] = []
      for (const sha of shas) {
        const c = await repo.readCommit(sha)
        const out = await repo.run(['diff-tree', '--root', '--no-commit-id', '-r', '--name-only', '-z', sha])
        entries.push({ sha, message: c.message, parents: c.parents, paths: out.toString('utf8').split('\0').filter(Boolean) })
      }
      return entries
    },
    git(args) {
      return repo.text(args)
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    },
  }
}

/** A matched request the emulator refuses before reading its body: a permission the token lacks, then writes set to fail. */
function refusal(state: EmulatorState, method: string, path: string): { status: number; message: string } | undefined {
  const permission = permissionFor(state, method, path)
  if (permission && state.denied.has(permission)) return { status: 403, message: 'Resource not accessible by integration' }
  const failure = state.writeFailure
  if (failure && method !== 'GET' && method !== 'HEAD' && (!failure.only || failure.only.test(path.slice(state.repoPrefix.length))))
    return failure
  return undefined
}

function permissionFor(state: EmulatorState, method: string, path: string): Permission | undefined {
  const rest = path.slice(state.repoPrefix.length)
  if (rest.startsWith('/issues/')) return 'issues'
  if (rest === '/pulls' && method === 'POST') return 'pull-requests'
  if ((rest.startsWith('/git/') || rest.startsWith('/contents/')) && method !== 'GET') return 'contents'
  return undefined
}

/** A real commit on `branch` by someone else (content `null` deletes the path); its SHA. */
async function pushCommit(
  { repo, options }: EmulatorState,
  branch: string,
  change: { files: Record<string, string | Buffer | null>; message?: string },
): Promise<string> {
  const ref = `refs/heads/${branch}`
  const head = await repo.resolve(ref)
  if (!head) throw new Error(`pushCommit: branch "${branch}" does not exist in ${options.bareRepo}`)
  const base = await repo.resolve(`${head}^{tree}`)
  const changes: TreeChange[] = Object.entries(change.files).map(([path, content]) =>
    content === null ? { path, delete: true } : { path, content },
  )
  const tree = await repo.buildTree(base, changes)
  const sha = await repo.commitTree(tree, [head], change.message ?? `Concurrent change to ${Object.keys(change.files).join(', ')}\n`, {
    name: 'Someone Else',
    email: 'someone@example.com',
  })
  if (!(await repo.updateRef(ref, sha, head))) throw new Error(`pushCommit: ${ref} moved while committing`)
  return sha
}

/**
 * A plain Octokit on an emulator (`emulator.url`) with `token`, logging nothing: the 4xx and 5xx a
 * test provokes on purpose would otherwise be printed by Octokit as warnings and errors.
 */
export function quietOctokit(url: string, token: string): Octokit {
  return new Octokit({ auth: token, baseUrl: url, log: { debug() {}, info() {}, warn() {}, error() {} } })
}

/** A random token-shaped string, for tests that check the token never leaks. */
export function fakeToken(): string {
  return `ghs_${randomUUID().replace(/-/g, '')}`
}

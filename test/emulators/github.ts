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
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Octokit } from '@octokit/rest'

// ---------------------------------------------------------------------------
// git plumbing

const ZERO_OID = '0000000000000000000000000000000000000000'
const BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' }

/** Environment for every git call: no user or system config (no autocrlf, no signing). */
function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: BOT.name,
    GIT_AUTHOR_EMAIL: BOT.email,
    GIT_COMMITTER_NAME: BOT.name,
    GIT_COMMITTER_EMAIL: BOT.email,
    ...extra,
  }
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(message)
    this.name = 'GitError'
  }
}

interface GitRunOptions {
  input?: string | Buffer
  env?: Record<string, string>
  cwd?: string
}

function runGit(gitDir: string, args: string[], options: GitRunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd ?? gitDir,
      env: gitEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out))
      else {
        const stderr = Buffer.concat(err).toString('utf8')
        reject(new GitError(`git ${args.join(' ')} exited with ${code}: ${stderr.trim()}`, code, stderr))
      }
    })
    child.stdin.on('error', () => {
      /* the process may exit before reading stdin; the exit code reports it */
    })
    child.stdin.end(options.input ?? '')
  })
}

export interface TreeEntry {
  path: string
  mode: string
  type: 'blob' | 'tree' | 'commit'
  sha: string
  size?: number
}

/** A change to a tree: new content (written as a blob), an existing object, or `null` to delete. */
export type TreeChange =
  | { path: string; mode?: string; content: string | Buffer }
  | { path: string; mode: string; type: 'blob' | 'tree' | 'commit'; sha: string }
  | { path: string; delete: true }

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

/** Thin typed wrapper over one bare repository. */
class Repo {
  constructor(readonly gitDir: string) {}

  run(args: string[], options: GitRunOptions = {}): Promise<Buffer> {
    return runGit(this.gitDir, args, options)
  }

  async text(args: string[], options: GitRunOptions = {}): Promise<string> {
    return (await this.run(args, options)).toString('utf8').trim()
  }

  /** The object's SHA, or undefined when `rev` does not resolve. */
  async resolve(rev: string): Promise<string | undefined> {
    try {
      const sha = await this.text(['rev-parse', '--verify', '--quiet', '--end-of-options', rev])
      return sha || undefined
    } catch {
      return undefined
    }
  }

  async typeOf(sha: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/.test(sha)) return undefined
    try {
      return await this.text(['cat-file', '-t', sha])
    } catch {
      return undefined
    }
  }

  hashBlob(content: string | Buffer): Promise<string> {
    return this.text(['hash-object', '-w', '--stdin'], { input: content })
  }

  async readBlob(sha: string): Promise<Buffer> {
    return this.run(['cat-file', 'blob', sha])
  }

  /** `git ls-tree -z -l`, optionally recursive (with the tree entries, like GitHub's `recursive=1`). */
  async lsTree(treeish: string, recursive: boolean, paths: string[] = []): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-z', '-l']
    if (recursive) args.push('-r', '-t')
    args.push(treeish)
    if (paths.length > 0) args.push('--', ...paths)
    const out = (await this.run(args)).toString('utf8')
    const entries: TreeEntry[] = []
    for (const record of out.split('\0')) {
      if (!record) continue
      const tab = record.indexOf('\t')
      const [mode, type, sha, size] = record.slice(0, tab).split(/ +/)
      const entry: TreeEntry = { path: record.slice(tab + 1), mode: mode!, type: type as TreeEntry['type'], sha: sha! }
      if (size && size !== '-') entry.size = Number(size)
      entries.push(entry)
    }
    return entries
  }

  /**
   * Builds a tree from `base` (a tree SHA, or none for an empty one) and `changes`, with the
   * semantics of GitHub's POST /git/trees: nested paths create directories, a file replaces a
   * directory of the same name and the other way round, deleting a missing path is an error.
   */
  async buildTree(base: string | undefined, changes: TreeChange[]): Promise<string> {
    // Leaves (blobs and submodules) by full path.
    const leaves = new Map<string, { mode: string; type: 'blob' | 'commit'; sha: string }>()
    if (base) {
      for (const e of await this.lsTree(base, true)) {
        if (e.type !== 'tree') leaves.set(e.path, { mode: e.mode, type: e.type, sha: e.sha })
      }
    }
    const removeUnder = (prefix: string): boolean => {
      let removed = false
      for (const path of [...leaves.keys()]) {
        if (path === prefix || path.startsWith(prefix + '/')) {
          leaves.delete(path)
          removed = true
        }
      }
      return removed
    }
    const removeParentsThatAreFiles = (path: string): void => {
      const parts = path.split('/')
      for (let i = 1; i < parts.length; i++) leaves.delete(parts.slice(0, i).join('/'))
    }
    for (const change of changes) {
      assertValidPath(change.path)
      if ('delete' in change) {
        if (!removeUnder(change.path)) {
          throw new HttpError(422, `GitRPC::BadObjectState: path '${change.path}' does not exist in the base tree`)
        }
        continue
      }
      if ('content' in change) {
        const mode = change.mode ?? '100644'
        if (!['100644', '100755', '120000'].includes(mode)) {
          throw new HttpError(422, `Invalid tree info: mode '${mode}' cannot have inline content`)
        }
        const sha = await this.hashBlob(change.content)
        removeUnder(change.path)
        removeParentsThatAreFiles(change.path)
        leaves.set(change.path, { mode, type: 'blob', sha })
        continue
      }
      const actual = await this.typeOf(change.sha)
      if (change.type !== 'commit' && actual !== change.type) {
        throw new HttpError(422, `GitRPC::BadObjectState: ${change.type} ${change.sha} does not exist`)
      }
      removeUnder(change.path)
      removeParentsThatAreFiles(change.path)
      if (change.type === 'tree') {
        for (const e of await this.lsTree(change.sha, true)) {
          if (e.type !== 'tree') leaves.set(`${change.path}/${e.path}`, { mode: e.mode, type: e.type, sha: e.sha })
        }
      } else {
        leaves.set(change.path, { mode: change.mode, type: change.type, sha: change.sha })
      }
    }
    return this.writeTrees(leaves)
  }

  private async writeTrees(leaves: Map<string, { mode: string; type: string; sha: string }>): Promise<string> {
    // directory ('' = root) -> name -> entry line
    const dirs = new Map<string, Map<string, string>>([['', new Map()]])
    const dirOf = (path: string): string => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '')
    const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1)
    const ensureDir = (dir: string): Map<string, string> => {
      let m = dirs.get(dir)
      if (!m) {
        m = new Map()
        dirs.set(dir, m)
        if (dir !== '') ensureDir(dirOf(dir))
      }
      return m
    }
    for (const [path, leaf] of leaves) {
      ensureDir(dirOf(path)).set(nameOf(path), `${leaf.mode} ${leaf.type} ${leaf.sha}\t${nameOf(path)}`)
    }
    const ordered = [...dirs.keys()].sort((a, b) => depth(b) - depth(a))
    let root = ''
    for (const dir of ordered) {
      const lines = [...dirs.get(dir)!.values()]
      const sha = await this.text(['mktree', '-z'], { input: lines.map((l) => l + '\0').join('') })
      if (dir === '') root = sha
      else dirs.get(dirOf(dir))!.set(nameOf(dir), `040000 tree ${sha}\t${nameOf(dir)}`)
    }
    return root
  }

  async commitTree(
    tree: string,
    parents: string[],
    message: string,
    author?: { name?: string; email?: string; date?: string },
    committer?: { name?: string; email?: string; date?: string },
  ): Promise<string> {
    const env: Record<string, string> = {}
    if (author?.name) env.GIT_AUTHOR_NAME = author.name
    if (author?.email) env.GIT_AUTHOR_EMAIL = author.email
    if (author?.date) env.GIT_AUTHOR_DATE = author.date
    const c = committer ?? author
    if (c?.name) env.GIT_COMMITTER_NAME = c.name
    if (c?.email) env.GIT_COMMITTER_EMAIL = c.email
    if (c?.date) env.GIT_COMMITTER_DATE = c.date
    const args = ['commit-tree', tree]
    for (const p of parents) args.push('-p', p)
    args.push('-F', '-')
    return this.text(args, { input: message, env })
  }

  /** Compare-and-swap: sets `ref` to `next` only if it is still `expected` (ZERO_OID: must not exist). */
  async updateRef(ref: string, next: string, expected: string): Promise<boolean> {
    try {
      await this.run(['update-ref', ref, next, expected])
      return true
    } catch (error) {
      if (error instanceof GitError) return false
      throw error
    }
  }

  async readCommit(sha: string): Promise<ParsedCommit> {
    const raw = (await this.run(['cat-file', 'commit', sha])).toString('utf8')
    const split = raw.indexOf('\n\n')
    const headers = raw.slice(0, split === -1 ? raw.length : split).split('\n')
    const message = split === -1 ? '' : raw.slice(split + 2)
    const parsed: ParsedCommit = { sha, tree: '', parents: [], author: emptyPerson(), committer: emptyPerson(), message }
    for (const line of headers) {
      const space = line.indexOf(' ')
      const key = line.slice(0, space)
      const value = line.slice(space + 1)
      if (key === 'tree') parsed.tree = value
      else if (key === 'parent') parsed.parents.push(value)
      else if (key === 'author') parsed.author = parsePerson(value)
      else if (key === 'committer') parsed.committer = parsePerson(value)
    }
    return parsed
  }
}

interface Person {
  name: string
  email: string
  date: string
}
interface ParsedCommit {
  sha: string
  tree: string
  parents: string[]
  author: Person
  committer: Person
  message: string
}

function emptyPerson(): Person {
  return { name: '', email: '', date: new Date(0).toISOString() }
}

function parsePerson(value: string): Person {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(value)
  if (!m) return { name: value, email: '', date: new Date(0).toISOString() }
  return { name: m[1]!, email: m[2]!, date: new Date(Number(m[3]) * 1000).toISOString().replace('.000Z', 'Z') }
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length
}

function assertValidPath(path: string): void {
  const parts = path.split('/')
  if (!path || parts.some((p) => p === '' || p === '.' || p === '..' || p === '.git')) {
    throw new HttpError(422, `tree.path contains a malformed path component`, {
      errors: [{ resource: 'Tree', field: 'path', code: 'invalid', value: path }],
    })
  }
}

// ---------------------------------------------------------------------------
// repository fixture

export type FileSpec = string | Buffer | { content: string | Buffer; mode: '100644' | '100755' }

export interface CreatedRepository {
  /** Temporary directory holding both repositories; removed by `cleanup()`. */
  root: string
  /** Path of the bare repository (what the emulator serves). */
  bareRepo: string
  /** A non-bare clone at the same commit: the action's workspace. */
  workDir: string
  /** The SHA of the one commit on `branch`. */
  sha: string
  branch: string
  cleanup(): Promise<void>
}

/** Creates a bare repository with one commit holding `files`, and a working clone of it. */
export async function createRepository(
  files: Record<string, FileSpec>,
  options: { branch?: string; message?: string } = {},
): Promise<CreatedRepository> {
  const branch = options.branch ?? 'main'
  const root = await mkdtemp(join(tmpdir(), 'gh-emulator-'))
  const bareRepo = join(root, 'origin.git')
  const workDir = join(root, 'workspace')
  await runGit(root, ['init', '--quiet', '--bare', `--initial-branch=${branch}`, bareRepo])
  const repo = new Repo(bareRepo)
  const changes: TreeChange[] = Object.entries(files).map(([path, spec]) =>
    typeof spec === 'string' || Buffer.isBuffer(spec) ? { path, content: spec } : { path, content: spec.content, mode: spec.mode },
  )
  const tree = await repo.buildTree(undefined, changes)
  const sha = await repo.commitTree(tree, [], options.message ?? 'Initial commit\n', { name: 'Author', email: 'author@example.com' })
  await repo.updateRef(`refs/heads/${branch}`, sha, ZERO_OID)
  await runGit(root, ['-c', 'core.autocrlf=false', 'clone', '--quiet', '--branch', branch, bareRepo, workDir])
  await runGit(workDir, ['config', 'core.autocrlf', 'false'], { cwd: workDir })
  return { root, bareRepo, workDir, sha, branch, cleanup: () => rm(root, { recursive: true, force: true }) }
}

// ---------------------------------------------------------------------------
// the emulator

export interface RequestRecord {
  method: string
  /** The raw path without the query string, as sent (may contain %2F). */
  path: string
  /** The query string without `?`, '' when none. */
  query: string
  /** Response status, set when the response is sent. */
  status?: number
}

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

export interface LogEntry {
  sha: string
  message: string
  parents: string[]
  /** Paths changed against the first parent (all paths for a root commit). */
  paths: string[]
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

type RefUpdateHook = (branch: string) => void | Promise<void>

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
  failWrites(response?: { status?: number; message?: string }): void
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

const DOCS = 'https://docs.github.com/rest'

export async function startGitHubEmulator(options: GitHubEmulatorOptions): Promise<GitHubEmulator> {
  const repo = new Repo(options.bareRepo)
  const defaultBranch = options.defaultBranch ?? 'main'
  const requests: RequestRecord[] = []
  const pulls: PullRequestRecord[] = []
  const comments: CommentRecord[] = []
  const issues = new Set<number>()
  const refUpdateHooks: RefUpdateHook[] = []
  const protectedBranches = new Map<string, 'branch-protection' | 'ruleset'>()
  const denied = new Set<Permission>()
  let refUpdateFailures = { remaining: 0, status: 500, message: 'Server Error' }
  let writeFailure: { status: number; message: string } | undefined
  let nextNumber = 1
  let nextCommentId = 1_000_001
  let baseUrl = ''

  const repoPrefix = `/repos/${options.owner}/${options.repo}`
  const apiRepoUrl = (): string => `${baseUrl}${repoPrefix}`
  const htmlRepoUrl = (): string => `${baseUrl}/${options.owner}/${options.repo}`

  async function resolveCommit(ref: string): Promise<string | undefined> {
    if (/^[0-9a-f]{40}$/.test(ref)) return (await repo.typeOf(ref)) === 'commit' ? ref : undefined
    return (
      (await repo.resolve(`refs/heads/${ref}^{commit}`)) ??
      (await repo.resolve(`refs/tags/${ref}^{commit}`)) ??
      (/^[0-9a-f]{4,40}$/.test(ref) ? await repo.resolve(`${ref}^{commit}`) : undefined)
    )
  }

  function refJson(ref: string, sha: string): unknown {
    return {
      ref,
      node_id: Buffer.from(ref).toString('base64'),
      url: `${apiRepoUrl()}/git/${ref}`,
      object: { sha, type: 'commit', url: `${apiRepoUrl()}/git/commits/${sha}` },
    }
  }

  async function commitJson(sha: string): Promise<unknown> {
    const c = await repo.readCommit(sha)
    return {
      sha,
      node_id: Buffer.from(`commit:${sha}`).toString('base64'),
      url: `${apiRepoUrl()}/git/commits/${sha}`,
      html_url: `${htmlRepoUrl()}/commit/${sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      tree: { sha: c.tree, url: `${apiRepoUrl()}/git/trees/${c.tree}` },
      parents: c.parents.map((p) => ({ sha: p, url: `${apiRepoUrl()}/git/commits/${p}`, html_url: `${htmlRepoUrl()}/commit/${p}` })),
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    }
  }

  function treeEntryJson(e: TreeEntry): unknown {
    const entry: Record<string, unknown> = { path: e.path, mode: e.mode, type: e.type, sha: e.sha }
    if (e.type === 'blob') {
      entry.size = e.size
      entry.url = `${apiRepoUrl()}/git/blobs/${e.sha}`
    } else if (e.type === 'tree') entry.url = `${apiRepoUrl()}/git/trees/${e.sha}`
    return entry
  }

  async function treeJson(treeSha: string, recursive: boolean): Promise<unknown> {
    const entries = await repo.lsTree(treeSha, recursive)
    return { sha: treeSha, url: `${apiRepoUrl()}/git/trees/${treeSha}`, tree: entries.map(treeEntryJson), truncated: false }
  }

  function issueExists(n: number): boolean {
    return issues.has(n) || pulls.some((p) => p.number === n)
  }

  function commentJson(c: CommentRecord): unknown {
    const pr = pulls.some((p) => p.number === c.issue_number)
    return {
      id: c.id,
      node_id: Buffer.from(`comment:${c.id}`).toString('base64'),
      url: `${apiRepoUrl()}/issues/comments/${c.id}`,
      html_url: `${htmlRepoUrl()}/${pr ? 'pull' : 'issues'}/${c.issue_number}#issuecomment-${c.id}`,
      issue_url: `${apiRepoUrl()}/issues/${c.issue_number}`,
      body: c.body,
      user: c.user,
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: 'NONE',
    }
  }

  function pullJson(p: PullRequestRecord): unknown {
    return {
      id: 5_000_000 + p.number,
      node_id: Buffer.from(`pull:${p.number}`).toString('base64'),
      number: p.number,
      state: p.state,
      title: p.title,
      body: p.body,
      draft: false,
      url: `${apiRepoUrl()}/pulls/${p.number}`,
      html_url: p.html_url,
      head: { label: `${options.owner}:${p.head}`, ref: p.head, sha: p.headSha },
      base: { label: `${options.owner}:${p.base}`, ref: p.base },
      user: { login: BOT.name, type: 'Bot' },
    }
  }

  function base64Wrapped(bytes: Buffer): string {
    const b64 = bytes.toString('base64')
    return (b64.match(/.{1,60}/g) ?? []).map((l) => l + '\n').join('')
  }

  async function pushCommit(branch: string, change: { files: Record<string, string | Buffer | null>; message?: string }): Promise<string> {
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

  // ---- routes -------------------------------------------------------------

  type Handler = (ctx: Ctx) => Promise<[number, unknown] | [number, unknown, Record<string, string>]>
  interface Ctx {
    method: string
    params: string[]
    query: URLSearchParams
    body: Record<string, unknown>
  }
  const routes: [string, RegExp, Handler][] = []
  const route = (method: string, pattern: string, handler: Handler): void => {
    // `{x}` matches one segment, `{x+}` the rest of the path (refs, file paths), `{x*}` the rest or nothing.
    const source = pattern
      .replace(/\{[a-z_]+\+\}/g, '(.+)')
      .replace(/\{[a-z_]+\*\}/g, '(.*)')
      .replace(/\{[a-z_]+\}/g, '([^/]+)')
    routes.push([method, new RegExp(`^${repoPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${source}$`), handler])
  }

  route('GET', '', async () => [
    200,
    {
      id: 1296269,
      node_id: 'R_emulated',
      name: options.repo,
      full_name: `${options.owner}/${options.repo}`,
      owner: { login: options.owner, type: 'User' },
      private: options.private ?? false,
      visibility: options.private ? 'private' : 'public',
      default_branch: defaultBranch,
      html_url: htmlRepoUrl(),
      url: apiRepoUrl(),
    },
  ])

  route('GET', '/git/ref/{ref+}', async ({ params }) => {
    const ref = `refs/${params[0]}`
    const sha = await repo.resolve(ref)
    if (!sha) throw new HttpError(404, 'Not Found')
    return [200, refJson(ref, sha)]
  })

  route('GET', '/git/matching-refs/{ref*}', async ({ params }) => {
    // GitHub matches a prefix of the name after `refs/` (heads/medium-publish/ matches every branch under it).
    const prefix = `refs/${params[0] ?? ''}`
    const listing = (await repo.run(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/'])).toString('utf8')
    const refs = listing
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string])
      .filter(([ref]) => ref.startsWith(prefix))
      .map(([ref, sha]) => refJson(ref, sha))
    return [200, refs]
  })

  route('GET', '/git/commits/{sha}', async ({ params }) => {
    const sha = params[0]!
    if ((await repo.typeOf(sha)) !== 'commit') throw new HttpError(404, 'Not Found')
    return [200, await commitJson(sha)]
  })

  route('GET', '/git/trees/{tree+}', async ({ params, query }) => {
    const name = params[0]!
    const treeSha = /^[0-9a-f]{40}$/.test(name)
      ? await repo.resolve(`${name}^{tree}`)
      : ((await repo.resolve(`refs/heads/${name}^{tree}`)) ?? (await repo.resolve(`refs/tags/${name}^{tree}`)))
    if (!treeSha) throw new HttpError(404, 'Not Found')
    const recursive = query.has('recursive') && !['0', 'false', ''].includes(query.get('recursive') ?? '')
    return [200, await treeJson(treeSha, recursive)]
  })

  route('GET', '/git/blobs/{sha}', async ({ params }) => {
    const sha = params[0]!
    if ((await repo.typeOf(sha)) !== 'blob') throw new HttpError(404, 'Not Found')
    const bytes = await repo.readBlob(sha)
    return [
      200,
      { sha, node_id: '', size: bytes.length, url: `${apiRepoUrl()}/git/blobs/${sha}`, content: base64Wrapped(bytes), encoding: 'base64' },
    ]
  })

  route('POST', '/git/blobs', async ({ body }) => {
    const { content, encoding = 'utf-8' } = body
    if (typeof content !== 'string') throw new HttpError(422, 'Invalid request.\n\n"content" wasn\'t supplied.')
    if (encoding !== 'utf-8' && encoding !== 'base64')
      throw new HttpError(422, `Invalid request.\n\nencoding "${String(encoding)}" is not supported.`)
    const sha = await repo.hashBlob(encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8'))
    return [201, { url: `${apiRepoUrl()}/git/blobs/${sha}`, sha }]
  })

  route('POST', '/git/trees', async ({ body }) => {
    const { base_tree: baseTree, tree } = body
    if (!Array.isArray(tree)) throw new HttpError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.')
    if (baseTree !== undefined && baseTree !== null) {
      if (typeof baseTree !== 'string' || (await repo.typeOf(baseTree)) !== 'tree') {
        throw new HttpError(422, `base_tree ${JSON.stringify(baseTree)} is not a valid tree oid`)
      }
    }
    const changes: TreeChange[] = []
    for (const raw of tree as Record<string, unknown>[]) {
      const { path, mode, type, sha, content } = raw
      if (typeof path !== 'string') throw new HttpError(422, 'Invalid tree info: "path" wasn\'t supplied.')
      if (typeof mode !== 'string' || !['100644', '100755', '040000', '160000', '120000'].includes(mode)) {
        throw new HttpError(
          422,
          `Invalid tree info: mode ${JSON.stringify(mode)} for "${path}" is not one of 100644, 100755, 040000, 160000, 120000`,
        )
      }
      if (content !== undefined && sha !== undefined) {
        throw new HttpError(422, `Invalid tree info: "${path}" has both "sha" and "content"; send one`)
      }
      if (typeof content === 'string') {
        if (type !== undefined && type !== 'blob')
          throw new HttpError(422, `Invalid tree info: "${path}" has content but type "${String(type)}"`)
        changes.push({ path, mode, content })
      } else if (sha === null) {
        changes.push({ path, delete: true })
      } else if (typeof sha === 'string') {
        const t = type ?? (mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob')
        if (t !== 'blob' && t !== 'tree' && t !== 'commit') throw new HttpError(422, `Invalid tree info: type "${String(t)}"`)
        changes.push({ path, mode, type: t, sha })
      } else {
        throw new HttpError(422, `Invalid tree info: "${path}" needs "sha" or "content"`)
      }
    }
    const sha = await repo.buildTree(typeof baseTree === 'string' ? baseTree : undefined, changes)
    return [201, await treeJson(sha, false)]
  })

  route('POST', '/git/commits', async ({ body }) => {
    const { message, tree, parents = [], author, committer } = body
    if (typeof message !== 'string') throw new HttpError(422, 'Invalid request.\n\n"message" wasn\'t supplied.')
    if (typeof tree !== 'string' || (await repo.typeOf(tree)) !== 'tree') throw new HttpError(422, 'Tree SHA does not exist')
    if (!Array.isArray(parents)) throw new HttpError(422, 'Invalid request.\n\n"parents" must be an array.')
    for (const p of parents) {
      if (typeof p !== 'string' || (await repo.typeOf(p)) !== 'commit') {
        throw new HttpError(422, 'Parent SHA does not exist or is not a commit object')
      }
    }
    const sha = await repo.commitTree(
      tree,
      parents as string[],
      message,
      author as { name?: string; email?: string; date?: string } | undefined,
      committer as { name?: string; email?: string; date?: string } | undefined,
    )
    return [201, await commitJson(sha)]
  })

  route('PATCH', '/git/refs/{ref+}', async ({ params, body }) => {
    const ref = `refs/${params[0]}`
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
    const hook = refUpdateHooks.shift()
    if (hook && branch) await hook(branch)
    if (refUpdateFailures.remaining > 0) {
      refUpdateFailures.remaining--
      throw new HttpError(refUpdateFailures.status, refUpdateFailures.message)
    }
    const { sha, force = false } = body
    if (typeof sha !== 'string') throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
    const current = await repo.resolve(ref)
    if (!current) throw new HttpError(422, 'Reference does not exist')
    if ((await repo.typeOf(sha)) !== 'commit') throw new HttpError(422, 'Object does not exist')
    const protection = branch ? protectedBranches.get(branch) : undefined
    if (protection === 'branch-protection') throw new HttpError(422, `Protected branch update failed for ${ref}.`)
    if (protection === 'ruleset') {
      throw new HttpError(409, 'Repository rule violations found\n\nChanges must be made through a pull request.\n\n', {
        documentation_url: `${DOCS}/git/refs#update-a-reference`,
      })
    }
    if (force !== true && current !== sha) {
      try {
        await repo.run(['merge-base', '--is-ancestor', current, sha])
      } catch {
        throw new HttpError(422, 'Update is not a fast forward')
      }
    }
    if (!(await repo.updateRef(ref, sha, current))) {
      // The ref moved between the read and the swap: for a non-forced update that is a non-fast-forward.
      throw new HttpError(422, 'Update is not a fast forward')
    }
    return [200, refJson(ref, sha)]
  })

  route('POST', '/git/refs', async ({ body }) => {
    const { ref, sha } = body
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
      throw new HttpError(422, `Reference name ${JSON.stringify(ref)} is not well formed: expected "refs/heads/<name>"`)
    }
    try {
      await repo.run(['check-ref-format', ref])
    } catch {
      throw new HttpError(422, `${ref} is not a valid ref name.`)
    }
    if (typeof sha !== 'string' || (await repo.typeOf(sha)) === undefined) throw new HttpError(422, 'Object does not exist')
    if (await repo.resolve(ref)) throw new HttpError(422, 'Reference already exists')
    if (!(await repo.updateRef(ref, sha, ZERO_OID))) throw new HttpError(422, 'Reference already exists')
    return [201, refJson(ref, sha)]
  })

  route('GET', '/contents{path*}', async ({ params, query }) => {
    const path = (params[0] ?? '').replace(/^\/+|\/+$/g, '')
    const ref = query.get('ref') || defaultBranch
    const commit = await resolveCommit(ref)
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`)
    const contentJson = (e: TreeEntry, full: boolean, bytes?: Buffer): Record<string, unknown> => {
      const type = e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : e.mode === '120000' ? 'symlink' : 'file'
      const json: Record<string, unknown> = {
        type,
        name: e.path.slice(e.path.lastIndexOf('/') + 1),
        path: e.path,
        sha: e.sha,
        size: e.size ?? 0,
        url: `${apiRepoUrl()}/contents/${e.path}?ref=${encodeURIComponent(ref)}`,
        html_url: `${htmlRepoUrl()}/blob/${ref}/${e.path}`,
        git_url: `${apiRepoUrl()}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        download_url: type === 'file' ? `${baseUrl}/raw/${options.owner}/${options.repo}/${ref}/${e.path}` : null,
      }
      if (full && bytes) {
        // Like GitHub: files over 1 MB come back without content ("encoding": "none").
        if (bytes.length > 1024 * 1024) Object.assign(json, { content: '', encoding: 'none' })
        else Object.assign(json, { content: base64Wrapped(bytes), encoding: 'base64' })
      }
      return json
    }
    if (path === '') return [200, (await repo.lsTree(commit, false)).map((e) => contentJson(e, false))]
    const [entry] = await repo.lsTree(commit, false, [path])
    if (!entry || entry.path !== path) throw new HttpError(404, 'Not Found')
    if (entry.type === 'tree')
      return [200, (await repo.lsTree(`${commit}:${path}`, false)).map((e) => contentJson({ ...e, path: `${path}/${e.path}` }, false))]
    const bytes = entry.type === 'blob' ? await repo.readBlob(entry.sha) : undefined
    return [200, contentJson(entry, true, bytes)]
  })

  route('GET', '/compare/{basehead+}', async ({ params, query }) => {
    const basehead = params[0]!
    const sep = basehead.indexOf('...')
    if (sep === -1) throw new HttpError(404, 'Not Found')
    const base = await resolveCommit(basehead.slice(0, sep))
    const head = await resolveCommit(basehead.slice(sep + 3))
    if (!base || !head) throw new HttpError(404, `No common ancestor between ${basehead.slice(0, sep)} and ${basehead.slice(sep + 3)}.`)
    let mergeBase: string
    try {
      mergeBase = await repo.text(['merge-base', base, head])
    } catch {
      throw new HttpError(404, `No common ancestor between ${basehead.slice(0, sep)} and ${basehead.slice(sep + 3)}.`)
    }
    const aheadShas = (await repo.text(['rev-list', '--reverse', `${base}..${head}`])).split('\n').filter(Boolean)
    const behindBy = Number(await repo.text(['rev-list', '--count', `${head}..${base}`]))
    const status =
      aheadShas.length === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadShas.length === 0 ? 'behind' : 'diverged'
    const paging = query.has('per_page') || query.has('page')
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 250) || 250, 1), paging ? 100 : 250)
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1)
    const pageShas = aheadShas.slice((page - 1) * perPage, page * perPage)
    const json: Record<string, unknown> = {
      url: `${apiRepoUrl()}/compare/${basehead}`,
      html_url: `${htmlRepoUrl()}/compare/${basehead}`,
      status,
      ahead_by: aheadShas.length,
      behind_by: behindBy,
      total_commits: aheadShas.length,
      base_commit: await commitJson(base),
      merge_base_commit: await commitJson(mergeBase),
      commits: await Promise.all(pageShas.map(async (sha) => ({ sha, commit: await commitJson(sha) }))),
    }
    // Like GitHub: with paging, the files (all of them, at most 300) come only with page 1.
    if (page === 1) json.files = await compareFiles(mergeBase, head)
    const headers: Record<string, string> = {}
    if (paging) {
      const last = Math.max(Math.ceil(aheadShas.length / perPage), 1)
      const link = (p: number): string => `<${apiRepoUrl()}/compare/${basehead}?per_page=${perPage}&page=${p}>`
      const links: string[] = []
      if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
      if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
      if (links.length) headers.link = links.join(', ')
    }
    return [200, json, headers]
  })

  async function compareFiles(from: string, to: string): Promise<unknown[]> {
    const nameStatus = (await repo.run(['diff', '--name-status', '-z', '-M', from, to])).toString('utf8').split('\0')
    const numstat = (await repo.run(['diff', '--numstat', '-z', '-M', from, to])).toString('utf8')
    const counts = new Map<string, [number, number]>()
    // numstat -z: "added\tdeleted\tpath\0" or, for renames, "added\tdeleted\t\0old\0new\0"
    const parts = numstat.split('\0')
    for (let i = 0; i < parts.length; i++) {
      const m = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(parts[i]!)
      if (!m) continue
      const path = m[3] === '' ? parts[(i += 2)]! : m[3]!
      counts.set(path, [m[1] === '-' ? 0 : Number(m[1]), m[2] === '-' ? 0 : Number(m[2])])
    }
    const files: unknown[] = []
    for (let i = 0; i < nameStatus.length;) {
      const code = nameStatus[i++]
      if (!code) break
      const letter = code[0]!
      let previous: string | undefined
      if (letter === 'R' || letter === 'C') previous = nameStatus[i++]
      const filename = nameStatus[i++]!
      const status = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' }[letter] ?? 'changed'
      const [additions, deletions] = counts.get(filename) ?? [0, 0]
      const sha = (await repo.resolve(`${letter === 'D' ? from : to}:${filename}`)) ?? null
      const file: Record<string, unknown> = { sha, filename, status, additions, deletions, changes: additions + deletions }
      if (previous !== undefined) file.previous_filename = previous
      files.push(file)
    }
    return files.slice(0, 300)
  }

  route('POST', '/pulls', async ({ body }) => {
    const { title, head, base, body: text = '' } = body
    const invalid = (field: string): HttpError =>
      new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] })
    if (typeof base !== 'string' || !(await repo.resolve(`refs/heads/${base}`))) throw invalid('base')
    const headName = typeof head === 'string' ? head.replace(new RegExp(`^${options.owner}:`), '') : undefined
    const headSha = headName ? await repo.resolve(`refs/heads/${headName}`) : undefined
    if (!headName || !headSha) throw invalid('head')
    if (typeof title !== 'string' || title === '') {
      throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }] })
    }
    const ahead = Number(await repo.text(['rev-list', '--count', `refs/heads/${base}..${headSha}`]))
    if (ahead === 0) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headName}` }],
      })
    }
    if (pulls.some((p) => p.state === 'open' && p.head === headName && p.base === base)) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${options.owner}:${headName}.` }],
      })
    }
    const number = nextNumber++
    const pr: PullRequestRecord = {
      number,
      title,
      body: typeof text === 'string' ? text : '',
      head: headName,
      base,
      headSha,
      state: 'open',
      html_url: `${htmlRepoUrl()}/pull/${number}`,
    }
    pulls.push(pr)
    return [201, pullJson(pr)]
  })

  route('GET', '/issues/{n}/comments', async ({ params, query }) => {
    const n = Number(params[0])
    if (!issueExists(n)) throw new HttpError(404, 'Not Found')
    const all = comments.filter((c) => c.issue_number === n)
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1)
    const last = Math.max(Math.ceil(all.length / perPage), 1)
    const link = (p: number): string => `<${apiRepoUrl()}/issues/${n}/comments?per_page=${perPage}&page=${p}>`
    const links: string[] = []
    if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {}
    return [200, all.slice((page - 1) * perPage, page * perPage).map(commentJson), headers]
  })

  route('POST', '/issues/{n}/comments', async ({ params, body }) => {
    const n = Number(params[0])
    if (!issueExists(n)) throw new HttpError(404, 'Not Found')
    if (typeof body.body !== 'string' || body.body === '') throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.')
    const c = newComment(n, body.body, BOT.name)
    return [201, commentJson(c)]
  })

  route('PATCH', '/issues/comments/{id}', async ({ params, body }) => {
    const c = comments.find((x) => x.id === Number(params[0]))
    if (!c) throw new HttpError(404, 'Not Found')
    if (typeof body.body !== 'string' || body.body === '') throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.')
    c.body = body.body
    c.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    return [200, commentJson(c)]
  })

  function newComment(issueNumber: number, body: string, login: string): CommentRecord {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    const c: CommentRecord = {
      id: nextCommentId++,
      issue_number: issueNumber,
      body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: now,
      updated_at: now,
    }
    comments.push(c)
    return c
  }

  function permissionFor(method: string, path: string): Permission | undefined {
    const rest = path.slice(repoPrefix.length)
    if (rest.startsWith('/issues/')) return 'issues'
    if (rest === '/pulls' && method === 'POST') return 'pull-requests'
    if ((rest.startsWith('/git/') || rest.startsWith('/contents/')) && method !== 'GET') return 'contents'
    return undefined
  }

  // ---- server -------------------------------------------------------------

  async function handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> {
    const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      const payload = JSON.stringify(json)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
        'x-github-media-type': 'github.v3; format=json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      })
      res.end(payload)
    }
    const fail = (status: number, message: string, extra: Record<string, unknown> = {}): void =>
      send(status, { message, documentation_url: DOCS, status: String(status), ...extra })

    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    try {
      const auth = req.headers.authorization ?? ''
      const m = /^(?:token|bearer)\s+(.+)$/i.exec(auth)
      if (!m || m[1] !== options.token) return fail(401, 'Bad credentials')

      const method = req.method ?? 'GET'
      const query = new URLSearchParams(record.query)
      const matching = routes.filter(([, re]) => re.test(record.path))
      const found = matching.find(([m2]) => m2 === method)
      if (!found) return fail(404, 'Not Found')
      const [, re, handler] = found
      const params = (re.exec(record.path) ?? []).slice(1).map((p) => decodeURIComponent(p))

      const permission = permissionFor(method, record.path)
      if (permission && denied.has(permission)) return fail(403, 'Resource not accessible by integration')
      if (writeFailure && method !== 'GET' && method !== 'HEAD') return fail(writeFailure.status, writeFailure.message)

      let body: Record<string, unknown> = {}
      if (chunks.length > 0) {
        try {
          const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>
          else return fail(400, 'Problems parsing JSON')
        } catch {
          return fail(400, 'Problems parsing JSON')
        }
      }
      const [status, json, headers] = await handler({ method, params, query, body })
      send(status, json, headers)
    } catch (error) {
      if (error instanceof HttpError) return fail(error.status, error.message, error.extra)
      const message = error instanceof Error ? error.message : String(error)
      fail(500, `Emulator error: ${message}`)
    }
  }

  const server = createServer((req, res) => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? '' : url.slice(q + 1),
    }
    requests.push(record)
    void handle(req, res, record)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    get url() {
      return baseUrl
    },
    requests,
    pulls,
    comments,
    beforeNextRefUpdate(hook) {
      refUpdateHooks.push(hook)
    },
    concurrentCommitBeforeRefUpdate({ path, content, message }) {
      refUpdateHooks.push(async (branch) => {
        await pushCommit(branch, { files: { [path]: content }, message: message ?? `Concurrent change to ${path}\n` })
      })
    },
    pushCommit,
    protectBranch(name, how = 'branch-protection') {
      protectedBranches.set(name, how)
    },
    failRefUpdates(count = Number.POSITIVE_INFINITY, response = {}) {
      refUpdateFailures = { remaining: count, status: response.status ?? 500, message: response.message ?? 'Server Error' }
    },
    failWrites(response = {}) {
      writeFailure = { status: response.status ?? 403, message: response.message ?? 'Resource not accessible by integration' }
    },
    denyPermission(permission) {
      denied.add(permission)
    },
    addPullRequest({ head, base = defaultBranch, title = `Change ${head}` }) {
      const number = nextNumber++
      pulls.push({ number, title, body: '', head, base, headSha: '', state: 'open', html_url: `${htmlRepoUrl()}/pull/${number}` })
      return number
    },
    addComment(issueNumber, body, login = 'octocat') {
      if (!issueExists(issueNumber)) issues.add(issueNumber)
      return newComment(issueNumber, body, login)
    },
    async headOf(branch) {
      return repo.resolve(`refs/heads/${branch}`)
    },
    async fileAt(ref, path) {
      const commit = await resolveCommit(ref)
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

// git plumbing for the GitHub emulator: one `git` process per call, without the user's or the system's
// configuration (no autocrlf, no signing), and the parsing of what git prints about trees and commits.
import { spawn } from 'node:child_process'

export const ZERO_OID = '0000000000000000000000000000000000000000'
export const BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' }

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

export interface GitRunOptions {
  input?: string | Buffer
  env?: Record<string, string>
  cwd?: string
}

export function runGit(gitDir: string, args: string[], options: GitRunOptions = {}): Promise<Buffer> {
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

export interface Person {
  name: string
  email: string
  date: string
}
export interface ParsedCommit {
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

/** `git ls-tree -z -l` output as entries. */
export function parseLsTree(out: string): TreeEntry[] {
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

/** `git cat-file commit` output as a commit. */
export function parseCommit(sha: string, raw: string): ParsedCommit {
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

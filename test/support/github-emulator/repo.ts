// One bare repository as the GitHub emulator sees it: objects read and written with git plumbing, trees
// built with the semantics of GitHub's POST /git/trees, and refs moved by compare-and-swap.
import {
  GitError,
  parseCommit,
  parseLsTree,
  runGit,
  type GitRunOptions,
  type ParsedCommit,
  type TreeChange,
  type TreeEntry,
} from './git.js'
import { HttpError } from './router.js'

/** Thin typed wrapper over one bare repository. */
export class Repo {
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
    return parseLsTree((await this.run(args)).toString('utf8'))
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
    return parseCommit(sha, (await this.run(['cat-file', 'commit', sha])).toString('utf8'))
  }
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

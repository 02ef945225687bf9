import path from 'node:path'
import { readdir, type Dirent } from 'node:fs'
import { glob } from 'tinyglobby'
import { InputError } from '../errors.js'

/**
 * The article files matched by the `articles` globs (a `!` line excludes),
 * workspace-relative with `/` separators, sorted. Patterns that would leave
 * the workspace are refused.
 */
export async function discoverArticles(workspace: string, patterns: readonly string[]): Promise<Discovered> {
  const include: string[] = []
  const ignore: string[] = []
  for (const raw of patterns) {
    const negated = raw.startsWith('!')
    const pattern = (negated ? raw.slice(1) : raw).replace(/\\/g, '/').replace(/^\.\//, '')
    if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern) || pattern.split('/').includes('..')) {
      throw new InputError(
        `Input 'articles' has the pattern '${raw}', which leaves the workspace. Use a pattern relative to the repository root, such as 'content/**/*.md'.`,
      )
    }
    ;(negated ? ignore : include).push(pattern)
  }
  const symlinks = new Set<string>()
  const found = await glob(include, {
    cwd: workspace,
    ignore,
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
    expandDirectories: false,
    fs: { readdir: readdirListingSymlinksAsFiles(symlinks) as never },
  })
  const paths = (path.sep === '/' ? found : found.map((p) => p.replace(/\\/g, '/'))).sort(compareCodePoints)
  if (symlinks.size === 0) return { paths, symlinks }
  const root = path.resolve(workspace)
  return { paths, symlinks: new Set(paths.filter((p) => symlinks.has(path.join(root, p)))) }
}

export interface Discovered {
  /** Workspace-relative, `/` separators, sorted. */
  paths: string[]
  /** Those of `paths` that are symbolic links (seen while listing, so reading needs no lstat). */
  symlinks: Set<string>
}

/**
 * `followSymbolicLinks: false` makes the glob drop symlinks silently; DESIGN.md wants a symlinked
 * article reported (`file-symlink`, by the reader). So every symlink is listed as a plain file:
 * never followed, matched by name like any file, and refused when it is read.
 */
function readdirListingSymlinksAsFiles(symlinks: Set<string>) {
  return (
    dir: string,
    options: { withFileTypes: true },
    callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void,
  ): void => {
    readdir(dir, options, (error, entries) => {
      if (error) return callback(error, [])
      callback(
        null,
        entries.map((entry) => {
          if (!entry.isSymbolicLink()) return entry
          symlinks.add(path.resolve(dir, entry.name))
          return Object.assign(Object.create(entry) as Dirent, {
            isFile: () => true,
            isDirectory: () => false,
            isSymbolicLink: () => false,
          })
        }),
      )
    })
  }
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

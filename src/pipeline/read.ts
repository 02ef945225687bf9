/**
 * read: each discovered article as UTF-8 text, one at a time. An article whose url-key a line scan
 * settles (core/records/peek.ts) is reported as recorded and its text dropped at once, so a run over
 * thousands of published articles keeps none of them in memory and loads no YAML parser.
 */
import { readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { ArticleSource } from '../core/article.js'
import type { Diagnostic } from '../core/diagnostic.js'
import type { FrontMatterOptions } from '../core/frontmatter/block.js'
import { peekRecordedUrl } from '../core/records/peek.js'
import type { Discovered } from './discover.js'

export type ReadArticle =
  | { kind: 'source'; source: ArticleSource }
  /** Already on Medium: the url-key line settled it; the text was not kept. */
  | { kind: 'recorded'; path: string; url: string }
  | { kind: 'unreadable'; diagnostic: Diagnostic }

export interface ReadInput {
  workspace: string
  discovered: Discovered
  urlKey: string
  /** Keep every article's text, recorded or not (`medium-publish preview`). */
  keepRecorded?: boolean
  /** How this site's front-matter is read (Pelican metadata lines, Zola's `[extra]`). */
  frontMatter?: FrontMatterOptions
}

export function readArticles(input: ReadInput): ReadArticle[] {
  const inside = insideWorkspace(input.workspace)
  return input.discovered.paths.map((relativePath) => {
    const read = inside(relativePath)
      ? readArticle(input.workspace, relativePath, input.discovered.symlinks.has(relativePath))
      : outside(relativePath)
    if (!read.ok) return { kind: 'unreadable', diagnostic: read.diagnostic }
    const url = input.keepRecorded ? undefined : peekRecordedUrl(read.source.text, input.urlKey, input.frontMatter)
    // A copy, not a slice: a slice would keep the whole article text alive for the run.
    if (url !== undefined) return { kind: 'recorded', path: relativePath, url: Buffer.from(url, 'utf8').toString('utf8') }
    return { kind: 'source', source: read.source }
  })
}

type ReadResult = { ok: true; source: ArticleSource } | { ok: false; diagnostic: Diagnostic }

/**
 * Whether an article's folder, every symlink resolved, is inside the workspace (failure rule 9): a glob
 * walks into a symlinked folder it names. One realpath per folder, not per file.
 */
export function insideWorkspace(workspace: string): (relativePath: string) => boolean {
  const root = realpathSync(workspace)
  // By the folder as the path writes it (`/` separators, from discovery): no path arithmetic per file.
  const folders = new Map<string, boolean>()
  return (relativePath) => {
    const written = relativePath.slice(0, Math.max(0, relativePath.lastIndexOf('/')))
    let inside = folders.get(written)
    if (inside === undefined) {
      try {
        const real = path.relative(root, realpathSync(path.join(workspace, written)))
        inside = real === '' || (!real.startsWith('..') && !path.isAbsolute(real))
      } catch {
        inside = false
      }
      folders.set(written, inside)
    }
    return inside
  }
}

function outside(relativePath: string): ReadResult {
  const message = `'${relativePath}' is in a folder that is a symbolic link to a place outside the repository, so it is not read: articles must be inside the repository. Move the folder into the repository, or narrow the 'articles' glob.`
  return { ok: false, diagnostic: { path: relativePath, line: 1, severity: 'error', ruleId: 'file-outside-workspace', message } }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Reads one article as UTF-8 text, BOM kept. A symlink, an empty file or bytes that are not UTF-8
 * text are errors with line 1 (DESIGN.md "Errors, not fallbacks"). Whether the file is a symlink
 * comes from discovery, which saw it while listing the folder.
 *
 * Synchronous on purpose: the pipeline reads, peeks and forgets one article at a time, which for
 * thousands of small files is several times faster than fs/promises (one thread-pool round trip per
 * call).
 */
export function readArticle(workspace: string, relativePath: string, isSymlink: boolean): ReadResult {
  const fail = (ruleId: string, message: string): ReadResult => ({
    ok: false,
    diagnostic: { path: relativePath, line: 1, severity: 'error', ruleId, message },
  })
  if (isSymlink) {
    return fail(
      'file-symlink',
      `'${relativePath}' is a symbolic link. Articles must be regular files inside the repository: replace the link with the file itself.`,
    )
  }
  const file = path.join(workspace, relativePath)
  let text: string
  try {
    // Node's one-call UTF-8 read (open, read, decode in C++): the fast path for thousands of files.
    text = readFileSync(file, 'utf8')
    // U+FFFD is what that read puts for bytes that are not UTF-8 (or the author wrote one): the strict decoder decides.
    if (text.includes('\uFFFD')) text = decoder.decode(readFileSync(file))
  } catch (error) {
    if (error instanceof TypeError)
      return fail(
        'file-encoding',
        `'${relativePath}' is not UTF-8 text. Save it as UTF-8 (most editors: "Save with encoding" / "Reopen with encoding", then UTF-8).`,
      )
    const why = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
    return fail('file-unreadable', `'${relativePath}' could not be read (${why}). Check that it is a readable file.`)
  }
  if (text === '') return fail('file-empty', `'${relativePath}' is empty. Write the article (front-matter and body), or delete the file.`)
  if (text.includes('\u0000'))
    return fail('file-encoding', `'${relativePath}' contains NUL bytes, so it is not a text file. Articles must be UTF-8 Markdown.`)
  return { ok: true, source: { path: relativePath, text } }
}

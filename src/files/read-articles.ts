import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ArticleSource } from '../core/article.js'
import type { Diagnostic } from '../core/diagnostic.js'

export type ReadResult = { ok: true; source: ArticleSource } | { ok: false; diagnostic: Diagnostic }

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Reads one article as UTF-8 text, BOM kept. A symlink, an empty file or bytes
 * that are not UTF-8 text are errors with line 1 (DESIGN.md "Errors, not fallbacks").
 *
 * Whether the file is a symlink comes from discovery, which saw it while listing the folder.
 *
 * Synchronous on purpose: the pipeline reads, plans and forgets one article at
 * a time, which for thousands of small files is several times faster than
 * fs/promises (one thread-pool round trip per call) and keeps only the
 * articles that will be published in memory.
 */
export function readArticle(workspace: string, relativePath: string, isSymlink: boolean): ReadResult {
  const absolute = path.join(workspace, relativePath)
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
  const bytes = readFileSync(absolute)
  if (bytes.length === 0) {
    return fail('file-empty', `'${relativePath}' is empty. Write the article (front-matter and body), or delete the file.`)
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return fail(
      'file-encoding',
      `'${relativePath}' is not UTF-8 text. Save it as UTF-8 (most editors: "Save with encoding" / "Reopen with encoding", then UTF-8).`,
    )
  }
  if (text.includes('\u0000')) {
    return fail('file-encoding', `'${relativePath}' contains NUL bytes, so it is not a text file. Articles must be UTF-8 Markdown.`)
  }
  return { ok: true, source: { path: relativePath, text } }
}

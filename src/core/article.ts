import type { Diagnostic } from './diagnostic.js'
import type { ArticleHead, PostFields } from './fields.js'

/** An article file as read from disk: the edges (discover/read) produce it, the pure core consumes it. */
export interface ArticleSource {
  /** Workspace-relative path with `/` separators. */
  path: string
  /** The whole file decoded as UTF-8, BOM kept as U+FEFF so an edit can re-encode it byte for byte. */
  text: string
}

/** The front-matter of an article, with where each top-level key is. */
export interface FrontMatter {
  /**
   * How it is written: `---` YAML, `+++` TOML, a JSON object, Pelican metadata lines, or no front-matter.
   * Always set by `parseFrontMatter`; optional so that hand-made front-matter in tests need not say.
   */
  format?: 'yaml' | 'toml' | 'json' | 'metadata' | 'none'
  /** The parsed mapping (plain values; dates as Date); `{}` when the file has no front-matter block. */
  data: Record<string, unknown>
  /** Whether the file has a front-matter block at all. */
  hasBlock: boolean
  /** 1-based line (in the file) of each top-level key (TOML: also each key of a table, as `extra.image`; metadata: lower-cased). */
  keyLines: Record<string, number>
  /** The Markdown body (everything after the closing delimiter). */
  body: string
  /** 1-based line in the file where the body starts. */
  bodyStartLine: number
}

/** A valid article that this run would publish. */
export interface ValidArticle {
  source: ArticleSource
  frontMatter: FrontMatter
  post: PostFields
  /** The subtitle and cover shown around the body. */
  head: ArticleHead
  /** `slug` front-matter or the file name without extension. */
  slug: string
  /** Warnings found while validating (never errors). */
  diagnostics: Diagnostic[]
}

/** "Set this key in that article": re-applies cleanly on any later version of the file. */
export interface FrontMatterEdit {
  /** Workspace-relative path (= repository path), `/` separators. */
  path: string
  key: string
  value: string
}

/** The edits of each file, in the order they were made. */
export function groupByPath(edits: readonly FrontMatterEdit[]): Map<string, FrontMatterEdit[]> {
  const grouped = new Map<string, FrontMatterEdit[]>()
  for (const edit of edits) {
    const list = grouped.get(edit.path) ?? []
    list.push(edit)
    grouped.set(edit.path, list)
  }
  return grouped
}

/** `path: key: value`, how the log and the summary list a record for the user to add by hand. */
export function formatEdit(edit: FrontMatterEdit): string {
  return `${edit.path}: ${edit.key}: ${edit.value}`
}

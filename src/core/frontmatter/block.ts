/**
 * Where an article's front-matter block is, found by line scanners of our own. Exact lines matter for
 * messages and for the byte-preserving edit, so a line that merely starts like a delimiter (`----`,
 * `--- x`, `++++`) is not one.
 *
 * - YAML: `---` (with an optional language) alone on the first line (after a BOM), closed by `---` or `...`.
 * - TOML: `+++` alone on the first line, closed by `+++` (Hugo, Zola).
 * - JSON: the file starts with a JSON object (`{` then a member or the end of the line), ending with the
 *   `}` that closes it (Hugo).
 * - Metadata lines: `Key: value` lines at the very top (Pelican's Markdown reader), only when asked for.
 */
import { jsonObjectEnd } from './json-scan.js'
import { bomLength, lineContent, lineEndAt } from './lines.js'
import { metadataEnd, METADATA_KEY_LINE } from './metadata-scan.js'

export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'metadata'

/** How an article's front-matter is read and written (set by the site the repository is). */
export interface FrontMatterOptions {
  /**
   * Read `Key: value` lines at the top of a file without delimiters as Pelican/MultiMarkdown metadata.
   * Off by default: ordinary Markdown often starts with "Note: something".
   */
  metadataLines?: boolean
  /**
   * The table our keys live in (Zola: `'extra'`, whose `config.toml`-checked front-matter rejects unknown
   * top-level keys): the write-back goes to `[extra]` (TOML) and the recorded value is read from
   * `data.extra[key]` (see `recordedKeyPath`).
   */
  table?: string
}

/** `---` with an optional language (`---yaml`, `---js`). */
export const YAML_OPENING = /^---(?:[ \t]*([A-Za-z][A-Za-z0-9_+.-]*))?[ \t]*$/
export const YAML_CLOSING = /^(?:---|\.\.\.)[ \t]*$/
/** `+++`, opening and closing a TOML block (trailing blanks allowed, as Hugo does). */
export const TOML_DELIMITER = /^\+\+\+[ \t]*$/
/** A JSON object at the top of the file: `{` then a member's key, `}` or the end of the line (not `{{`, `{%`, `{/*`). */
export const JSON_OPENING = /^\{[ \t]*(?:"|\}|$)/

/** Where the block is, in offsets of the text (BOM included). */
export interface Block {
  format: FrontMatterFormat
  /** 1 when the text starts with a BOM (U+FEFF), else 0. */
  bom: number
  /** The language written after an opening `---` (`yaml`, `js`), or ''. */
  language: string
  /** The first line's line ending (`\n` or `\r\n`). */
  eol: string
  /** Start of the text handed to the parser (YAML/TOML: just after the opening delimiter; JSON: the `{`). */
  matterStart: number
  /** End of the text handed to the parser (YAML/TOML: the start of the closing line; JSON: after the `}`). */
  matterEnd: number
  /** YAML/TOML: start of the closing delimiter line; JSON: start of the line of the closing `}`; metadata: end of the last metadata line. */
  closeStart: number
  /** Where the body starts (after the closing line, its line ending included). */
  closeEnd: number
  /** 1-based line in the file where the body starts. */
  bodyStartLine: number
}

export type Scan =
  | { kind: 'none'; bom: number }
  | { kind: 'unclosed'; bom: number; format: FrontMatterFormat }
  | { kind: 'block'; block: Block }
  /** JSON whose closing `}` has text after it on its line. */
  | { kind: 'trailing'; bom: number; format: 'json'; offset: number }

/** The format the first line opens, or undefined when the file has no front-matter. */
function openingFormat(first: string, options: FrontMatterOptions): FrontMatterFormat | undefined {
  if (YAML_OPENING.test(first)) return 'yaml'
  if (TOML_DELIMITER.test(first)) return 'toml'
  if (JSON_OPENING.test(first)) return 'json'
  if (options.metadataLines && METADATA_KEY_LINE.test(first)) return 'metadata'
  return undefined
}

export function scanBlock(text: string, options: FrontMatterOptions = {}): Scan {
  const bom = bomLength(text)
  const firstEnd = lineEndAt(text, bom)
  const first = lineContent(text, bom, firstEnd)
  const format = openingFormat(first, options)
  if (format === undefined) return { kind: 'none', bom }
  const eol = firstEnd < text.length && text.charCodeAt(firstEnd - 1) === 13 ? '\r\n' : '\n'
  if (format === 'json') return jsonBlock(text, bom, eol)
  if (format === 'metadata') {
    const end = metadataEnd(text, bom)
    return { kind: 'block', block: { format, bom, language: '', eol, matterStart: bom, ...end } }
  }
  if (firstEnd === text.length) return { kind: 'unclosed', bom, format }
  const language = format === 'yaml' ? (YAML_OPENING.exec(first)?.[1] ?? '') : ''
  const closing = format === 'yaml' ? YAML_CLOSING : TOML_DELIMITER
  const matterStart = language ? bom + first.length : bom + 3
  let line = 1
  let start = firstEnd + 1
  while (start <= text.length) {
    line += 1
    const end = lineEndAt(text, start)
    const content = lineContent(text, start, end)
    if (closing.test(content)) {
      const closeEnd = end === text.length ? end : end + 1
      const block: Block = {
        format,
        bom,
        language,
        eol,
        matterStart,
        matterEnd: start,
        closeStart: start,
        closeEnd,
        bodyStartLine: line + 1,
      }
      return { kind: 'block', block }
    }
    if (end === text.length) break
    start = end + 1
  }
  return { kind: 'unclosed', bom, format }
}

function jsonBlock(text: string, bom: number, eol: string): Scan {
  const close = jsonObjectEnd(text, bom)
  if (close === -1) return { kind: 'unclosed', bom, format: 'json' }
  const end = lineEndAt(text, close)
  const rest = lineContent(text, close + 1, end)
  if (rest.trim() !== '') return { kind: 'trailing', bom, format: 'json', offset: close + 1 }
  let line = 1
  for (let i = text.indexOf('\n', bom); i !== -1 && i < close; i = text.indexOf('\n', i + 1)) line++
  const closeStart = text.lastIndexOf('\n', close) + 1
  const closeEnd = end === text.length ? end : end + 1
  const block: Block = {
    format: 'json',
    bom,
    language: '',
    eol,
    matterStart: bom,
    matterEnd: close + 1,
    closeStart,
    closeEnd,
    bodyStartLine: line + 1,
  }
  return { kind: 'block', block }
}

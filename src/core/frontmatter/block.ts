/**
 * Where an article's front-matter block is, found by a line scanner of our own: the opening delimiter
 * alone on the first line (after a BOM), the closing one alone on a later line. Exact lines matter for
 * messages and for the byte-preserving edit, so a line that merely starts like a delimiter (`----`,
 * `--- x`) is not one.
 */
import { bomLength, lineContent, lineEndAt } from './lines.js'

export type FrontMatterFormat = 'yaml'

/** `---` with an optional language (`---yaml`, `---js`). */
export const YAML_OPENING = /^---(?:[ \t]*([A-Za-z][A-Za-z0-9_+.-]*))?[ \t]*$/
export const YAML_CLOSING = /^(?:---|\.\.\.)[ \t]*$/

/** Where the block is, in offsets of the text (BOM included). */
export interface Block {
  format: FrontMatterFormat
  /** 1 when the text starts with a BOM (U+FEFF), else 0. */
  bom: number
  /** The language written after the opening `---` (`yaml`, `js`), or ''. */
  language: string
  /** The opening line's line ending (`\n` or `\r\n`). */
  eol: string
  /** Start of the text handed to the parser: just after the opening delimiter (and its language). */
  matterStart: number
  /** End of the text handed to the parser: the start of the closing line (the last line break included). */
  matterEnd: number
  /** Start of the closing delimiter line. */
  closeStart: number
  /** Just after the closing delimiter line, including its line ending. */
  closeEnd: number
  /** 1-based line of the closing delimiter. */
  closeLine: number
}

export type Scan = { kind: 'none'; bom: number } | { kind: 'unclosed'; bom: number } | { kind: 'block'; block: Block }

export function scanBlock(text: string): Scan {
  const bom = bomLength(text)
  const firstEnd = lineEndAt(text, bom)
  const first = lineContent(text, bom, firstEnd)
  const opening = YAML_OPENING.exec(first)
  if (!opening) return { kind: 'none', bom }
  if (firstEnd === text.length) return { kind: 'unclosed', bom }
  const language = opening[1] ?? ''
  const eol = text.charCodeAt(firstEnd - 1) === 13 ? '\r\n' : '\n'
  const matterStart = language ? bom + first.length : bom + 3
  let line = 1
  let start = firstEnd + 1
  while (start <= text.length) {
    line += 1
    const end = lineEndAt(text, start)
    if (YAML_CLOSING.test(lineContent(text, start, end))) {
      const closeEnd = end === text.length ? end : end + 1
      return {
        kind: 'block',
        block: { format: 'yaml', bom, language, eol, matterStart, matterEnd: start, closeStart: start, closeEnd, closeLine: line },
      }
    }
    if (end === text.length) break
    start = end + 1
  }
  return { kind: 'unclosed', bom }
}

/**
 * Pelican / MultiMarkdown metadata lines, scanned as Pelican's Markdown reader (Python-Markdown's `meta`
 * extension) reads them: from the first line, `Key: value` lines (a key of letters, digits, `_`, `-`,
 * indented at most 3 columns) and their continuation lines (indented 4 columns or more, tabs counting
 * to the next multiple of 4). The metadata ends at the first blank line or `---`/`...` line (consumed),
 * or at the first other line (which is the body's first line). A key with a space (`Music Director:`)
 * is not a key: the metadata ends there.
 */
import { lineContent, lineEndAt } from './lines.js'

/** A metadata key line (Python-Markdown's META_RE, anchored at the start only). */
export const METADATA_KEY_LINE = /^ {0,3}([A-Za-z0-9_-]+):/
/** What Python's `str.strip()` strips (Unicode white space; not U+FEFF, which JavaScript's `trim` would strip). */
const PY_SPACE_CLASS = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]'
const PY_SPACE = new RegExp(`^${PY_SPACE_CLASS}+|${PY_SPACE_CLASS}+$`, 'g')

/** The text as Python's `str.strip()` leaves it. */
export function pythonStrip(text: string): string {
  return text.replace(PY_SPACE, '')
}

/** Python-Markdown's END_RE: a line starting with `---` or `...` ends the metadata. */
const METADATA_END = /^(?:-{3}|\.{3})/

export interface MetadataEntry {
  /** The key as written (`Title`). */
  key: string
  /** The value, stripped; continuation lines joined with `\n`. */
  value: string
  /** 1-based line in the file. */
  line: number
  /** Offset of the key. */
  start: number
  /** End of the entry's last line, before its line ending. */
  end: number
  /** Whether continuation lines follow the key's line. */
  continued: boolean
}

export interface MetadataBlock {
  entries: MetadataEntry[]
  /** Just after the last metadata line, its line ending included (where a new line goes). */
  matterEnd: number
  closeStart: number
  /** Where the body starts: after a blank or `---` line that ended the metadata, else `matterEnd`. */
  closeEnd: number
  bodyStartLine: number
}

/** The width of a line's indentation, tabs expanded to the next multiple of 4. */
function indentWidth(line: string): number {
  let width = 0
  for (const c of line) {
    if (c === ' ') width++
    else if (c === '\t') width += 4 - (width % 4)
    else break
  }
  return width
}

/** Reads the metadata lines that start at `from` (after a BOM). */
export function scanMetadata(text: string, from: number): MetadataBlock {
  const entries: MetadataEntry[] = []
  let matterEnd = from
  let line = 1
  for (let start = from; ; line++) {
    const end = lineEndAt(text, start)
    const content = lineContent(text, start, end)
    const next = end === text.length ? end : end + 1
    if (pythonStrip(content) === '' || METADATA_END.test(content)) {
      return { entries, matterEnd, closeStart: matterEnd, closeEnd: next, bodyStartLine: line + 1 }
    }
    const last = entries[entries.length - 1]
    const key = METADATA_KEY_LINE.exec(content)
    if (key) {
      const colon = content.indexOf(':')
      const value = pythonStrip(content.slice(colon + 1))
      entries.push({ key: key[1]!, value, line, start: start + colon - key[1]!.length, end: start + content.length, continued: false })
    } else if (last && indentWidth(content) >= 4) {
      last.value = `${last.value}\n${pythonStrip(content)}`
      last.end = start + content.length
      last.continued = true
    } else break
    matterEnd = next
    if (next === text.length) {
      line++
      break
    }
    start = next
  }
  return { entries, matterEnd, closeStart: matterEnd, closeEnd: matterEnd, bodyStartLine: line }
}

/** The block's extent, for the delimiter scan. */
export function metadataEnd(text: string, from: number): Pick<MetadataBlock, 'matterEnd' | 'closeStart' | 'closeEnd' | 'bodyStartLine'> {
  const { matterEnd, closeStart, closeEnd, bodyStartLine } = scanMetadata(text, from)
  return { matterEnd, closeStart, closeEnd, bodyStartLine }
}

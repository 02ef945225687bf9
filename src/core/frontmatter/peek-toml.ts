/**
 * The peek for TOML front-matter (`+++`): our key's value found by scanning lines, without loading a
 * TOML parser, under the same promise as the YAML peek (peek.ts): it answers only for blocks made of
 * the shapes it fully understands, and only when smol-toml would read exactly the same string.
 *
 * Understood: blank lines and comments; `[table]` headers of bare names (`[extra]`, `[a.b]`), each once;
 * `key = value` lines with a bare key, each key once per table, whose value is a string closed on its
 * line (basic with TOML's escapes, or literal), a boolean, a decimal integer or float, a date or time
 * that exists, or an array of those (over several lines too, with comments). Anything else (multi-line
 * strings, inline tables, `[[arrays of tables]]`, dotted or quoted keys, nested arrays, a key that is
 * also a table, control characters) makes it return undefined, and the caller falls back to the full
 * parse. test/unit/frontmatter-peek.property.test.ts checks the promise.
 */
import { dayExists } from '../dates.js'
import { TOML_DELIMITER } from './block.js'
import { lineEndAt } from './lines.js'

const INTEGER = /^[+-]?(?:0|[1-9](?:_?[0-9]){0,14})$/
const FLOAT =
  /^[+-]?(?:0|[1-9](?:_?[0-9]){0,14})(?:\.[0-9](?:_?[0-9]){0,14}(?:[eE][+-]?[0-9]{1,2})?|[eE][+-]?[0-9]{1,2})$|^[+-]?(?:inf|nan)$/
/** A local date, a date-time (with an optional offset), or a local time: year, month, day, hour, minute, second, offset hour, offset minute. */
const DATE_TIME =
  /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))?|(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?)$/
const HEADER = /^\[[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\][ \t]*(#.*)?$/
const BARE_KEY = /^[A-Za-z0-9_-]+/

interface TomlScan {
  /** The current table's dotted path ('' at the top). */
  table: string
  /** Full dotted paths of the keys with values, of the `[tables]` and of the tables they imply. */
  values: Set<string>
  tables: Set<string>
  implicit: Set<string>
  /** The path of our key: `key`, or `table.key`. */
  ours: string
  found: string | undefined
  /** Inside an array that spans lines: whether a value (rather than a comma or `]`) comes next. */
  array: { expectValue: boolean } | undefined
}

/** Our key's value in the TOML block whose opening line ends at `firstEnd`, when the scan is certain of it. */
export function peekTomlValue(text: string, firstEnd: number, key: string, table: string | undefined): string | undefined {
  const scan: TomlScan = {
    table: '',
    values: new Set(),
    tables: new Set(),
    implicit: new Set(),
    ours: table === undefined ? key : `${table}.${key}`,
    found: undefined,
    array: undefined,
  }
  let end = firstEnd
  for (let start = end + 1; ; start = end + 1) {
    end = lineEndAt(text, start)
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end)
    if (line.charCodeAt(0) === 43 && TOML_DELIMITER.test(line)) return scan.array ? undefined : scan.found
    if (end === text.length) return undefined // never closed
    if (line.includes('\r')) return undefined // a CR that ends no line
    const ok = scan.array ? arrayRest(scan, line, 0) : scanLine(scan, line)
    if (!ok) return undefined
  }
}

function skipBlanks(line: string, i: number): number {
  while (line[i] === ' ' || line[i] === '\t') i++
  return i
}

/** Only blanks, or blanks and a valid comment, from `i` to the line's end. */
function isLineEnd(line: string, i: number): boolean {
  const after = skipBlanks(line, i)
  return after === line.length || (line[after] === '#' && !hasControl(line.slice(after + 1)))
}

/** Control characters TOML does not allow raw in comments and strings (a tab is allowed). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 32 && c !== 9) || c === 127) return true
  }
  return false
}

function scanLine(scan: TomlScan, line: string): boolean {
  const i = skipBlanks(line, 0)
  if (i === line.length || line[i] === '#') return isLineEnd(line, i)
  if (line[i] === '[') return header(scan, line.slice(i))
  const name = BARE_KEY.exec(line.slice(i))?.[0]
  if (name === undefined) return false
  const eq = skipBlanks(line, i + name.length)
  if (line[eq] !== '=') return false
  const full = scan.table === '' ? name : `${scan.table}.${name}`
  if (scan.values.has(full) || scan.tables.has(full) || scan.implicit.has(full)) return false
  scan.values.add(full)
  const from = skipBlanks(line, eq + 1)
  const ours = full === scan.ours
  const first = line[from]
  if (first === '"' || first === "'") {
    const string = oneLineString(line, from)
    if (string === undefined || !isLineEnd(line, string.end)) return false
    if (ours) scan.found = string.value === '' ? undefined : string.value
    return !ours || scan.found !== undefined
  }
  if (ours) return false // not a string: left to the full parse
  if (first === '[') {
    scan.array = { expectValue: true }
    return arrayRest(scan, line, from + 1)
  }
  const hash = line.indexOf('#', from)
  const value = line.slice(from, hash === -1 ? line.length : hash).trimEnd()
  return isScalar(value) && (hash === -1 || !hasControl(line.slice(hash + 1)))
}

function header(scan: TomlScan, line: string): boolean {
  const m = HEADER.exec(line)
  if (!m || (m[2] !== undefined && hasControl(m[2]))) return false
  const path = m[1]!.split('.').map((s) => s.trim())
  const full = path.join('.')
  if (scan.tables.has(full)) return false
  for (let n = 1; n <= path.length; n++) {
    const prefix = path.slice(0, n).join('.')
    if (scan.values.has(prefix)) return false
    if (n < path.length) scan.implicit.add(prefix)
  }
  scan.tables.add(full)
  scan.table = full
  return true
}

/** The rest of an array from `i` (its `[` already read): values, commas, comments, up to its `]` (here or on a later line). */
function arrayRest(scan: TomlScan, line: string, i: number): boolean {
  const array = scan.array!
  for (;;) {
    i = skipBlanks(line, i)
    if (i === line.length) return true // continues on the next line
    const c = line[i]
    if (c === '#') return isLineEnd(line, i)
    if (c === ']') {
      scan.array = undefined
      return isLineEnd(line, i + 1)
    }
    if (c === ',') {
      if (array.expectValue) return false
      array.expectValue = true
      i++
      continue
    }
    if (!array.expectValue) return false
    array.expectValue = false
    if (c === '"' || c === "'") {
      const string = oneLineString(line, i)
      if (string === undefined) return false
      i = string.end
      continue
    }
    let j = i
    while (j < line.length && !' \t,]#'.includes(line[j]!)) j++
    if (!isScalar(line.slice(i, j))) return false
    i = j
  }
}

/** A boolean, a decimal integer or float, or a date, date-time or time that exists. */
function isScalar(value: string): boolean {
  if (value === 'true' || value === 'false' || INTEGER.test(value) || FLOAT.test(value)) return true
  const m = DATE_TIME.exec(value)?.map((part) => (part === undefined ? undefined : Number(part)))
  if (!m) return false
  const [year, month, day] = m[1] === undefined ? m.slice(4, 7) : m.slice(1, 4)
  const [hour, minute, second] = m[7] === undefined ? m.slice(12, 15) : m.slice(7, 10)
  if (year !== undefined && !dayExists(year, month!, day!)) return false
  if (hour !== undefined && (hour > 23 || minute! > 59 || second! > 59)) return false
  return m[10] === undefined || (m[10] <= 23 && m[11]! <= 59)
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' }

/** A basic or literal string that closes on its line (not a multi-line one), with its value. */
function oneLineString(line: string, from: number): { value: string; end: number } | undefined {
  const quote = line[from]!
  if (line.startsWith(quote.repeat(3), from)) return undefined
  if (quote === "'") {
    const close = line.indexOf("'", from + 1)
    if (close === -1 || hasControl(line.slice(from + 1, close))) return undefined
    return { value: line.slice(from + 1, close), end: close + 1 }
  }
  let value = ''
  for (let i = from + 1; i < line.length; i++) {
    const c = line[i]!
    if (c === '"') return { value, end: i + 1 }
    if (c !== '\\') {
      if (hasControl(c)) return undefined
      value += c
      continue
    }
    const escape = line[i + 1] ?? ''
    const hex = escape === 'u' ? 4 : escape === 'U' ? 8 : 0
    if (hex === 0) {
      if (ESCAPES[escape] === undefined) return undefined
      value += ESCAPES[escape]
      i++
      continue
    }
    const digits = line.slice(i + 2, i + 2 + hex)
    const code = /^[0-9A-Fa-f]+$/.test(digits) && digits.length === hex ? parseInt(digits, 16) : -1
    if (code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined
    value += String.fromCodePoint(code)
    i += 1 + hex
  }
  return undefined
}

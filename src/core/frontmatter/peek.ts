/**
 * The cheap half of front-matter reading: our key's value found by scanning lines, without loading a
 * YAML or TOML parser (TOML: peek-toml.ts; Pelican metadata lines: their scan is the parse). A run over thousands of already-published articles needs nothing more, so
 * this module has no dependencies.
 *
 * The peek never guesses. It answers only for blocks made of the shapes it fully understands, and
 * only when the full parse would give exactly the same string:
 * - blank lines and comments;
 * - top-level `key: value` lines with a simple key, each key once, whose value is a plain scalar on
 *   one line, a quoted scalar closed on its line, or a one-line flow list of such scalars;
 * - a key with no value followed by a block list (`- item` lines) or a one-level mapping
 *   (`  name: value` lines) of such scalars, all at one indentation;
 * - block scalars (`key: |`, `key: >-`) and their more-indented lines.
 * Anything else (an unclosed quote or flow collection, a `- ` line after a value, deeper nesting,
 * anchors, tags, tabs as indentation, a second `key:`) makes it return undefined, and the caller
 * falls back to the full parse. test/unit/frontmatter-peek.property.test.ts checks the promise.
 */
import { JSON_OPENING, scanBlock, TOML_DELIMITER, YAML_CLOSING, YAML_OPENING, type FrontMatterOptions } from './block.js'
import { parseJsonBlock } from './json.js'
import { bomLength, lineContent, lineEndAt } from './lines.js'
import { METADATA_KEY_LINE, scanMetadata } from './metadata-scan.js'
import { peekTomlValue } from './peek-toml.js'

/** Plain scalars the core schema reads as something other than a string. */
const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
/** What a YAML timestamp looks like: the peek leaves those to the full parse... */
const TIMESTAMP_LIKE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt \t])/
/** ...except the form `Date#toISOString` writes (`mediumPublishAttempt`), which reads back as the same instant. */
const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/
/** Simple keys that YAML reads as a boolean or null: two spellings of one may be the same key. */
const NON_STRING_KEYS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL'])

// Character codes the scan looks at.
const TAB = 9
const CR = 13
const SPACE = 32
const DQUOTE = 34
const HASH = 35
const QUOTE = 39
const DASH = 45
const COLON = 58
const BRACKET = 91
const BACKSLASH = 92
const CLOSE_BRACKET = 93

/** What the lines after a top-level key may be. */
const enum Mode {
  /** The key had a value: only top-level lines follow. */
  Top,
  /** The key had no value: a block list or a one-level mapping may follow. */
  Open,
  List,
  Map,
  /** A block scalar: lines indented more than 0 are its text. */
  Literal,
}

/**
 * The value of our `key` when a line scan is certain of it (see the module comment): a string, exactly
 * as the full parse (`parseFrontMatter` with the same options) reads it, at `recordedKeyPath` (a YAML
 * timestamp written by `Date#toISOString`, as that text); undefined when absent, empty, not a string, or
 * uncertain. YAML (`---`) and TOML (`+++`, peek-toml.ts) blocks are scanned, JSON front-matter is read
 * with the full parse's JSON reader (JSON.parse: nothing to load), metadata lines with
 * `options.metadataLines` by their scan (which is their parse); with `options.table` only TOML answers
 * (YAML and the others get undefined: the full parse answers).
 *
 * One loop over offsets of the text, no string per line: it runs for every article of every run.
 */
export function peekFrontMatterValue(text: string, key: string, options: FrontMatterOptions = {}): string | undefined {
  const bom = bomLength(text)
  const end = lineEndAt(text, bom)
  const first = lineContent(text, bom, end)
  if (TOML_DELIMITER.test(first)) return end === text.length ? undefined : peekTomlValue(text, end, key, options.table)
  if (options.table !== undefined) return undefined
  if (JSON_OPENING.test(first)) return peekJsonValue(text, key)
  if (options.metadataLines && METADATA_KEY_LINE.test(first)) return peekMetadataValue(text, bom, key)
  return peekYamlValue(text, bom, end, key)
}

/** Our key's value in JSON front-matter: read by the full parse's own JSON reader (JSON.parse, no parser to load). */
function peekJsonValue(text: string, key: string): string | undefined {
  const scan = scanBlock(text)
  if (scan.kind !== 'block') return undefined
  try {
    const value = parseJsonBlock(text, scan.block).data[key]
    return typeof value === 'string' && value !== '' ? value : undefined
  } catch {
    return undefined // not valid JSON, or a key twice: the full parse reports it
  }
}

/** Our key's value in Pelican metadata lines: the stripped value of its one line, when no key is written twice. */
function peekMetadataValue(text: string, bom: number, key: string): string | undefined {
  const name = key.toLowerCase()
  const seen = new Set<string>()
  let value: string | undefined
  for (const entry of scanMetadata(text, bom).entries) {
    const lower = entry.key.toLowerCase()
    if (seen.has(lower)) return undefined // an error for the full parse
    seen.add(lower)
    if (lower === name) value = entry.continued || entry.value === '' ? undefined : entry.value
  }
  return value
}

function peekYamlValue(text: string, bom: number, firstEnd: number, key: string): string | undefined {
  let end = firstEnd
  const opening = YAML_OPENING.exec(lineContent(text, bom, end))
  if (!opening || end === text.length) return undefined
  const language = (opening[1] ?? '').toLowerCase()
  if (language !== '' && language !== 'yaml' && language !== 'yml') return undefined
  const scan: Scan = { mode: Mode.Top, indent: 0, leadingBlank: 0, keys: new Set(), nested: new Set(), found: undefined }
  const hasCr = text.includes('\r')
  for (let start = end + 1; ; start = end + 1) {
    end = lineEndAt(text, start)
    const stop = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end
    if (isClosing(text, start, stop)) return scan.found
    if (end === text.length) return undefined // never closed
    // A CR that ends no line: YAML may read it as a break.
    if (hasCr && text.slice(start, stop).includes('\r')) return undefined
    if (!scanLine(scan, text, start, stop, key)) return undefined
  }
}

interface Scan {
  mode: Mode
  /** List or mapping: the indentation of its lines; block scalar: of its text (-1 until seen). */
  indent: number
  leadingBlank: number
  keys: Set<string>
  /** The keys of the current one-level mapping. */
  nested: Set<string>
  found: string | undefined
}

function isClosing(text: string, start: number, stop: number): boolean {
  const c = text.charCodeAt(start)
  if (c !== DASH && c !== 46) return false
  return YAML_CLOSING.test(text.slice(start, stop))
}

/** Reads one line into the scan; false when the scan cannot be certain. */
function scanLine(scan: Scan, text: string, start: number, stop: number, key: string): boolean {
  let i = start
  while (i < stop && text.charCodeAt(i) === SPACE) i++
  const indent = i - start
  const c = text.charCodeAt(i)
  if (c === TAB) return false // tabs in indentation: leave it to the parser
  const blank = i === stop
  if (scan.mode === Mode.Literal) {
    if (blank) {
      if (scan.indent === -1) scan.leadingBlank = Math.max(scan.leadingBlank, indent)
      return true
    }
    if (indent > 0) {
      if (scan.indent === -1) {
        if (scan.leadingBlank > indent) return false
        scan.indent = indent
        return true
      }
      return indent >= scan.indent
    }
    scan.mode = Mode.Top
  }
  if (blank || c === HASH) return true
  if (c === DASH && (i + 1 === stop || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) {
    // A block list belongs to the key just before it, if that key had no value.
    if (!(scan.mode === Mode.Open || (scan.mode === Mode.List && scan.indent === indent))) return false
    scan.mode = Mode.List
    scan.indent = indent
    const from = skipBlanks(text, i + 1, stop)
    return from < stop && text.charCodeAt(from) !== HASH && scalarEnd(text, from, stop) !== -1
  }
  if (indent > 0) return nestedPair(scan, text, i, stop, indent)
  return topPair(scan, text, start, stop, key)
}

/** `  name: value` in the one-level mapping the previous `key:` opened. */
function nestedPair(scan: Scan, text: string, from: number, stop: number, indent: number): boolean {
  if (!(scan.mode === Mode.Open || (scan.mode === Mode.Map && scan.indent === indent))) return false
  const keyEnd = simpleKeyEnd(text, from, stop)
  if (keyEnd === -1) return false
  if (scan.mode === Mode.Open) scan.nested.clear()
  scan.mode = Mode.Map
  scan.indent = indent
  const name = text.slice(from, keyEnd)
  if (scan.nested.has(name) || NON_STRING_KEYS.has(name)) return false
  scan.nested.add(name)
  const value = skipBlanks(text, keyEnd + 1, stop)
  // No value: deeper nesting may follow.
  return value < stop && text.charCodeAt(value) !== HASH && scalarEnd(text, value, stop) !== -1
}

function topPair(scan: Scan, text: string, from: number, stop: number, key: string): boolean {
  const keyEnd = simpleKeyEnd(text, from, stop)
  if (keyEnd === -1) return false
  const name = text.slice(from, keyEnd)
  // The key twice is a YAML error; a key YAML reads as a boolean or null (`true:`, `True:`) may be twice under two spellings.
  if (scan.keys.has(name) || NON_STRING_KEYS.has(name)) return false
  scan.keys.add(name)
  const value = skipBlanks(text, keyEnd + 1, stop)
  const first = text.charCodeAt(value)
  scan.mode = Mode.Top
  if (value === stop || first === HASH) {
    scan.mode = Mode.Open
    return true
  }
  const ours = name === key
  if (first === 124 || first === 62) {
    // `|`, `>`, with a chomping indicator and a comment; an explicit indentation indicator is left to the parser.
    if (ours || !/^[|>][-+]?(?:[ \t]+#.*)?$/.test(text.slice(value, stop))) return false
    scan.mode = Mode.Literal
    scan.indent = -1
    scan.leadingBlank = 0
    return true
  }
  if (first === BRACKET) return !ours && flowListEnd(text, value, stop)
  const valueEnd = scalarEnd(text, value, stop)
  if (valueEnd === -1) return false
  if (ours) scan.found = ourValue(text, value, valueEnd)
  return !ours || scan.found !== undefined
}

/** The value of our key as the full parse reads it, or undefined when it is not a non-empty string. */
function ourValue(text: string, from: number, to: number): string | undefined {
  const first = text.charCodeAt(from)
  const raw = text.slice(first === DQUOTE || first === QUOTE ? from + 1 : from, first === DQUOTE || first === QUOTE ? to - 1 : to)
  let value: string
  if (first === QUOTE) value = raw.replace(/''/g, "'")
  else if (first === DQUOTE) {
    try {
      const decoded: unknown = JSON.parse(`"${raw}"`)
      if (typeof decoded !== 'string') return undefined
      value = decoded
    } catch {
      return undefined // a YAML-only escape (\x41, \e, ...) or a raw control character
    }
  } else {
    if (NON_STRING_PLAIN.test(raw)) return undefined
    if (TIMESTAMP_LIKE.test(raw) && !isIsoInstant(raw)) return undefined
    value = raw
  }
  return value === '' ? undefined : value
}

function isIsoInstant(text: string): boolean {
  if (!ISO_INSTANT.test(text)) return false
  const date = new Date(text)
  return !Number.isNaN(date.getTime()) && date.toISOString() === text
}

function skipBlanks(text: string, i: number, stop: number): number {
  while (i < stop && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++
  return i
}

/** The end of a simple key (`[A-Za-z_][A-Za-z0-9_-]*`) followed by `:` and a blank or the line's end; -1 otherwise. */
function simpleKeyEnd(text: string, from: number, stop: number): number {
  const first = text.charCodeAt(from)
  if (!(isLetter(first) || first === 95)) return -1
  let i = from + 1
  for (let c = text.charCodeAt(i); i < stop && (isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === DASH); c = text.charCodeAt(++i));
  if (i >= stop || text.charCodeAt(i) !== COLON) return -1
  const after = i + 1
  return after === stop || text.charCodeAt(after) === SPACE || text.charCodeAt(after) === TAB ? i : -1
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/**
 * The end of a scalar written on one line from `from` (a plain scalar without its trailing blanks and
 * comment, or a quoted one with its closing quote), when nothing but blanks and a comment follow it;
 * -1 when it is not one the scan is certain of.
 */
function scalarEnd(text: string, from: number, stop: number): number {
  const first = text.charCodeAt(from)
  if (first === DQUOTE || first === QUOTE) {
    const close = quotedClose(text, from, stop)
    if (close === -1 || !isLineEnd(text, close + 1, stop)) return -1
    return first === QUOTE || validEscapes(text.slice(from + 1, close)) ? close + 1 : -1
  }
  if (!plainStart(text, from, stop)) return -1
  let end = stop
  for (let i = from + 1; i < stop; i++) {
    const c = text.charCodeAt(i)
    if (c === HASH && (text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) {
      end = i
      break
    }
    if (c === COLON && (i + 1 === stop || text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) return -1
  }
  while (end > from && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--
  return text.charCodeAt(end - 1) === COLON ? -1 : end
}

/** Whether a double-quoted text's escapes are ones YAML and JSON read alike (the scan is not certain of the others). */
function validEscapes(body: string): boolean {
  if (!body.includes('\\')) return true
  try {
    return typeof JSON.parse(`"${body}"`) === 'string'
  } catch {
    return false
  }
}

/** Offset of the closing quote of the quoted scalar opening at `from`, or -1 when it does not close on the line. */
function quotedClose(text: string, from: number, stop: number): number {
  const quote = text.charCodeAt(from)
  for (let i = from + 1; i < stop; i++) {
    const c = text.charCodeAt(i)
    if (quote === DQUOTE && c === BACKSLASH) i++
    else if (c === quote) {
      if (quote === QUOTE && text.charCodeAt(i + 1) === QUOTE) i++
      else return i
    }
  }
  return -1
}

/** Only blanks, or blanks and a comment, from `i` to the line's end. */
function isLineEnd(text: string, i: number, stop: number): boolean {
  const after = skipBlanks(text, i, stop)
  return after === stop || (after > i && text.charCodeAt(after) === HASH)
}

/** Whether a plain scalar may start here (no indicator that makes it something else). */
function plainStart(text: string, from: number, stop: number): boolean {
  if (from >= stop) return false
  const first = text[from]!
  if ('[]{}&*!|>%@`,#"\''.includes(first)) return false
  if (first === '-' || first === '?' || first === ':') {
    const next = text.charCodeAt(from + 1)
    if (from + 1 === stop || next === SPACE || next === TAB) return false
  }
  return true
}

/** A one-line flow list of plain or quoted scalars (`[a, "b", 'c']`), with an optional comment after it. */
function flowListEnd(text: string, from: number, stop: number): boolean {
  let i = from + 1
  for (;;) {
    i = skipBlanks(text, i, stop)
    if (i >= stop) return false
    if (text.charCodeAt(i) === CLOSE_BRACKET) return isLineEnd(text, i + 1, stop)
    const first = text.charCodeAt(i)
    if (first === DQUOTE || first === QUOTE) {
      const close = quotedClose(text, i, stop)
      if (close === -1 || (first === DQUOTE && !validEscapes(text.slice(i + 1, close)))) return false
      i = close + 1
    } else {
      let j = i
      while (j < stop && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== CLOSE_BRACKET) j++
      let itemEnd = j
      while (itemEnd > i && (text.charCodeAt(itemEnd - 1) === SPACE || text.charCodeAt(itemEnd - 1) === TAB)) itemEnd--
      const item = text.slice(i, itemEnd)
      if (item === '' || /[[\]{}#]/.test(item) || /:(?:[ \t]|$)/.test(item) || !plainStart(item, 0, item.length)) return false
      i = itemEnd
    }
    i = skipBlanks(text, i, stop)
    if (text.charCodeAt(i) === 44) i++
    else if (text.charCodeAt(i) !== CLOSE_BRACKET) return false
  }
}

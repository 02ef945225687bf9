/**
 * The cheap half of front-matter reading: a top-level key's value found by scanning lines, without
 * loading a YAML parser. A run over thousands of already-published articles needs nothing more, so
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
import { YAML_CLOSING, YAML_OPENING } from './block.js'
import { bomLength, lineContent, lineEndAt } from './lines.js'

/** Plain scalars the core schema reads as something other than a string. */
const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
/** What a YAML timestamp looks like: the peek leaves those to the full parse... */
const TIMESTAMP_LIKE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt \t])/
/** ...except the form `Date#toISOString` writes (`mediumPublishAttempt`), which reads back as the same instant. */
const ISO_INSTANT = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?=$|[ \t])(.*)$/
/** Characters that make a line something the scan does not read (controls, BOM, line separators). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const UNREADABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/
const BLOCK_SCALAR_HEADER = /^[|>][-+]?(?:[ \t]+#.*)?$/

/** A scalar as the scan read it: its text and whether it was plain (unquoted). */
interface Scalar {
  text: string
  plain: boolean
}

type State =
  /** After a top-level key with a value: only top-level lines may follow. */
  | { kind: 'top' }
  /** After `key:` with nothing: a block list or a one-level mapping may follow. */
  | { kind: 'open' }
  | { kind: 'list'; indent: number }
  | { kind: 'map'; indent: number; keys: Set<string> }
  /** Inside a block scalar: lines indented more than 0 are its text. */
  | { kind: 'literal'; indent: number | undefined; leadingBlank: number }

/**
 * The value of a top-level `key:` line when the scan is certain of it (see the module comment):
 * a string, exactly as the full parse reads it (a timestamp written by `Date#toISOString`, as that text);
 * undefined when absent, empty, not a string, or uncertain.
 */
export function peekFrontMatterValue(text: string, key: string): string | undefined {
  const bom = bomLength(text)
  let end = lineEndAt(text, bom)
  const opening = YAML_OPENING.exec(lineContent(text, bom, end))
  if (!opening || end === text.length) return undefined
  const language = (opening[1] ?? '').toLowerCase()
  if (language !== '' && language !== 'yaml' && language !== 'yml') return undefined
  const keys = new Set<string>()
  let state: State = { kind: 'top' }
  let found: string | undefined
  let start = end + 1
  for (;;) {
    end = lineEndAt(text, start)
    const line = lineContent(text, start, end)
    if (YAML_CLOSING.test(line)) return found
    if (end === text.length) return undefined // never closed
    start = end + 1
    if (UNREADABLE.test(line)) return undefined
    const next = nextState(state, line, keys, key)
    if (next === undefined) return undefined
    state = next.state
    if (next.value !== undefined) found = next.value
  }
}

function indentOf(line: string): number {
  let i = 0
  while (line[i] === ' ') i++
  return i
}

/** The state after `line`, and our key's value when this line sets it; undefined when the scan cannot be certain. */
function nextState(state: State, line: string, keys: Set<string>, key: string): { state: State; value?: string } | undefined {
  const indent = indentOf(line)
  if (line[indent] === '\t') return undefined // tabs in indentation: leave it to the parser
  const blank = indent === line.length
  if (state.kind === 'literal') {
    if (blank) {
      if (state.indent === undefined) return { state: { ...state, leadingBlank: Math.max(state.leadingBlank, indent) } }
      return { state }
    }
    if (indent > 0) {
      if (state.indent === undefined) return state.leadingBlank > indent ? undefined : { state: { ...state, indent } }
      return indent >= state.indent ? { state } : undefined
    }
    state = { kind: 'top' }
  }
  if (blank || line[indent] === '#') return { state }
  if (indent > 0) return nestedLine(state, line, indent)
  if (line.startsWith('- ') || line === '-') {
    // A block list at the left margin belongs to the key just before it, if that key had no value.
    if (state.kind === 'open' || (state.kind === 'list' && state.indent === 0)) {
      return listItem(line.slice(1)) ? { state: { kind: 'list', indent: 0 } } : undefined
    }
    return undefined
  }
  return keyLine(line, keys, key)
}

/** A more-indented line: an item of the list or mapping the previous `key:` opened. */
function nestedLine(state: State, line: string, indent: number): { state: State } | undefined {
  const rest = line.slice(indent)
  if (rest.startsWith('- ') || rest === '-') {
    if (state.kind === 'open' || (state.kind === 'list' && state.indent === indent)) {
      return listItem(rest.slice(1)) ? { state: { kind: 'list', indent } } : undefined
    }
    return undefined
  }
  const pair = KEY_LINE.exec(rest)
  if (!pair || !(state.kind === 'open' || (state.kind === 'map' && state.indent === indent))) return undefined
  const keys = state.kind === 'map' ? state.keys : new Set<string>()
  if (keys.has(pair[1]!) || NON_STRING_PLAIN.test(pair[1]!)) return undefined
  keys.add(pair[1]!)
  const value = pair[2]!.replace(/^[ \t]+/, '')
  if (value === '' || value.startsWith('#')) return undefined // deeper nesting may follow
  return valueScalar(value) ? { state: { kind: 'map', indent, keys } } : undefined
}

function listItem(afterDash: string): boolean {
  const value = afterDash.replace(/^[ \t]+/, '')
  return value !== '' && !value.startsWith('#') && valueScalar(value) !== undefined
}

function keyLine(line: string, keys: Set<string>, key: string): { state: State; value?: string } | undefined {
  const match = KEY_LINE.exec(line)
  if (!match) return undefined
  const name = match[1]!
  // The key twice is a YAML error; a key YAML reads as a boolean or null (`true:`, `True:`) may be twice under two spellings.
  if (keys.has(name) || NON_STRING_PLAIN.test(name)) return undefined
  keys.add(name)
  const rest = match[2]!.replace(/^[ \t]+/, '')
  if (rest === '' || rest.startsWith('#')) return { state: { kind: 'open' } }
  if (rest.startsWith('|') || rest.startsWith('>')) {
    return BLOCK_SCALAR_HEADER.test(rest) && name !== key ? { state: { kind: 'literal', indent: undefined, leadingBlank: 0 } } : undefined
  }
  if (rest.startsWith('[')) return name !== key && flowList(rest) ? { state: { kind: 'top' } } : undefined
  const scalar = valueScalar(rest)
  if (scalar === undefined) return undefined
  if (name !== key) return { state: { kind: 'top' } }
  if (scalar.text === '' || (scalar.plain && NON_STRING_PLAIN.test(scalar.text))) return undefined
  if (scalar.plain && TIMESTAMP_LIKE.test(scalar.text) && !isIsoInstant(scalar.text)) return undefined
  return { state: { kind: 'top' }, value: scalar.text }
}

function isIsoInstant(text: string): boolean {
  if (!ISO_INSTANT.test(text)) return false
  const date = new Date(text)
  return !Number.isNaN(date.getTime()) && date.toISOString() === text
}

/** A one-line flow list of scalars (`[a, "b", 'c']`), with an optional comment after it. */
function flowList(rest: string): boolean {
  let i = 1
  for (;;) {
    while (rest[i] === ' ' || rest[i] === '\t') i++
    if (rest[i] === ']') return isLineEnd(rest.slice(i + 1))
    const item = flowItem(rest, i)
    if (item === undefined) return false
    i = item
    while (rest[i] === ' ' || rest[i] === '\t') i++
    if (rest[i] === ',') i++
    else if (rest[i] !== ']') return false
  }
}

/** The offset after one flow-list item starting at `i`, or undefined when it is not a simple scalar. */
function flowItem(rest: string, i: number): number | undefined {
  const first = rest[i]
  if (first === '"' || first === "'") {
    const close = quotedEnd(rest, i)
    return close === undefined ? undefined : close + 1
  }
  let j = i
  while (j < rest.length && rest[j] !== ',' && rest[j] !== ']') j++
  const text = rest.slice(i, j).trimEnd()
  if (text === '' || /[[\]{}#]/.test(text) || /:(?:[ \t]|$)/.test(text) || !plainStart(text)) return undefined
  return i + text.length
}

/** Offset of the closing quote of the quoted scalar opening at `i`, or undefined when it does not close on the line. */
function quotedEnd(rest: string, i: number): number | undefined {
  const quote = rest[i]
  let j = i + 1
  while (j < rest.length) {
    if (quote === '"' && rest[j] === '\\') j += 2
    else if (rest[j] === quote) {
      if (quote === "'" && rest[j + 1] === "'") j += 2
      else return j
    } else j++
  }
  return undefined
}

/** A scalar written on one line, with an optional comment after it; undefined when not certain. */
function valueScalar(rest: string): Scalar | undefined {
  const first = rest.charAt(0)
  if (first === '"' || first === "'") {
    const close = quotedEnd(rest, 0)
    if (close === undefined || !isLineEnd(rest.slice(close + 1))) return undefined
    const body = rest.slice(1, close)
    if (first === "'") return { text: body.replace(/''/g, "'"), plain: false }
    try {
      const decoded: unknown = JSON.parse(`"${body}"`)
      return typeof decoded === 'string' ? { text: decoded, plain: false } : undefined
    } catch {
      return undefined // a YAML-only escape (\x41, \e, ...) or a raw control character
    }
  }
  const comment = /[ \t]#/.exec(rest)
  const text = (comment ? rest.slice(0, comment.index) : rest).replace(/[ \t]+$/, '')
  if (!plainStart(text) || /:(?:[ \t]|$)/.test(text)) return undefined
  return { text, plain: true }
}

/** Whether a plain scalar may start like this (no indicator that makes it something else). */
function plainStart(text: string): boolean {
  const first = text.charAt(0)
  if (first === '' || '[]{}&*!|>%@`,#"\''.includes(first)) return false
  if ('-?:'.includes(first) && (text.length === 1 || text[1] === ' ' || text[1] === '\t')) return false
  return true
}

function isLineEnd(after: string): boolean {
  return /^(?:[ \t]*|[ \t]+#.*)$/.test(after)
}

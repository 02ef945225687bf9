/**
 * YAML front-matter (`---`), read with the `yaml` package (`parseDocument` + `LineCounter`, so every
 * key and every error has its line) and edited without re-dumping: only the key's line changes.
 */
import { CST, LineCounter, Parser, isMap, isScalar, parse as parseYamlValue, parseDocument } from 'yaml'
import type { Document, DocumentOptions, Pair, ParseOptions, ScalarTag, SchemaOptions, YAMLMap } from 'yaml'
import { readDate } from '../dates.js'
import type { Block } from './block.js'
import { lineEndAt, lineEndTrim } from './lines.js'
import { FrontMatterProblem } from './problem.js'

/** YAML 1.1 timestamps, the only plain scalars YAML reads as dates. */
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(?:[ \t]*(Z|([-+])([012]?[0-9])(?::([0-9]{2}))?))?)?$/

/**
 * A YAML timestamp read by the one date reader (core/dates.ts), so `date: 2024-05-01` and
 * `date: "2024-05-01"` mean the same; a day that does not exist (`2024-02-30`) stays the text it is,
 * so validation reports "not a date" instead of rolling over to another day.
 */
const timestamp: ScalarTag = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: 'tag:yaml.org,2002:timestamp',
  test: TIMESTAMP,
  resolve: (source) => readDate(source) ?? source,
}

/** YAML 1.2 core schema (so `yes`/`no` stay strings) plus timestamps. */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [timestamp],
  uniqueKeys: true,
  prettyErrors: false,
}

/** Guard against alias bombs (`&a [*a, *a, ...]`). */
const MAX_ALIAS_COUNT = 100

export interface YamlBlock {
  data: Record<string, unknown>
  /** 1-based line in the file of each top-level key (the block text's line 1 is the opening line). */
  keyLines: Record<string, number>
  /** The top-level mapping, when there is one (undefined for an empty block). */
  map: YAMLMap | undefined
}

/** Parses the text between the delimiters. Offsets in its problems are relative to `matterText`. */
export function parseYamlBlock(matterText: string): YamlBlock {
  const lineCounter = new LineCounter()
  const doc = parseDocument(matterText, { ...YAML_OPTIONS, lineCounter })
  const error = doc.errors[0]
  if (error) throw yamlProblem(doc, matterText, error)
  const contents = doc.contents
  if (contents === null) return { data: {}, keyLines: {}, map: undefined }
  if (!isMap(contents)) {
    const kind = isScalar(contents) ? `a single value ("${String(contents.value)}")` : 'a list'
    throw new FrontMatterProblem(
      'frontmatter-not-mapping',
      `front-matter is ${kind}, not a mapping of keys to values; write it as "key: value" lines, e.g. "title: My article"`,
      contents.range?.[0],
    )
  }
  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (cause) {
    throw new FrontMatterProblem(
      'frontmatter-yaml',
      `front-matter could not be read: ${plainReason(cause instanceof Error ? cause.message : String(cause))}; remove the aliases (*name) that expand too much`,
      contents.range?.[0],
    )
  }
  const keyLines: Record<string, number> = {}
  for (const pair of contents.items) {
    if (isScalar(pair.key) && pair.key.range) keyLines[String(pair.key.value)] = lineCounter.linePos(pair.key.range[0]).line
  }
  return { data: data as Record<string, unknown>, keyLines, map: contents }
}

function yamlProblem(doc: Document, matterText: string, error: Document['errors'][number]): FrontMatterProblem {
  if (error.code === 'DUPLICATE_KEY') {
    const key = duplicateKeyName(doc, error.pos[0])
    return new FrontMatterProblem(
      'frontmatter-duplicate-key',
      key === undefined
        ? 'front-matter has the same key twice; YAML keys must be unique: keep one of them'
        : `front-matter key "${key}" appears more than once; YAML keys must be unique: keep one "${key}:" line and delete the other`,
      error.pos[0],
    )
  }
  // YAML reports a missing closing quote where the block ends; the user needs the opening one.
  const offset = error.code === 'MISSING_CHAR' ? (unclosedQuoteStart(matterText, error.pos[0]) ?? error.pos[0]) : error.pos[0]
  return new FrontMatterProblem(
    'frontmatter-yaml',
    `front-matter is not valid YAML: ${plainReason(error.message)}; fix the YAML on this line (quote values that contain ": " or start with a special character)`,
    offset,
  )
}

/** Start of the quoted scalar that runs up to `offset` (the place YAML noticed it never closed). */
function unclosedQuoteStart(source: string, offset: number): number | undefined {
  let start: number | undefined
  for (const token of new Parser().parse(source)) {
    if (token.type !== 'document') continue
    CST.visit(token, (item) => {
      for (const t of [item.key, item.value]) {
        const quoted = t?.type === 'double-quoted-scalar' || t?.type === 'single-quoted-scalar'
        if (quoted && t.offset <= offset && offset <= t.offset + t.source.length) start = t.offset
      }
    })
  }
  return start
}

function duplicateKeyName(doc: Document, offset: number): string | undefined {
  if (!isMap(doc.contents)) return undefined
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && pair.key.range?.[0] === offset) return String(pair.key.value)
  }
  return undefined
}

/** The YAML parser's reason without its location suffix, first letter lowercased. */
function plainReason(message: string): string {
  const reason = message.replace(/ at line \d+, column \d+[\s\S]*$/, '').trim()
  return reason.charAt(0).toLowerCase() + reason.slice(1)
}

// ---------------------------------------------------------------------------------------------
// edit

/** How the value is written: plain when that reads back as the same string, else double-quoted. */
export function formatYamlScalar(value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]*$/.test(value) && !value.endsWith(':')) {
    const read = readBackYaml(value)
    if (read === value) return value
    // An ISO timestamp as written by Date#toISOString (mediumPublishAttempt) stays plain and reads back as the equal Date.
    if (read instanceof Date && read.toISOString() === value) return value
  }
  // JSON's escapes are a subset of YAML's double-quoted escapes; also escape what YAML does not
  // allow raw in a double-quoted scalar (C1 controls, DEL, line/paragraph separators, BOM).
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** What `key: formatted` reads back as. */
export function readBackYaml(formatted: string): unknown {
  return (parseYamlValue(`k: ${formatted}`, YAML_OPTIONS) as Record<string, unknown> | null)?.k
}

/** The top-level pair of `key`, if any. */
const pairOf = (map: YAMLMap | undefined, key: string): Pair | undefined =>
  map?.items.find((p) => isScalar(p.key) && String(p.key.value) === key)

/** Why `key` cannot be written into this block (under `table:` when given), or undefined when it can. */
export function yamlEditProblem(parsed: YamlBlock, key: string, table?: string): string | undefined {
  if (parsed.map?.flow)
    return `cannot add "${key}" to front-matter written as a flow mapping ("{ ... }"); write the front-matter as "key: value" lines`
  if (table === undefined) return undefined
  const value = pairOf(parsed.map, table)?.value
  if (value === undefined || value === null || (isScalar(value) && value.value === null)) return undefined
  if (isMap(value) && !value.flow) return undefined
  return `cannot set "${key}" under "${table}:": it is not a block mapping ("${table}:" with indented "key: value" lines under it); write it as one`
}

/**
 * The text with `key: formatted` set in the block: the key's line replaced, or added as the block's last
 * line; with `table`, as the first line of the `table:` mapping (`table:` added at the end when absent).
 */
export function setYamlKey(text: string, block: Block, parsed: YamlBlock, key: string, formatted: string, table?: string): string {
  const problem = yamlEditProblem(parsed, key, table)
  if (problem) throw new Error(problem)
  const line = `${key}: ${formatted}`
  if (table !== undefined) return setNestedKey(text, block, parsed, table, line, key)
  const map = parsed.map
  const pair = pairOf(map, key)
  if (pair) return replacePair(text, block, pair, line)
  const indent = map ? indentOf(text, block.matterStart + (map.range?.[0] ?? 0)) : ''
  return text.slice(0, block.closeStart) + indent + line + block.eol + text.slice(block.closeStart)
}

/** `line` set in the block mapping under `table:`: replacing the key's line, first in the mapping, or in a new `table:` at the end. */
function setNestedKey(text: string, block: Block, parsed: YamlBlock, table: string, line: string, key: string): string {
  const map = parsed.map
  const top = map ? indentOf(text, block.matterStart + (map.range?.[0] ?? 0)) : ''
  const tablePair = pairOf(map, table)
  if (!tablePair)
    return text.slice(0, block.closeStart) + `${top}${table}:${block.eol}${top}  ${line}${block.eol}` + text.slice(block.closeStart)
  const nested = isMap(tablePair.value) ? tablePair.value : undefined
  const pair = pairOf(nested, key)
  if (pair) return replacePair(text, block, pair, line)
  const first = nested?.items[0]?.key as { range?: [number, number, number] } | undefined
  const indent = first?.range ? indentOf(text, block.matterStart + first.range[0]) : `${top}  `
  const keyStart = block.matterStart + ((tablePair.key as { range?: [number, number, number] }).range?.[0] ?? 0)
  const at = lineEndAt(text, keyStart) + 1
  return text.slice(0, at) + indent + line + block.eol + text.slice(at)
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  const indent = text.slice(lineStart, offset)
  return /^[ \t]*$/.test(indent) ? indent : ''
}

function replacePair(text: string, block: Block, pair: Pair, line: string): string {
  const base = block.matterStart
  const keyRange = (pair.key as { range?: [number, number, number] }).range
  if (!keyRange) throw new Error('internal: front-matter key without a position')
  const keyStart = base + keyRange[0]
  const value = pair.value as { range?: [number, number, number] } | null
  const keyLineEnd = lineEndAt(text, keyStart)
  let end: number
  if (!value?.range || value.range[0] === value.range[1]) {
    // No value (`key:`): replace up to and including the `:`, keep spaces/comment after it.
    const colon = text.indexOf(':', base + keyRange[1])
    end = colon !== -1 && colon < keyLineEnd ? colon + 1 : lineEndTrim(text, keyLineEnd)
  } else {
    const valueEnd = base + value.range[1]
    // One line: replace up to the end of the value, keep a trailing comment; several lines:
    // replace through the end of the value's last line.
    end = valueEnd <= keyLineEnd ? valueEnd : lineEndTrim(text, lineEndAt(text, valueEnd - 1))
  }
  return text.slice(0, keyStart) + line + text.slice(end)
}

/**
 * Front-matter: the safe read (parseFrontMatter), the cheap peek (peekFrontMatterValue) and the
 * byte-preserving write-back edit (applyFrontMatterKey). Pure functions of the file's text.
 *
 * Delimiters are found by our own line scanner, not by gray-matter, because gray-matter 4 is too
 * loose for exact lines and safe edits: it closes the block at the first `\n---` even when the
 * line goes on (`----`, `--- x`), does not know the `...` closing line, and treats a block that is
 * never closed as "the whole file is front-matter". gray-matter still does what it is good at:
 * picking the engine for the block's language (`---yaml`), with the `js`/`javascript` engines
 * (which `eval` the block) and `json` replaced by engines that refuse, and with our YAML engine
 * (the `yaml` package, `parseDocument` + `LineCounter`) so every key and every error has its line.
 */
import matter from 'gray-matter'
import { isDeepStrictEqual } from 'node:util'
import { CST, LineCounter, Parser, isMap, isScalar, parse as parseYamlValue, parseDocument } from 'yaml'
import type { Document, DocumentOptions, ParseOptions, Pair, ScalarTag, SchemaOptions, YAMLMap } from 'yaml'
import type { ArticleSource, FrontMatter } from './article.js'
import type { Diagnostic } from './diagnostic.js'
import { CLOSING, OPENING, lineContent, lineEndAt, peekFrontMatterValue } from './frontmatter-peek.js'

export { peekFrontMatterValue } from './frontmatter-peek.js'

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; diagnostic: Diagnostic }

const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(?:[ \t]*(Z|([-+])([012]?[0-9])(?::([0-9]{2}))?))?)?$/

/**
 * The YAML 1.1 timestamp (as the `yaml` package reads it), except that a date that does not exist
 * (`2024-02-30`, `2024-13-01`, `25:00:00`) stays the string it is instead of rolling over to
 * another day, so validation reports "not a date" rather than scheduling on a wrong day.
 */
const strictTimestamp: ScalarTag = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: 'tag:yaml.org,2002:timestamp',
  test: TIMESTAMP,
  resolve(source) {
    const m = TIMESTAMP.exec(source)
    if (!m) return source
    const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ]
    const millis = m[7] ? Number((m[7] + '00').slice(1, 4)) : 0
    const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0)) : 0
    const day0 = new Date(Date.UTC(year, month - 1, day))
    const exists = day0.getUTCFullYear() === year && day0.getUTCMonth() === month - 1 && day0.getUTCDate() === day
    if (!exists || hour > 23 || minute > 59 || second > 59 || Math.abs(offsetMinutes) > 18 * 60) return source
    return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000)
  },
}

/** YAML 1.2 core schema (so `yes`/`no` stay strings) plus timestamps (`date: 2024-05-01` is a Date). */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: [strictTimestamp],
  uniqueKeys: true,
  prettyErrors: false,
}

/** Guard against alias bombs (`&a [*a, *a, ...]`). */
const MAX_ALIAS_COUNT = 100

/** Keys we agree to write: they are plain YAML scalars and match `key:` at the start of a line. */
const WRITABLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/

/** Where the front-matter block is, in offsets of the text (BOM included). */
interface Block {
  /** 1 when the text starts with a BOM (U+FEFF), else 0. */
  bom: number
  /** The language written after the opening `---` (`yaml`, `js`), or ''. */
  language: string
  /** The opening line's line ending (`\n` or `\r\n`). */
  eol: string
  /** Start of the text handed to the YAML parser: just after `---` (and the language, if any). */
  matterStart: number
  /** End of the text handed to the YAML parser: the start of the closing line (the last line break included). */
  matterEnd: number
  /** Start of the closing delimiter line. */
  closeStart: number
  /** Just after the closing delimiter line, including its line ending. */
  closeEnd: number
  /** 1-based line of the closing delimiter. */
  closeLine: number
}

type Scan = { kind: 'none'; bom: number } | { kind: 'unclosed'; bom: number } | { kind: 'block'; block: Block }

function scanBlock(text: string): Scan {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const firstEnd = lineEndAt(text, bom)
  const first = lineContent(text, bom, firstEnd)
  const opening = OPENING.exec(first)
  if (!opening) return { kind: 'none', bom }
  if (firstEnd === text.length) return { kind: 'unclosed', bom }
  const language = opening[1] ?? ''
  const eol = text.charCodeAt(firstEnd - 1) === 13 ? '\r\n' : '\n'
  // Same place gray-matter starts its `matter` string, so both agree on the text (see parse).
  const matterStart = language ? bom + first.length : bom + 3
  let line = 1
  let start = firstEnd + 1
  while (start <= text.length) {
    line += 1
    const end = lineEndAt(text, start)
    if (CLOSING.test(lineContent(text, start, end))) {
      const closeEnd = end === text.length ? end : end + 1
      const matterEnd = start
      return { kind: 'block', block: { bom, language, eol, matterStart, matterEnd, closeStart: start, closeEnd, closeLine: line } }
    }
    if (end === text.length) break
    start = end + 1
  }
  return { kind: 'unclosed', bom }
}

/** 1-based line and column of an offset of the text. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1
    lineStart = i + 1
  }
  const bom = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0
  return { line, column: offset - lineStart - bom + 1 }
}

/** Thrown inside gray-matter's engine call, turned into a Diagnostic by `read`. */
class FrontMatterProblem extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
    readonly offset?: number,
  ) {
    super(message)
  }
}

interface YamlOutcome {
  data: Record<string, unknown>
  /** The top-level mapping, when there is one (undefined for an empty block). */
  map: YAMLMap | undefined
  /** Lines of the block text; its line 1 is the opening line, so its lines are the file's lines. */
  lineCounter: LineCounter
}

/** Our YAML engine. Offsets in its errors are relative to `matterText`. */
function parseYamlBlock(matterText: string): YamlOutcome {
  const lineCounter = new LineCounter()
  const doc = parseDocument(matterText, { ...YAML_OPTIONS, lineCounter })
  const error = doc.errors[0]
  if (error) {
    if (error.code === 'DUPLICATE_KEY') {
      const key = duplicateKeyName(doc, error.pos[0])
      throw new FrontMatterProblem(
        'frontmatter-duplicate-key',
        key === undefined
          ? 'front-matter has the same key twice; YAML keys must be unique: keep one of them'
          : `front-matter key "${key}" appears more than once; YAML keys must be unique: keep one "${key}:" line and delete the other`,
        error.pos[0],
      )
    }
    // YAML reports a missing closing quote where the block ends; the user needs the opening one.
    const offset = error.code === 'MISSING_CHAR' ? (unclosedQuoteStart(matterText, error.pos[0]) ?? error.pos[0]) : error.pos[0]
    throw new FrontMatterProblem(
      'frontmatter-yaml',
      `front-matter is not valid YAML: ${plainReason(error.message)}; fix the YAML on this line (quote values that contain ": " or start with a special character)`,
      offset,
    )
  }
  const contents = doc.contents
  if (contents === null) return { data: {}, map: undefined, lineCounter }
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
  return { data: data as Record<string, unknown>, map: contents, lineCounter }
}

/** Start of the quoted scalar that runs up to `offset` (the place YAML noticed it never closed). */
function unclosedQuoteStart(source: string, offset: number): number | undefined {
  let start: number | undefined
  for (const token of new Parser().parse(source)) {
    if (token.type !== 'document') continue
    CST.visit(token, (item) => {
      for (const t of [item.key, item.value]) {
        if (
          (t?.type === 'double-quoted-scalar' || t?.type === 'single-quoted-scalar') &&
          t.offset <= offset &&
          offset <= t.offset + t.source.length
        )
          start = t.offset
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

function refuseLanguage(language: string): never {
  throw new FrontMatterProblem(
    'frontmatter-language',
    `front-matter language '${language}' is not supported; use YAML: open the block with "---" alone on the first line`,
  )
}

type Read = { ok: true; frontMatter: FrontMatter; scan: Scan; yaml: YamlOutcome | undefined } | { ok: false; diagnostic: Diagnostic }

function read(source: ArticleSource): Read {
  const { path, text } = source
  const scan = scanBlock(text)
  if (scan.kind === 'none') {
    const frontMatter: FrontMatter = { data: {}, hasBlock: false, keyLines: {}, body: text.slice(scan.bom), bodyStartLine: 1 }
    return { ok: true, frontMatter, scan, yaml: undefined }
  }
  if (scan.kind === 'unclosed') {
    return {
      ok: false,
      diagnostic: {
        path,
        line: 1,
        severity: 'error',
        ruleId: 'frontmatter-unclosed',
        message:
          'front-matter opened with "---" on line 1 is never closed; add a line with only "---" after the last front-matter line (or remove the opening "---" if the file has no front-matter)',
      },
    }
  }
  const block = scan.block
  const language = block.language.toLowerCase()
  // The exact text between the delimiters, from just after `---` up to the closing line, its last
  // line break included: adding a line before the closing delimiter must not change a `|+` value
  // that ends the block, so the block is read as the YAML document it is. (gray-matter's own
  // `matter` stops before the last `\n` and keeps a CRLF's `\r`, which YAML reads into the last
  // value: `slug: s\r`.)
  const matterText = text.slice(block.matterStart, block.matterEnd)
  let yaml: YamlOutcome | undefined
  try {
    if (language !== '' && language !== 'yaml' && language !== 'yml') refuseLanguage(block.language)
    if (matterText.includes('\n---')) {
      // gray-matter would end the block at this line that merely starts with `---` (`----`,
      // `--- x`); it is not a delimiter for us, so parse the exact block and let YAML report it.
      yaml = parseYamlBlock(matterText)
    } else {
      const engine = (input: string): object => {
        yaml = parseYamlBlock(input)
        return yaml.data
      }
      const refuse = (): object => refuseLanguage(block.language)
      // Options are always passed: gray-matter caches option-less calls by content and shares the
      // cached `data` object between calls. It gets the block, an extra `\n` and a normalised
      // closing `---` (no body), so its `matter` is exactly `matterText`. It does not call the
      // engine for a block of only comments and blank lines (then `yaml` stays undefined: `{}`).
      matter(text.slice(block.bom, block.matterEnd) + '\n---\n', {
        language: 'yaml',
        engines: { yaml: engine, javascript: refuse, js: refuse, json: refuse },
      })
    }
  } catch (cause) {
    if (!(cause instanceof FrontMatterProblem)) {
      const reason = cause instanceof Error ? cause.message : String(cause)
      return {
        ok: false,
        diagnostic: { path, line: 1, severity: 'error', ruleId: 'frontmatter-yaml', message: `front-matter could not be read: ${reason}` },
      }
    }
    // An error found at the end of the block (an unclosed `[`) points at the last line with text,
    // not at the closing delimiter.
    const offset = cause.offset === undefined ? undefined : Math.min(cause.offset, matterText.trimEnd().length)
    const at = offset === undefined ? { line: 1, column: 1 } : positionOf(text, block.matterStart + offset)
    let message = cause.message
    if (cause.ruleId === 'frontmatter-yaml' && offset !== undefined) {
      const lineStart = text.lastIndexOf('\n', block.matterStart + offset - 1) + 1
      const quoted = lineContent(text, lineStart, lineEndAt(text, lineStart))
        .replace(/^\ufeff/, '')
        .trim()
      if (quoted !== '')
        message = message.replace(/^front-matter /, `front-matter line "${quoted.length > 80 ? quoted.slice(0, 77) + '...' : quoted}" `)
    }
    return { ok: false, diagnostic: { path, line: at.line, column: at.column, severity: 'error', ruleId: cause.ruleId, message } }
  }
  const keyLines: Record<string, number> = {}
  for (const pair of yaml?.map?.items ?? []) {
    if (isScalar(pair.key) && pair.key.range && yaml) keyLines[String(pair.key.value)] = yaml.lineCounter.linePos(pair.key.range[0]).line
  }
  const frontMatter: FrontMatter = {
    data: yaml?.data ?? {},
    hasBlock: true,
    keyLines,
    body: text.slice(block.closeEnd),
    bodyStartLine: block.closeLine + 1,
  }
  return { ok: true, frontMatter, scan, yaml }
}

/**
 * Read the front-matter of an article. Errors (unclosed block, YAML syntax, duplicate keys, a
 * block that is not a mapping, a language other than YAML) come back as one Diagnostic with the
 * file's line (1-based, BOM adds no line, CRLF is one break).
 */
export function parseFrontMatter(source: ArticleSource): FrontMatterResult {
  const result = read(source)
  return result.ok ? { ok: true, frontMatter: result.frontMatter } : { ok: false, diagnostic: result.diagnostic }
}

// ---------------------------------------------------------------------------------------------
// peek

// ---------------------------------------------------------------------------------------------
// edit

/** How the value is written: plain when that reads back as the same string, else double-quoted. */
function formatScalar(value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._~:/?#[\]@!$&'()*+,;=%-]*$/.test(value) && !value.endsWith(':')) {
    const back: unknown = parseYamlValue(`k: ${value}`, YAML_OPTIONS)
    const read = (back as Record<string, unknown> | null)?.k
    if (read === value) return value
    // An ISO timestamp as written by Date#toISOString (mediumPublishAttempt) stays plain and
    // reads back as the equal Date.
    if (read instanceof Date && !Number.isNaN(read.getTime()) && read.toISOString() === value) return value
  }
  // JSON's escapes are a subset of YAML's double-quoted escapes; also escape what YAML does not
  // allow raw in a double-quoted scalar (C1 controls, DEL, line/paragraph separators, BOM).
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** What `key: formatted` reads back as. */
function readBack(formatted: string): unknown {
  return (parseYamlValue(`k: ${formatted}`, YAML_OPTIONS) as Record<string, unknown>).k
}

/**
 * Set `key: value` in the front-matter, changing no other byte.
 *
 * - An existing top-level `key:` line has its key and value replaced (an empty one like
 *   `mediumUrl:` / `mediumUrl: ""`, or a non-empty one when an edit is re-applied); whatever
 *   follows the value on its line (a comment, the line ending) is kept. A value over several lines
 *   (block scalar, list) is replaced by the one line.
 * - Otherwise `key: value` is added as the last line of the block, with the opening line's line
 *   ending (and the indentation of the other keys).
 * - A file without front-matter gets `---<eol>key: value<eol>---<eol>` in front (after the BOM),
 *   eol being the file's first line ending, or `\n`.
 *
 * The value is a plain scalar when that reads back as the same string (URLs, ISO timestamps),
 * else double-quoted. An ISO timestamp (`2024-05-01T10:00:00.000Z`) reads back as the equal Date.
 * Throws when the front-matter is unclosed or invalid, when the key is not a simple name, or when
 * the edit would not read back as expected (checked on every call).
 */
export function applyFrontMatterKey(text: string, key: string, value: string): string {
  if (!WRITABLE_KEY.test(key)) {
    throw new Error(
      `cannot write front-matter key "${key}": expected letters, digits, "_" or "-" (starting with a letter or "_"); choose a simple key name`,
    )
  }
  const before = read({ path: '', text })
  if (!before.ok) {
    const where = before.diagnostic.line === undefined ? '' : ` (line ${before.diagnostic.line})`
    throw new Error(`cannot set "${key}" in front-matter that does not parse${where}: ${before.diagnostic.message}`)
  }
  const formatted = formatScalar(value)
  const result = edit(text, before, key, formatted)
  const after = read({ path: '', text: result })
  const expected = { ...before.frontMatter.data, [key]: readBack(formatted) }
  if (!after.ok || !isDeepStrictEqual(after.frontMatter.data, expected) || after.frontMatter.body !== before.frontMatter.body) {
    throw new Error(
      `setting "${key}" to "${value}" would change other front-matter (the edited file does not read back as before plus "${key}"); set "${key}: <value>" by hand as its own top-level line`,
    )
  }
  return result
}

function edit(text: string, before: Extract<Read, { ok: true }>, key: string, formatted: string): string {
  const line = `${key}: ${formatted}`
  const { scan, yaml } = before
  if (scan.kind !== 'block') {
    const bom = scan.kind === 'none' ? scan.bom : 0
    const eol = /\r?\n/.exec(text)?.[0] ?? '\n'
    return text.slice(0, bom) + `---${eol}${line}${eol}---${eol}` + text.slice(bom)
  }
  const block = scan.block
  const map = yaml?.map
  if (map?.flow) {
    throw new Error(
      `cannot add "${key}" to front-matter written as a flow mapping ("{ ... }"); write the front-matter as "key: value" lines`,
    )
  }
  const pair = map?.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
  if (pair) return replacePair(text, block, pair, line)
  const indent = map ? indentOf(text, block.matterStart + (map.range?.[0] ?? 0)) : ''
  return text.slice(0, block.closeStart) + indent + line + block.eol + text.slice(block.closeStart)
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

/** The offset of the line break at `lineEnd`, stepping back over a `\r`. */
function lineEndTrim(text: string, lineEnd: number): number {
  return lineEnd > 0 && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd
}

/**
 * The non-empty value a file records under `key` (trimmed), or undefined: the line scan when it is
 * certain, else the full parse (block scalars, quoting the scan leaves alone). A YAML timestamp
 * (`mediumPublishAttempt`) comes back as its ISO text.
 */
export function recordedValue(path: string, text: string, key: string): string | undefined {
  const peeked = peekFrontMatterValue(text, key)?.trim()
  if (peeked) return peeked
  const parsed = parseFrontMatter({ path, text })
  const value = parsed.ok ? parsed.frontMatter.data[key] : undefined
  if (value instanceof Date) return value.toISOString()
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * TOML front-matter (`+++`, Hugo and Zola), read with smol-toml (TOML 1.0, errors with their line and
 * column) and a scan of its statements for the line of every key (toml-scan.ts), and edited without
 * re-serialising: only our key's line changes, or it is added.
 *
 * - Keys of tables are in `keyLines` as dotted paths too: `[extra]` then `image = …` gives `extra.image`.
 * - Dates come back as plain `Date`s (a local date or date-time as UTC, like YAML); a time of day alone as its text.
 * - The write-back line is `key = "value"` (a basic string) at the end of the top-level table (before the
 *   first `[table]` header), or at the end of `[extra]` when our keys live there (Zola).
 */
import { parse, TomlDate, TomlError } from 'smol-toml'
import type { Block } from './block.js'
import { setOwn } from './own.js'
import { FrontMatterProblem } from './problem.js'
import { scanToml, type TomlStatement } from './toml-scan.js'

export interface TomlParsed {
  data: Record<string, unknown>
  keyLines: Record<string, number>
  statements: TomlStatement[]
}

/** Parses the text between the `+++` lines. Offsets in its problems are relative to `block.matterStart`. */
export function parseTomlBlock(text: string, block: Block): TomlParsed {
  const matterText = text.slice(block.matterStart, block.matterEnd)
  let table: Record<string, unknown>
  try {
    table = parse(matterText, { maxDepth: 100 })
  } catch (cause) {
    throw tomlProblem(matterText, cause)
  }
  const statements = scanToml(text, block.matterStart, block.matterEnd)
  const keyLines: Record<string, number> = {}
  for (const statement of statements) {
    for (let n = 1; n <= statement.path.length; n++) {
      const name = statement.path.slice(0, n).join('.')
      if (!Object.hasOwn(keyLines, name)) setOwn(keyLines, name, statement.line)
    }
  }
  return { data: plainValue(table) as Record<string, unknown>, keyLines, statements }
}

function tomlProblem(matterText: string, cause: unknown): FrontMatterProblem {
  if (!(cause instanceof TomlError)) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return new FrontMatterProblem('frontmatter-toml', `front-matter could not be read as TOML: ${reason}`)
  }
  let offset = 0
  for (let line = 1; line < cause.line; line++) offset = matterText.indexOf('\n', offset) + 1
  offset += cause.column - 1
  const reason = (cause.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '')
  if (/redefine/.test(reason)) {
    return new FrontMatterProblem(
      'frontmatter-duplicate-key',
      'front-matter defines the same key or table twice; TOML keys and tables must be unique: keep one of them',
      offset,
    )
  }
  return new FrontMatterProblem(
    'frontmatter-toml',
    `front-matter is not valid TOML: ${reason}; fix the TOML on this line (strings in double quotes, one "key = value" per line, arrays closed with "]")`,
    offset,
  )
}

/** smol-toml's values as plain ones: ordinary objects, plain Dates (a time of day alone stays its text). */
function plainValue(value: unknown): unknown {
  if (value instanceof TomlDate) return value.isTime() ? value.toISOString() : new Date(value.getTime())
  if (Array.isArray(value)) return value.map(plainValue)
  if (value !== null && typeof value === 'object') {
    const plain: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) setOwn(plain, key, plainValue(inner))
    return plain
  }
  return value
}

// ---------------------------------------------------------------------------------------------
// edit

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** `"value"` as a TOML basic string; throws for text TOML cannot hold (a lone surrogate). */
export function formatTomlString(value: string): string {
  if (LONE_SURROGATE.test(value)) throw new Error(`cannot write ${JSON.stringify(value)} in TOML: it is not valid Unicode text`)
  // eslint-disable-next-line no-control-regex -- control characters are what TOML requires escaped
  const escaped = value.replace(/["\\\u0000-\u001f\u007f]/g, (c) => {
    const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' }
    return short[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  })
  return `"${escaped}"`
}

/** The table of a pair: its path without its key's segments. */
const tableOf = (s: TomlStatement) => s.path.slice(0, s.path.length - s.keyLength)
const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])
const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((x, i) => path[i] === x)

/** Why `key` cannot be written into this block (in `table` when given), or undefined when it can. */
export function tomlEditProblem(text: string, parsed: TomlParsed, key: string, table?: string): string | undefined {
  const prefix = table === undefined ? [] : [table]
  const target = [...prefix, key]
  const where = table === undefined ? 'the TOML front-matter' : `the [${table}] table of the TOML front-matter`
  for (const s of parsed.statements) {
    if (startsWith(s.path, target) && (s.kind !== 'pair' || s.path.length > target.length)) {
      return `cannot set "${key}" in ${where}: "${target.join('.')}" is a table there; rename that table or set "${key}" by hand`
    }
    if (s.kind === 'pair' && samePath(s.path, target)) {
      if (s.inArrayTable || s.keyLength !== 1 || !samePath(tableOf(s), prefix)) {
        return `cannot set "${key}": the TOML front-matter writes it as a dotted key ("${text.slice(s.start, s.valueStart).trim()}"); write it as "${key} = …" in ${where}`
      }
      if (text.slice(s.valueStart, s.valueEnd).includes('\n')) {
        return `cannot set "${key}": its value in the TOML front-matter spans several lines; write "${key} = \\"<value>\\"" on one line`
      }
    }
    if (table !== undefined && s.path[0] === table) {
      if (s.kind === 'array-table')
        return `cannot set "${key}": the TOML front-matter has [[${table}]] (an array of tables); our keys go in a [${table}] table`
      if (s.kind === 'pair' && tableOf(s).length === 0) {
        return `cannot set "${key}": the TOML front-matter defines "${table}" as "${text.slice(s.start, s.valueStart).trim()} …" (an inline table, a dotted key or a value), so a [${table}] table cannot be added; write it as a [${table}] table`
      }
    }
  }
  return undefined
}

/** The indentation of the statement's line when the statement starts it, else ''. */
function indentOf(text: string, statement: TomlStatement | undefined): string {
  if (!statement) return ''
  const lineStart = text.lastIndexOf('\n', statement.start - 1) + 1
  const indent = text.slice(lineStart, statement.start)
  return /^[ \t]*$/.test(indent) ? indent : ''
}

/** The text with `key = "value"` set: the key's line replaced, or the line added at the end of its table. */
export function setTomlKey(text: string, block: Block, parsed: TomlParsed, key: string, value: string, table?: string): string {
  const problem = tomlEditProblem(text, parsed, key, table)
  if (problem) throw new Error(problem)
  const line = `${key} = ${formatTomlString(value)}`
  const prefix = table === undefined ? [] : [table]
  const statements = parsed.statements
  const existing = statements.find((s) => s.kind === 'pair' && samePath(s.path, [...prefix, key]))
  if (existing) return text.slice(0, existing.start) + line + text.slice(existing.valueEnd)
  const pairs = statements.filter((s) => s.kind === 'pair' && !s.inArrayTable && samePath(tableOf(s), prefix))
  const last = pairs[pairs.length - 1]
  const insert = (at: number, lines: string) => text.slice(0, at) + lines + text.slice(at)
  if (table === undefined) {
    const header = statements.find((s) => s.kind !== 'pair')
    if (!header) return insert(block.closeStart, indentOf(text, last) + line + block.eol)
    // The first header ends the top-level table: after its last pair, or first thing in the block.
    const at = last ? last.end : text.indexOf('\n', block.matterStart) + 1
    return insert(at, indentOf(text, last) + line + block.eol)
  }
  const header = statements.find((s) => s.kind === 'table' && samePath(s.path, prefix))
  if (!header) return insert(block.closeStart, `[${table}]${block.eol}${line}${block.eol}`)
  return insert(last ? last.end : header.end, indentOf(text, last) + line + block.eol)
}

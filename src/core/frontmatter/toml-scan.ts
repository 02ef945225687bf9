/**
 * The statements of a TOML block that has already parsed (smol-toml said it is valid): each key/value
 * pair and table header with where it is, so every key has its line and the edit knows which bytes a
 * key's value occupies. Strings (all four kinds), arrays and inline tables over several lines, comments
 * and dotted or quoted keys are stepped over as TOML reads them.
 */
import { dayExists } from '../dates.js'
import { FrontMatterProblem } from './problem.js'
import { positionOf, quotedLineAt } from './lines.js'

export interface TomlStatement {
  kind: 'pair' | 'table' | 'array-table'
  /** Pair: the path of the table it is in plus its key's segments; header: the header's path. */
  path: string[]
  /** Pair: the number of segments of its key (more than 1 for a dotted key); header: its path's length. */
  keyLength: number
  /** Whether it is a `[[header]]` or a pair under one. */
  inArrayTable: boolean
  /** Offsets in the file's text: the key's (or the `[`'s) first character... */
  start: number
  /** ...the value's first character and just after it (a header: just after its `]`)... */
  valueStart: number
  valueEnd: number
  /** ...and the start of the next line. */
  end: number
  /** 1-based line in the file. */
  line: number
}

const BARE = /[A-Za-z0-9_-]/
const VALUE_STOP = ' \t\r\n#,]}'

const skipBlanks = (text: string, i: number): number => {
  while (text[i] === ' ' || text[i] === '\t') i++
  return i
}

/** The start of the next line after `i` (or the text's end). */
function nextLine(text: string, i: number): number {
  const end = text.indexOf('\n', i)
  return end === -1 ? text.length : end + 1
}

/** The statements between `from` and `to` (the block's matter text; `from` is just after the opening `+++`). */
export function scanToml(text: string, from: number, to: number): TomlStatement[] {
  const statements: TomlStatement[] = []
  let table: string[] = []
  let inArrayTable = false
  let i = nextLine(text, from)
  while (i < to) {
    const start = skipBlanks(text, i)
    const c = text[start]
    if (c === '\n' || c === '\r' || c === '#' || start >= to) {
      i = nextLine(text, start)
      continue
    }
    const line = positionOf(text, start).line
    if (c === '[') {
      const double = text[start + 1] === '['
      const [path, keyEnd] = readKey(text, start + (double ? 2 : 1))
      const close = skipBlanks(text, keyEnd) + (double ? 2 : 1)
      table = path
      inArrayTable = double
      const kind = double ? 'array-table' : 'table'
      statements.push({
        kind,
        path,
        keyLength: path.length,
        inArrayTable,
        start,
        valueStart: close,
        valueEnd: close,
        end: nextLine(text, close),
        line,
      })
      i = nextLine(text, close)
      continue
    }
    const [segments, keyEnd] = readKey(text, start)
    const valueStart = skipBlanks(text, skipBlanks(text, keyEnd) + 1)
    const valueEnd = skipValue(text, valueStart, from)
    const path = [...table, ...segments]
    statements.push({
      kind: 'pair',
      path,
      keyLength: segments.length,
      inArrayTable,
      start,
      valueStart,
      valueEnd,
      end: nextLine(text, valueEnd),
      line,
    })
    i = nextLine(text, valueEnd)
  }
  return statements
}

/** A key (bare, quoted, dotted) from `i`: its segments and the offset just after it. */
function readKey(text: string, i: number): [string[], number] {
  const segments: string[] = []
  for (;;) {
    i = skipBlanks(text, i)
    if (text[i] === '"') {
      const end = basicStringEnd(text, i)
      segments.push(decodeBasic(text.slice(i + 1, end)))
      i = end + 1
    } else if (text[i] === "'") {
      const end = text.indexOf("'", i + 1)
      segments.push(text.slice(i + 1, end))
      i = end + 1
    } else {
      let j = i
      while (j < text.length && BARE.test(text[j]!)) j++
      segments.push(text.slice(i, j))
      i = j
    }
    const next = skipBlanks(text, i)
    if (text[next] !== '.') return [segments, i]
    i = next + 1
  }
}

function basicStringEnd(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return text.length
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' }

/** A basic string's content with its escapes resolved (keys only: values come from smol-toml). */
function decodeBasic(body: string): string {
  return body.replace(
    /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))/g,
    (_, u4?: string, u8?: string, x2?: string, c?: string) => {
      const hex = u4 ?? u8 ?? x2
      return hex === undefined ? (ESCAPES[c ?? ''] ?? '') : String.fromCodePoint(parseInt(hex, 16))
    },
  )
}

/** Just after the value that starts at `i`. */
function skipValue(text: string, i: number, base: number): number {
  const c = text[i]
  if (text.startsWith('"""', i) || text.startsWith("'''", i)) return multilineStringEnd(text, i)
  if (c === '"') return basicStringEnd(text, i) + 1
  if (c === "'") return text.indexOf("'", i + 1) + 1
  if (c === '[' || c === '{') return nestedEnd(text, i, base)
  return bareEnd(text, i, base)
}

function multilineStringEnd(text: string, from: number): number {
  const quote = text[from]!
  const delimiter = quote.repeat(3)
  for (let i = from + 3; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++
    else if (text.startsWith(delimiter, i)) {
      let end = i + 3
      // Up to two more quotes just before the closing delimiter belong to the string.
      while (end < i + 5 && text[end] === quote) end++
      return end
    }
  }
  return text.length
}

/** Just after the array or inline table that opens at `from`. */
function nestedEnd(text: string, from: number, base: number): number {
  const inline = text[from] === '{'
  const close = inline ? '}' : ']'
  let i = from + 1
  while (i < text.length) {
    const c = text[i]!
    if (c === close) return i + 1
    if (c === '#') i = nextLine(text, i)
    else if (' \t\r\n,'.includes(c)) i++
    else if (inline && isKeyStart(text, i)) i = skipBlanks(text, readKey(text, i)[1]) + 1
    else i = Math.max(skipValue(text, i, base), i + 1)
  }
  return text.length
}

/** Inside an inline table, whether `i` starts a key (after `{` or `,`) rather than a value (after `=`). */
function isKeyStart(text: string, i: number): boolean {
  let j = i - 1
  while (j >= 0 && ' \t\r\n'.includes(text[j]!)) j--
  return text[j] === '{' || text[j] === ','
}

/** Just after a number, boolean or date; a date that does not exist (which smol-toml rolls over) is an error. */
function bareEnd(text: string, from: number, base: number): number {
  let i = from
  while (i < text.length && !VALUE_STOP.includes(text[i]!)) i++
  // `1979-05-27 07:32:00Z`: a space may stand for the `T` of a date-time.
  if (/^\d{4}-\d{2}-\d{2}$/.test(text.slice(from, i)) && text[i] === ' ' && /^\d{2}:/.test(text.slice(i + 1, i + 4))) {
    i++
    while (i < text.length && !VALUE_STOP.includes(text[i]!)) i++
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.slice(from, i))
  if (date && !dayExists(Number(date[1]), Number(date[2]), Number(date[3]))) {
    throw new FrontMatterProblem(
      'frontmatter-toml',
      `front-matter date "${text.slice(from, i)}" is a day that does not exist (line "${quotedLineAt(text, from)}"); write a real date, e.g. 2024-05-01`,
      from - base,
    )
  }
  return i
}

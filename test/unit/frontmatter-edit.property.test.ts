/**
 * Property tests of the write-back edit over many front-matter styles. Each generated case knows
 * exactly where the key's line must go, so "every other byte unchanged" is checked byte for byte:
 * the result must be `before + <key>: <value> + after` where `before + <old line or nothing> + after`
 * is the original text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyFrontMatterKey,
  parseFrontMatter,
  peekFrontMatterValue,
  recordedKeyPath,
  recordedKeyValue,
  type FrontMatterOptions,
} from '../../src/core/frontmatter/index.js'

interface Case {
  text: string
  key: string
  value: string
  /** The original text is `before + replaced + after`; the result must be `before + open + <key>: <v> + close + after`. */
  before: string
  replaced: string
  after: string
  /** What surrounds the new line: `'' / eol` when added, `'' / ''` when replacing, the delimiters when a block is prepended. */
  open: string
  close: string
}

const TARGET_KEYS = ['mediumUrl', 'mediumPublishAttempt', 'url_key-2']
const word = fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/)
const otherKey = fc.oneof(
  fc.constantFrom('title', 'tags', 'date', 'slug', 'publishStatus', 'canonicalUrl', 'description'),
  fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/),
)
const lineText = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !/[\r\n\u0085\u2028\u2029\ufeff]/.test(s))
const plainText = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '))
const blockLine = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9 .,:#'"-]{0,15}$/)
const comment = fc.constantFrom('', '', ' # a comment', '  #c', '\t# tab comment')

/** The lines (without line endings) of one top-level entry. */
function entry(key: string): fc.Arbitrary<string[]> {
  return fc.oneof(
    fc.tuple(plainText, comment).map(([v, c]) => [`${key}: ${v}${c}`]),
    fc.tuple(lineText, comment).map(([v, c]) => [`${key}: ${JSON.stringify(v)}${c}`]),
    fc.tuple(lineText, comment).map(([v, c]) => [`${key}: '${v.replace(/'/g, "''")}'${c}`]),
    fc
      .constantFrom(
        `${key}:`,
        `${key}: ~`,
        `${key}: ""`,
        `${key}: 2024-05-01`,
        `${key}: 2024-05-01T10:30:00Z`,
        `${key}: true`,
        `${key}: 12`,
      )
      .map((l) => [l]),
    fc
      .tuple(fc.constantFrom('|', '|-', '|+', '>', '>-'), fc.array(fc.oneof(blockLine, fc.constant('')), { minLength: 1, maxLength: 4 }))
      .map(([indicator, lines]) => [`${key}: ${indicator}`, ...['x', ...lines].map((l) => (l === '' ? '' : `  ${l}`))]),
    fc.array(plainText, { minLength: 1, maxLength: 3 }).map((items) => [`${key}:`, ...items.map((i) => `  - ${i}`)]),
    fc.array(word, { minLength: 0, maxLength: 3 }).map((items) => [`${key}: [${items.join(', ')}]`]),
    fc
      .tuple(plainText, fc.boolean())
      .map(([v, nestedTarget]) => [`${key}:`, `  sub: ${v}`, ...(nestedTarget ? ['  mediumUrl: https://nested.example/x'] : [])]),
  )
}

const filler = fc.array(fc.constantFrom('', '# comment line', '#', '# mediumUrl: https://commented.example/'), { maxLength: 2 })

function entries(exclude: string): fc.Arbitrary<string[][]> {
  return fc
    .uniqueArray(
      otherKey.filter((k) => k !== exclude),
      { maxLength: 6 },
    )
    .chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(filler, entry(k)).map(([f, e]) => [...f, ...e]))))
    .map((list) => list as string[][])
}

const bodyLines = fc.array(
  fc.constantFrom(
    '# Heading',
    'Some text.',
    '---',
    '...',
    '',
    '---yaml',
    'mediumUrl: https://body.example/',
    '- item',
    '```',
    'title: body',
  ),
  {
    maxLength: 6,
  },
)

const value = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom('https://medium.com/@someone/a-title-0123456789ab', 'https://medium.com/p/0123456789ab', '2024-05-01T10:30:00.000Z'),
  fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0)), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }),
  fc.constantFrom('yes', 'true', 'null', '~', '42', 'a: b', '# x', ' x', 'x ', '"q"', "'q'", '- x', '[x]', 'x\ny', 'x\r\ny', '\t', 'é'),
)

/** The target key's existing entry: [lines, text that stays after the replaced part on its last line]. */
function existing(key: string): fc.Arbitrary<{ lines: string[]; replaced: string; tail: string }> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom('', ' ""', " ''", ' ~', ' https://medium.com/p/old', ' "https://medium.com/p/old"'), comment)
      .map(([form, c]) => ({
        lines: [`${key}:${form}${c}`],
        replaced: `${key}:${form}`,
        tail: c,
      })),
    fc.array(blockLine, { minLength: 1, maxLength: 3 }).map((lines) => {
      const all = [`${key}: |`, ...lines.map((l) => `  ${l}`)]
      return { lines: all, replaced: all.join('\n'), tail: '' }
    }),
  )
}

const withBlock: fc.Arbitrary<Case> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    opening: fc.constantFrom('---', '---', '---yaml', '---  ', '--- yml'),
    closing: fc.constantFrom('---', '---', '...', '---  '),
    key: fc.constantFrom(...TARGET_KEYS),
    body: bodyLines,
    finalNewline: fc.boolean(),
    value,
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      all: entries(base.key),
      split: fc.nat(),
      target: fc.option(existing(base.key), { nil: undefined }),
      trailing: filler,
    }),
  )
  .map(({ base, all, split, target, trailing }) => {
    const head = all.slice(0, split % (all.length + 1))
    const tail = all.slice(head.length)
    const { eol, key } = base
    const bom = base.bom ? '\ufeff' : ''
    const join = (lines: string[]): string => lines.map((l) => l + eol).join('')
    const body = base.body.join(eol) + (base.finalNewline && base.body.length > 0 ? eol : '')
    const closing = base.closing + (base.body.length > 0 || base.finalNewline ? eol : '') + body
    const headText = bom + join([base.opening, ...head.flat()])
    if (target === undefined) {
      // Added as the last line of the block.
      const before = headText + join([...tail.flat(), ...trailing])
      return { text: before + closing, key, value: base.value, before, replaced: '', after: closing, open: '', close: eol }
    }
    const [first, ...rest] = target.lines
    const targetText = [first, ...rest].join(eol)
    const replaced = target.replaced.replace(/\n/g, eol)
    const after = targetText.slice(replaced.length) + eol + join([...tail.flat(), ...trailing]) + closing
    return { text: headText + replaced + after, key, value: base.value, before: headText, replaced, after, open: '', close: '' }
  })

const withoutBlock: fc.Arbitrary<Case> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    key: fc.constantFrom(...TARGET_KEYS),
    body: bodyLines,
    finalNewline: fc.boolean(),
    value,
  })
  .map(({ bom, eol, key, body, finalNewline, value }) => {
    const lines = ['First paragraph.', ...body]
    const text = (bom ? '\ufeff' : '') + lines.join(eol) + (finalNewline ? eol : '')
    const fileEol = lines.length > 1 || finalNewline ? eol : '\n'
    return {
      text,
      key,
      value,
      before: bom ? '\ufeff' : '',
      replaced: '',
      after: text.slice(bom ? 1 : 0),
      open: `---${fileEol}`,
      close: `${fileEol}---${fileEol}`,
    }
  })

const simpleUrl = /^https:\/\/[a-z0-9.-]+(?:\/[A-Za-z0-9._~/-]*)?$/
const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

function dataOf(text: string, options: FrontMatterOptions = {}): Record<string, unknown> {
  const result = parseFrontMatter({ path: 'a.md', text }, options)
  if (!result.ok) throw new Error(`generated text does not parse: ${result.diagnostic.message}\n${JSON.stringify(text)}`)
  return result.frontMatter.data
}

function expectedValue(value: string): unknown {
  return isoTime.test(value) && new Date(value).toISOString() === value ? new Date(value) : value
}

function checkCase(c: Case): void {
  const original = dataOf(c.text)
  const result = applyFrontMatterKey(c.text, c.key, c.value)

  // (1) Only the key's line differs: putting the old line back (or removing the added one) gives
  // back the original bytes.
  expect(result.startsWith(c.before), 'bytes before the edit are unchanged').toBe(true)
  expect(result.endsWith(c.after), 'bytes after the edit are unchanged').toBe(true)
  expect(c.before + c.replaced + c.after, 'the generator splits the original exactly').toBe(c.text)
  const middle = result.slice(c.before.length, result.length - c.after.length)
  expect(middle.startsWith(c.open) && middle.endsWith(c.close), `new text ${JSON.stringify(middle)}`).toBe(true)
  const line = middle.slice(c.open.length, middle.length - c.close.length)
  expect(line, 'the new line is one "key: value" line').toMatch(new RegExp(`^${c.key}: [^\\r\\n]+$`))
  if (simpleUrl.test(c.value) || isoTime.test(c.value)) expect(line, 'URLs and ISO times are written plain').toBe(`${c.key}: ${c.value}`)

  // (2) Reads back as the original data plus the key.
  expect(dataOf(result)).toEqual({ ...original, [c.key]: expectedValue(c.value) })

  // (3) Idempotent.
  expect(applyFrontMatterKey(result, c.key, c.value)).toBe(result)

  // (4) The cheap peek sees the value.
  expect(peekFrontMatterValue(result, c.key)).toBe(c.value)
}

describe('applyFrontMatterKey properties', () => {
  it('changes only the key line in files with front-matter, reads back, is idempotent, and is peekable', () => {
    fc.assert(fc.property(withBlock, checkCase), { numRuns: Number(process.env.FC_RUNS ?? 400) })
  })

  it('prepends a block to files without front-matter with the same guarantees', () => {
    fc.assert(fc.property(withoutBlock, checkCase), { numRuns: 200 })
  })

  it('never lets peek disagree with the full parse on generated files', () => {
    fc.assert(
      fc.property(withBlock, (c) => {
        const peeked = peekFrontMatterValue(c.text, c.key)
        if (peeked !== undefined) {
          const actual = dataOf(c.text)[c.key]
          expect(actual instanceof Date ? (actual as Date).toISOString() : actual).toBe(peeked)
        }
      }),
      { numRuns: 300 },
    )
  })
})

// ---------------------------------------------------------------------------------------------
// TOML, JSON and Pelican metadata lines: the same four guarantees, with each format's line.

interface FormatCase extends Case {
  options: FrontMatterOptions
  /** The new line, exactly. */
  line: string
  /** Whether every statement is of a shape the peek reads (so it must answer). */
  peekable: boolean
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const tomlValue = value.filter((v) => !LONE_SURROGATE.test(v))
const tomlWord = fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/)
const tableName = fc.constantFrom('params', 'extra', 'taxonomies', 'author')

/** Text a TOML literal string can hold: no `'`, no control character but the tab. */
const literalSafe = (text: string) => [...text].filter((c) => c !== "'" && (c === '\t' || (c >= ' ' && c !== '\u007f'))).join('')

/** A TOML statement (its lines) for `key`, and whether the peek reads its shape. */
function tomlEntry(key: string): fc.Arbitrary<{ lines: string[]; peekable: boolean }> {
  const peekable = (lines: string[]) => ({ lines, peekable: true })
  const opaque = (lines: string[]) => ({ lines, peekable: false })
  const often = <T>(arbitrary: fc.Arbitrary<T>) => ({ weight: 4, arbitrary })
  const rarely = <T>(arbitrary: fc.Arbitrary<T>) => ({ weight: 1, arbitrary })
  return fc.oneof(
    often(fc.tuple(lineText, comment).map(([v, c]) => peekable([`${key} = ${JSON.stringify(v)}${c}`]))),
    often(fc.tuple(lineText, comment).map(([v, c]) => peekable([`${key} = '${literalSafe(v)}'${c}`]))),
    often(
      fc
        .constantFrom('true', '12', '3.5', '2024-05-01', '2024-05-01T10:30:00Z', '1979-05-27 07:32:00')
        .map((v) => peekable([`${key} = ${v}`])),
    ),
    often(fc.array(tomlWord, { maxLength: 3 }).map((items) => peekable([`${key} = [${items.map((i) => `"${i}"`).join(', ')}]`]))),
    often(
      fc
        .array(tomlWord, { minLength: 1, maxLength: 3 })
        .map((items) => peekable([`${key} = [`, ...items.map((i) => `  "${i}", # ${i}`), ']'])),
    ),
    rarely(fc.tuple(tomlWord, tomlWord).map(([a, b]) => opaque([`${key} = { src = "${a}", alt = '${b}' }`]))),
    rarely(
      fc
        .array(fc.constantFrom('text', 'mediumUrl = "https://inside.example/"', '[extra]', '+++x', ''), { maxLength: 3 })
        .map((l) => opaque([`${key} = """`, ...l, 'end"""'])),
    ),
    rarely(fc.constant(opaque([`${key} = '''`, '[extra]', `mediumUrl = 'x'`, "'''"]))),
  )
}

const tomlFiller = fc.array(fc.constantFrom('', '# comment line', '#', '# mediumUrl = "https://commented.example/"'), { maxLength: 2 })

/** Statements with unique keys (not `exclude`, not a table name), each after some filler. */
function tomlStatements(exclude: string): fc.Arbitrary<{ lines: string[]; peekable: boolean }[]> {
  return fc
    .uniqueArray(
      otherKey.filter((k) => k !== exclude && !['params', 'extra', 'taxonomies', 'author'].includes(k)),
      { maxLength: 5 },
    )
    .chain((keys) =>
      fc.tuple(
        ...keys.map((k) => fc.tuple(tomlFiller, tomlEntry(k)).map(([f, e]) => ({ lines: [...f, ...e.lines], peekable: e.peekable }))),
      ),
    )
    .map((list) => list as { lines: string[]; peekable: boolean }[])
}

const tomlCase: fc.Arbitrary<FormatCase> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    opening: fc.constantFrom('+++', '+++', '+++  '),
    key: fc.constantFrom(...TARGET_KEYS),
    table: fc.option(fc.constant('extra'), { nil: undefined }),
    body: bodyLines,
    finalNewline: fc.boolean(),
    value: tomlValue,
    tableNames: fc.uniqueArray(tableName, { maxLength: 3 }),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      root: tomlStatements(base.key),
      tables: fc.tuple(...base.tableNames.map(() => tomlStatements(base.key))),
      split: fc.nat(),
      target: fc.option(fc.tuple(fc.constantFrom('""', "''", '"https://medium.com/p/old"', "'old'"), comment), { nil: undefined }),
      gap: tomlFiller,
    }),
  )
  .map(({ base, root, tables, split, target, gap }) =>
    buildTomlCase(base, root, tables as { lines: string[]; peekable: boolean }[][], split, target, gap),
  )

type TomlBase = {
  bom: boolean
  eol: string
  opening: string
  key: string
  table: string | undefined
  body: string[]
  finalNewline: boolean
  value: string
  tableNames: string[]
}
type Statements = { lines: string[]; peekable: boolean }[]

/** Lays the block out as sections of lines and says where the key's line goes (or which line it replaces). */
function buildTomlCase(
  base: TomlBase,
  root: Statements,
  tables: Statements[],
  split: number,
  target: [string, string] | undefined,
  gap: string[],
): FormatCase {
  const { eol, key, table } = base
  const join = (lines: string[]) => lines.map((l) => l + eol).join('')
  const sections = [
    { name: undefined as string | undefined, statements: root },
    ...base.tableNames.map((name, i) => ({ name, statements: tables[i]! })),
  ]
  const home = sections.find((s) => s.name === table)
  const body = base.body.join(eol) + (base.finalNewline && base.body.length > 0 ? eol : '')
  const closing = '+++' + (base.body.length > 0 || base.finalNewline ? eol : '') + body
  const line = `${key} = ${formatToml(base.value)}`
  const peekable = sections.every((s) => s.statements.every((st) => st.peekable)) && base.value !== ''
  const options: FrontMatterOptions = table === undefined ? {} : { table }
  // Every section: its header, its statements (the target among them), then `gap` filler.
  const parts: { text: string; mark?: 'at' | 'replace' }[] = [{ text: (base.bom ? '\ufeff' : '') + join([base.opening]) }]
  for (const section of sections) {
    if (section.name !== undefined) parts.push({ text: join([`[${section.name}]`]) })
    const lines = section.statements.map((s) => s.lines)
    const at = split % (lines.length + 1)
    if (section === home && target) {
      parts.push(
        { text: join(lines.slice(0, at).flat()) },
        { text: `${key} = ${target[0]}`, mark: 'replace' },
        { text: target[1] + eol + join(lines.slice(at).flat()) },
      )
    } else {
      parts.push({ text: join(lines.flat()) })
      if (section === home && !target) parts.push({ text: '', mark: 'at' })
    }
    parts.push({ text: join(gap) })
  }
  parts.push({ text: closing })
  if (!home) parts.splice(parts.length - 1, 0, { text: '', mark: 'at' })
  const index = parts.findIndex((p) => p.mark !== undefined)
  const before = parts
    .slice(0, index)
    .map((p) => p.text)
    .join('')
  const after = parts
    .slice(index + 1)
    .map((p) => p.text)
    .join('')
  const marked = parts[index]!
  const noHeaders = sections.length === 1
  let open = ''
  const close = marked.mark === 'at' ? eol : ''
  if (marked.mark === 'at' && !home) open = `[${table}]${eol}`
  // Without headers the line goes last in the block, after the trailing filler.
  if (marked.mark === 'at' && home && noHeaders) return shift({ before, after, open, close }, join(gap), base, line, options, peekable)
  return {
    text: before + marked.text + after,
    key,
    value: base.value,
    before,
    replaced: marked.mark === 'replace' ? marked.text : '',
    after,
    open,
    close,
    options,
    line,
    peekable,
  }
}

/** The case with the insertion point moved past `filler` (which follows it). */
function shift(
  c: { before: string; after: string; open: string; close: string },
  filler: string,
  base: TomlBase,
  line: string,
  options: FrontMatterOptions,
  peekable: boolean,
): FormatCase {
  const text = c.before + c.after
  return {
    ...c,
    text,
    before: c.before + filler,
    after: c.after.slice(filler.length),
    replaced: '',
    key: base.key,
    value: base.value,
    options,
    line,
    peekable,
  }
}

/** The TOML basic string of `value`: `"` and `\\` escaped, control characters by their short escape or \\uXXXX. */
function formatToml(value: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' }
  let out = ''
  for (const c of value) {
    const code = c.charCodeAt(0)
    out += short[c] ?? (code < 32 || code === 127 ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : c)
  }
  return `"${out}"`
}

/** A JSON member's value text (lines joined with `\n`, replaced by the file's line ending). */
const jsonMemberValue = fc.oneof(
  lineText.map((v) => JSON.stringify(v)),
  fc.constantFrom('12', '-3.5e2', 'true', 'null', '""', '[]', '{}', '["a", "b"]', '{"src": "c.png", "alt": "}"}', '"mediumUrl"'),
  fc.array(tomlWord, { minLength: 1, maxLength: 3 }).map((items) => `[\n${items.map((i) => `      "${i}"`).join(',\n')}\n    ]`),
)

const jsonCase: fc.Arbitrary<FormatCase> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    key: fc.constantFrom(...TARGET_KEYS),
    body: bodyLines,
    finalNewline: fc.boolean(),
    value,
    indent: fc.constantFrom('  ', '    ', '\t'),
    oneLine: fc.boolean(),
    split: fc.nat(),
    target: fc.option(fc.constantFrom('""', '"https://medium.com/p/old"', 'null'), { nil: undefined }),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      members: fc
        .uniqueArray(
          otherKey.filter((k) => k !== base.key),
          { maxLength: 5 },
        )
        .chain((keys) => fc.tuple(...keys.map((k) => jsonMemberValue.map((v) => `${JSON.stringify(k)}: ${v}`)))),
    }),
  )
  .map(({ base, members }) => {
    const { eol, key, indent, oneLine } = base
    const list = (members as string[]).map((m) => (oneLine ? m.replace(/\n\s*/g, ' ') : m.replace(/\n/g, eol)))
    const bom = base.bom ? '\ufeff' : ''
    const body = base.body.join(eol) + (base.finalNewline && base.body.length > 0 ? eol : '')
    const tail = (oneLine ? '}' : `${eol}}`) + (base.body.length > 0 || base.finalNewline ? eol : '') + body
    const separator = oneLine ? ', ' : `,${eol}${indent}`
    const open = oneLine ? '{' : `{${eol}${indent}`
    const line = `${JSON.stringify(key)}: ${JSON.stringify(base.value)}`
    const common = { key, value: base.value, options: {}, peekable: true }
    if (base.target !== undefined) {
      const at = base.split % (list.length + 1)
      const head = open + [...list.slice(0, at), `${JSON.stringify(key)}: `].join(separator)
      const rest = [...list.slice(at)].map((m) => separator + m).join('') + tail
      const before = bom + head
      return {
        ...common,
        text: before + base.target + rest,
        before,
        replaced: base.target,
        after: rest,
        open: '',
        close: '',
        line: JSON.stringify(base.value),
      }
    }
    if (list.length === 0) {
      const before = bom + (oneLine ? '{' : `{${eol}`)
      const after = oneLine ? tail : '}' + tail.slice(eol.length + 1)
      return { ...common, text: before + after, before, replaced: '', after, open: oneLine ? '' : '  ', close: oneLine ? '' : eol, line }
    }
    const before = bom + open + list.join(separator)
    return { ...common, text: before + tail, before, replaced: '', after: tail, open: oneLine ? ', ' : `,${eol}${indent}`, close: '', line }
  })

/** Python's white space (what Pelican strips from values), and U+FEFF. */
const PY_SPACES =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
const metadataValue = value.filter(
  (v) => v !== '' && !/[\r\n]/.test(v) && !PY_SPACES.includes(v[0]!) && !PY_SPACES.includes(v[v.length - 1]!),
)
const metadataKeys = ['Title', 'Date', 'Tags', 'Summary', 'Slug', 'Status', 'Author', 'Category', 'lang', 'x_y-z']

const metadataCase: fc.Arbitrary<FormatCase> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n'),
    key: fc.constantFrom(...TARGET_KEYS),
    body: bodyLines,
    value: metadataValue,
    keys: fc.uniqueArray(fc.constantFrom(...metadataKeys), { minLength: 1, maxLength: 6 }),
    values: fc.array(fc.tuple(plainText, fc.option(plainText, { nil: undefined, freq: 4 })), { minLength: 6, maxLength: 6 }),
    split: fc.nat(),
    target: fc.option(fc.constantFrom('', ' ', ' https://medium.com/p/old'), { nil: undefined }),
    upper: fc.boolean(),
    end: fc.constantFrom('blank', 'blank', 'dashes', 'other', 'eof-eol', 'eof'),
  })
  .map((base) => {
    const { eol, key } = base
    const entries = base.keys.map((k, i) => {
      const [v, more] = base.values[i]!
      return more === undefined ? `${k}: ${v}` : `${k}: ${v}${eol}    ${more}`
    })
    const bom = base.bom ? '\ufeff' : ''
    const body = base.body.join(eol)
    const end = {
      blank: `${eol}${eol}${body}`,
      dashes: `${eol}---${eol}${body}`,
      other: `${eol}Not a key: line${eol}${body}`,
      'eof-eol': eol,
      eof: '',
    }[base.end]
    const line = `${key}: ${base.value}`
    const common = { key, value: base.value, options: { metadataLines: true }, peekable: true }
    if (base.target !== undefined) {
      const at = base.split % (entries.length + 1)
      const spelled = base.upper ? key.toUpperCase() : key
      const before =
        bom +
        entries
          .slice(0, at)
          .map((e) => e + eol)
          .join('')
      const replaced = `${spelled}:${base.target}`
      const after =
        entries
          .slice(at)
          .map((e) => eol + e)
          .join('') + end
      return { ...common, text: before + replaced + after, before, replaced, after, open: '', close: '', line }
    }
    const text = bom + entries.join(eol) + end
    if (base.end === 'eof')
      return { ...common, text, before: text, replaced: '', after: '', open: text.includes('\n') ? eol : '\n', close: '', line }
    const before = bom + entries.join(eol) + eol
    return { ...common, text, before, replaced: '', after: text.slice(before.length), open: '', close: eol, line }
  })

function withValueAt(data: Record<string, unknown>, path: string[], v: unknown): Record<string, unknown> {
  const [name, ...rest] = path
  const inner = data[name!]
  return {
    ...data,
    [name!]:
      rest.length === 0 ? v : withValueAt(inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest, v),
  }
}

const peekCounts = { checked: 0, answered: 0 }

function checkFormatCase(c: FormatCase): void {
  const original = dataOf(c.text, c.options)
  const result = applyFrontMatterKey(c.text, c.key, c.value, c.options)

  // (1) Only the key's line differs (plus, in JSON, the comma after the member before it).
  expect(c.before + c.replaced + c.after, 'the generator splits the original exactly').toBe(c.text)
  expect(result).toBe(c.before + c.open + c.line + c.close + c.after)

  // (2) Reads back as the original data plus the key, where our keys live.
  const parsed = parseFrontMatter({ path: 'a.md', text: result }, c.options)
  if (!parsed.ok) throw new Error(parsed.diagnostic.message)
  expect(recordedKeyValue(parsed.frontMatter, c.key, c.options)).toBe(c.value)
  expect(parsed.frontMatter.data).toEqual(withValueAt(original, recordedKeyPath(parsed.frontMatter.format, c.key, c.options), c.value))

  // (3) Idempotent.
  expect(applyFrontMatterKey(result, c.key, c.value, c.options)).toBe(result)

  // (4) The peek sees the value where it answers, and answers for the shapes it reads.
  const peeked = peekFrontMatterValue(result, c.key, c.options)
  peekCounts.checked++
  if (peeked !== undefined) peekCounts.answered++
  if (c.peekable) expect(peeked).toBe(c.value)
  else expect([undefined, c.value]).toContain(peeked)
}

describe('applyFrontMatterKey properties, other formats', () => {
  const runs = Number(process.env.FC_RUNS ?? 400)

  it('TOML: changes only the key line (top level or [extra]), reads back, is idempotent, and is peekable', () => {
    peekCounts.checked = peekCounts.answered = 0
    fc.assert(fc.property(tomlCase, checkFormatCase), { numRuns: runs })
    console.info(`TOML edit: ${peekCounts.checked} cases, the peek answered for ${peekCounts.answered}`)
  })

  it('JSON: changes only the member (and adds a comma), reads back, is idempotent, and is peekable', () => {
    fc.assert(fc.property(jsonCase, checkFormatCase), { numRuns: runs })
  })

  it('metadata lines: changes only the key line, reads back, is idempotent, and is peekable', () => {
    peekCounts.checked = peekCounts.answered = 0
    fc.assert(fc.property(metadataCase, checkFormatCase), { numRuns: runs })
    expect(peekCounts.answered).toBe(peekCounts.checked)
  })
})

/** Offset of the line that closes the YAML block (the first `---`/`...` line after the opening one). */
function closingLineStart(text: string): number {
  let start = text.indexOf('\n') + 1
  while (!/^(?:---|\.\.\.)[ \t]*\r?$/.test(text.slice(start, text.indexOf('\n', start) === -1 ? undefined : text.indexOf('\n', start)))) {
    start = text.indexOf('\n', start) + 1
  }
  return start
}

describe('applyFrontMatterKey properties, YAML with table "extra" (Zola)', () => {
  it('adds "extra:" and the key as two lines before the closing delimiter, changing no other byte; reads back at data.extra; is idempotent', () => {
    const options = { table: 'extra' }
    fc.assert(
      fc.property(
        withBlock.filter((c) => !/^\s*extra:/m.test(c.text)),
        (c) => {
          const original = dataOf(c.text)
          const result = applyFrontMatterKey(c.text, c.key, c.value, options)
          const eol = c.text.includes('\r\n') ? '\r\n' : '\n'
          // The original block's lines, then `extra:` and the key's line before the closing delimiter.
          const close = closingLineStart(c.text)
          expect(result.slice(0, close)).toBe(c.text.slice(0, close))
          const added = result.slice(close, result.length - (c.text.length - close))
          expect(added).toMatch(new RegExp(`^extra:${eol}  ${c.key}: [^\\r\\n]+${eol}$`))
          expect(result.endsWith(c.text.slice(close))).toBe(true)
          expect(dataOf(result)).toEqual({ ...original, extra: { [c.key]: expectedValue(c.value) } })
          expect(applyFrontMatterKey(result, c.key, c.value, options)).toBe(result)
        },
      ),
      { numRuns: 200 },
    )
  })
})

/**
 * Property tests of the write-back edit over many front-matter styles. Each generated case knows
 * exactly where the key's line must go, so "every other byte unchanged" is checked byte for byte:
 * the result must be `before + <key>: <value> + after` where `before + <old line or nothing> + after`
 * is the original text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyFrontMatterKey, parseFrontMatter, peekFrontMatterValue } from '../../src/core/frontmatter/index.js'

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

function dataOf(text: string): Record<string, unknown> {
  const result = parseFrontMatter({ path: 'a.md', text })
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

import { describe, expect, it } from 'vitest'
import { applyFrontMatterKey, parseFrontMatter, peekFrontMatterValue } from '../../src/core/frontmatter/index.js'
import type { FrontMatter } from '../../src/core/article.js'
import type { Diagnostic } from '../../src/core/diagnostic.js'

const URL = 'https://medium.com/@someone/my-article-0123456789ab'

function parsed(text: string): FrontMatter {
  const result = parseFrontMatter({ path: 'content/a.md', text })
  if (!result.ok) throw new Error(`expected the front-matter to parse, got: ${result.diagnostic.message}`)
  return result.frontMatter
}

function failed(text: string): Diagnostic {
  const result = parseFrontMatter({ path: 'content/a.md', text })
  if (result.ok) throw new Error(`expected a diagnostic, got data ${JSON.stringify(result.frontMatter.data)}`)
  return result.diagnostic
}

describe('parseFrontMatter', () => {
  it('reads a YAML block with key lines, body and body start line', () => {
    const fm = parsed('---\ntitle: Hello\ntags:\n  - a\n  - b\n---\n# Heading\n\nText\n')
    expect(fm).toEqual({
      format: 'yaml',
      data: { title: 'Hello', tags: ['a', 'b'] },
      hasBlock: true,
      keyLines: { title: 2, tags: 3 },
      body: '# Heading\n\nText\n',
      bodyStartLine: 7,
    })
  })

  it('counts CRLF as one line break and keeps the body bytes', () => {
    const fm = parsed('---\r\ntitle: Hello\r\n\r\nslug: s\r\n---\r\nBody\r\n')
    expect(fm.data).toEqual({ title: 'Hello', slug: 's' })
    expect(fm.keyLines).toEqual({ title: 2, slug: 4 })
    expect(fm.bodyStartLine).toBe(6)
    expect(fm.body).toBe('Body\r\n')
  })

  it('lets a BOM add no line and keeps it out of the body', () => {
    const fm = parsed('\ufeff---\ntitle: T\n---\nBody')
    expect(fm.keyLines).toEqual({ title: 2 })
    expect(fm.body).toBe('Body')
    expect(fm.bodyStartLine).toBe(4)
    const none = parsed('\ufeffJust text\n')
    expect(none).toEqual({ format: 'none', data: {}, hasBlock: false, keyLines: {}, body: 'Just text\n', bodyStartLine: 1 })
  })

  it('treats a file without front-matter as all body', () => {
    expect(parsed('# Title\n\n---\n\nmore\n')).toEqual({
      format: 'none',
      data: {},
      hasBlock: false,
      keyLines: {},
      body: '# Title\n\n---\n\nmore\n',
      bodyStartLine: 1,
    })
    expect(parsed('----\ntitle: x\n----\n').hasBlock).toBe(false)
  })

  it('reads an empty block and a comment-only block as {}', () => {
    expect(parsed('---\n---\nBody\n')).toEqual({ format: 'yaml', data: {}, hasBlock: true, keyLines: {}, body: 'Body\n', bodyStartLine: 3 })
    expect(parsed('---\r\n# nothing yet\r\n\r\n---\r\nBody').data).toEqual({})
  })

  it('accepts ---yaml / ---yml, trailing spaces on delimiters and a ... closing line', () => {
    expect(parsed('---yaml\ntitle: a\n---\nB').data).toEqual({ title: 'a' })
    expect(parsed('--- yml  \ntitle: a\n---   \nB').body).toBe('B')
    const fm = parsed('---\ntitle: a\n...\nB\n')
    expect(fm.body).toBe('B\n')
    expect(fm.bodyStartLine).toBe(4)
  })

  it('refuses ---js (never evaluates it) and other languages', () => {
    const marker = '__frontmatter_js_was_evaluated__'
    const d = failed(`---js\n{ title: (globalThis.${marker} = 'yes') }\n---\nBody\n`)
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
    expect(d).toMatchObject({ path: 'content/a.md', line: 1, severity: 'error', ruleId: 'frontmatter-language' })
    expect(d.message).toContain("front-matter language 'js' is not supported; use YAML")
    expect(failed('---javascript\nmodule.exports = {}\n---\n').ruleId).toBe('frontmatter-language')
    expect(failed('---toml\ntitle = "x"\n---\n').message).toContain("'toml'")
    expect(failed('---json\n{"title": "x"}\n---\n').ruleId).toBe('frontmatter-language')
  })

  it('reports an unclosed block at line 1 and says to add the closing ---', () => {
    for (const text of ['---\ntitle: x\n\nBody text\n', '---', '---\r\ntitle: x\r\n', '\ufeff---\ntitle: x']) {
      const d = failed(text)
      expect(d).toMatchObject({ line: 1, ruleId: 'frontmatter-unclosed', severity: 'error' })
      expect(d.message).toContain('add a line with only "---"')
    }
  })

  it('points a YAML syntax error at its line and column', () => {
    const d = failed('---\ntitle: ok\ndescription: a: b\nslug: s\n---\nBody\n')
    expect(d).toMatchObject({ path: 'content/a.md', line: 3, ruleId: 'frontmatter-yaml', severity: 'error' })
    expect(d.column).toBe(14)
    expect(d.message).toMatch(
      /^front-matter line "description: a: b" is not valid YAML: nested mappings are not allowed in compact mappings; fix/,
    )
    expect(failed('\ufeff---\r\ntitle: ok\r\n\r\ntags: [a, b\r\n---\r\n').line).toBe(4)
    expect(failed('---\ntitle: "unterminated\nslug: s\n---\n')).toMatchObject({ line: 2, ruleId: 'frontmatter-yaml' })
  })

  it('reports a line that only starts with --- at its own line (gray-matter would cut the block there)', () => {
    expect(failed('---\ntitle: t\n----\nslug: s\n---\n')).toMatchObject({ line: 3, ruleId: 'frontmatter-yaml' })
    expect(failed('---\ntitle: t\n--- more\nslug: s\n---\n')).toMatchObject({ line: 3, ruleId: 'frontmatter-yaml' })
  })

  it('reports duplicate keys at the second one, naming the key', () => {
    const d = failed('---\ntitle: a\nslug: s\ntitle: b\n---\n')
    expect(d).toMatchObject({ line: 4, ruleId: 'frontmatter-duplicate-key' })
    expect(d.message).toContain('"title"')
  })

  it('refuses a block that is a list or a single value', () => {
    expect(failed('---\n- a\n- b\n---\n')).toMatchObject({ line: 2, ruleId: 'frontmatter-not-mapping' })
    const d = failed('---\n\njust words\n---\n')
    expect(d).toMatchObject({ line: 3, ruleId: 'frontmatter-not-mapping' })
    expect(d.message).toContain('"just words"')
  })

  it('reads dates as Date, keeps yes/no and other strings as strings', () => {
    const fm = parsed('---\ndate: 2024-05-01\nat: 2024-05-01T10:30:00Z\nok: yes\nno: no\nflag: true\nn: 3\nv: "2024-05-01"\n---\n')
    expect(fm.data.date).toEqual(new Date(Date.UTC(2024, 4, 1)))
    expect(fm.data.at).toEqual(new Date(Date.UTC(2024, 4, 1, 10, 30)))
    expect(fm.data).toMatchObject({ ok: 'yes', no: 'no', flag: true, n: 3, v: '2024-05-01' })
  })

  it('reads multi-line strings and ignores comments, with key lines after them', () => {
    const fm = parsed(
      [
        '---',
        '# leading comment',
        'title: A title # trailing',
        'description: |',
        '  line one',
        '  line two',
        'summary: >',
        '  folded',
        '  text',
        '',
        'slug: s',
        '---',
        '',
      ].join('\n'),
    )
    expect(fm.data).toEqual({ title: 'A title', description: 'line one\nline two\n', summary: 'folded text\n', slug: 's' })
    expect(fm.keyLines).toEqual({ title: 3, description: 4, summary: 7, slug: 11 })
  })

  it('returns a fresh data object for the same text (no shared cache)', () => {
    const text = '---\ntitle: same\n---\n'
    const first = parsed(text)
    first.data.title = 'mutated'
    expect(parsed(text).data.title).toBe('same')
  })

  it('refuses alias bombs instead of expanding them', () => {
    const lines = ['---', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 10; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      )
    lines.push('---', '')
    expect(failed(lines.join('\n')).ruleId).toBe('frontmatter-yaml')
  })
})

describe('peekFrontMatterValue', () => {
  it('returns plain and quoted values unquoted', () => {
    expect(peekFrontMatterValue(`---\ntitle: T\nmediumUrl: ${URL}\n---\nB`, 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue(`---\nmediumUrl: "${URL}"  # set by the action\n---\n`, 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue(`---\nmediumUrl: '${URL}'\n---\n`, 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue(`---\nmediumUrl: 'it''s'\n---\n`, 'mediumUrl')).toBe("it's")
    expect(peekFrontMatterValue(`---\nmediumUrl: "a \\"b\\" \\u00e9"\n---\n`, 'mediumUrl')).toBe('a "b" é')
    expect(peekFrontMatterValue(`---\nmediumUrl: ${URL}#frag # comment\n---\n`, 'mediumUrl')).toBe(`${URL}#frag`)
    expect(peekFrontMatterValue(`\ufeff---\r\nmediumUrl: ${URL}\r\n---\r\n`, 'mediumUrl')).toBe(URL)
  })

  it('returns undefined for empty or absent values', () => {
    for (const line of ['mediumUrl:', 'mediumUrl: ""', "mediumUrl: ''", 'mediumUrl:   # later', 'title: x']) {
      expect(peekFrontMatterValue(`---\n${line}\n---\nBody\n`, 'mediumUrl'), line).toBeUndefined()
    }
    expect(peekFrontMatterValue(`No front-matter\nmediumUrl: ${URL}\n`, 'mediumUrl')).toBeUndefined()
  })

  it('does not count a mediumUrl line in the body or a nested one', () => {
    expect(peekFrontMatterValue(`---\ntitle: T\n---\nmediumUrl: ${URL}\n`, 'mediumUrl')).toBeUndefined()
    expect(peekFrontMatterValue(`---\ntitle: T\n...\nmediumUrl: ${URL}\n`, 'mediumUrl')).toBeUndefined()
    expect(peekFrontMatterValue(`---\nmeta:\n  mediumUrl: ${URL}\n---\n`, 'mediumUrl')).toBeUndefined()
    expect(peekFrontMatterValue(`---\nmediumUrlOld: ${URL}\n---\n`, 'mediumUrl')).toBeUndefined()
  })

  it('says undefined whenever the full parse could disagree', () => {
    const cases = [
      `---\ntitle: T\nmediumUrl: ${URL}\n`, // never closed
      `---js\nmediumUrl: ${URL}\n---\n`, // not YAML
      `---\nmediumUrl: |\n  ${URL}\n---\n`, // block scalar
      `---\nmediumUrl: ${URL}\n  continued\n---\n`, // multi-line plain scalar
      `---\nmediumUrl: "${URL}\n  continued"\n---\n`, // multi-line quoted scalar
      `---\nmediumUrl: [${URL}]\n---\n`,
      `---\nmediumUrl: null\n---\n`,
      `---\nmediumUrl: 42\n---\n`,
      `---\nmediumUrl: a: b\n---\n`,
      `---\nmediumUrl: "\\x41"\n---\n`, // YAML-only escape
      `---\nmediumUrl: ${URL}\nmediumUrl: ${URL}\n---\n`, // duplicate key
    ]
    for (const text of cases) expect(peekFrontMatterValue(text, 'mediumUrl'), text).toBeUndefined()
  })

  it('agrees with the full parse where it answers', () => {
    const text = `---\ntitle: T\nmediumUrl: "${URL}"\n---\n`
    expect(peekFrontMatterValue(text, 'mediumUrl')).toBe(parsed(text).data.mediumUrl)
  })
})

describe('applyFrontMatterKey', () => {
  it('adds the key as the last line of the block, before the closing delimiter', () => {
    const text = '---\n# comment\ntitle:   "Quoted"\n\ntags: [a, b]\n---\nBody\n---\nnot front-matter\n'
    expect(applyFrontMatterKey(text, 'mediumUrl', URL)).toBe(
      `---\n# comment\ntitle:   "Quoted"\n\ntags: [a, b]\nmediumUrl: ${URL}\n---\nBody\n---\nnot front-matter\n`,
    )
  })

  it("uses the opening line's CRLF and keeps a BOM and a missing final newline", () => {
    const text = '\ufeff---\r\ntitle: T\r\n---\r\nBody'
    expect(applyFrontMatterKey(text, 'mediumUrl', URL)).toBe(`\ufeff---\r\ntitle: T\r\nmediumUrl: ${URL}\r\n---\r\nBody`)
  })

  it('adds before a ... closing line and into an empty block', () => {
    expect(applyFrontMatterKey('---\ntitle: T\n...\nB', 'k', 'v')).toBe('---\ntitle: T\nk: v\n...\nB')
    expect(applyFrontMatterKey('---\n---\nB', 'mediumUrl', URL)).toBe(`---\nmediumUrl: ${URL}\n---\nB`)
  })

  it('replaces only the line of an existing empty key, keeping its line ending and comment', () => {
    expect(applyFrontMatterKey('---\nmediumUrl:\ntitle: T\n---\n', 'mediumUrl', URL)).toBe(`---\nmediumUrl: ${URL}\ntitle: T\n---\n`)
    expect(applyFrontMatterKey('---\r\nmediumUrl: ""\r\ntitle: T\r\n---\r\n', 'mediumUrl', URL)).toBe(
      `---\r\nmediumUrl: ${URL}\r\ntitle: T\r\n---\r\n`,
    )
    expect(applyFrontMatterKey("---\ntitle: T\nmediumUrl: ''  # filled in by the action\n---\n", 'mediumUrl', URL)).toBe(
      `---\ntitle: T\nmediumUrl: ${URL}  # filled in by the action\n---\n`,
    )
    expect(applyFrontMatterKey('---\nmediumUrl:   # later\n---\n', 'mediumUrl', URL)).toBe(`---\nmediumUrl: ${URL}   # later\n---\n`)
  })

  it('replaces an existing non-empty value instead of duplicating the key', () => {
    const once = applyFrontMatterKey('---\ntitle: T\n---\nB', 'mediumUrl', URL)
    expect(applyFrontMatterKey(once, 'mediumUrl', URL)).toBe(once)
    expect(applyFrontMatterKey(once, 'mediumUrl', 'https://medium.com/p/other')).toBe(
      '---\ntitle: T\nmediumUrl: https://medium.com/p/other\n---\nB',
    )
    expect(applyFrontMatterKey('---\nmediumUrl: |\n  old\n  value\ntitle: T\n---\n', 'mediumUrl', URL)).toBe(
      `---\nmediumUrl: ${URL}\ntitle: T\n---\n`,
    )
  })

  it('prepends a block to a file without front-matter, after the BOM, with its line ending', () => {
    expect(applyFrontMatterKey('# Title\n\nText\n', 'mediumUrl', URL)).toBe(`---\nmediumUrl: ${URL}\n---\n# Title\n\nText\n`)
    expect(applyFrontMatterKey('\ufeff# Title\r\n', 'mediumUrl', URL)).toBe(`\ufeff---\r\nmediumUrl: ${URL}\r\n---\r\n# Title\r\n`)
    expect(applyFrontMatterKey('one line', 'k', 'v')).toBe('---\nk: v\n---\none line')
  })

  it('writes URLs and ISO timestamps plain, other values double-quoted, all reading back', () => {
    const at = '2024-05-01T10:30:00.000Z'
    const withTime = applyFrontMatterKey('---\ntitle: T\n---\n', 'mediumPublishAttempt', at)
    expect(withTime).toBe(`---\ntitle: T\nmediumPublishAttempt: ${at}\n---\n`)
    expect(parsed(withTime).data.mediumPublishAttempt).toEqual(new Date(at))
    for (const value of [
      'yes',
      'true',
      '42',
      'null',
      'a: b',
      '# not a comment',
      'x #y',
      '- item',
      "it's",
      'say "hi"',
      'tab\there',
      'new\nline',
      ' padded ',
      'ends:',
      '\u0085\u2028',
      '',
    ]) {
      const out = applyFrontMatterKey('---\ntitle: T\n---\n', 'k', value)
      expect(parsed(out).data, JSON.stringify(value)).toEqual({ title: 'T', k: value })
      expect(out.split('\n')).toHaveLength(5)
    }
    expect(applyFrontMatterKey('---\n---\n', 'k', 'true')).toBe('---\nk: "true"\n---\n')
  })

  it('matches the indentation of an indented top-level mapping', () => {
    const out = applyFrontMatterKey('---\n  title: T\n  slug: s\n---\n', 'mediumUrl', URL)
    expect(out).toBe(`---\n  title: T\n  slug: s\n  mediumUrl: ${URL}\n---\n`)
    expect(parsed(out).data).toEqual({ title: 'T', slug: 's', mediumUrl: URL })
  })

  it('throws for front-matter that does not parse, a flow mapping, or an unsafe key', () => {
    expect(() => applyFrontMatterKey('---\ntitle: T\n', 'mediumUrl', URL)).toThrow(/never closed/)
    expect(() => applyFrontMatterKey('---\ntitle: [\n---\n', 'mediumUrl', URL)).toThrow(/not valid YAML/)
    expect(() => applyFrontMatterKey('---js\n{}\n---\n', 'mediumUrl', URL)).toThrow(/language 'js'/)
    expect(() => applyFrontMatterKey('---\n{title: T}\n---\n', 'mediumUrl', URL)).toThrow(/flow mapping/)
    expect(() => applyFrontMatterKey('---\n---\n', 'medium url', URL)).toThrow(/"medium url"/)
  })
})

describe('parseFrontMatter timestamps', () => {
  it('reads times with zones like the yaml package does', () => {
    const fm = parsed('---\na: 2024-05-01T10:30:00+02:00\nb: 2024-05-01 10:30:00.5 -5\nc: 2024-5-1\n---\n')
    expect(fm.data.a).toEqual(new Date(Date.UTC(2024, 4, 1, 8, 30)))
    expect(fm.data.b).toEqual(new Date(Date.UTC(2024, 4, 1, 15, 30, 0, 500)))
    expect(fm.data.c).toEqual(new Date(Date.UTC(2024, 4, 1)))
  })

  it('keeps a date that does not exist as a string instead of rolling it over', () => {
    const fm = parsed('---\na: 2024-02-30\nb: 2024-13-01\nc: 2024-05-01T25:00:00Z\nleap: 2024-02-29\n---\n')
    expect(fm.data).toMatchObject({ a: '2024-02-30', b: '2024-13-01', c: '2024-05-01T25:00:00Z' })
    expect(fm.data.leap).toEqual(new Date(Date.UTC(2024, 1, 29)))
  })
})

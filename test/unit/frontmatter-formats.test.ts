/**
 * Front-matter formats other than YAML (issue 12): TOML `+++` (Hugo, Zola), JSON objects (Hugo) and
 * Pelican metadata lines, read with lines and written back byte-exact (DESIGN.md "Existing blogs",
 * "Details that tests rely on" → Lines and The write-back line, failure rule 7).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { FrontMatter } from '../../src/core/article.js'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import {
  applyFrontMatterKey,
  frontMatterEditProblem,
  parseFrontMatter,
  peekFrontMatterValue,
  recordedKeyPath,
  recordedKeyValue,
  type FrontMatterOptions,
} from '../../src/core/frontmatter/index.js'
import { validateArticle } from '../../src/core/validate.js'

const URL = 'https://medium.com/@someone/my-article-0123456789ab'
const EXTRA: FrontMatterOptions = { table: 'extra' }
const PELICAN: FrontMatterOptions = { metadataLines: true }

function parsed(text: string, options: FrontMatterOptions = {}): FrontMatter {
  const result = parseFrontMatter({ path: 'content/a.md', text }, options)
  if (!result.ok) throw new Error(`expected the front-matter to parse, got: ${result.diagnostic.message}`)
  return result.frontMatter
}

function failed(text: string, options: FrontMatterOptions = {}): Diagnostic {
  const result = parseFrontMatter({ path: 'content/a.md', text }, options)
  if (result.ok) throw new Error(`expected a diagnostic, got data ${JSON.stringify(result.frontMatter.data)}`)
  return result.diagnostic
}

const realworld = (path: string) => readFileSync(new globalThis.URL(`../fixtures/realworld/${path}`, import.meta.url), 'utf8')

describe('TOML front-matter (+++)', () => {
  it('reads keys, tables and dates with their lines, and the body after the closing +++', () => {
    const text =
      '+++\ntitle = "A post"\ndate = 2024-05-01\ndraft = false\ntags = [\n  "a", # first\n  \'b\',\n]\n\n[extra]\nimage = "c.png"\n+++\nBody\n'
    expect(parsed(text)).toEqual({
      format: 'toml',
      data: { title: 'A post', date: new Date(Date.UTC(2024, 4, 1)), draft: false, tags: ['a', 'b'], extra: { image: 'c.png' } },
      hasBlock: true,
      keyLines: { title: 2, date: 3, draft: 4, tags: 5, extra: 10, 'extra.image': 11 },
      body: 'Body\n',
      bodyStartLine: 13,
    })
  })

  it('gives plain values: Dates (local ones as UTC), ordinary objects, a time of day as text', () => {
    const fm = parsed(
      '+++\na = 2024-05-01T10:30:00\nb = 2024-05-01T10:30:00+02:00\nc = 1979-05-27 07:32:00Z\nd = 07:32:00\n[t.u]\nv = 1\n+++\n',
    )
    expect(fm.data.a).toEqual(new Date(Date.UTC(2024, 4, 1, 10, 30)))
    expect(Object.getPrototypeOf(fm.data.a)).toBe(Date.prototype)
    expect(fm.data.b).toEqual(new Date(Date.UTC(2024, 4, 1, 8, 30)))
    expect(fm.data.c).toEqual(new Date(Date.UTC(1979, 4, 27, 7, 32)))
    expect(fm.data.d).toBe('07:32:00.000')
    expect(Object.getPrototypeOf(fm.data.t)).toBe(Object.prototype)
    expect(fm.keyLines).toMatchObject({ t: 6, 't.u': 6, 't.u.v': 7 })
  })

  it('counts CRLF, a BOM and a "+++ " opening line like YAML', () => {
    const fm = parsed('\ufeff+++ \r\ntitle = "T"\r\n\r\nslug = "s"\r\n+++\r\nBody\r\n')
    expect(fm.keyLines).toEqual({ title: 2, slug: 4 })
    expect(fm.body).toBe('Body\r\n')
    expect(fm.bodyStartLine).toBe(6)
  })

  it('gives dotted, quoted and inline-table keys their lines', () => {
    const fm = parsed('+++\n"quoted key" = 1\nsite.name = "x"\nhero = { src = "a.png", alt = "A" }\n+++\n')
    expect(fm.data).toEqual({ 'quoted key': 1, site: { name: 'x' }, hero: { src: 'a.png', alt: 'A' } })
    expect(fm.keyLines).toEqual({ 'quoted key': 2, site: 3, 'site.name': 3, hero: 4 })
  })

  it('steps over multi-line strings and arrays that look like keys or tables', () => {
    const text = '+++\nsummary = """\n[not.a.table]\nfake = 1\n"""\nlist = [\n  "[x]", # y = 2\n]\ntitle = \'\'\'a\'\'\'\n+++\n'
    expect(parsed(text).keyLines).toEqual({ summary: 2, list: 6, title: 9 })
  })

  it('reports syntax errors at their line, an unclosed block at line 1, a key twice at the second', () => {
    expect(failed('+++\ntitle = "ok"\ndescription = "unterminated\nslug = "s"\n+++\n')).toMatchObject({
      line: 3,
      ruleId: 'frontmatter-toml',
    })
    const d = failed('\ufeff+++\r\ntitle = "ok"\r\n\r\nslug: s\r\n+++\r\n')
    expect(d).toMatchObject({ line: 4, ruleId: 'frontmatter-toml', severity: 'error' })
    expect(d.message).toMatch(/^front-matter line "slug: s" is not valid TOML: .+; fix the TOML on this line/)
    expect(failed('+++\ntitle = "x"\ntags = [\n  "a",\n\n+++\nBody\n').line).toBe(4)
    for (const text of ['+++\ntitle = "x"\n\nBody\n', '+++', '\ufeff+++\r\ntitle = "x"\r\n']) {
      const u = failed(text)
      expect(u).toMatchObject({ line: 1, ruleId: 'frontmatter-unclosed' })
      expect(u.message).toContain('add a line with only "+++"')
    }
    expect(failed('+++\ntitle = "a"\nslug = "s"\ntitle = "b"\n+++\n')).toMatchObject({ line: 4, ruleId: 'frontmatter-duplicate-key' })
    expect(failed('+++\n[extra]\na = 1\n[extra]\nb = 2\n+++\n')).toMatchObject({ line: 4, ruleId: 'frontmatter-duplicate-key' })
  })

  it('reports a day that does not exist at its line instead of rolling it over', () => {
    const d = failed('+++\ntitle = "x"\ndate = 2024-02-30\n+++\n')
    expect(d).toMatchObject({ line: 3, ruleId: 'frontmatter-toml' })
    expect(d.message).toContain('"2024-02-30" is a day that does not exist')
    expect(parsed('+++\ndate = 2024-02-29\n+++\n').data.date).toEqual(new Date(Date.UTC(2024, 1, 29)))
  })

  it('does not take ++++ or "+++ x" for a delimiter', () => {
    expect(parsed('++++\ntitle = "x"\n++++\n').hasBlock).toBe(false)
    expect(failed('+++\ntitle = "x"\n+++ more\n+++\n').ruleId).toBe('frontmatter-toml')
  })
})

describe('TOML write-back', () => {
  it('adds mediumUrl = "…" as the last top-level line: before the first [table], else before +++', () => {
    expect(applyFrontMatterKey('+++\ntitle = "T" # c\n\n[params]\n  a = 1\n+++\nB', 'mediumUrl', URL)).toBe(
      `+++\ntitle = "T" # c\nmediumUrl = "${URL}"\n\n[params]\n  a = 1\n+++\nB`,
    )
    expect(applyFrontMatterKey('+++ \r\ntitle = "T"\r\n# the end\r\n+++\r\nB', 'mediumUrl', URL)).toBe(
      `+++ \r\ntitle = "T"\r\n# the end\r\nmediumUrl = "${URL}"\r\n+++\r\nB`,
    )
    expect(applyFrontMatterKey('\ufeff+++\n+++\n', 'mediumUrl', URL)).toBe(`\ufeff+++\nmediumUrl = "${URL}"\n+++\n`)
    expect(applyFrontMatterKey('+++\n[params]\na = 1\n+++\n', 'k', 'v')).toBe('+++\nk = "v"\n[params]\na = 1\n+++\n')
  })

  it('adds after a multi-line array and keeps the indentation of the keys', () => {
    expect(applyFrontMatterKey('+++\n  tags = [\n    "a",\n  ]\n[t]\n+++\n', 'mediumUrl', URL)).toBe(
      `+++\n  tags = [\n    "a",\n  ]\n  mediumUrl = "${URL}"\n[t]\n+++\n`,
    )
  })

  it('replaces an existing empty value, keeping the comment after it', () => {
    expect(applyFrontMatterKey('+++\nmediumUrl = "" # by the action\ntitle = "T"\n+++\n', 'mediumUrl', URL)).toBe(
      `+++\nmediumUrl = "${URL}" # by the action\ntitle = "T"\n+++\n`,
    )
    expect(applyFrontMatterKey("+++\nmediumUrl = ''\n+++\n", 'mediumUrl', URL)).toBe(`+++\nmediumUrl = "${URL}"\n+++\n`)
  })

  it('escapes the value as a TOML basic string that reads back', () => {
    for (const value of ['say "hi"', 'back\\slash', 'tab\there', 'new\nline', '\u0000\u007f', 'é ✓', "it's"]) {
      const out = applyFrontMatterKey('+++\ntitle = "T"\n+++\n', 'k', value)
      expect(parsed(out).data, JSON.stringify(value)).toEqual({ title: 'T', k: value })
      expect(out.split('\n')).toHaveLength(5)
    }
    expect(applyFrontMatterKey('+++\n+++\n', 'mediumPublishAttempt', '2024-05-01T10:30:00.000Z')).toBe(
      '+++\nmediumPublishAttempt = "2024-05-01T10:30:00.000Z"\n+++\n',
    )
  })

  it('with table "extra" (Zola) writes at the end of [extra], or adds [extra] at the end of the block', () => {
    expect(applyFrontMatterKey('+++\ntitle = "T"\n[extra]\na = 1\n\n[taxonomies]\ntags = []\n+++\n', 'mediumUrl', URL, EXTRA)).toBe(
      `+++\ntitle = "T"\n[extra]\na = 1\nmediumUrl = "${URL}"\n\n[taxonomies]\ntags = []\n+++\n`,
    )
    expect(applyFrontMatterKey('+++\ntitle = "T"\n[extra]\n[taxonomies]\n+++\n', 'mediumUrl', URL, EXTRA)).toBe(
      `+++\ntitle = "T"\n[extra]\nmediumUrl = "${URL}"\n[taxonomies]\n+++\n`,
    )
    expect(applyFrontMatterKey('+++\r\ntitle = "T"\r\n+++\r\n', 'mediumUrl', URL, EXTRA)).toBe(
      `+++\r\ntitle = "T"\r\n[extra]\r\nmediumUrl = "${URL}"\r\n+++\r\n`,
    )
    expect(applyFrontMatterKey('+++\n[extra]\nmediumUrl = ""\n+++\n', 'mediumUrl', URL, EXTRA)).toBe(
      `+++\n[extra]\nmediumUrl = "${URL}"\n+++\n`,
    )
  })

  it('with table "extra" reads the value at data.extra.mediumUrl and prepends a TOML block to a file without one', () => {
    const out = applyFrontMatterKey('# Title\n\nText\n', 'mediumUrl', URL, EXTRA)
    expect(out).toBe(`+++\n[extra]\nmediumUrl = "${URL}"\n+++\n# Title\n\nText\n`)
    const fm = parsed(out, EXTRA)
    expect(recordedKeyPath(fm.format, 'mediumUrl', EXTRA)).toEqual(['extra', 'mediumUrl'])
    expect(recordedKeyValue(fm, 'mediumUrl', EXTRA)).toBe(URL)
    // Read as a non-Zola site too (the site input or its config changed): a recorded URL is never missed.
    expect(recordedKeyValue(fm, 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue(out, 'mediumUrl', EXTRA)).toBe(URL)
    expect(peekFrontMatterValue(out, 'mediumUrl')).toBeUndefined()
  })

  it('refuses what it cannot edit byte-exactly, before anything is sent', () => {
    const problem = (text: string, options: FrontMatterOptions = {}) =>
      frontMatterEditProblem({ path: 'a.md', text }, 'mediumUrl', URL, options)
    expect(problem('+++\ntitle = "T"\n[extra]\n+++\n', EXTRA)).toBeUndefined()
    expect(problem('+++\nextra = { a = 1 }\n+++\n', EXTRA)).toMatch(/inline table/)
    expect(problem('+++\nextra.a = 1\n+++\n', EXTRA)).toMatch(/dotted key/)
    expect(problem('+++\n[[extra]]\na = 1\n+++\n', EXTRA)).toMatch(/\[\[extra\]\]/)
    expect(problem('+++\n[extra]\nmediumUrl.x = 1\n+++\n', EXTRA)).toMatch(/is a table/)
    expect(problem('+++\nextra.mediumUrl = ""\n[other]\n+++\n', EXTRA)).toMatch(/dotted key|inline table/)
    expect(problem('+++\n[mediumUrl]\na = 1\n+++\n')).toMatch(/"mediumUrl" is a table/)
    expect(problem('+++\nmediumUrl = """\n"""\n+++\n')).toMatch(/spans several lines/)
    expect(problem('---\ntitle: T\n---\n', EXTRA)).toBeUndefined()
    expect(problem('---\nextra: {a: 1}\n---\n', EXTRA)).toMatch(/not a block mapping/)
    expect(problem('---\nextra: words\n---\n', EXTRA)).toMatch(/not a block mapping/)
    expect(problem('Title: T\n\nB', { ...EXTRA, ...PELICAN })).toMatch(/only TOML and YAML/)
    expect(() => applyFrontMatterKey('+++\nextra = { a = 1 }\n+++\n', 'mediumUrl', URL, EXTRA)).toThrow(/inline table/)
  })
})

describe('YAML write-back with table "extra" (Zola YAML front-matter)', () => {
  it('writes the key first in the extra: mapping, or adds extra: at the end, reading back at data.extra', () => {
    expect(applyFrontMatterKey('---\ntitle: T\nextra:\n    toc: true\nslug: s\n---\nB', 'mediumUrl', URL, EXTRA)).toBe(
      `---\ntitle: T\nextra:\n    mediumUrl: ${URL}\n    toc: true\nslug: s\n---\nB`,
    )
    expect(applyFrontMatterKey('---\r\ntitle: T\r\n---\r\nB', 'mediumUrl', URL, EXTRA)).toBe(
      `---\r\ntitle: T\r\nextra:\r\n  mediumUrl: ${URL}\r\n---\r\nB`,
    )
    expect(applyFrontMatterKey('---\nextra:\ntitle: T\n---\n', 'mediumUrl', URL, EXTRA)).toBe(
      `---\nextra:\n  mediumUrl: ${URL}\ntitle: T\n---\n`,
    )
    const out = applyFrontMatterKey('---\nextra:\n  mediumUrl: "" # later\n---\n', 'mediumUrl', URL, EXTRA)
    expect(out).toBe(`---\nextra:\n  mediumUrl: ${URL} # later\n---\n`)
    expect(recordedKeyValue(parsed(out), 'mediumUrl', EXTRA)).toBe(URL)
    expect(peekFrontMatterValue(out, 'mediumUrl', EXTRA)).toBeUndefined()
  })
})

describe('JSON front-matter', () => {
  const json = '{\n   "title": "A post",\n   "tags": ["a", "b"],\n   "cover": {"src": "c.png"}\n}\nBody\n'

  it('reads the object at the top of the file with its key lines and the body after the closing }', () => {
    expect(parsed(json)).toEqual({
      format: 'json',
      data: { title: 'A post', tags: ['a', 'b'], cover: { src: 'c.png' } },
      hasBlock: true,
      keyLines: { title: 2, tags: 3, cover: 4 },
      body: 'Body\n',
      bodyStartLine: 6,
    })
    expect(parsed('\ufeff{"title": "T"}\r\nBody').bodyStartLine).toBe(2)
  })

  it('does not take {{, {% or {/* at the top of a body for JSON', () => {
    for (const text of ['{{< figure src="a.png" >}}\n', '{% include toc %}\n', '{/* comment */}\n'])
      expect(parsed(text).format).toBe('none')
  })

  it('reports syntax errors at their line, an unclosed object at line 1, a key twice, text after the }', () => {
    expect(failed('{\n  "title": "T",\n  "slug": s\n}\n')).toMatchObject({ line: 3, ruleId: 'frontmatter-json' })
    expect(failed('{\n  "title": "T",\n}\n')).toMatchObject({ line: 3, ruleId: 'frontmatter-json' })
    const u = failed('{\n  "title": "T"\n\nBody\n')
    expect(u).toMatchObject({ line: 1, ruleId: 'frontmatter-unclosed' })
    expect(u.message).toContain('"{"')
    expect(failed('{\n  "title": "a",\n  "title": "b"\n}\n')).toMatchObject({ line: 3, ruleId: 'frontmatter-duplicate-key' })
    expect(failed('{"title": "T"} Body\n')).toMatchObject({ line: 1, ruleId: 'frontmatter-json' })
  })

  it('adds a "mediumUrl" member after the last one (with a comma), or replaces an existing value', () => {
    expect(applyFrontMatterKey(json, 'mediumUrl', URL)).toBe(
      `{\n   "title": "A post",\n   "tags": ["a", "b"],\n   "cover": {"src": "c.png"},\n   "mediumUrl": "${URL}"\n}\nBody\n`,
    )
    expect(applyFrontMatterKey('{\r\n\t"title": "T"  \r\n}\r\n', 'k', 'v')).toBe('{\r\n\t"title": "T",  \r\n\t"k": "v"\r\n}\r\n')
    expect(applyFrontMatterKey('{"title": "T"}\nB', 'k', 'v')).toBe('{"title": "T", "k": "v"}\nB')
    expect(applyFrontMatterKey('{}\nB', 'k', 'v')).toBe('{"k": "v"}\nB')
    expect(applyFrontMatterKey('{\n  "mediumUrl": "",\n  "title": "T"\n}\n', 'mediumUrl', URL)).toBe(
      `{\n  "mediumUrl": "${URL}",\n  "title": "T"\n}\n`,
    )
    expect(frontMatterEditProblem({ path: 'a', text: '{\n  "mediumUrl": [\n  ]\n}\n' }, 'mediumUrl', URL)).toMatch(/spans several lines/)
    expect(frontMatterEditProblem({ path: 'a', text: json }, 'mediumUrl', URL, EXTRA)).toMatch(/only TOML/)
  })

  it("is peeked with the full parse's own JSON reader: a non-empty string, else undefined", () => {
    expect(peekFrontMatterValue(applyFrontMatterKey(json, 'mediumUrl', URL), 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue(`{"mediumUrl": "${URL}"}\n`, 'mediumUrl', PELICAN)).toBe(URL)
    for (const text of [
      `{"mediumUrl": ""}\n`,
      `{"mediumUrl": 12}\n`,
      `{"mediumUrl": "${URL}",}\n`,
      `{"mediumUrl": "${URL}", "mediumUrl": "${URL}"}\n`,
      `{"mediumUrl": "${URL}"\n`,
      `{"mediumUrl": "${URL}"} text\n`,
      `{"extra": {"mediumUrl": "${URL}"}}\n`,
    ]) {
      expect(peekFrontMatterValue(text, 'mediumUrl'), text).toBeUndefined()
    }
    expect(peekFrontMatterValue(`{"mediumUrl": "${URL}"}\n`, 'mediumUrl', EXTRA)).toBeUndefined()
  })
})

describe('Pelican metadata lines', () => {
  it('are read only with metadataLines: keys lower-cased, values stripped strings', () => {
    const text = 'Title: My post \nDate: 2019-01-01 9:00\nTags: a, b\n  Status: draft\n\nBody\n'
    expect(parsed(text).format).toBe('none')
    expect(parsed(text, PELICAN)).toEqual({
      format: 'metadata',
      data: { title: 'My post', date: '2019-01-01 9:00', tags: 'a, b', status: 'draft' },
      hasBlock: true,
      keyLines: { title: 1, date: 2, tags: 3, status: 4 },
      body: 'Body\n',
      bodyStartLine: 6,
    })
  })

  it('give the keys the action reads the spelling its field readers look for, in any case', () => {
    const text = 'Title: T\nPublishStatus: public\nCANONICALURL: https://a.example/t\nnotifyfollowers: true\nCover_Image: c.png\n\nBody\n'
    const fm = parsed(text, PELICAN)
    expect(fm.data).toEqual({
      title: 'T',
      publishStatus: 'public',
      canonicalUrl: 'https://a.example/t',
      notifyFollowers: 'true',
      cover_image: 'c.png',
    })
    expect(fm.keyLines).toEqual({ title: 1, publishStatus: 2, canonicalUrl: 3, notifyFollowers: 4, cover_image: 5 })
    expect(failed('PublishStatus: public\npublishstatus: draft\n\nB', PELICAN)).toMatchObject({
      line: 2,
      ruleId: 'frontmatter-duplicate-key',
    })
    // Validated as the fields they are: metadata has no types, so `true` is the boolean.
    const result = validateArticle(
      { source: { path: 'content/a.md', text }, frontMatter: fm },
      { urlKey: 'mediumUrl', publishStatus: 'draft', notifyFollowers: false },
    )
    expect(result.ok ? result.article.post : result.diagnostics).toMatchObject({
      publishStatus: 'public',
      canonicalUrl: 'https://a.example/t',
      notifyFollowers: true,
    })
  })

  it('end at the first blank line or at a line that is not a key (as Python-Markdown reads them)', () => {
    const fm = parsed('Title: T\nMusic Director: X\n\nTags: t\n', PELICAN)
    expect(fm.data).toEqual({ title: 'T' })
    expect(fm.body).toBe('Music Director: X\n\nTags: t\n')
    expect(fm.bodyStartLine).toBe(2)
    expect(parsed('Title: T\n---\nBody', PELICAN)).toMatchObject({ body: 'Body', bodyStartLine: 3 })
    expect(parsed('\ufeffTitle: T', PELICAN)).toMatchObject({ data: { title: 'T' }, body: '', bodyStartLine: 2 })
  })

  it('join continuation lines (indented 4 or a tab) and refuse a key twice', () => {
    expect(parsed('Summary: one\n    two\n\ttwo more\nTitle: T\n\nB', PELICAN).data).toEqual({ summary: 'one\ntwo\ntwo more', title: 'T' })
    expect(failed('Title: a\ntitle: b\n\nB', PELICAN)).toMatchObject({ line: 2, ruleId: 'frontmatter-duplicate-key' })
  })

  it('write mediumUrl: … after the last metadata line, or replace the key in any case', () => {
    expect(applyFrontMatterKey('Title: T\r\nTags: a\r\n\r\nBody\r\n', 'mediumUrl', URL, PELICAN)).toBe(
      `Title: T\r\nTags: a\r\nmediumUrl: ${URL}\r\n\r\nBody\r\n`,
    )
    expect(applyFrontMatterKey('Title: T', 'mediumUrl', URL, PELICAN)).toBe(`Title: T\nmediumUrl: ${URL}`)
    expect(applyFrontMatterKey('Title: T\nMediumURL:\n\nB', 'mediumUrl', URL, PELICAN)).toBe(`Title: T\nmediumUrl: ${URL}\n\nB`)
    const out = applyFrontMatterKey('Title: T\n\nB', 'mediumUrl', URL, PELICAN)
    expect(recordedKeyPath('metadata', 'mediumUrl')).toEqual(['mediumurl'])
    expect(recordedKeyValue(parsed(out, PELICAN), 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue(out, 'mediumUrl', PELICAN)).toBe(URL)
    expect(peekFrontMatterValue(out, 'mediumUrl')).toBeUndefined()
    expect(() => applyFrontMatterKey('Title: T\n\nB', 'k', 'two\nlines', PELICAN)).toThrow(/line break/)
    expect(frontMatterEditProblem({ path: 'a', text: 'mediumUrl: a\n    b\n\nB' }, 'mediumUrl', URL, PELICAN)).toMatch(/continues/)
  })
})

describe('JavaScript front-matter', () => {
  it('stays an error that says so', () => {
    for (const opening of ['---js', '---javascript']) {
      const d = failed(`${opening}\n{ title: 'x' }\n---\nBody\n`)
      expect(d).toMatchObject({ line: 1, ruleId: 'frontmatter-language' })
      expect(d.message).toContain('JavaScript front-matter would have to be run')
    }
  })
})

describe('real front-matter from test/fixtures/realworld', () => {
  it('reads Hugo TOML with a [params] table and writes the URL before it', () => {
    const path = 'hugo-coder-example/exampleSite/content/posts/more-rich-content.md'
    const text = realworld(path)
    const fm = parsed(text)
    expect(fm.format).toBe('toml')
    expect(fm.data).toMatchObject({
      title: 'More Rich Content',
      date: '2023-07-11',
      tags: ['hugo', 'markdown', 'css', 'html', 'shortcodes'],
    })
    expect(fm.keyLines).toMatchObject({ title: 3, tags: 6, categories: 13, params: 17, 'params.series': 18 })
    const out = applyFrontMatterKey(text, 'mediumUrl', URL)
    const at = text.indexOf('[params]')
    expect(out).toBe(`${text.slice(0, at)}mediumUrl = "${URL}"\n${text.slice(at)}`)
    expect(peekFrontMatterValue(out, 'mediumUrl')).toBe(URL)
  })

  it('reads Hugo TOML opened by "+++ " and writes before the closing +++', () => {
    const text = realworld('hugo-coder-example/exampleSite/content/posts/notices.md')
    expect(parsed(text).data).toMatchObject({ title: 'Notices', description: 'This post demonstrates notices' })
    const close = text.indexOf('+++', 3)
    expect(applyFrontMatterKey(text, 'mediumUrl', URL)).toBe(`${text.slice(0, close)}mediumUrl = "${URL}"\n${text.slice(close)}`)
  })

  it('reads Zola TOML with [taxonomies] and [extra], and writes the URL at the end of [extra]', () => {
    const text = realworld('zola-abridge-theme/content/overview-math.md')
    const fm = parsed(text, EXTRA)
    expect(fm.data).toMatchObject({
      date: new Date(Date.UTC(2021, 4, 5)),
      draft: false,
      taxonomies: { tags: ['Features', 'Shortcodes', 'Mathematics'] },
    })
    expect(fm.keyLines).toMatchObject({ date: 4, 'taxonomies.tags': 9, 'extra.keywords': 14 })
    const out = applyFrontMatterKey(text, 'mediumUrl', URL, EXTRA)
    const close = text.indexOf('+++', 3)
    expect(out).toBe(`${text.slice(0, close)}mediumUrl = "${URL}"\n${text.slice(close)}`)
    expect(peekFrontMatterValue(out, 'mediumUrl', EXTRA)).toBe(URL)
    const rust = realworld('zola-rust-blog/content/inside-rust/1.99.0-prerelease.md')
    expect(parsed(rust, EXTRA).keyLines).toMatchObject({ title: 3, extra: 6, 'extra.team_url': 8 })
  })

  it('reads Pelican metadata: a draft with comma tags, and metadata that ends at a key with a space', () => {
    const draft = realworld('pelican-maatemantram/content/articles/z_reference/first_post.md')
    expect(parsed(draft, PELICAN)).toMatchObject({
      format: 'metadata',
      data: {
        title: 'My First Blog Post',
        date: '2019-01-01 9:00',
        tags: 'python, markdown, pelican',
        status: 'draft',
        slug: 'my-first-blog-post',
      },
      keyLines: { status: 7 },
      bodyStartLine: 9,
    })
    const song = realworld('pelican-maatemantram/content/articles/kudirethe_kappu_coffe_1.md')
    const fm = parsed(song, PELICAN)
    expect(fm.data).toEqual({ title: 'Sreekaaram', date: '2019-03-04 12:00' })
    expect(fm.body.startsWith('Music Director: Yogeshwara Sharma\n')).toBe(true)
    const at = song.indexOf('Music Director')
    expect(applyFrontMatterKey(song, 'mediumUrl', URL, PELICAN)).toBe(`${song.slice(0, at)}mediumUrl: ${URL}\n${song.slice(at)}`)
  })
})

describe('peekFrontMatterValue on TOML', () => {
  it('answers for top-level string values of blocks it fully understands', () => {
    expect(
      peekFrontMatterValue(
        `+++\ntitle = "T"\ntags = [\n  "a", # c\n  'b',\n]\nmediumUrl = "${URL}" # recorded\n[params]\nx = 1\n+++\n`,
        'mediumUrl',
      ),
    ).toBe(URL)
    expect(peekFrontMatterValue(`\ufeff+++\r\nmediumUrl = '${URL}'\r\ndate = 2024-05-01\r\n+++\r\n`, 'mediumUrl')).toBe(URL)
    expect(peekFrontMatterValue('+++\nmediumUrl = "a \\"b\\" \\u00e9 \\U0001F600"\n+++\n', 'mediumUrl')).toBe('a "b" é 😀')
  })

  it('says undefined whenever the full parse could fail or disagree', () => {
    const cases = [
      `+++\nmediumUrl = "${URL}"\n`, // never closed
      `+++\nmediumUrl = ""\n+++\n`, // empty
      `+++\n[params]\nmediumUrl = "${URL}"\n+++\n`, // not top-level
      `+++\nmediumUrl = "${URL}"\nmediumUrl = "${URL}"\n+++\n`, // key twice
      `+++\nmediumUrl = "${URL}\n+++\n`, // unclosed string
      `+++\ntags = ["a",\nmediumUrl = "${URL}"]\n+++\n`, // array never closed where it looks closed
      `+++\nmediumUrl = """${URL}"""\n+++\n`, // multi-line string syntax
      `+++\nmediumUrl = "\\x41"\n+++\n`, // an escape TOML 1.0 does not have
      `+++\nmediumUrl = "${URL}"\n[mediumUrl]\n+++\n`, // a table named like our key
      `+++\nmediumUrl = "${URL}"\ndate = 2024-02-30\n+++\n`, // a day that does not exist
      `+++\nmediumUrl = "${URL}"\nn = 99999999999999999999\n+++\n`, // an integer smol-toml refuses
      `+++\nmediumUrl = "${URL}"\nhero = { src = "a" }\n+++\n`, // inline table: left to the parser
      `+++\nmediumUrl = 12\n+++\n`,
    ]
    for (const text of cases) expect(peekFrontMatterValue(text, 'mediumUrl'), text).toBeUndefined()
  })
})

describe('frontMatterEditProblem is the write-back edit itself', () => {
  const URL2 = 'https://medium.com/@a/t-0123456789ab'
  it('refuses the shapes whose edit would change other front-matter (they used to pass the check, then fail after the post)', () => {
    for (const [text, options] of [
      ['---\ntitle: T\nextra: ~\n---\n\nB\n', { table: 'extra' }],
      ['---\ntitle: T\nextra: null\n---\n\nB\n', { table: 'extra' }],
      ['---\ntitle: T\nmediumUrl: !!str\n---\n\nB\n', {}],
      ['---\ntitle: T\nmediumUrl: &a\n---\n\nB\n', {}],
      ['---\ntitle: T\n? mediumUrl\n---\n\nB\n', {}],
    ] as const) {
      const problem = frontMatterEditProblem({ path: 'a.md', text }, 'mediumUrl', URL2, options)
      expect(problem, text).toBeDefined()
      expect(() => applyFrontMatterKey(text, 'mediumUrl', URL2, options), text).toThrow(problem!)
    }
    expect(frontMatterEditProblem({ path: 'a.md', text: '---\ntitle: T\n---\n\nB\n' }, 'mediumUrl', URL2)).toBeUndefined()
  })
})

describe('Zola [taxonomies] tags', () => {
  it('are reported at the line of `tags`, not of the table header', () => {
    const text = '+++\ntitle = "T"\n\n[taxonomies]\ncategories = ["a"]\ntags = 42\n+++\n\nBody\n'
    const fm = parsed(text, EXTRA)
    const result = validateArticle(
      { source: { path: 'content/a.md', text }, frontMatter: fm },
      { urlKey: 'mediumUrl', publishStatus: 'draft', notifyFollowers: false },
      { site: 'zola', now: new Date(), backdate: false },
    )
    expect(result.ok ? [] : result.diagnostics).toMatchObject([{ ruleId: 'tags-type', line: 6 }])
  })
})

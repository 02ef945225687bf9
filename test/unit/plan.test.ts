import { beforeEach, describe, expect, it, vi } from 'vitest'
import { findArticleDate, pathDate, readDate as toDate, type FileNameDates } from '../../src/core/dates.js'
import { planArticle, type PlannedArticle } from '../../src/core/plan.js'
import * as frontmatter from '../../src/core/frontmatter/index.js'

// Spy on the YAML parse to prove the already-published fast path never calls it.
vi.mock('../../src/core/frontmatter/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/frontmatter/index.js')>()
  return { ...original, parseFrontMatter: vi.fn(original.parseFrontMatter) }
})

const now = new Date('2024-06-01T12:00:00Z')
const options = { urlKey: 'mediumUrl', now }

function plan(text: string, urlKey = 'mediumUrl'): PlannedArticle {
  return planArticle({ path: 'content/post.md', text }, { urlKey, now })
}

function article(frontMatterLines: string[], body = '\n# Title\n\nText.\n'): string {
  return ['---', ...frontMatterLines, '---', body].join('\n')
}

function invalid(result: PlannedArticle) {
  if (result.kind !== 'invalid') throw new Error(`expected invalid, got ${result.kind}`)
  expect(result.diagnostics.length).toBeGreaterThan(0)
  return result.diagnostics
}

beforeEach(() => {
  vi.mocked(frontmatter.parseFrontMatter).mockClear()
})

describe('planArticle: already published', () => {
  it('is published from the url-key line without parsing YAML', () => {
    const result = plan(article(['title: Hello', 'mediumUrl: https://medium.com/@me/hello-123abc', 'tags: [a, b]']))
    expect(result).toEqual({ kind: 'published', source: expect.anything(), url: 'https://medium.com/@me/hello-123abc' })
    expect(frontmatter.parseFrontMatter).not.toHaveBeenCalled()
  })

  it('never guesses: broken YAML around the url-key goes to the full parse, which reports it', () => {
    // Issue 9: the line scan used to call this "published" without noticing the unclosed flow list.
    const result = plan(article(['title: Hello', 'mediumUrl: https://medium.com/@me/hello-123abc', 'tags: [unclosed']))
    expect(result.kind).toBe('invalid')
    expect(frontmatter.parseFrontMatter).toHaveBeenCalled()
  })

  it('honours a custom url-key', () => {
    expect(plan(article(['title: Hello', 'mediumUrl: https://x.example/a', 'medium: https://medium.com/p/1']), 'medium')).toMatchObject({
      kind: 'published',
      url: 'https://medium.com/p/1',
    })
  })

  it('is published when the URL is quoted (after the parse if the peek does not unquote)', () => {
    expect(plan(article(['title: Hello', 'mediumUrl: "https://medium.com/p/abc"']))).toMatchObject({
      kind: 'published',
      url: 'https://medium.com/p/abc',
    })
    expect(plan(article(["mediumUrl: 'https://medium.com/p/abc'"]))).toMatchObject({ kind: 'published', url: 'https://medium.com/p/abc' })
  })

  it('is not published when the url-key is empty', () => {
    expect(plan(article(['title: Hello', 'mediumUrl:'])).kind).toBe('candidate')
    expect(plan(article(['title: Hello', 'mediumUrl: ""'])).kind).toBe('candidate')
    expect(plan(article(['title: Hello', "mediumUrl: ''"])).kind).toBe('candidate')
  })

  it('refuses a url-key that is not text', () => {
    for (const value of ['42', '[https://medium.com/p/1]', 'true']) {
      const [d, ...rest] = invalid(plan(article(['title: Hello', `mediumUrl: ${value}`])))
      expect(rest).toEqual([])
      expect(d).toMatchObject({ ruleId: 'url-key-type', line: 3, severity: 'error', path: 'content/post.md' })
      expect(d?.message).toContain('mediumUrl')
    }
  })
})

describe('planArticle: front-matter errors', () => {
  it('reports a YAML error as invalid, at its line', () => {
    const [d] = invalid(plan(article(['title: Hello', 'tags: [a, b', 'date: 2024-01-01'])))
    expect(d?.ruleId).toBe('frontmatter-yaml')
    expect(d?.line).toBeGreaterThanOrEqual(3)
  })

  it('reports an unclosed front-matter at line 1', () => {
    const [d] = invalid(plan('---\ntitle: Hello\n\n# Body\n'))
    expect(d).toMatchObject({ ruleId: 'frontmatter-unclosed', line: 1 })
  })
})

describe('planArticle: publish', () => {
  it('excludes publish: false', () => {
    expect(plan(article(['title: Hello', 'publish: false']))).toEqual({ kind: 'excluded', source: expect.anything() })
  })

  it('keeps publish: true as a candidate', () => {
    expect(plan(article(['title: Hello', 'publish: true'])).kind).toBe('candidate')
  })

  it('refuses publish that is not a boolean, and says to remove quotes', () => {
    const [d] = invalid(plan(article(['title: Hello', 'publish: "false"'])))
    expect(d).toMatchObject({ ruleId: 'publish-type', line: 3 })
    expect(d?.message).toContain('without quotes: `publish: false`')
    expect(invalid(plan(article(['publish: no way'])))[0]).toMatchObject({ ruleId: 'publish-type', line: 2 })
  })
})

describe('planArticle: an unresolved publish attempt', () => {
  it('is invalid with instructions, before scheduling', () => {
    const [d, ...rest] = invalid(plan(article(['title: Hello', 'date: 2099-01-01', 'mediumPublishAttempt: 2024-05-31T10:00:00.000Z'])))
    expect(rest).toEqual([])
    expect(d).toMatchObject({ ruleId: 'publish-attempt-unresolved', line: 4 })
    expect(d?.message).toContain('at 2024-05-31T10:00:00.000Z')
    expect(d?.message).toContain('set `mediumUrl: <its URL>`')
    expect(d?.message).toContain('delete the `mediumPublishAttempt` line')
  })

  it('names the custom url-key', () => {
    const [d] = invalid(plan(article(['mediumPublishAttempt: "2024-05-31T10:00:00Z"']), 'medium_url'))
    expect(d?.message).toContain('set `medium_url: <its URL>`')
    expect(d?.message).toContain('2024-05-31T10:00:00Z')
  })

  it('does not matter for an excluded article', () => {
    expect(plan(article(['publish: false', 'mediumPublishAttempt: 2024-05-31T10:00:00Z'])).kind).toBe('excluded')
  })
})

describe('planArticle: date', () => {
  it('schedules an article dated later than now', () => {
    const result = plan(article(['title: Hello', 'date: 2024-06-02']))
    expect(result).toMatchObject({ kind: 'scheduled', date: new Date('2024-06-02T00:00:00Z') })
    if (result.kind === 'scheduled') expect(result.frontMatter.data.title).toBe('Hello')
  })

  it('schedules to the minute, with a zone or quoted', () => {
    expect(plan(article(['date: 2024-06-01T12:01:00Z'])).kind).toBe('scheduled')
    expect(plan(article(['date: "2024-06-01T13:30:00+01:00"'])).kind).toBe('scheduled')
    expect(plan(article(['date: "2024-06-01T12:30:00+01:00"'])).kind).toBe('candidate')
  })

  it('is a candidate at or before now', () => {
    expect(plan(article(['title: Hello', 'date: 2024-06-01T12:00:00Z'])).kind).toBe('candidate')
    expect(plan(article(['title: Hello', 'date: 2020-01-01'])).kind).toBe('candidate')
  })

  it('refuses a date that is not a date', () => {
    for (const value of ['"2024-02-30"', '2024', 'tomorrow', '"2024-06-01T25:00"', '"01/06/2024"']) {
      const [d, ...rest] = invalid(plan(article(['title: Hello', `date: ${value}`])))
      expect(rest).toEqual([])
      expect(d).toMatchObject({ ruleId: 'date-type', line: 3 })
      expect(d?.message).toContain('date: 2024-06-01')
    }
  })

  it('reports several plan errors together', () => {
    const diagnostics = invalid(plan(article(['publish: maybe', 'date: soon'])))
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['publish-type', 'date-type'])
  })
})

describe('planArticle: no front-matter', () => {
  it('is a candidate', () => {
    expect(plan('# Just a heading\n\nAnd text.\n').kind).toBe('candidate')
    expect(planArticle({ path: 'a.md', text: '# T\n\nx\n' }, options).kind).toBe('candidate')
  })
})

describe('toDate (core/dates.ts readDate)', () => {
  it('reads the dates real blogs write, as YAML reads a timestamp (DESIGN.md "Existing blogs")', () => {
    // Issue 9: one reader for YAML timestamps and quoted strings, so `2024-6-1` means the same quoted or not.
    expect(toDate('2024-6-1')?.toISOString()).toBe('2024-06-01T00:00:00.000Z')
    expect(toDate('June 2, 2024')?.toISOString()).toBe('2024-06-02T00:00:00.000Z')
    expect(toDate('2020/12/21')?.toISOString()).toBe('2020-12-21T00:00:00.000Z')
    expect(toDate('25 Aug 2024')?.toISOString()).toBe('2024-08-25T00:00:00.000Z')
    expect(toDate('Mon May 07 2018 00:00:00 GMT+0000 (Coordinated Universal Time)')?.toISOString()).toBe('2018-05-07T00:00:00.000Z')
    expect(toDate('Tue, 07 May 2018 10:00:00 +0200')?.toISOString()).toBe('2018-05-07T08:00:00.000Z')
  })

  it('parses ISO 8601 dates and date-times (UTC when no zone)', () => {
    expect(toDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z')
    expect(toDate('2024-06-01 10:30')?.toISOString()).toBe('2024-06-01T10:30:00.000Z')
    expect(toDate('2024-06-01T10:30:15.250-02:30')?.toISOString()).toBe('2024-06-01T13:00:15.250Z')
    expect(toDate(new Date('2024-06-01T00:00:00Z'))?.toISOString()).toBe('2024-06-01T00:00:00.000Z')
  })

  it('refuses what is not a real date', () => {
    for (const value of ['2023-02-29', '2024-13-01', '01/06/2024', '', 20240601, new Date('x'), null]) {
      expect(toDate(value)).toBeUndefined()
    }
  })
})

describe('findArticleDate: the date a path gives (core/dates.ts)', () => {
  const fromPath = (path: string, rule: FileNameDates) => findArticleDate(undefined, {}, path, rule)?.date?.toISOString()

  it("reads Jekyll's and Eleventy's date from the file or folder name only", () => {
    expect(fromPath('_posts/2014-09-02-hello.md', 'name')).toBe('2014-09-02T00:00:00.000Z')
    expect(fromPath('posts/2014-09-02-hello/index.md', 'name')).toBe('2014-09-02T00:00:00.000Z')
    expect(fromPath('_posts/2014/09-02-hello.md', 'name')).toBeUndefined()
    expect(fromPath('_posts/2014-09-02-hello.md', false)).toBeUndefined()
  })

  it("reads Docusaurus's date spread over folders, and the slug after it (facebook/docusaurus website/blog)", () => {
    expect(fromPath('blog/2020/01-07-tribute-to-endi.mdx', 'path')).toBe('2020-01-07T00:00:00.000Z')
    expect(fromPath('blog/2021/11-21-algolia-docsearch-migration/index.mdx', 'path')).toBe('2021-11-21T00:00:00.000Z')
    expect(fromPath('blog/2019/5/6/x.md', 'path')).toBe('2019-05-06T00:00:00.000Z')
    expect(fromPath('blog/2021-11-21-slug.md', 'path')).toBe('2021-11-21T00:00:00.000Z')
    expect(fromPath('blog/releases/3.1/index.mdx', 'path')).toBeUndefined()
    expect(pathDate('blog/2021/11-21-algolia-docsearch-migration/index.mdx')?.rest).toBe('algolia-docsearch-migration')
  })
})

describe('planArticle: a recorded URL is found whatever the site is read as', () => {
  const URL = 'https://medium.com/@a/t-0123456789ab'
  const zolaLayout = `+++\ntitle = "T"\n[extra]\nmediumUrl = "${URL}"\n+++\n\nBody.\n`
  const topLevel = `+++\ntitle = "T"\nmediumUrl = "${URL}"\n+++\n\nBody.\n`

  it('reads [extra] on a Hugo site and the top level on a Zola site (a site input or config that changed)', () => {
    for (const [text, site] of [
      [zolaLayout, 'zola'],
      [zolaLayout, 'hugo'],
      [topLevel, 'hugo'],
      [topLevel, 'zola'],
    ] as const) {
      expect(planArticle({ path: 'content/a.md', text }, { ...options, site }), `${site}: ${text}`).toMatchObject({
        kind: 'published',
        url: URL,
      })
    }
  })

  it('reports a url-key that is not a URL at its own line under [extra]', () => {
    const text = '+++\ntitle = "T"\n[extra]\nmediumUrl = 42\n+++\n\nBody.\n'
    const result = planArticle({ path: 'content/a.md', text }, { ...options, site: 'zola' })
    expect(result.kind === 'invalid' ? result.diagnostics : []).toMatchObject([{ ruleId: 'url-key-type', line: 4 }])
  })
})

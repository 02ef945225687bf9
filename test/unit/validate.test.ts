import { describe, expect, it } from 'vitest'
import type { FrontMatter } from '../../src/core/article.js'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import type { ArticleDefaults } from '../../src/core/fields.js'
import { absoluteHttpUrlProblem, fileSlug, firstTitleHeading, validateArticle } from '../../src/core/validate.js'
import { jaroWinkler, suggestNearest } from '../../src/core/suggest.js'

const defaults: ArticleDefaults = { urlKey: 'mediumUrl', publishStatus: 'draft', notifyFollowers: false }

/**
 * A front-matter as the parser returns it: keys on lines 2, 3, ... in insertion order, the body
 * after the closing `---`.
 */
function frontMatter(data: Record<string, unknown>, body = '\nSome text.\n'): FrontMatter {
  const keys = Object.keys(data)
  const keyLines = Object.fromEntries(keys.map((key, i) => [key, i + 2]))
  return { data, hasBlock: true, keyLines, body, bodyStartLine: keys.length + 3 }
}

function validate(data: Record<string, unknown>, options: { body?: string; path?: string; defaults?: Partial<ArticleDefaults> } = {}) {
  return validateArticle(
    { source: { path: options.path ?? 'content/posts/hello-world.md', text: '' }, frontMatter: frontMatter(data, options.body) },
    { ...defaults, ...options.defaults },
  )
}

function errorsOf(data: Record<string, unknown>, options: Parameters<typeof validate>[1] = {}): Diagnostic[] {
  const result = validate(data, options)
  if (result.ok) throw new Error(`expected errors, got a valid article: ${JSON.stringify(result.article.post)}`)
  return result.diagnostics
}

function postOf(data: Record<string, unknown>, options: Parameters<typeof validate>[1] = {}) {
  const result = validate(data, options)
  if (!result.ok) throw new Error(`expected a valid article, got: ${result.diagnostics.map((d) => d.message).join(' | ')}`)
  return result.article
}

/** The first `# ` heading of a front-matter's body (core/title.ts). */
function titleHeading(fm: FrontMatter) {
  return firstTitleHeading(fm.body, fm.bodyStartLine)
}

function only(diagnostics: Diagnostic[]): Diagnostic {
  expect(diagnostics).toHaveLength(1)
  return diagnostics[0] as Diagnostic
}

describe('validateArticle: a valid article', () => {
  it('applies the input defaults for absent keys', () => {
    const article = postOf({ title: 'Hello' })
    expect(article.post).toEqual({ title: 'Hello', tags: [], publishStatus: 'draft', notifyFollowers: false })
    expect(article.slug).toBe('hello-world')
    expect(article.diagnostics).toEqual([])
  })

  it('uses the license and notify-followers defaults', () => {
    const article = postOf({ title: 'Hello' }, { defaults: { license: 'cc-40-by', notifyFollowers: true, publishStatus: 'unlisted' } })
    expect(article.post).toEqual({ title: 'Hello', tags: [], publishStatus: 'unlisted', license: 'cc-40-by', notifyFollowers: true })
  })

  it('lets the front-matter override every default', () => {
    const article = postOf(
      {
        title: '  Hello  ',
        tags: ['a', 'b'],
        publishStatus: 'public',
        license: 'public-domain',
        notifyFollowers: false,
        canonicalUrl: 'https://example.com/hello/',
        slug: 'custom',
        unknownKey: { anything: [1, 2] },
      },
      { defaults: { license: 'cc-40-by', notifyFollowers: true, canonicalUrlTemplate: 'https://blog.example/{slug}' } },
    )
    expect(article.post).toEqual({
      title: 'Hello',
      tags: ['a', 'b'],
      publishStatus: 'public',
      license: 'public-domain',
      notifyFollowers: false,
      canonicalUrl: 'https://example.com/hello/',
    })
    expect(article.slug).toBe('custom')
  })
})

describe('title', () => {
  it('comes from the first # heading when the front-matter has none, at that heading line', () => {
    const body = '\nIntro line\n\n```sh\n# not a heading\n```\n\n#  From the heading  #\n\n# Second\n'
    const article = postOf({ tags: 'x' }, { body })
    expect(article.post.title).toBe('From the heading')
    // keys on line 2, closing --- on line 3, body from line 4: the heading is the 8th body line.
    expect(titleHeading(frontMatter({ tags: 'x' }, body))).toEqual({ text: 'From the heading', line: 11 })
  })

  it('ignores ## headings and #hashtags', () => {
    expect(titleHeading(frontMatter({}, '## Sub\n#hashtag\n    # indented code\n'))).toBeUndefined()
  })

  it('is missing with neither title nor heading', () => {
    const d = only(errorsOf({ tags: ['a'] }))
    expect(d).toMatchObject({ ruleId: 'title-missing', line: 1, severity: 'error', path: 'content/posts/hello-world.md' })
    expect(d.message).toContain('Add `title: Your title`')
    expect(d.message).toContain('# Your title')
  })

  it('must be text', () => {
    const d = only(errorsOf({ tags: [], title: 1984 }))
    expect(d).toMatchObject({ ruleId: 'title-type', line: 3 })
    expect(d.message).toContain('1984 (a number)')
    expect(d.message).toContain('title: "1984"')
  })

  it('must not be empty or blank, in the front-matter or in the heading', () => {
    expect(only(errorsOf({ title: '   ' }))).toMatchObject({ ruleId: 'title-empty', line: 2 })
    expect(only(errorsOf({ title: null }))).toMatchObject({ ruleId: 'title-empty', line: 2 })
    expect(only(errorsOf({ tags: 'a' }, { body: '#\n\ntext\n' }))).toMatchObject({ ruleId: 'title-empty', line: 4 })
  })

  it('allows 100 characters and refuses 101, saying how many', () => {
    expect(postOf({ title: 'é'.repeat(100) }).post.title).toHaveLength(100)
    const d = only(errorsOf({ title: 'a'.repeat(101) }))
    expect(d).toMatchObject({ ruleId: 'title-too-long', line: 2 })
    expect(d.message).toContain('101 characters')
    expect(d.message).toContain('at most 100')
  })
})

describe('body', () => {
  it('must not be empty, reported on the line after the front-matter', () => {
    const d = only(errorsOf({ title: 'T', tags: 'a' }, { body: ' \n\t\n' }))
    // keys on lines 2-3, closing --- on line 4: the body starts on line 5.
    expect(d).toMatchObject({ ruleId: 'body-empty', line: 5 })
  })

  it('collects every error of an article', () => {
    const diagnostics = errorsOf({ publishStatus: 'live', tags: 7, notifyFollowers: 'yes' }, { body: '' })
    expect(diagnostics.map((d) => d.ruleId).sort()).toEqual([
      'body-empty',
      'notify-followers',
      'publish-status',
      'tags-type',
      'title-missing',
    ])
  })
})

describe('tags', () => {
  it('accepts a comma-separated text, trimmed, empties dropped', () => {
    expect(postOf({ title: 'T', tags: ' javascript, ,testing ,' }).post.tags).toEqual(['javascript', 'testing'])
  })

  it('treats an empty tags: as no tags', () => {
    expect(postOf({ title: 'T', tags: null }).post.tags).toEqual([])
  })

  it.each([
    [42, '42 (a number)'],
    [true, 'true (a boolean)'],
    [{ a: 1 }, 'a mapping'],
  ])('refuses %j as tags', (tags, described) => {
    const d = only(errorsOf({ title: 'T', tags }))
    expect(d).toMatchObject({ ruleId: 'tags-type', line: 3 })
    expect(d.message).toContain(described)
  })

  it('refuses a list element that is not text, and suggests quoting it', () => {
    const d = only(errorsOf({ title: 'T', tags: ['js', 2024] }))
    expect(d).toMatchObject({ ruleId: 'tags-type', line: 3 })
    expect(d.message).toContain('2024 (a number)')
    expect(d.message).toContain('tags: ["js", "2024"]')
  })

  // DESIGN.md (issue 12): the first 3 valid tags are sent, and each other tag gets a warning naming it
  // (never a silent drop, never an error).
  it('sends the first 3 of more, with a warning naming each tag left out', () => {
    const article = postOf({ title: 'T', tags: ['a', 'b', 'c', 'd', 'e'] })
    expect(article.post.tags).toEqual(['a', 'b', 'c'])
    expect(article.diagnostics.map((d) => [d.ruleId, d.severity, d.line])).toEqual([
      ['tags-too-many', 'warning', 3],
      ['tags-too-many', 'warning', 3],
    ])
    expect(article.diagnostics[0]!.message).toContain('"d"')
    expect(article.diagnostics[1]!.message).toContain('"e"')
    expect(article.diagnostics.map((d) => d.message).join(' ')).not.toContain('"c" was not sent')
  })

  it('allows exactly 3 tags of 25 characters', () => {
    const tags = ['a'.repeat(25), 'b'.repeat(25), 'c']
    expect(postOf({ title: 'T', tags }).post.tags).toEqual(tags)
  })

  it('leaves out a tag over 25 characters with a warning naming it and its length, and sends the next valid one', () => {
    const article = postOf({ title: 'T', tags: ['ok', 'a-very-long-tag-name-here-x', 'b', 'c'] })
    expect(article.post.tags).toEqual(['ok', 'b', 'c'])
    const [d] = article.diagnostics
    expect(d).toMatchObject({ ruleId: 'tag-too-long', severity: 'warning', line: 3 })
    expect(d!.message).toContain('"a-very-long-tag-name-here-x" is 27 characters')
  })

  it('leaves out an empty tag of a list, with a warning', () => {
    const article = postOf({ title: 'T', tags: ['a', ' '] })
    expect(article.post.tags).toEqual(['a'])
    expect(article.diagnostics).toMatchObject([{ ruleId: 'tag-empty', severity: 'warning', line: 3 }])
  })

  it('sends a tag once whatever its case, with a warning naming both spellings', () => {
    const article = postOf({ title: 'T', tags: 'TypeScript, typescript' })
    expect(article.post.tags).toEqual(['TypeScript'])
    const [d] = article.diagnostics
    expect(d).toMatchObject({ ruleId: 'tag-duplicate', severity: 'warning', line: 3 })
    expect(d!.message).toContain('"typescript"')
    expect(d!.message).toContain('"TypeScript"')
  })

  it('prefers mediumTags, and reads keywords and Zola taxonomies when there are no tags', () => {
    expect(postOf({ title: 'T', tags: ['a'], mediumTags: ['m'] }).post.tags).toEqual(['m'])
    expect(postOf({ title: 'T', keywords: 'x, y' }).post.tags).toEqual(['x', 'y'])
    expect(postOf({ title: 'T', taxonomies: { tags: ['rust', 'zola'], categories: ['c'] } }).post.tags).toEqual(['rust', 'zola'])
  })
})

describe('publishStatus', () => {
  it("accepts each of Medium's values", () => {
    for (const status of ['draft', 'public', 'unlisted'] as const)
      expect(postOf({ title: 'T', publishStatus: status }).post.publishStatus).toBe(status)
  })

  it('refuses "published" and suggests "public"', () => {
    const d = only(errorsOf({ title: 'T', publishStatus: 'published' }))
    expect(d).toMatchObject({ ruleId: 'publish-status', line: 3 })
    expect(d.message).toContain('"published" is not one of draft, public, unlisted')
    expect(d.message).toContain('Did you mean "public"?')
  })

  it('suggests by closeness for a typo, and nothing when nothing is close', () => {
    expect(only(errorsOf({ title: 'T', publishStatus: 'unlsted' })).message).toContain('Did you mean "unlisted"?')
    expect(only(errorsOf({ title: 'T', publishStatus: 'Draft' })).message).toContain('Did you mean "draft"?')
    expect(only(errorsOf({ title: 'T', publishStatus: 'xyz' })).message).not.toContain('Did you mean')
  })

  it('refuses an empty value instead of falling back to the default', () => {
    expect(only(errorsOf({ title: 'T', publishStatus: null })).message).toContain('publishStatus empty')
  })
})

describe('license', () => {
  it('refuses an unknown license and suggests the nearest', () => {
    const d = only(errorsOf({ title: 'T', license: 'CC-BY-SA-4.0' }))
    expect(d).toMatchObject({ ruleId: 'license', line: 3 })
    expect(d.message).toContain('Did you mean "cc-40-by-sa"?')
    expect(only(errorsOf({ title: 'T', license: 'cc-40-by-nc-n' })).message).toContain('Did you mean "cc-40-by-nc-nd"?')
  })
})

describe('notifyFollowers', () => {
  it('must be a boolean; a quoted boolean says to remove the quotes', () => {
    const d = only(errorsOf({ title: 'T', notifyFollowers: 'true' }))
    expect(d).toMatchObject({ ruleId: 'notify-followers', line: 3 })
    expect(d.message).toContain('without quotes: `notifyFollowers: true`')
    expect(postOf({ title: 'T', notifyFollowers: true }).post.notifyFollowers).toBe(true)
  })
})

describe('slug', () => {
  it('must be non-empty text when present', () => {
    expect(only(errorsOf({ title: 'T', slug: '' }))).toMatchObject({ ruleId: 'slug-type', line: 3 })
    expect(only(errorsOf({ title: 'T', slug: 2024 })).message).toContain('slug: "2024"')
  })

  it('defaults to the file name without extension', () => {
    expect(fileSlug('content/a.b/my-post.markdown')).toBe('my-post')
    expect(fileSlug('README')).toBe('README')
  })
})

describe('canonicalUrl', () => {
  it('must be an absolute http(s) URL', () => {
    expect(postOf({ title: 'T', canonicalUrl: 'http://example.com/a' }).post.canonicalUrl).toBe('http://example.com/a')
    for (const bad of ['/blog/post', 'example.com/post', 'ftp://example.com/post', 'https://exa mple.com/', 42]) {
      const d = only(errorsOf({ title: 'T', canonicalUrl: bad }))
      expect(d).toMatchObject({ ruleId: 'canonical-url', line: 3 })
    }
  })

  it('is filled from the template with {slug} and {path}', () => {
    const template = 'https://example.com/{path}/{slug}/'
    expect(postOf({ title: 'T' }, { defaults: { canonicalUrlTemplate: template } }).post.canonicalUrl).toBe(
      'https://example.com/content/posts/hello-world/hello-world/',
    )
    expect(postOf({ title: 'T', slug: 'nice' }, { defaults: { canonicalUrlTemplate: template } }).post.canonicalUrl).toBe(
      'https://example.com/content/posts/hello-world/nice/',
    )
  })

  it('refuses a filled template that is not an absolute URL', () => {
    const d = only(errorsOf({ title: 'T', slug: 'has space' }, { defaults: { canonicalUrlTemplate: 'https://example.com/{slug}' } }))
    expect(d).toMatchObject({ ruleId: 'canonical-url', line: 3 })
    expect(d.message).toContain('canonical-url-template')
    expect(only(errorsOf({ title: 'T' }, { defaults: { canonicalUrlTemplate: '/blog/{slug}' } })).line).toBe(1)
  })

  it('explains what is wrong with a URL', () => {
    expect(absoluteHttpUrlProblem('https://example.com/')).toBeUndefined()
    expect(absoluteHttpUrlProblem('mailto:a@b.c')).toContain('"mailto"')
  })
})

describe('suggestNearest', () => {
  it('prefers aliases, then a shared prefix', () => {
    expect(suggestNearest('published', ['draft', 'public', 'unlisted'])).toBe('public')
    expect(suggestNearest('private', ['draft', 'public', 'unlisted'], { private: 'unlisted' })).toBe('unlisted')
    expect(jaroWinkler('abc', 'abc')).toBe(1)
    expect(jaroWinkler('abc', 'xyz')).toBe(0)
  })
})

/**
 * The bad-article corpus (issue #4): every file in test/fixtures/invalid has exactly the problem its
 * name says, and expected.json lists the diagnostics a writer must see for it (line, ruleId, a
 * distinctive part of the message).
 *
 * Entries with a `stage` are found by a later step of the action, which the end-to-end tests check
 * through dist/index.js: `read` (the reader refuses the file: empty, not UTF-8) and `images` (the
 * local-image check). Here, plan + validate run on every fixture without a stage; a fixture of
 * stage `images` must pass plan + validate (its only problem is the image), and a fixture of stage
 * `read` is checked to really be what its name says.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ArticleSource } from '../../src/core/article.js'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import { planArticle } from '../../src/core/plan.js'
import type { ArticleDefaults } from '../../src/core/fields.js'
import { validateArticle } from '../../src/core/validate.js'

interface Expected {
  line: number
  ruleId: string
  message: string
  stage?: 'read' | 'images'
}

const invalidDir = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url))
const validDir = fileURLToPath(new URL('../fixtures/valid/', import.meta.url))
const expected = JSON.parse(readFileSync(`${invalidDir}expected.json`, 'utf8')) as Record<string, Expected[]>
const now = new Date('2024-06-01T12:00:00Z')
const defaults: ArticleDefaults = { urlKey: 'mediumUrl', publishStatus: 'draft', notifyFollowers: false }

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
}

/** As the reader decodes a file: UTF-8, fatal on bad bytes, the BOM kept as U+FEFF. */
function load(dir: string, name: string): ArticleSource {
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(dir + name))
  return { path: `content/${name}`, text }
}

/** The errors plan + validate report for an article (an article that is not a candidate has none beyond plan's). */
function errorsOf(source: ArticleSource): { kind: string; errors: Diagnostic[] } {
  const planned = planArticle(source, { urlKey: defaults.urlKey, now })
  if (planned.kind === 'invalid') return { kind: planned.kind, errors: planned.diagnostics }
  if (planned.kind !== 'candidate') return { kind: planned.kind, errors: [] }
  const result = validateArticle(planned, defaults)
  const diagnostics = result.ok ? result.article.diagnostics : result.diagnostics
  return { kind: planned.kind, errors: diagnostics.filter((d) => d.severity === 'error') }
}

const files = markdownFiles(invalidDir)

describe('the invalid corpus', () => {
  it('has at least 30 articles, each listed in expected.json (and nothing listed that does not exist)', () => {
    expect(files.length).toBeGreaterThanOrEqual(30)
    expect(Object.keys(expected).sort()).toEqual(files)
    for (const name of files) expect(name).toMatch(/^\d{2}-[a-z0-9-]+\.md$/)
  })

  it('covers every rule of plan, validate and the front-matter reader', () => {
    const covered = new Set(Object.values(expected).flatMap((list) => list.map((e) => e.ruleId)))
    const rules = [
      'title-missing',
      'title-type',
      'title-empty',
      'title-too-long',
      'body-empty',
      'tags-type',
      'publish-status',
      'canonical-url',
      'license',
      'notify-followers',
      'slug-type',
      'publish-type',
      'date-type',
      'url-key-type',
      'publish-attempt-unresolved',
      'frontmatter-yaml',
      'frontmatter-unclosed',
      'frontmatter-language',
      'frontmatter-duplicate-key',
      'frontmatter-not-mapping',
      'file-empty',
      'file-encoding',
      'image-missing',
      'image-type',
      'image-outside-workspace',
    ]
    expect(rules.filter((rule) => !covered.has(rule))).toEqual([])
  })

  it.each(files.filter((name) => (expected[name] ?? []).every((e) => e.stage === undefined)))('%s: exactly the expected errors', (name) => {
    const wanted = expected[name] ?? []
    const { errors } = errorsOf(load(invalidDir, name))
    for (const want of wanted) {
      const match = errors.find((d) => d.ruleId === want.ruleId && d.line === want.line && d.message.includes(want.message))
      expect(
        match,
        `expected ${want.ruleId} at line ${want.line} with "${want.message}", got:\n${errors.map((d) => `  ${d.line} ${d.ruleId}: ${d.message}`).join('\n')}`,
      ).toBeDefined()
      expect(match?.severity).toBe('error')
      expect(match?.path).toBe(`content/${name}`)
    }
    expect(errors.map((d) => d.ruleId).sort()).toEqual(wanted.map((e) => e.ruleId).sort())
  })

  it.each(files.filter((name) => expected[name]?.some((e) => e.stage === 'images')))(
    '%s: passes plan and validate (its only problem is the image)',
    (name) => {
      expect(errorsOf(load(invalidDir, name))).toEqual({ kind: 'candidate', errors: [] })
    },
  )

  it('40-file-empty.md is empty', () => {
    expect(readFileSync(`${invalidDir}40-file-empty.md`)).toHaveLength(0)
  })

  it('41-file-not-utf8.md is not UTF-8 (and is otherwise a fine article in Latin-1)', () => {
    expect(() => load(invalidDir, '41-file-not-utf8.md')).toThrow()
    const latin1 = new TextDecoder('latin1').decode(readFileSync(`${invalidDir}41-file-not-utf8.md`))
    expect(errorsOf({ path: 'content/41-file-not-utf8.md', text: latin1 })).toEqual({ kind: 'candidate', errors: [] })
  })

  it('26-bom-crlf-publish-status.md really has a BOM and CRLF line endings', () => {
    const text = load(invalidDir, '26-bom-crlf-publish-status.md').text
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toContain('\n')
  })
})

describe('the valid edge cases', () => {
  const valid = markdownFiles(validDir)

  it.each(valid)('%s: a candidate with no errors', (name) => {
    expect(errorsOf(load(validDir, name))).toEqual({ kind: 'candidate', errors: [] })
  })

  function post(name: string) {
    const planned = planArticle(load(validDir, name), { urlKey: defaults.urlKey, now })
    if (planned.kind !== 'candidate') throw new Error(`${name} is ${planned.kind}`)
    const result = validateArticle(planned, defaults)
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
    return result.article.post
  }

  it('reads a BOM + CRLF file without stray carriage returns', () => {
    expect(load(validDir, 'bom-crlf.md').text.startsWith('\uFEFF---\r\n')).toBe(true)
    expect(post('bom-crlf.md')).toEqual({
      title: 'Caching builds on Windows runners',
      tags: ['build', 'windows'],
      publishStatus: 'draft',
      notifyFollowers: false,
    })
  })

  it('takes the title from the heading, not from a # comment in code', () => {
    expect(post('title-from-heading.md').title).toBe('Five shell habits that save me an hour a week')
    expect(post('no-front-matter.md').title).toBe('A post without front-matter')
  })

  it('splits comma-separated tags', () => {
    expect(post('comma-tags.md').tags).toEqual(['github-actions', 'testing', 'ci'])
  })

  it('ignores unknown keys and an empty url-key', () => {
    expect(post('unknown-keys.md')).toEqual({
      title: 'Notes from a conference',
      tags: ['conferences', 'notes'],
      publishStatus: 'draft',
      notifyFollowers: false,
    })
  })
})

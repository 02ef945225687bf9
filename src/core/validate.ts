/**
 * validate: Medium's rules for one candidate article (pure).
 *
 * Collects every error of an article, not just the first, each at the line of the key it is about (or
 * of the body), with the value quoted, what is expected and how to fix it. Input defaults apply only
 * when a key is absent: a value that is present but wrong is an error, never a fallback.
 */
import type { ArticleSource, FrontMatter, ValidArticle } from './article.js'
import { describeValue } from './describe.js'
import type { Diagnostic } from './diagnostic.js'
import { readHead, readPostFields, type ArticleContext, type ArticleDefaults, type FieldContext } from './fields.js'
import { fileNameDate, pathDate } from './dates.js'
import { SITE_RULES } from './site.js'
import { spellingWarnings } from './spellings.js'

export { absoluteHttpUrlProblem, MAX_TAG_LENGTH, MAX_TAGS, MAX_TITLE_LENGTH } from './fields.js'
export { describeValue } from './describe.js'
export { firstTitleHeading } from './title.js'

export type ValidationResult = { ok: true; article: ValidArticle } | { ok: false; diagnostics: Diagnostic[] }

const NO_BODY =
  'The article has no body: there is nothing after the front-matter. Write the article below the closing `---`, or set `publish: false` to keep it out of Medium.'

const PLAIN: ArticleContext = { site: 'plain', now: new Date(0), backdate: false }

export function validateArticle(
  candidate: { source: ArticleSource; frontMatter: FrontMatter },
  defaults: ArticleDefaults,
  article: ArticleContext = PLAIN,
): ValidationResult {
  const { source, frontMatter } = candidate
  const errors: Diagnostic[] = []
  const warnings: Diagnostic[] = spellingWarnings(frontMatter.data, frontMatter.keyLines, source.path)
  const has = (key: string) => Object.hasOwn(frontMatter.data, key)
  const context: FieldContext = {
    source,
    frontMatter,
    defaults,
    slug: undefined,
    has,
    line: (key) => frontMatter.keyLines[key] ?? 1,
    error: (ruleId, line, message) => errors.push({ path: source.path, line, severity: 'error', ruleId, message }),
    warning: (ruleId, line, message) => warnings.push({ path: source.path, line, severity: 'warning', ruleId, message }),
    article,
  }
  const slug = readSlug(context)
  const post = readPostFields({ ...context, slug })
  const head = readHead({ ...context, slug })
  if (frontMatter.body.replace(/^\uFEFF/, '').trim() === '') context.error('body-empty', frontMatter.bodyStartLine, NO_BODY)
  if (errors.length > 0 || post === undefined || slug === undefined) return { ok: false, diagnostics: sortByLine([...errors, ...warnings]) }
  return { ok: true, article: { source, frontMatter, post, head, slug, diagnostics: sortByLine(warnings) } }
}

function sortByLine(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

/** The file name without its extension: the slug when the front-matter has none. */
export function fileSlug(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

function readSlug(c: FieldContext): string | undefined {
  if (!c.has('slug')) {
    // A Jekyll/Eleventy post's slug is its file name without the date; a Docusaurus post's, its path's.
    const name = fileSlug(c.source.path)
    const dates = SITE_RULES[c.article.site].fileNameDates
    if (dates === 'path') return pathDate(c.source.path)?.rest ?? name
    return dates ? (fileNameDate(name)?.rest ?? name) : name
  }
  const value = c.frontMatter.data.slug
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  const example = typeof value === 'number' || typeof value === 'boolean' ? `slug: "${String(value)}"` : `slug: ${fileSlug(c.source.path)}`
  const message = `slug ${describeValue(value)} is not usable: expected a non-empty text such as \`${example}\`. Fix it, or delete the line to use the file name (${JSON.stringify(fileSlug(c.source.path))}).`
  return void c.error('slug-type', c.line('slug'), message)
}

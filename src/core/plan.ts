/**
 * plan: what this run does with one article (pure).
 *
 * Already published (the url-key is set), excluded (`publish: false`), scheduled (`date` later than
 * now), a candidate for validation and publishing, or invalid. The already-published check looks at
 * the front-matter text without parsing YAML when a line scan is certain (core/records/peek.ts):
 * repositories with thousands of published articles must not pay a YAML parse per article per run.
 * An invalid or scheduled article that parsed keeps its front-matter, so validation can still report
 * all of its errors in the same run.
 */
import type { ArticleSource, FrontMatter } from './article.js'
import { DATE_FORMATS_HINT, articleDate } from './dates.js'
import { describeValue } from './describe.js'
import type { Diagnostic } from './diagnostic.js'
import { parseFrontMatter, recordedKeyPaths, recordedKeyValue, type FrontMatterOptions } from './frontmatter/index.js'
import { peekRecordedUrl, recordedIn, unresolvedAttemptDiagnostic } from './records/index.js'
import { PUBLISH_ATTEMPT_KEY } from './settings.js'
import { frontMatterOptions, SITE_RULES, type SiteKind } from './site.js'

export type PlannedArticle =
  | { kind: 'published'; source: ArticleSource; url: string }
  | { kind: 'excluded'; source: ArticleSource }
  /** Marked as a draft the way its generator marks one (`key` says how): never published, never an error. */
  | { kind: 'draft'; source: ArticleSource; key: string }
  /** Dated before the `since` input. */
  | { kind: 'before-since'; source: ArticleSource; date: Date }
  | { kind: 'scheduled'; source: ArticleSource; frontMatter: FrontMatter; date: Date }
  | { kind: 'candidate'; source: ArticleSource; frontMatter: FrontMatter }
  /** `frontMatter` is there when it parsed (the errors are about its values). */
  | { kind: 'invalid'; source: ArticleSource; diagnostics: Diagnostic[]; frontMatter?: FrontMatter }

export interface PlanOptions {
  /** Front-matter key that holds the Medium URL (the `url-key` input). */
  urlKey: string
  now: Date
  /** The generator's rules (how drafts are marked, dates in file names); `plain` when absent. */
  site?: SiteKind
  /** Articles dated before it are never candidates. */
  since?: Date
}

export function planArticle(source: ArticleSource, options: PlanOptions): PlannedArticle {
  const { urlKey, now } = options
  const formatOptions = frontMatterOptions(options.site)
  const peeked = peekRecordedUrl(source.text, urlKey, formatOptions)
  if (peeked !== undefined) return { kind: 'published', source, url: peeked }

  const parsed = parseFrontMatter(source, formatOptions)
  if (!parsed.ok) return { kind: 'invalid', source, diagnostics: [parsed.diagnostic] }
  const frontMatter = parsed.frontMatter
  const data = frontMatter.data
  const diagnostics: Diagnostic[] = []
  const error = (ruleId: string, key: string, message: string): void => {
    diagnostics.push({ path: source.path, line: frontMatter.keyLines[key] ?? 1, severity: 'error', ruleId, message })
  }
  const has = (key: string) => Object.hasOwn(data, key)

  const url = recordedKeyValue(frontMatter, urlKey, formatOptions)
  if (url !== undefined) {
    if (typeof url === 'string') {
      if (url.trim() !== '') return { kind: 'published', source, url: url.trim() }
    } else if (url !== null) {
      const line = keyLineOf(frontMatter, urlKey, formatOptions)
      diagnostics.push({ path: source.path, line, severity: 'error', ruleId: 'url-key-type', message: urlKeyTypeMessage(urlKey, url) })
    }
  }

  if (has('publish')) {
    const publish = data.publish
    if (typeof publish !== 'boolean') error('publish-type', 'publish', publishTypeMessage(publish))
    else if (!publish && diagnostics.length === 0) return { kind: 'excluded', source }
  }

  const draft = draftMarker(data, source.path, options.site ?? 'plain')
  if (draft !== undefined && diagnostics.length === 0) return { kind: 'draft', source, key: draft }

  if (recordedKeyValue(frontMatter, PUBLISH_ATTEMPT_KEY, formatOptions) !== undefined) {
    const line = keyLineOf(frontMatter, PUBLISH_ATTEMPT_KEY, formatOptions)
    diagnostics.push(unresolvedAttemptDiagnostic(source.path, line, recordedIn(frontMatter, PUBLISH_ATTEMPT_KEY, formatOptions), urlKey))
  }

  const dated = articleDate(frontMatter, source.path, options.site)
  if (dated?.from === 'key' && dated.date === undefined) error('date-type', dated.key, dateTypeMessage(dated.key, dated.value))
  const date = dated?.date

  if (diagnostics.length > 0) return { kind: 'invalid', source, diagnostics, frontMatter }
  if (date !== undefined && options.since !== undefined && date.getTime() < options.since.getTime())
    return { kind: 'before-since', source, date }
  if (date !== undefined && date.getTime() > now.getTime()) return { kind: 'scheduled', source, frontMatter, date }
  return { kind: 'candidate', source, frontMatter }
}

/**
 * How the article's generator marks it as a draft, as `key: value` for the report; undefined when it
 * is not one. `draft: true` (Hugo, Astro, Eleventy, Docusaurus, Next, Zola), `published: false` (Jekyll,
 * dev.to; with `site: devto`, a missing `published` too), Hashnode `ignorePost`/`saveAsDraft`, Pelican
 * `Status: draft`, and a Jekyll `_drafts/` folder.
 */
export function draftMarker(data: Record<string, unknown>, path: string, site: SiteKind): string | undefined {
  const flag = (value: unknown) => value === true || (typeof value === 'string' && /^(true|yes)$/i.test(value.trim()))
  const off = (value: unknown) => value === false || (typeof value === 'string' && /^(false|no)$/i.test(value.trim()))
  if (flag(data.draft)) return 'draft: true'
  if (off(data.published)) return 'published: false'
  if (SITE_RULES[site].draftUnlessPublished && data.published === undefined) return 'no `published: true` (dev.to)'
  if (flag(data.ignorePost)) return 'ignorePost: true'
  if (flag(data.saveAsDraft)) return 'saveAsDraft: true'
  const status = data.status ?? data.Status
  if (typeof status === 'string' && status.trim().toLowerCase() === 'draft') return `status: ${status.trim()}`
  if (/(^|\/)_drafts\//.test(path)) return 'in _drafts/'
  return undefined
}

/** The line of one of our keys (under `[extra]`, or lower-cased, where the format keeps it). */
function keyLineOf(frontMatter: FrontMatter, key: string, options: FrontMatterOptions): number {
  for (const path of recordedKeyPaths(frontMatter.format, key, options)) {
    const line = frontMatter.keyLines[path.join('.')]
    if (line !== undefined) return line
  }
  return 1
}

function urlKeyTypeMessage(urlKey: string, url: unknown): string {
  return (
    `${urlKey} ${describeValue(url)} is not a URL: this key holds the article's Medium URL, written by the action once the article is published. ` +
    `Set it to the post's URL (\`${urlKey}: https://medium.com/@you/your-post-1234abcd\`), or delete the line if the article is not on Medium yet.`
  )
}

function publishTypeMessage(publish: unknown): string {
  const unquoted = typeof publish === 'string' && /^(true|false)$/i.test(publish.trim())
  const fix = unquoted
    ? `Write it without quotes: \`publish: ${publish.trim().toLowerCase()}\``
    : 'Set `publish: false` to keep the article out of Medium'
  return `publish ${describeValue(publish)} is not true or false. ${fix}, or delete the line to publish it.`
}

function dateTypeMessage(key: string, value: unknown): string {
  return `${key} ${describeValue(value)} is not a date: expected a date such as ${DATE_FORMATS_HINT}, e.g. \`${key}: 2024-06-01\`. Fix it, or delete the line to publish without scheduling.`
}

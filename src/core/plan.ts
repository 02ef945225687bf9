/**
 * plan: what this run does with one article (pure).
 *
 * Already published (the url-key is set), excluded (`publish: false`), scheduled (`date` later than
 * now), a candidate for validation and publishing, or invalid. The already-published check looks at
 * the front-matter text without parsing YAML when a line scan is certain (core/records.ts):
 * repositories with thousands of published articles must not pay a YAML parse per article per run.
 * An invalid or scheduled article that parsed keeps its front-matter, so validation can still report
 * all of its errors in the same run.
 */
import type { ArticleSource, FrontMatter } from './article.js'
import { readDate, DATE_FORMATS_HINT } from './dates.js'
import { describeValue } from './describe.js'
import type { Diagnostic } from './diagnostic.js'
import { parseFrontMatter } from './frontmatter/index.js'
import { peekRecordedUrl, recordedIn, unresolvedAttemptDiagnostic } from './records/index.js'
import { PUBLISH_ATTEMPT_KEY } from './settings.js'

export type PlannedArticle =
  | { kind: 'published'; source: ArticleSource; url: string }
  | { kind: 'excluded'; source: ArticleSource }
  | { kind: 'scheduled'; source: ArticleSource; frontMatter: FrontMatter; date: Date }
  | { kind: 'candidate'; source: ArticleSource; frontMatter: FrontMatter }
  /** `frontMatter` is there when it parsed (the errors are about its values). */
  | { kind: 'invalid'; source: ArticleSource; diagnostics: Diagnostic[]; frontMatter?: FrontMatter }

export interface PlanOptions {
  /** Front-matter key that holds the Medium URL (the `url-key` input). */
  urlKey: string
  now: Date
}

export function planArticle(source: ArticleSource, options: PlanOptions): PlannedArticle {
  const { urlKey, now } = options
  const peeked = peekRecordedUrl(source.text, urlKey)
  if (peeked !== undefined) return { kind: 'published', source, url: peeked }

  const parsed = parseFrontMatter(source)
  if (!parsed.ok) return { kind: 'invalid', source, diagnostics: [parsed.diagnostic] }
  const frontMatter = parsed.frontMatter
  const data = frontMatter.data
  const diagnostics: Diagnostic[] = []
  const error = (ruleId: string, key: string, message: string): void => {
    diagnostics.push({ path: source.path, line: frontMatter.keyLines[key] ?? 1, severity: 'error', ruleId, message })
  }
  const has = (key: string) => Object.hasOwn(data, key)

  if (has(urlKey)) {
    const url = data[urlKey]
    if (typeof url === 'string') {
      if (url.trim() !== '') return { kind: 'published', source, url: url.trim() }
    } else if (url !== null && url !== undefined) {
      error('url-key-type', urlKey, urlKeyTypeMessage(urlKey, url))
    }
  }

  if (has('publish')) {
    const publish = data.publish
    if (typeof publish !== 'boolean') error('publish-type', 'publish', publishTypeMessage(publish))
    else if (!publish && diagnostics.length === 0) return { kind: 'excluded', source }
  }

  if (has(PUBLISH_ATTEMPT_KEY)) {
    const line = frontMatter.keyLines[PUBLISH_ATTEMPT_KEY] ?? 1
    diagnostics.push(unresolvedAttemptDiagnostic(source.path, line, recordedIn(frontMatter, PUBLISH_ATTEMPT_KEY), urlKey))
  }

  let date: Date | undefined
  if (has('date')) {
    date = readDate(data.date)
    if (date === undefined) error('date-type', 'date', dateTypeMessage(data.date))
  }

  if (diagnostics.length > 0) return { kind: 'invalid', source, diagnostics, frontMatter }
  if (date !== undefined && date.getTime() > now.getTime()) return { kind: 'scheduled', source, frontMatter, date }
  return { kind: 'candidate', source, frontMatter }
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

function dateTypeMessage(value: unknown): string {
  return `date ${describeValue(value)} is not a date: expected a date such as ${DATE_FORMATS_HINT}, e.g. \`date: 2024-06-01\`. Fix it, or delete the line to publish without scheduling.`
}

/**
 * plan: what this run does with one article (pure).
 *
 * Already published (the url-key is set), excluded (`publish: false`), scheduled (`date` later than
 * now), a candidate for validation and publishing, or invalid. The already-published check looks at
 * the front-matter text without parsing YAML: repositories with thousands of published articles
 * must not pay a YAML parse per article on every run.
 */
import type { ArticleSource, FrontMatter } from './article.js'
import type { Diagnostic } from './diagnostic.js'
import { PUBLISH_ATTEMPT_KEY } from './settings.js'
import { parseFrontMatter } from './frontmatter.js'
import { peekRecordedUrl } from './frontmatter-peek.js'
import { describeValue } from './validate.js'

export type PlannedArticle =
  | { kind: 'published'; source: ArticleSource; url: string }
  | { kind: 'excluded'; source: ArticleSource }
  | { kind: 'scheduled'; source: ArticleSource; frontMatter: FrontMatter; date: Date }
  | { kind: 'candidate'; source: ArticleSource; frontMatter: FrontMatter }
  | { kind: 'invalid'; source: ArticleSource; diagnostics: Diagnostic[] }

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

  if (has(data, urlKey)) {
    const url = data[urlKey]
    if (typeof url === 'string') {
      if (url.trim() !== '') return { kind: 'published', source, url: url.trim() }
    } else if (url !== null && url !== undefined) {
      error(
        'url-key-type',
        urlKey,
        `${urlKey} ${describeValue(url)} is not a URL: this key holds the article's Medium URL, written by the action once the article is published. Set it to the post's URL (\`${urlKey}: https://medium.com/@you/your-post-1234abcd\`), or delete the line if the article is not on Medium yet.`,
      )
    }
  }

  if (has(data, 'publish')) {
    const publish = data.publish
    if (typeof publish !== 'boolean') {
      const unquoted = typeof publish === 'string' && /^(true|false)$/i.test(publish.trim())
      error(
        'publish-type',
        'publish',
        `publish ${describeValue(publish)} is not true or false. ${unquoted ? `Write it without quotes: \`publish: ${publish.trim().toLowerCase()}\`` : 'Set `publish: false` to keep the article out of Medium'}, or delete the line to publish it.`,
      )
    } else if (!publish && diagnostics.length === 0) {
      return { kind: 'excluded', source }
    }
  }

  if (has(data, PUBLISH_ATTEMPT_KEY)) {
    const attempt = data[PUBLISH_ATTEMPT_KEY]
    const at =
      attempt instanceof Date ? attempt.toISOString() : attempt === null || attempt === undefined ? 'an unknown time' : String(attempt)
    error(
      'publish-attempt-unresolved',
      PUBLISH_ATTEMPT_KEY,
      `An earlier run sent this article to Medium at ${at} but could not confirm the result, so it is not sent again (it could be published twice). Check your Medium drafts and posts: if the post exists, set \`${urlKey}: <its URL>\` and delete the \`${PUBLISH_ATTEMPT_KEY}\` line; if not, delete the \`${PUBLISH_ATTEMPT_KEY}\` line to publish it again.`,
    )
  }

  let date: Date | undefined
  if (has(data, 'date')) {
    date = toDate(data.date)
    if (date === undefined) {
      error(
        'date-type',
        'date',
        `date ${describeValue(data.date)} is not a date: expected an ISO 8601 date or date and time, e.g. \`date: 2024-06-01\` or \`date: 2024-06-01T09:00:00Z\` (a time without a zone is UTC). Fix it, or delete the line to publish without scheduling.`,
      )
    }
  }

  if (diagnostics.length > 0) return { kind: 'invalid', source, diagnostics }
  if (date !== undefined && date.getTime() > now.getTime()) return { kind: 'scheduled', source, frontMatter, date }
  return { kind: 'candidate', source, frontMatter }
}

function has(data: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(data, key)
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/

/**
 * A `date` value as a Date: a YAML timestamp (already a Date) or a text that is an ISO 8601 date or
 * date and time with real calendar values. A time without a zone is UTC, as in YAML.
 */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value !== 'string') return undefined
  const match = ISO_DATE.exec(value.trim())
  if (!match) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return undefined
  let offsetMinutes = 0
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const zoneHours = Number(digits.slice(0, 2))
    const zoneMinutes = Number(digits.slice(2) || '0')
    if (zoneHours > 23 || zoneMinutes > 59) return undefined
    offsetMinutes = sign * (zoneHours * 60 + zoneMinutes)
  }
  const millis = fraction === '' ? 0 : Math.round(Number(`0${fraction}`) * 1000)
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000
  const date = new Date(utc)
  return Number.isNaN(date.getTime()) ? undefined : date
}

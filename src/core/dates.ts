/**
 * The one date reader: every date an article carries (front-matter `date` and its spellings, YAML and
 * TOML timestamps, a date in a Jekyll/Eleventy file name, `mediumPublishAttempt`) is read here, so a
 * YAML timestamp and the same text in quotes mean the same instant.
 *
 * Accepted, as real blogs write them (DESIGN.md "Existing blogs"):
 * - ISO 8601 and YAML timestamps: `2024-06-01`, `2024-6-1`, `2024-06-01T10:30`, `2024-06-01 10:30:15.25 -5`,
 *   `2024-06-01T10:30:00+02:00`, `…Z`;
 * - slashes, year first: `2020/12/21`, `2020/12/21 10:30`;
 * - month names: `25 Aug 2024`, `25 August 2024`, `Aug 25, 2024`, `August 25 2024`, with an optional time;
 * - JavaScript `Date#toString` and RFC 2822: `Mon May 07 2018 00:00:00 GMT+0000 (Coordinated Universal Time)`,
 *   `Tue, 07 May 2018 10:00:00 +0000`;
 * - Date objects from a parser (YAML, TOML).
 * A time without a zone is UTC, as in YAML. Days that do not exist (`2024-02-30`, `25:00`) and ambiguous
 * forms (`01/06/2024`: January or June?) are not dates.
 */
import type { FrontMatter } from './article.js'
import { SITE_RULES, type SiteKind } from './site.js'
import { findSpelling } from './spellings.js'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?'
const TIME = '(?:[T\\s]\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(\\.\\d+)?)?)?'
const ZONE = '\\s*(Z|(?:GMT|UTC)?\\s*[+-]\\d{1,2}(?::?\\d{2})?|GMT|UTC)?(?:\\s*\\([^)]*\\))?'

/** year, month, day, hour, minute, second, fraction, zone */
const NUMERIC = new RegExp(`^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${TIME}${ZONE}$`, 'i')
/** day, month name, year, time…: `25 Aug 2024`, `Tue, 07 May 2018 10:00:00 +0000` */
const DAY_MONTH_YEAR = new RegExp(`^${WEEKDAY}(\\d{1,2})\\s+${MONTH_NAME}\\.?,?\\s+(\\d{4})${TIME}${ZONE}$`, 'i')
/** month name, day, year, time…: `Aug 25, 2024`, `Mon May 07 2018 00:00:00 GMT+0000 (…)` */
const MONTH_DAY_YEAR = new RegExp(`^${WEEKDAY}${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}${ZONE}$`, 'i')

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millis: number
  /** Minutes east of UTC. */
  offset: number
}

/** The instant a front-matter value names, or undefined when it is not a date (see the module comment). */
export function readDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : new Date(value.getTime())
  if (typeof value !== 'string') return undefined
  const parts = dateParts(value.trim())
  return parts === undefined ? undefined : toInstant(parts)
}

function dateParts(text: string): Parts | undefined {
  let m = NUMERIC.exec(text)
  if (m) return withTime(Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4))
  m = DAY_MONTH_YEAR.exec(text)
  if (m) return withTime(Number(m[3]), monthNumber(m[2]!), Number(m[1]), m.slice(4))
  m = MONTH_DAY_YEAR.exec(text)
  if (m) return withTime(Number(m[3]), monthNumber(m[1]!), Number(m[2]), m.slice(4))
  return undefined
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1
}

function withTime(year: number, month: number, day: number, rest: Array<string | undefined>): Parts | undefined {
  const [hour = '0', minute = '0', second = '0', fraction = '', zone] = rest
  if (rest[0] === undefined && zone !== undefined) return undefined // a zone without a time: `2024-06-01-12` is not a date
  const offset = zoneOffset(zone)
  if (offset === undefined) return undefined
  const millis = fraction === '' ? 0 : Math.round(Number(`0${fraction}`) * 1000)
  return { year, month, day, hour: Number(hour), minute: Number(minute), second: Number(second), millis, offset }
}

/** Minutes east of UTC for `Z`, `+02:00`, `-0530`, `-5`, `GMT+0000`, `UTC`; 0 when absent; undefined when impossible. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0
  const z = zone.replace(/^(?:GMT|UTC)/i, '').trim()
  if (z === '' || z.toUpperCase() === 'Z') return 0
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z)
  if (!m) return undefined
  const hours = Number(m[2])
  const minutes = Number(m[3] ?? 0)
  if (hours > 18 || minutes > 59) return undefined
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
}

/** Whether the day exists in the proleptic Gregorian calendar (no 2023-02-29, no 2024-04-31). */
export function dayExists(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function toInstant(p: Parts): Date | undefined {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return undefined
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate()
  if (p.day > daysInMonth) return undefined
  const utc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millis) - p.offset * 60_000
  const date = new Date(utc)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/** The date at the start of a Jekyll/Eleventy file name (`2014-09-02-slug.md`), and the name without it. */
export function fileNameDate(fileName: string): { date: Date; rest: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(fileName)
  if (!m) return undefined
  const date = readDate(m[1])
  return date === undefined ? undefined : { date, rest: m[2]! }
}

/**
 * Docusaurus reads a blog post's date from its path, the date's parts possibly in folders:
 * `blog/2021-11-21-slug.md`, `blog/2021/11-21-slug/index.mdx`, `blog/2021/11/21/slug.md`
 * (its blog plugin's `DATE_FILENAME_REGEX`). `rest` is the slug the path gives.
 */
export function pathDate(path: string): { date: Date; rest: string } | undefined {
  const m = /(?:^|\/)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[-/](.*?))?(?:\/index)?\.[^./]+$/.exec(path)
  if (!m) return undefined
  const date = readDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`)
  return date === undefined ? undefined : { date, rest: m[4] || m[1]! + '-' + m[2] + '-' + m[3] }
}

/** Where a generator reads a post's date besides its front-matter: its file (or folder) name, its whole path (Docusaurus), or nowhere. */
export type FileNameDates = false | 'name' | 'path'

/** How a message shows the formats `readDate` takes. */
export const DATE_FORMATS_HINT =
  '`2024-06-01`, `2024-06-01T09:00:00Z`, `2024/06/01`, `1 Jun 2024` or `Jun 1, 2024` (a time without a zone is UTC)'

/** Where an article's date comes from: a front-matter key (any spelling), or its file or folder name. */
export type ArticleDate =
  { from: 'key'; key: string; value: unknown; line: number; date: Date | undefined } | { from: 'file-name'; date: Date }

/**
 * The article's date: the first date spelling in its front-matter (`date`, `pubDate`, `pubDatetime`,
 * `publishDate`, `publishedAt`, `datePublished`), else, where the generator reads one, the date its file
 * or folder name starts with (`2014-09-02-slug.md`, `2014-09-02-slug/index.md`), or its path holds (Docusaurus). `date` is undefined
 * when the key's value is not a date.
 */
export function findArticleDate(
  found: { key: string; value: unknown } | undefined,
  keyLines: Record<string, number>,
  path: string,
  fileNameDates: FileNameDates,
): ArticleDate | undefined {
  if (found) return { from: 'key', key: found.key, value: found.value, line: keyLines[found.key] ?? 1, date: readDate(found.value) }
  if (!fileNameDates) return undefined
  if (fileNameDates === 'path') {
    const dated = pathDate(path)
    return dated ? { from: 'file-name', date: dated.date } : undefined
  }
  const parts = path.split('/')
  const name = parts[parts.length - 1]!.replace(/\.[^.]+$/, '')
  const named = fileNameDate(name === 'index' ? (parts[parts.length - 2] ?? '') : name)
  return named ? { from: 'file-name', date: named.date } : undefined
}

/** The date of an article as the site's generator reads it: its date key (any spelling), else its path. */
export function articleDate(
  frontMatter: Pick<FrontMatter, 'data' | 'keyLines'>,
  path: string,
  site: SiteKind | undefined,
): ArticleDate | undefined {
  return findArticleDate(findSpelling(frontMatter.data, 'date'), frontMatter.keyLines, path, SITE_RULES[site ?? 'plain'].fileNameDates)
}

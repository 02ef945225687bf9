/**
 * The spellings real blogs use for the keys we read (DESIGN.md "Existing blogs" → Key spellings), the
 * first present one wins. Also the warnings for a key spelled like one of ours but not read (a near
 * miss such as `canonicalURL`), and for two spellings of one field set to different values.
 */
import type { Diagnostic } from './diagnostic.js'

export const SPELLINGS = {
  title: ['title', 'Title'],
  subtitle: ['subtitle', 'description', 'summary', 'excerpt', 'spoiler'],
  canonicalUrl: ['canonicalUrl', 'canonical_url', 'canonical'],
  cover: ['cover', 'cover_image', 'coverImage', 'image', 'images', 'featured_image', 'featured_img', 'heroImage', 'header'],
  date: ['date', 'pubDate', 'pubDatetime', 'publishDate', 'publishedAt', 'datePublished'],
  tags: ['mediumTags', 'tags', 'keywords'],
  publishStatus: ['publishStatus'],
  license: ['license'],
  notifyFollowers: ['notifyFollowers'],
  slug: ['slug'],
} as const satisfies Record<string, readonly string[]>

export type SpelledField = keyof typeof SPELLINGS

export interface Found {
  /** The key as written. */
  key: string
  value: unknown
}

/** The first spelling of `field` present in `data` with a value (null and '' count as absent for the aliases, not for the first spelling). */
export function findSpelling(data: Record<string, unknown>, field: SpelledField): Found | undefined {
  const [primary, ...aliases] = SPELLINGS[field]
  if (Object.hasOwn(data, primary)) return { key: primary, value: data[primary] }
  for (const key of aliases) {
    const value = data[key]
    if (value !== undefined && value !== null && value !== '') return { key, value }
  }
  return undefined
}

const normal = (key: string) => key.toLowerCase().replace(/[_\-\s]/g, '')
/** Every spelling we read, by its normal form, with the field it belongs to. */
const BY_NORMAL = new Map<string, string>(
  Object.values(SPELLINGS).flatMap((keys) => keys.map((key) => [normal(key), key] as [string, string])),
)
const ACCEPTED = new Set<string>(Object.values(SPELLINGS).flat())

/** Warnings for keys that look like ours but are not read, and for two spellings of one field that disagree. */
export function spellingWarnings(data: Record<string, unknown>, keyLines: Record<string, number>, path: string): Diagnostic[] {
  const warnings: Diagnostic[] = []
  for (const key of Object.keys(data)) {
    if (ACCEPTED.has(key)) continue
    const ours = BY_NORMAL.get(normal(key))
    if (ours === undefined) continue
    warnings.push({
      path,
      line: keyLines[key] ?? 1,
      severity: 'warning',
      ruleId: 'key-spelling',
      message: `Key \`${key}\` looks like \`${ours}\`, which this action reads, but is not read as it is spelled. Rename it to \`${ours}\` if you meant it.`,
    })
  }
  for (const [field, keys] of Object.entries(SPELLINGS)) {
    const set = keys.filter((key) => data[key] !== undefined && data[key] !== null && data[key] !== '')
    // Subtitle and cover spellings often mean different things on one page; mediumTags overrides tags on purpose.
    if (set.length < 2 || field === 'subtitle' || field === 'cover' || field === 'tags') continue
    const [used, ...others] = set
    for (const other of others) {
      if (JSON.stringify(data[other]) === JSON.stringify(data[used!])) continue
      warnings.push({
        path,
        line: keyLines[other] ?? 1,
        severity: 'warning',
        ruleId: 'key-ambiguous',
        message: `Both \`${used}\` and \`${other}\` are set, to different values; this action reads \`${used}\` for the ${field}. Remove one, or make them agree.`,
      })
    }
  }
  return warnings
}

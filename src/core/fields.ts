/**
 * The Medium post fields: one table, from the front-matter to the create-post request.
 *
 * `PostFields` is what Medium gets (besides the content); `POST_FIELDS` says, per field, how it is read
 * from an article: its front-matter keys, its check, and its default (the action input of the same
 * field, see `ArticleDefaults`). Validation, the Medium client and the previews all use `PostFields`
 * as one object. Adding a field: a property here, an entry in `POST_FIELDS`, and (for an input
 * default) an entry in src/inputs.ts naming this field.
 */
import type { ArticleSource, FrontMatter } from './article.js'
import { describeValue } from './describe.js'
import { LICENSES, PUBLISH_STATUSES, type License, type PublishStatus } from './settings.js'
import { suggestNearest } from './suggest.js'
import { articleDate } from './dates.js'
import { SITE_RULES, type SiteKind } from './site.js'
import { findSpelling } from './spellings.js'
import { findTitle } from './title.js'

/** The fields we send to Medium for one post, besides `contentFormat` and `content`. */
export interface PostFields {
  title: string
  tags: string[]
  publishStatus: PublishStatus
  canonicalUrl?: string
  license?: License
  notifyFollowers?: boolean
  /** A past date, ISO 8601: Medium shows the post as published then (undocumented, accepted; see `backdate`). */
  publishedAt?: string
}

/** What the article shows around its body, besides the post fields: read from its front-matter too. */
export interface ArticleHead {
  /** Shown under the title (`subtitle`, else `description`, `summary`, `excerpt`, `spoiler`). */
  subtitle?: string
  /** Shown first, before the body: a path in the repository or a URL, as written. */
  cover?: { src: string; alt?: string; caption?: string; line: number }
}

/** What the run knows that the article does not: its site, the date, and whether to backdate. */
export interface ArticleContext {
  site: SiteKind
  siteUrl?: string
  now: Date
  backdate: boolean
}

/** What the action's inputs say for articles that do not: a default per post field, and the rest of the article settings. */
export interface ArticleDefaults extends Partial<PostFields> {
  /** Front-matter key that holds the Medium URL (`mediumUrl`). */
  urlKey: string
  /** e.g. `https://example.com/blog/{slug}/`. */
  canonicalUrlTemplate?: string
}

export const MAX_TITLE_LENGTH = 100
export const MAX_TAGS = 3
export const MAX_TAG_LENGTH = 25

/** What a field reader sees of the article, and how it reports a problem. */
export interface FieldContext {
  source: ArticleSource
  frontMatter: FrontMatter
  defaults: ArticleDefaults
  /** The `slug` front-matter or the file name without extension (undefined when `slug` is invalid). */
  slug: string | undefined
  /** 1-based line of a front-matter key (1 when absent). */
  line(key: string): number
  has(key: string): boolean
  error(ruleId: string, line: number, message: string): void
  warning(ruleId: string, line: number, message: string): void
  article: ArticleContext
}

type FieldReader<K extends keyof PostFields> = (context: FieldContext) => PostFields[K] | undefined

/** Every post field and how it is read. A reader that returns undefined after `error` makes the article invalid. */
export const POST_FIELDS: { readonly [K in keyof PostFields]-?: FieldReader<K> } = {
  title: readTitle,
  tags: readTags,
  publishStatus: (c) =>
    readOneOf(c, 'publishStatus', PUBLISH_STATUSES, PUBLISH_STATUS_ALIASES, c.defaults.publishStatus ?? 'draft', 'publish-status'),
  canonicalUrl: readCanonicalUrl,
  license: (c) => readOneOf(c, 'license', LICENSES, LICENSE_ALIASES, c.defaults.license, 'license'),
  notifyFollowers: readNotifyFollowers,
  publishedAt: readPublishedAt,
}

/** The post fields of an article, each read by its entry of `POST_FIELDS`; undefined when any of them is invalid. */
export function readPostFields(context: FieldContext): PostFields | undefined {
  let ok = true
  const fields: Record<string, unknown> = {}
  const error = context.error
  const counting: FieldContext = { ...context, error: (...args) => ((ok = false), error(...args)) }
  for (const [name, read] of Object.entries(POST_FIELDS) as Array<[keyof PostFields, (c: FieldContext) => unknown]>) {
    const value = read(counting)
    if (value !== undefined) fields[name] = value
  }
  return ok && fields.title !== undefined ? (fields as unknown as PostFields) : undefined
}

// ---------------------------------------------------------------- title

const EMPTY_TITLE_IN_FRONT_MATTER =
  'The title is empty: `title:` has no text, and Medium needs a title. Write the title after `title:`, or delete the line to use the first `# ` heading.'
const EMPTY_TITLE_IN_HEADING =
  'The title is empty: the first `# ` heading has no text, and Medium needs a title. Write the title after `# `, or add `title:` to the front-matter.'
const NO_TITLE =
  'The article has no title: no `title:` in the front-matter and no `# ` heading in the body. Add `title: Your title` to the front-matter, or start the body with `# Your title`.'

function readTitle(c: FieldContext): string | undefined {
  const found = findTitle(c.frontMatter, c.source.path, SITE_RULES[c.article.site].titleFromFileName)
  if (found.from === 'none') {
    c.error('title-missing', c.frontMatter.hasBlock ? 1 : c.frontMatter.bodyStartLine, NO_TITLE)
    return undefined
  }
  let title: string
  if (found.from === 'front-matter') {
    const value = found.value
    if (value === null || value === undefined) return void c.error('title-empty', found.line, EMPTY_TITLE_IN_FRONT_MATTER)
    if (typeof value !== 'string') {
      const asText = value instanceof Date ? value.toISOString().slice(0, 10) : Array.isArray(value) ? value.join(', ') : String(value)
      const message = `The title ${describeValue(value)} is not text: expected a text title. Put it in quotes, e.g. title: ${JSON.stringify(asText)}.`
      return void c.error('title-type', found.line, message)
    }
    title = value.trim()
  } else {
    title = found.text
  }
  if (title === '')
    return void c.error('title-empty', found.line, found.from === 'heading' ? EMPTY_TITLE_IN_HEADING : EMPTY_TITLE_IN_FRONT_MATTER)
  if (/[\r\n\u2028\u2029]/.test(title)) {
    const message = `The title ${JSON.stringify(title)} has a line break: a Medium title is one line. Write it on one line.`
    return void c.error('title-line-break', found.line, message)
  }
  const length = [...title].length
  if (length > MAX_TITLE_LENGTH) {
    const where = found.from === 'heading' ? 'the first `# ` heading' : '`title:` in the front-matter'
    const message = `The title ${JSON.stringify(title)} (${where}) is ${length} characters long: Medium allows at most ${MAX_TITLE_LENGTH}. Shorten it by ${length - MAX_TITLE_LENGTH} characters.`
    return void c.error('title-too-long', found.line, message)
  }
  return title
}

// ---------------------------------------------------------------- tags

function readTags(c: FieldContext): string[] | undefined {
  const found = findSpelling(c.frontMatter.data, 'tags') ?? zolaTags(c)
  if (found === undefined) return []
  const { value } = found
  // `taxonomies.tags` (Zola) has its own line; a table written inline has only the table's.
  const line = c.frontMatter.keyLines[found.key] ?? c.line(found.key.split('.')[0]!)
  if (value === null || value === undefined) return []
  let tags: string[]
  if (typeof value === 'string') {
    tags = value
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '')
  } else if (Array.isArray(value)) {
    const notText = value.filter((tag) => typeof tag !== 'string')
    if (notText.length > 0) {
      const one = notText.length === 1
      const example = `${found.key}: [${value.map((tag) => JSON.stringify(String(tag))).join(', ')}]`
      const message = `The tags contain ${notText.map(describeValue).join(', ')}, which ${one ? 'is' : 'are'} not text: each tag must be text. Put ${one ? 'it' : 'them'} in quotes, e.g. ${example}.`
      return void c.error('tags-type', line, message)
    }
    tags = (value as string[]).map((tag) => tag.trim())
  } else {
    const message = `${found.key} is ${describeValue(value)}, not a list: expected a YAML list (${found.key}: [javascript, testing]) or a comma-separated text (${found.key}: "javascript, testing"). Write them as a list.`
    return void c.error('tags-type', line, message)
  }
  return sendableTags(c, tags, line)
}

/** Zola keeps tags in `[taxonomies]`. */
function zolaTags(c: FieldContext): { key: string; value: unknown } | undefined {
  const taxonomies = c.frontMatter.data.taxonomies
  if (typeof taxonomies !== 'object' || taxonomies === null || !('tags' in taxonomies)) return undefined
  return { key: 'taxonomies.tags', value: (taxonomies as { tags: unknown }).tags }
}

/**
 * Medium keeps 3 tags of at most 25 characters: the first 3 valid ones are sent, and each other tag gets
 * a warning that names it and says why (never a silent drop): empty, too long, a duplicate (tags are
 * not case-sensitive on Medium), or one too many.
 */
function sendableTags(c: FieldContext, tags: readonly string[], line: number): string[] {
  const sent: string[] = []
  const seen = new Map<string, string>()
  for (const tag of tags) {
    const length = [...tag].length
    if (tag === '') {
      c.warning('tag-empty', line, 'An empty tag was left out: every tag needs text. Remove the empty entry.')
    } else if (length > MAX_TAG_LENGTH) {
      c.warning(
        'tag-too-long',
        line,
        `The tag ${JSON.stringify(tag)} is ${length} characters long and was not sent: Medium drops tags over ${MAX_TAG_LENGTH} characters. Shorten it.`,
      )
    } else if (seen.has(tag.toLowerCase())) {
      const first = seen.get(tag.toLowerCase())!
      const how = first === tag ? 'again' : `also as ${JSON.stringify(first)}`
      c.warning(
        'tag-duplicate',
        line,
        `The tag ${JSON.stringify(tag)} appears twice (${how}; tags are not case-sensitive on Medium) and was sent once. Remove the duplicate.`,
      )
    } else if (sent.length >= MAX_TAGS) {
      c.warning(
        'tags-too-many',
        line,
        `The tag ${JSON.stringify(tag)} was not sent: Medium keeps ${MAX_TAGS} tags, and ${sent.map((t) => JSON.stringify(t)).join(', ')} come first. Reorder the tags, or set \`mediumTags:\` to the ${MAX_TAGS} you want on Medium.`,
      )
    } else {
      seen.set(tag.toLowerCase(), tag)
      sent.push(tag)
    }
  }
  return sent
}

// ---------------------------------------------------------------- head: subtitle and cover

/** The subtitle and the cover an article shows (each with every spelling blogs use). */
export function readHead(c: FieldContext): ArticleHead {
  const head: ArticleHead = {}
  const subtitle = findSpelling(c.frontMatter.data, 'subtitle')
  if (subtitle) {
    if (typeof subtitle.value === 'string' && subtitle.value.trim() !== '') head.subtitle = subtitle.value.replace(/\s+/g, ' ').trim()
    else if (subtitle.key === 'subtitle' && subtitle.value !== null && subtitle.value !== '') {
      c.error(
        'subtitle-type',
        c.line('subtitle'),
        `subtitle ${describeValue(subtitle.value)} is not text: expected the line shown under the title. Write it as text.`,
      )
    }
  }
  const cover = findSpelling(c.frontMatter.data, 'cover')
  if (cover) {
    const found = coverOf(cover.key, cover.value)
    if (found) head.cover = { ...found, line: c.line(cover.key) }
    else if (cover.key === 'cover') {
      c.error(
        'cover-type',
        c.line('cover'),
        `cover ${describeValue(cover.value)} is not an image: expected a path or a URL (\`cover: images/cover.png\`), or \`cover: {image: …, alt: …, caption: …}\`.`,
      )
    }
  }
  return head
}

/** A cover as blogs write it: a path or URL; a list (`images`), its first; an object with `src`/`image` (and `alt`, `caption`); Jekyll's `header.image`/`header.overlay_image`. */
function coverOf(key: string, value: unknown): { src: string; alt?: string; caption?: string } | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : { src: value.trim() }
  if (Array.isArray(value)) return value.length > 0 ? coverOf(key, value[0]) : undefined
  if (typeof value !== 'object' || value === null) return undefined
  const o = value as Record<string, unknown>
  const src = [o.src, o.image, o.url, key === 'header' ? o.overlay_image : undefined, key === 'header' ? o.teaser : undefined].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  )
  if (!src) return undefined
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined)
  const alt = text(o.alt)
  const caption = text(o.caption) ?? text(o.overlay_filter === undefined ? o.caption : undefined)
  return { src: src.trim(), ...(alt ? { alt } : {}), ...(caption ? { caption } : {}) }
}

// ---------------------------------------------------------------- publishedAt

/** A past date as Medium's `publishedAt` when `backdate` is on: a cross-posted article keeps its date. */
function readPublishedAt(c: FieldContext): string | undefined {
  if (!c.article.backdate) return undefined
  const date = articleDate(c.frontMatter, c.source.path, c.article.site)?.date
  return date !== undefined && date.getTime() < c.article.now.getTime() ? date.toISOString() : undefined
}

// ---------------------------------------------------------------- publishStatus, license, notifyFollowers

const PUBLISH_STATUS_ALIASES: Record<string, PublishStatus> = {
  published: 'public',
  publish: 'public',
  live: 'public',
  private: 'unlisted',
  hidden: 'unlisted',
  drafts: 'draft',
  drafted: 'draft',
}

const LICENSE_ALIASES: Record<string, License> = {
  'cc-by': 'cc-40-by',
  'cc-by-4-0': 'cc-40-by',
  'cc-by-sa': 'cc-40-by-sa',
  'cc-by-sa-4-0': 'cc-40-by-sa',
  'cc-by-nd': 'cc-40-by-nd',
  'cc-by-nd-4-0': 'cc-40-by-nd',
  'cc-by-nc': 'cc-40-by-nc',
  'cc-by-nc-4-0': 'cc-40-by-nc',
  'cc-by-nc-nd': 'cc-40-by-nc-nd',
  'cc-by-nc-nd-4-0': 'cc-40-by-nc-nd',
  'cc-by-nc-sa': 'cc-40-by-nc-sa',
  'cc-by-nc-sa-4-0': 'cc-40-by-nc-sa',
  cc0: 'cc-40-zero',
  'cc0-1-0': 'cc-40-zero',
  'cc-zero': 'cc-40-zero',
  copyright: 'all-rights-reserved',
  public: 'public-domain',
  pd: 'public-domain',
}

/** A key whose value must be one of a fixed set; `fallback` (the input's default) when absent. */
function readOneOf<T extends string>(
  c: FieldContext,
  key: string,
  allowed: readonly T[],
  aliases: Record<string, T>,
  fallback: T | undefined,
  input: string,
): T | undefined {
  if (!c.has(key)) return fallback
  const value = c.frontMatter.data[key]
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T
  const suggestion = typeof value === 'string' ? suggestNearest(value, allowed, aliases) : undefined
  const hint = suggestion !== undefined ? ` Did you mean ${JSON.stringify(suggestion)}?` : ''
  const defaultText =
    fallback === undefined ? `the action's ${input} input` : `the action's ${input} input (now ${JSON.stringify(fallback)})`
  const message = `${key} ${describeValue(value)} is not one of ${allowed.join(', ')}.${hint} Set \`${key}: ${suggestion ?? allowed[0] ?? ''}\`, or delete the line to use ${defaultText}.`
  return void c.error(input, c.line(key), message)
}

function readNotifyFollowers(c: FieldContext): boolean | undefined {
  const fallback = c.defaults.notifyFollowers ?? false
  if (!c.has('notifyFollowers')) return fallback
  const value = c.frontMatter.data.notifyFollowers
  if (typeof value === 'boolean') return value
  const quoted = typeof value === 'string' && /^(true|false)$/i.test(value.trim())
  // Metadata lines have no types: every value is text, so `NotifyFollowers: true` is the boolean.
  if (quoted && c.frontMatter.format === 'metadata') return value.trim().toLowerCase() === 'true'
  const fix = quoted
    ? `Write it without quotes: \`notifyFollowers: ${value.trim().toLowerCase()}\``
    : 'Set `notifyFollowers: true` or `notifyFollowers: false`'
  const message = `notifyFollowers ${describeValue(value)} is not true or false. ${fix}, or delete the line to use the action's notify-followers input (now ${String(fallback)}).`
  return void c.error('notify-followers', c.line('notifyFollowers'), message)
}

// ---------------------------------------------------------------- canonicalUrl

/** Why `url` is not an absolute http(s) URL, or undefined when it is one. */
export function absoluteHttpUrlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return 'it contains spaces (write a space as %20)'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'it does not start with a scheme and a site name (https://example.com/...)'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `its scheme is ${JSON.stringify(parsed.protocol.replace(/:$/, ''))}, not http or https`
  if (parsed.hostname === '') return 'it has no host name'
  return undefined
}

function pathWithoutExtension(path: string): string {
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? path.slice(0, dot) : path
}

function readCanonicalUrl(c: FieldContext): string | undefined {
  const found = findSpelling(c.frontMatter.data, 'canonicalUrl')
  if (found) {
    const { key, value } = found
    const line = c.line(key)
    if (typeof value !== 'string') {
      const orTemplate = c.defaults.canonicalUrlTemplate ? ' to use the canonical-url-template input' : ''
      const message = `${key} ${describeValue(value)} is not a URL: expected an absolute http(s) URL such as \`${key}: https://example.com/blog/my-post/\`. Fix it, or delete the line${orTemplate}.`
      return void c.error('canonical-url', line, message)
    }
    const url = value.trim()
    const problem = absoluteHttpUrlProblem(url)
    if (problem === undefined) return url
    const message = `${key} ${JSON.stringify(value)} is not an absolute http(s) URL: ${problem}. Write the full address of the original, e.g. \`${key}: https://example.com/blog/my-post/\`.`
    return void c.error('canonical-url', line, message)
  }
  const template = c.defaults.canonicalUrlTemplate
  if (template === undefined || template === '' || c.slug === undefined) return undefined
  const filled = fillTemplate(c, template)
  if (typeof filled !== 'string') return void c.error('canonical-url', filled.line, filled.message)
  const problem = absoluteHttpUrlProblem(filled)
  if (problem === undefined) return filled
  const message =
    `The canonical URL ${JSON.stringify(filled)}, made from the canonical-url-template input ${JSON.stringify(template)}, is not an absolute http(s) URL: ${problem}. ` +
    `Fix the canonical-url-template input (or this article's slug), or set \`canonicalUrl:\` in the front-matter.`
  return void c.error('canonical-url', c.has('slug') ? c.line('slug') : 1, message)
}

/** The canonical-url-template with `{slug}`, `{path}`, `{year}`, `{month}`, `{day}` and `{site}` filled in, or what is missing. */
function fillTemplate(c: FieldContext, template: string): string | { line: number; message: string } {
  const needsDate = /\{(year|month|day)\}/.test(template)
  const dated = needsDate ? articleDate(c.frontMatter, c.source.path, c.article.site) : undefined
  if (needsDate && dated?.date === undefined) {
    return {
      line: 1,
      message: `The canonical-url-template input ${JSON.stringify(template)} uses the article's date, and this article has none: add \`date:\`, or set \`canonicalUrl:\`.`,
    }
  }
  if (template.includes('{site}') && !c.article.siteUrl) {
    return {
      line: 1,
      message: `The canonical-url-template input ${JSON.stringify(template)} uses {site}, and the site's URL is unknown: set the site-url input.`,
    }
  }
  const date = dated?.date
  const pad = (n: number) => String(n).padStart(2, '0')
  return template
    .replaceAll('{slug}', c.slug ?? '')
    .replaceAll('{path}', pathWithoutExtension(c.source.path))
    .replaceAll('{year}', date ? String(date.getUTCFullYear()) : '')
    .replaceAll('{month}', date ? pad(date.getUTCMonth() + 1) : '')
    .replaceAll('{day}', date ? pad(date.getUTCDate()) : '')
    .replaceAll('{site}', c.article.siteUrl ?? '')
}

// ---------------------------------------------------------------- footer

/**
 * The `footer` input for one article, its `{canonicalUrl}`, `{title}` and `{url}` filled in; undefined
 * (with why) when it names a value this article does not have (no canonical URL, no repository URL).
 */
export function fillFooter(
  template: string,
  values: { canonicalUrl?: string; title: string; url?: string },
): { text: string } | { missing: string } {
  for (const name of ['canonicalUrl', 'url'] as const) {
    if (template.includes(`{${name}}`) && !values[name]) return { missing: name }
  }
  const text = template
    .replaceAll('{canonicalUrl}', values.canonicalUrl ?? '')
    .replaceAll('{title}', values.title)
    .replaceAll('{url}', values.url ?? '')
  return { text }
}

/**
 * Medium's RSS feeds: `https://medium.com/feed/@user`, `https://medium.com/feed/<publication>`,
 * `https://<user>.medium.com/feed` and a publication's custom domain `https://blog.example.com/feed`.
 *
 * Medium serves RSS 2.0 with the `dc`, `content` and `atom` namespaces. Each `<item>` has a CDATA
 * `<title>`, a `<link>` carrying a `?source=rss-…` tracking query, `<guid isPermaLink="false">`
 * `https://medium.com/p/<hex id>`, one `<category>` per tag, `<dc:creator>`, `<pubDate>` (RFC 822),
 * `<atom:updated>` (ISO 8601) and `<content:encoded>` (the story's HTML). Some stories come with a
 * `<description>` snippet instead of `<content:encoded>`. The feed shows only the 10 newest stories.
 *
 * `parseMediumFeed` reads such a document; `fetchMediumFeed` downloads one. Every failure is a
 * FeedError whose `kind` says what went wrong and whose message says how to fix it.
 */
import { isLoopback } from './api-url.js'
import { XMLParser, XMLValidator } from 'fast-xml-parser'

export interface MediumFeedItem {
  title: string
  /** The story's URL: the item's `<link>` without its `?source=…` query (or any other query or fragment). */
  url: string
  /** The `<guid>` text, e.g. `https://medium.com/p/4c57cf14bce5`. */
  guid: string
  /** Medium's post id, from the guid: `4c57cf14bce5`. */
  id: string
  /** The story's tags, in feed order. */
  categories: string[]
  /** `<dc:creator>`: the author's display name ('' when absent). */
  creator: string
  publishedAt: Date
  /** `<atom:updated>`, when present. */
  updatedAt?: Date
  /** `<content:encoded>`; when the feed has none for this story, its `<description>` snippet; else ''. */
  contentHtml: string
  /** True when `contentHtml` is the whole story (`<content:encoded>`), false for a snippet or nothing. */
  hasFullContent: boolean
}

export interface MediumFeed {
  /** The channel title, e.g. `Stories by Liyicky on Medium`. */
  title: string
  /** The channel link without its `?source=…` query, e.g. `https://medium.com/@liyicky`. */
  link: string
  /** `<atom:link rel="self">`, when present. */
  selfUrl?: string
  lastBuildDate?: Date
  /** Newest first, as Medium lists them (at most 10). */
  items: MediumFeedItem[]
}

/**
 * - `bad-url`: the URL given is not one of a Medium feed or profile (or not https).
 * - `not-xml`, `not-rss`, `not-medium`, `bad-item`: the document is not what Medium serves.
 * - `not-found`: 404, no such user or publication.
 * - `blocked`: 403 with an HTML page, Medium's bot protection.
 * - `timeout`, `network`, `http`: the download failed.
 */
export type FeedErrorKind =
  'bad-url' | 'not-xml' | 'not-rss' | 'not-medium' | 'bad-item' | 'not-found' | 'blocked' | 'timeout' | 'network' | 'http'

export class FeedError extends Error {
  override name = 'FeedError'
  readonly kind: FeedErrorKind
  /** HTTP status, when the server answered. */
  readonly status: number | undefined
  /** The feed URL concerned, when known. */
  readonly url: string | undefined

  constructor(kind: FeedErrorKind, message: string, details: { status?: number; url?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.kind = kind
    this.status = details.status
    this.url = details.url
  }
}

export const FEED_URL_EXAMPLE = 'https://medium.com/feed/@you'
const EXPECTED_URLS = [
  `a Medium feed such as "${FEED_URL_EXAMPLE}", "https://medium.com/feed/<publication>" or "https://<custom domain>/feed",`,
  'or a profile such as "https://medium.com/@you"',
].join(' ')
const MEDIUM_POST_ID = /^[0-9a-f]{8,16}$/
const EXCERPT_CHARS = 120

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat
}

/** The URL without query and fragment; the text unchanged if it is not an absolute URL. */
function withoutQuery(raw: string): string {
  try {
    const url = new URL(raw)
    url.search = ''
    url.hash = ''
    return url.href
  } catch {
    return raw
  }
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(text)
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: a title like "2024" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Decode numeric references (&#8217;) and common HTML entities in text, within the parser's
  // expansion limits. CDATA sections are left as they are.
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'category' || name === 'atom:link',
})

type XmlNode = Record<string, unknown>

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The text of an element that may carry attributes (`{ '#text': …, '@_x': … }`). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (isNode(value)) return text(value['#text']) ?? (Object.keys(value).every((k) => k.startsWith('@_')) ? '' : undefined)
  return undefined
}

function list(value: unknown): unknown[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function parseDate(raw: string | undefined): Date | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  const date = new Date(raw.trim())
  return Number.isNaN(date.getTime()) ? undefined : date
}

function parseItem(node: unknown, index: number): MediumFeedItem {
  const where = `item ${index + 1}`
  if (!isNode(node)) throw new FeedError('bad-item', `Medium feed ${where} is empty: expected <title>, <link>, <guid> and <pubDate>.`)
  const title = text(node.title)?.trim()
  const label = title ? `${where} ("${excerpt(title)}")` : where
  const missing = (element: string, expected: string) =>
    new FeedError('bad-item', `Medium feed ${label} has no ${element}: expected ${expected}. Is this a Medium feed?`)
  if (!title) throw missing('<title>', 'the story title')
  const link = text(node.link)?.trim()
  if (!link) throw missing('<link>', 'the story URL')
  let parsedLink: URL
  try {
    parsedLink = new URL(link)
  } catch {
    throw new FeedError('bad-item', `Medium feed ${label} has <link> "${excerpt(link)}": expected an absolute URL of the story.`)
  }
  if (parsedLink.protocol !== 'https:' && parsedLink.protocol !== 'http:') {
    throw new FeedError('bad-item', `Medium feed ${label} has <link> "${excerpt(link)}": expected an http(s) URL of the story.`)
  }
  const guid = text(node.guid)?.trim()
  if (!guid) throw missing('<guid>', '"https://medium.com/p/<post id>"')
  const id = /\/p\/([0-9a-f]+)\/?$/.exec(guid)?.[1]
  if (!id || !MEDIUM_POST_ID.test(id)) {
    throw new FeedError(
      'bad-item',
      `Medium feed ${label} has <guid> "${excerpt(guid)}": expected "https://medium.com/p/<post id>" as Medium writes it.`,
    )
  }
  const pubDate = text(node.pubDate)
  const publishedAt = parseDate(pubDate)
  if (pubDate === undefined) throw missing('<pubDate>', 'an RFC 822 date such as "Sun, 20 Feb 2022 08:01:19 GMT"')
  if (!publishedAt) {
    throw new FeedError(
      'bad-item',
      `Medium feed ${label} has <pubDate> "${excerpt(pubDate)}": expected an RFC 822 date such as "Sun, 20 Feb 2022 08:01:19 GMT".`,
    )
  }
  const updatedAt = parseDate(text(node['atom:updated']))
  const encoded = text(node['content:encoded'])
  const description = text(node.description)
  const categories = list(node.category)
    .map((c) => text(c)?.trim() ?? '')
    .filter((c) => c !== '')
  return {
    title,
    url: withoutQuery(link),
    guid,
    id,
    categories,
    creator: text(node['dc:creator'])?.trim() ?? '',
    publishedAt,
    ...(updatedAt ? { updatedAt } : {}),
    contentHtml: encoded ?? description ?? '',
    hasFullContent: encoded !== undefined,
  }
}

/**
 * Reads a Medium RSS feed. Throws a FeedError when the text is not XML (`not-xml`), not an RSS 2.0
 * document (`not-rss`), an RSS feed that Medium did not generate (`not-medium`), or has an item
 * without the title, link, guid or date every Medium item has (`bad-item`).
 */
export function parseMediumFeed(xml: string): MediumFeed {
  const source = xml.replace(/^\uFEFF/, '')
  if (source.trim() === '') throw new FeedError('not-xml', 'The feed is empty: expected the RSS document Medium serves.')
  if (looksLikeHtml(source)) {
    throw new FeedError('not-rss', `The feed is an HTML page, not RSS: expected ${EXPECTED_URLS}. A profile or story page is not a feed.`)
  }
  const valid = XMLValidator.validate(source)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    throw new FeedError('not-xml', `The feed is not XML (line ${line}, column ${col}: ${msg}): expected the RSS document Medium serves.`)
  }
  let document: unknown
  try {
    document = parser.parse(source)
  } catch (e) {
    throw new FeedError('not-xml', `The feed could not be read as XML (${e instanceof Error ? e.message : String(e)}).`, { cause: e })
  }
  const rss = isNode(document) ? document.rss : undefined
  if (!isNode(rss)) {
    const root = isNode(document) ? Object.keys(document).find((k) => !k.startsWith('?')) : undefined
    throw new FeedError('not-rss', `The feed's root element is <${root ?? '?'}>, not <rss>: expected the RSS 2.0 document Medium serves.`)
  }
  const channel = rss.channel
  if (!isNode(channel)) throw new FeedError('not-rss', 'The RSS document has no <channel>: expected the RSS 2.0 document Medium serves.')
  const generator = text(channel.generator)?.trim()
  if (generator !== 'Medium') {
    const said = generator ? `generator "${excerpt(generator)}"` : 'no <generator>'
    throw new FeedError('not-medium', `This RSS feed was not made by Medium (${said}): expected ${EXPECTED_URLS}.`)
  }
  const items = list(channel.item).map(parseItem)
  const self = list(channel['atom:link']).find((l) => isNode(l) && l['@_rel'] === 'self')
  const selfUrl = isNode(self) && typeof self['@_href'] === 'string' ? self['@_href'] : undefined
  const lastBuildDate = parseDate(text(channel.lastBuildDate))
  return {
    title: text(channel.title)?.trim() ?? '',
    link: withoutQuery(text(channel.link)?.trim() ?? ''),
    ...(selfUrl ? { selfUrl } : {}),
    ...(lastBuildDate ? { lastBuildDate } : {}),
    items,
  }
}

function isMediumHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'medium.com' || host === 'www.medium.com'
}

/** Medium's first path segments that are not a publication. */
const NOT_PUBLICATIONS = new Set([
  'feed',
  'p',
  'm',
  'me',
  'tag',
  'tags',
  'topic',
  'search',
  'about',
  'plans',
  'membership',
  'policy',
  'jobs-at-medium',
])

/**
 * The feed URL for what a user may paste: a feed URL is kept; a profile `https://medium.com/@you`
 * becomes `https://medium.com/feed/@you`, a publication `https://medium.com/<slug>` becomes
 * `https://medium.com/feed/<slug>`, `https://<you>.medium.com` becomes `https://<you>.medium.com/feed`.
 * https only (http is accepted for loopback hosts, for tests). Throws a FeedError (`bad-url`) that
 * says what it expected otherwise.
 */
export function toMediumFeedUrl(input: string): string {
  const raw = input.trim()
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new FeedError('bad-url', `The feed URL "${excerpt(raw)}" is not an absolute URL: expected ${EXPECTED_URLS}.`)
  }
  const https = url.protocol === 'https:'
  const loopbackHttp = url.protocol === 'http:' && isLoopback(url.hostname)
  if (!https && !loopbackHttp) {
    throw new FeedError(
      'bad-url',
      `The feed URL "${excerpt(raw)}" is not https (http is accepted only for loopback hosts: 127.0.0.1, ::1, localhost): expected ${EXPECTED_URLS}.`,
    )
  }
  if (url.username || url.password) {
    throw new FeedError('bad-url', `The feed URL "${excerpt(raw)}" contains credentials: expected ${EXPECTED_URLS}.`)
  }
  url.hash = ''
  const segments = url.pathname.split('/').filter((s) => s !== '')
  const first = segments[0] ?? ''
  const feed = (path: string) => {
    url.pathname = path
    url.search = ''
    return url.href
  }
  // Already a feed: /feed/@user, /feed/<publication>, /@user/feed, /<publication>/feed, /feed.
  if (first === 'feed' && segments.length === 2) return feed(`/${segments.join('/')}`)
  if (first === 'feed' && segments.length === 1 && !isMediumHost(url.hostname)) return feed('/feed')
  if (segments.length === 2 && segments[1] === 'feed') return feed(`/${segments.join('/')}`)
  // A profile: /@user.
  if (segments.length === 1 && first.startsWith('@') && first.length > 1) return feed(`/feed/${first}`)
  if (isMediumHost(url.hostname)) {
    // A publication: /<slug>.
    if (segments.length === 1 && !NOT_PUBLICATIONS.has(first.toLowerCase())) return feed(`/feed/${first}`)
  } else if (url.hostname.toLowerCase().endsWith('.medium.com') && segments.length === 0) {
    // A profile on its own subdomain: https://you.medium.com.
    return feed('/feed')
  }
  const story = segments.length >= 2 ? ' This looks like a story or page URL, not a feed.' : ''
  throw new FeedError('bad-url', `The feed URL "${excerpt(raw)}" is not a Medium feed or profile: expected ${EXPECTED_URLS}.${story}`)
}

export interface FetchMediumFeedOptions {
  fetch?: typeof globalThis.fetch
  /** From sending the request to reading the whole answer. Default 30000. */
  timeoutMs?: number
  userAgent?: string
}

export interface FetchedMediumFeed extends MediumFeed {
  /** The feed URL requested (after `toMediumFeedUrl`). */
  feedUrl: string
}

const DEFAULT_FEED_USER_AGENT = 'medium-publish-action backfill (+https://github.com/features/actions)'

/** The `code` of an error or of one of its causes (undici nests them). */
function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== 'object' || error === null) return undefined
  const e = error as { code?: unknown; cause?: unknown }
  if (typeof e.code === 'string') return e.code
  return errorCode(e.cause, depth + 1)
}

/**
 * Downloads and parses a Medium feed. `url` may be a feed or a profile URL (see `toMediumFeedUrl`).
 * Throws a FeedError: `not-found` (404), `blocked` (403 HTML page), `timeout`, `network`, `http`
 * (any other status), or one of `parseMediumFeed`'s kinds.
 */
export async function fetchMediumFeed(url: string, options: FetchMediumFeedOptions = {}): Promise<FetchedMediumFeed> {
  const feedUrl = toMediumFeedUrl(url)
  const { status, contentType, body } = await download(feedUrl, options)
  const html = /html/i.test(contentType) || looksLikeHtml(body)
  if (status === 404) {
    const message = `No such Medium user or publication: check the feed URL, e.g. ${FEED_URL_EXAMPLE} (${feedUrl} answered 404).`
    throw new FeedError('not-found', message, { url: feedUrl, status })
  }
  if (status === 403 && html) {
    const message = `Medium's bot protection refused the request for ${feedUrl} (403 with an HTML page): re-run later or from another network.`
    throw new FeedError('blocked', message, { url: feedUrl, status })
  }
  if (status < 200 || status >= 300) {
    const later = status >= 500 || status === 429 ? ': Medium had a problem; try again later' : ''
    const said = html ? ' with an HTML page' : body.trim() ? `: "${excerpt(body)}"` : ''
    throw new FeedError('http', `${feedUrl} answered ${status}${said}${later}.`, { url: feedUrl, status })
  }
  try {
    return { ...parseMediumFeed(body), feedUrl }
  } catch (e) {
    if (e instanceof FeedError) throw new FeedError(e.kind, `${feedUrl}: ${e.message}`, { url: feedUrl, status, cause: e })
    throw e
  }
}

/** The answer to GET `feedUrl`, within the timeout; a FeedError when there is none or it redirected off https. */
async function download(feedUrl: string, options: FetchMediumFeedOptions): Promise<{ status: number; contentType: string; body: string }> {
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  try {
    const response = await fetchImpl(feedUrl, {
      signal: controller.signal,
      redirect: 'follow',
      headers: {
        Accept: 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1',
        'User-Agent': options.userAgent ?? DEFAULT_FEED_USER_AGENT,
      },
    })
    const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() }
    if (response.redirected && response.url) {
      const final = new URL(response.url)
      if (final.protocol !== 'https:' && !(final.protocol === 'http:' && isLoopback(final.hostname))) {
        const message = `${feedUrl} redirected to "${excerpt(response.url)}", which is not https: expected the feed over https.`
        throw new FeedError('http', message, { url: feedUrl, status: answer.status })
      }
    }
    return answer
  } catch (e) {
    if (e instanceof FeedError) throw e
    if (timedOut) {
      const message = `No complete answer from ${feedUrl} within ${timeoutMs} ms: Medium may be slow or unreachable from here; try again later.`
      throw new FeedError('timeout', message, { url: feedUrl })
    }
    const code = errorCode(e)
    const why = code ? ` (${code})` : e instanceof Error && e.message ? ` (${excerpt(e.message)})` : ''
    throw new FeedError('network', `Could not download ${feedUrl}${why}: check the URL and the network, then try again.`, {
      url: feedUrl,
      cause: e,
    })
  } finally {
    clearTimeout(timer)
  }
}

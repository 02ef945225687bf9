/**
 * Backfill: which article of the repository is which story of a Medium feed, so that
 * `medium-publish backfill --feed <url>` can record the URLs of articles already on Medium and
 * they are never posted again (DESIGN.md, "Existing blogs" → "Adopting").
 *
 * A story matches an article by the article's canonical URL when the story's content links to it
 * (Medium's "Originally published at …"), else by normalised title. Nothing is guessed: a story
 * that matches two articles, or an article that matches two stories, is reported as ambiguous and
 * left for the user. An article that already records a URL is reported, never matched again.
 *
 * Pure: no I/O, and the feed items are plain data (see src/medium/feed.ts for where they come from).
 */

/** Medium's feed lists only this many of the newest stories. */
export const MEDIUM_FEED_MAX_ITEMS = 10

/** What matching needs of a feed item (a MediumFeedItem fits). */
export interface BackfillFeedItem {
  title: string
  /** The story's URL without Medium's `?source=…` query: the value to record. */
  url: string
  /** The story's HTML, searched for links to an article's canonical URL. */
  contentHtml: string
}

/** What matching needs of an article of the repository. */
export interface BackfillArticle {
  /** Workspace-relative path, `/` separators. */
  path: string
  title: string
  canonicalUrl?: string
  /** The URL already recorded under the url-key, if any. */
  recordedUrl?: string
}

export type BackfillMatchKind = 'title' | 'canonical-url'

export interface BackfillStory {
  title: string
  url: string
}

export interface BackfillMatch {
  path: string
  /** The story's URL, to write under the url-key. */
  url: string
  /** The article's title. */
  title: string
  /** The story's title on Medium. */
  itemTitle: string
  by: BackfillMatchKind
}

export interface BackfillAlreadyRecorded {
  path: string
  title: string
  recordedUrl: string
  /** Whether the feed has a story at the recorded URL. */
  inFeed: boolean
  /** Stories that match this article (by title or canonical URL) at another URL than the recorded one. */
  otherStories: BackfillStory[]
}

export interface BackfillAmbiguity {
  /** E.g. "1 story matches 2 articles". */
  reason: string
  stories: Array<BackfillStory & { by: BackfillMatchKind }>
  articles: Array<{ path: string; title: string }>
}

export interface BackfillResult {
  /** One story, one article: the URL to record. */
  matched: BackfillMatch[]
  /** Articles that already record a URL (all of them, whether the feed shows them or not). */
  alreadyRecorded: BackfillAlreadyRecorded[]
  /** Stories that match no article. */
  unmatchedItems: BackfillStory[]
  /** Paths of the articles without a recorded URL that match no story. */
  unmatchedArticles: string[]
  /** Stories and articles that match each other in more than one way: nothing is recorded for them. */
  ambiguous: BackfillAmbiguity[]
  /** How many stories the feed had. */
  feedItemCount: number
  /**
   * True when the feed had MEDIUM_FEED_MAX_ITEMS stories: Medium shows no more, so older stories
   * may exist that the feed did not list (their URLs must be added by hand).
   */
  feedMayBeIncomplete: boolean
}

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g

/**
 * The form titles are compared in: Unicode NFKC, case-folded, curly and straight quotes and the
 * dashes unified, a trailing "…" or "..." removed, apostrophes dropped, every other run of
 * punctuation and whitespace collapsed to one space. `''` for a title with no letters or digits.
 */
export function normaliseTitle(title: string): string {
  let t = title.normalize('NFKC')
  // Full case folding, near enough: upper-casing first folds ß to ss, final sigma is unified.
  t = t.toUpperCase().toLowerCase().normalize('NFKC').replace(/ς/g, 'σ')
  t = t.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-')
  t = t.trim().replace(/(?:\s*(?:…|\.{3,}))+$/u, '')
  t = t.replace(/(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])/gu, '')
  return t.replace(/[\p{P}\s]+/gu, ' ').trim()
}

/**
 * The form URLs are compared in: scheme (http or https) dropped, host lower-cased without `www.`,
 * no trailing slash, no fragment; path and query kept as they are. `undefined` if not an http(s) URL.
 */
export function normaliseUrl(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return undefined
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : ''
  const path = url.pathname.replace(/\/+$/, '')
  return `${host}${port}${path}${url.search}`
}

function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase()
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole
  })
}

/** Every http(s) URL in the HTML (link targets and URLs written as text), normalised. */
export function linkedUrls(html: string): Set<string> {
  const found = new Set<string>()
  const text = decodeHtmlEntities(html)
  for (const match of text.matchAll(/https?:\/\/[^\s"'<>]+/gi)) {
    const candidate = match[0].replace(/[.,;:!?)\]]+$/, '')
    const normalised = normaliseUrl(candidate)
    if (normalised) found.add(normalised)
  }
  return found
}

interface ItemNode {
  item: BackfillFeedItem
  index: number
  url: string | undefined
  candidates: number[]
  by: BackfillMatchKind
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

interface PreparedArticle {
  article: BackfillArticle
  title: string
  canonical: string | undefined
  recorded: string | undefined
  recordedKey: string | undefined
}

/**
 * Matches the stories of a Medium feed to the articles of the repository. See BackfillResult.
 */
export function matchFeedToArticles(items: readonly BackfillFeedItem[], articles: readonly BackfillArticle[]): BackfillResult {
  const arts = articles.map(prepareArticle)
  const sorted = sortStories(
    items.map((item, index) => itemNode(item, index, arts)),
    arts,
  )
  const { matched, ambiguous, involved } = resolveParts(connectedParts(sorted.linked), arts)
  const alreadyRecorded: BackfillAlreadyRecorded[] = arts.flatMap((a, i) =>
    a.recorded === undefined
      ? []
      : [
          {
            path: a.article.path,
            title: a.article.title,
            recordedUrl: a.recorded,
            inFeed: sorted.recordedInFeed.has(i),
            otherStories: sorted.otherStories.get(i) ?? [],
          },
        ],
  )
  const unmatchedArticles = arts.flatMap((a, i) => (a.recorded === undefined && !involved.has(i) ? [a.article.path] : []))
  return {
    matched,
    alreadyRecorded,
    unmatchedItems: sorted.unmatchedItems,
    unmatchedArticles,
    ambiguous,
    feedItemCount: items.length,
    feedMayBeIncomplete: items.length >= MEDIUM_FEED_MAX_ITEMS,
  }
}

function prepareArticle(article: BackfillArticle): PreparedArticle {
  const recorded = article.recordedUrl?.trim() ? article.recordedUrl.trim() : undefined
  return {
    article,
    title: normaliseTitle(article.title),
    canonical: article.canonicalUrl ? normaliseUrl(article.canonicalUrl) : undefined,
    recorded,
    recordedKey: recorded ? (normaliseUrl(recorded) ?? recorded) : undefined,
  }
}

/** The articles a story may be: by the canonical URL its content links to, else by title. */
function itemNode(item: BackfillFeedItem, index: number, arts: readonly PreparedArticle[]): ItemNode {
  const title = normaliseTitle(item.title)
  const links = linkedUrls(item.contentHtml)
  const byCanonical = arts.flatMap((a, i) => (a.canonical !== undefined && links.has(a.canonical) ? [i] : []))
  const byTitle = arts.flatMap((a, i) => (title !== '' && a.title === title ? [i] : []))
  const url = normaliseUrl(item.url)
  if (byCanonical.length === 0) return { item, index, url, candidates: byTitle, by: 'title' }
  if (byCanonical.length === 1) return { item, index, url, candidates: byCanonical, by: 'canonical-url' }
  // The story links to several articles (it cites the author's other posts): the one whose
  // title it also has is the one it is, if there is exactly one.
  const both = byCanonical.filter((i) => byTitle.includes(i))
  return { item, index, url, candidates: both.length === 1 ? both : byCanonical, by: 'canonical-url' }
}

const storyOf = (node: ItemNode): BackfillStory => ({ title: node.item.title, url: node.item.url })

/** Stories already recorded, with no candidate, or whose one article has another URL; the rest are linked to articles. */
function sortStories(nodes: readonly ItemNode[], arts: readonly PreparedArticle[]) {
  const recordedInFeed = new Set<number>()
  const otherStories = new Map<number, BackfillStory[]>()
  const unmatchedItems: BackfillStory[] = []
  const linked: ItemNode[] = []
  for (const node of nodes) {
    const owners = arts.flatMap((a, i) => (a.recordedKey !== undefined && node.url !== undefined && a.recordedKey === node.url ? [i] : []))
    if (owners.length > 0) {
      // The story is already recorded by the article(s) holding its URL.
      for (const i of owners) recordedInFeed.add(i)
    } else if (node.candidates.length === 0) {
      unmatchedItems.push(storyOf(node))
    } else if (node.candidates.length === 1 && arts[node.candidates[0]!]?.recorded !== undefined) {
      // Its one article already has another URL: report it there, never record a second one.
      const only = node.candidates[0]!
      otherStories.set(only, [...(otherStories.get(only) ?? []), storyOf(node)])
    } else {
      linked.push(node)
    }
  }
  return { recordedInFeed, otherStories, unmatchedItems, linked }
}

/** Stories and articles linked to each other, grouped into connected parts (union-find). */
function connectedParts(linked: readonly ItemNode[]): Array<{ stories: ItemNode[]; articles: Set<number> }> {
  const parent = new Map<string, string>()
  const find = (key: string): string => {
    let root = key
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as string
    parent.set(key, root)
    return root
  }
  for (const node of linked) {
    parent.set(`i${node.index}`, find(`i${node.index}`))
    for (const c of node.candidates) {
      const [ra, rb] = [find(`i${node.index}`), find(`a${c}`)]
      if (ra !== rb) parent.set(ra, rb)
    }
  }
  const parts = new Map<string, { stories: ItemNode[]; articles: Set<number> }>()
  for (const node of linked) {
    const root = find(`i${node.index}`)
    const part = parts.get(root) ?? { stories: [], articles: new Set<number>() }
    part.stories.push(node)
    for (const c of node.candidates) part.articles.add(c)
    parts.set(root, part)
  }
  return [...parts.values()]
}

/** A part of exactly one story and one article is a match; any other part is ambiguous. */
function resolveParts(parts: ReturnType<typeof connectedParts>, arts: readonly PreparedArticle[]) {
  const matched: BackfillMatch[] = []
  const ambiguous: BackfillAmbiguity[] = []
  const involved = new Set<number>()
  for (const part of parts) {
    const articleIndexes = [...part.articles].sort((a, b) => a - b)
    for (const i of articleIndexes) involved.add(i)
    const [node] = part.stories
    const article = arts[articleIndexes[0] ?? -1]?.article
    if (part.stories.length === 1 && articleIndexes.length === 1 && node && article) {
      matched.push({ path: article.path, url: node.item.url, title: article.title, itemTitle: node.item.title, by: node.by })
      continue
    }
    const s = part.stories.length
    const a = articleIndexes.length
    const reason =
      s === 1
        ? `1 story matches ${plural(a, 'article', 'articles')}`
        : a === 1
          ? `${plural(s, 'story', 'stories')} match 1 article`
          : `${plural(s, 'story', 'stories')} and ${plural(a, 'article', 'articles')} match each other`
    const articlesOf = articleIndexes.flatMap((i) => (arts[i] ? [{ path: arts[i].article.path, title: arts[i].article.title }] : []))
    ambiguous.push({ reason, stories: part.stories.map((n) => ({ ...storyOf(n), by: n.by })), articles: articlesOf })
  }
  return { matched, ambiguous, involved }
}

import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { FeedError, fetchMediumFeed, parseMediumFeed, toMediumFeedUrl } from '../../src/medium/feed.js'
import type { FeedErrorKind } from '../../src/medium/feed.js'
import { startRssEmulator } from '../support/rss-emulator.js'
import type { FeedStory, RssEmulator } from '../support/rss-emulator.js'

const REAL_FEED = readFileSync(new URL('../fixtures/medium-feed/liyicky.xml', import.meta.url), 'utf8')

function feedError(run: () => unknown): FeedError {
  try {
    run()
  } catch (e) {
    if (e instanceof FeedError) return e
    throw e
  }
  throw new Error('expected a FeedError')
}

async function feedErrorOf(promise: Promise<unknown>): Promise<FeedError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof FeedError) return e
    throw e
  }
  throw new Error('expected a FeedError')
}

const NS =
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"'

function rss(items: string, channelExtra = '<generator>Medium</generator>'): string {
  const channel = '<title><![CDATA[Stories by A on Medium]]></title><link>https://medium.com/@a?source=rss-0123456789ab------2</link>'
  return `<?xml version="1.0" encoding="UTF-8"?><rss ${NS}><channel>${channel}${channelExtra}${items}</channel></rss>`
}

function item(parts: Partial<Record<'title' | 'link' | 'guid' | 'pubDate' | 'extra', string>> = {}): string {
  return [
    '<item>',
    parts.title ?? '<title><![CDATA[A story]]></title>',
    parts.link ?? '<link>https://medium.com/@a/a-story-0123456789ab?source=rss-0123456789ab------2</link>',
    parts.guid ?? '<guid isPermaLink="false">https://medium.com/p/0123456789ab</guid>',
    '<dc:creator><![CDATA[A]]></dc:creator>',
    parts.pubDate ?? '<pubDate>Sun, 20 Feb 2022 08:01:19 GMT</pubDate>',
    parts.extra ?? '<content:encoded><![CDATA[<p>Hi</p>]]></content:encoded>',
    '</item>',
  ].join('')
}

describe('parseMediumFeed on a real Medium feed', () => {
  const feed = parseMediumFeed(REAL_FEED)

  it('reads the channel', () => {
    expect(feed.title).toBe('Stories by Liyicky on Medium')
    expect(feed.link).toBe('https://medium.com/@liyicky')
    expect(feed.selfUrl).toBe('https://medium.com/@liyicky/feed')
    expect(feed.lastBuildDate?.toISOString()).toBe('2022-03-17T00:48:57.000Z')
  })

  it('reads every item, newest first, with the URL stripped of ?source=…', () => {
    expect(feed.items.map((i) => [i.title, i.url, i.id])).toEqual([
      [
        'How to connect to the Medium API in Rails',
        'https://medium.com/@liyicky/how-to-connect-to-the-medium-api-in-rails-4c57cf14bce5',
        '4c57cf14bce5',
      ],
      ['Becoming a Swift Developer (Week 4)', 'https://medium.com/@liyicky/becoming-a-swift-developer-week-4-63e9ef6b7595', '63e9ef6b7595'],
      ['Becoming a Swift Developer (Week 3)', 'https://medium.com/@liyicky/becoming-a-swift-developer-week-3-4ac01a01c477', '4ac01a01c477'],
      ['Becoming a Swift Developer (Week 2)', 'https://medium.com/@liyicky/becoming-a-swift-developer-week-2-e6db6138af78', 'e6db6138af78'],
      ['Becoming a Swift Developer (Week 1)', 'https://medium.com/@liyicky/becoming-a-swift-developer-week-1-1904eb7936c6', '1904eb7936c6'],
    ])
  })

  it('reads guid, categories, creator, dates and content of an item', () => {
    const first = feed.items[0]
    expect(first).toMatchObject({
      guid: 'https://medium.com/p/4c57cf14bce5',
      categories: ['medium', 'medium-api', 'ruby-on-rails'],
      creator: 'Liyicky',
      hasFullContent: true,
    })
    expect(first?.publishedAt.toISOString()).toBe('2022-02-20T08:01:19.000Z')
    expect(first?.updatedAt?.toISOString()).toBe('2022-02-20T08:01:19.360Z')
    // CDATA is taken as is: the HTML keeps its entities and tags.
    expect(first?.contentHtml.startsWith('<h3>Step 1</h3><p>Generate an integration token.</p>')).toBe(true)
    expect(first?.contentHtml).toContain('&lt;- Replace liyicky with your medium name.')
    expect(first?.contentHtml.endsWith('postId=4c57cf14bce5" width="1" height="1" alt="">')).toBe(true)
    expect(feed.items[4]?.categories).toEqual(['swift', 'self-improvement', 'japan', 'learning-to-code', 'habits'])
    expect(feed.items[4]?.contentHtml).toContain('進撃の巨人 (Attack on Titan)')
  })
})

describe('parseMediumFeed, what it is robust to', () => {
  it('takes titles with entities, numeric references, a "]]>" split across CDATA sections, and brackets', () => {
    const feed = parseMediumFeed(
      rss(
        item({ title: '<title>Tom &amp; Jerry&#8217;s &#x201C;guide&#x201D; &lt;3</title>' }) +
          item({ title: '<title><![CDATA[Build apps [Part 2/2]]]></title>' }) +
          item({ title: '<title><![CDATA[a[b[0]]]]><![CDATA[> explained]]></title>' }),
      ),
    )
    expect(feed.items.map((i) => i.title)).toEqual(['Tom & Jerry’s “guide” <3', 'Build apps [Part 2/2]', 'a[b[0]]> explained'])
  })

  it('keeps a numeric-looking title a string', () => {
    expect(parseMediumFeed(rss(item({ title: '<title>2024</title>' }))).items[0]?.title).toBe('2024')
  })

  it('uses the <description> snippet when <content:encoded> is missing, and says so', () => {
    const snippet = '<div class="medium-feed-item"><p class="medium-feed-snippet">[Update] I have written a book&#x2026;</p></div>'
    const feed = parseMediumFeed(
      rss(
        item({ extra: `<description><![CDATA[${snippet}]]></description>` }) +
          item({ extra: '' }) +
          item({ extra: '<atom:updated>nonsense</atom:updated>' }),
      ),
    )
    expect(feed.items[0]).toMatchObject({ contentHtml: snippet, hasFullContent: false })
    expect(feed.items[1]).toMatchObject({ contentHtml: '', hasFullContent: false })
    expect(feed.items[1]?.updatedAt).toBeUndefined()
    expect(feed.items[2]?.updatedAt).toBeUndefined()
  })

  it('strips any query and fragment from a link, on custom domains too', () => {
    const feed = parseMediumFeed(
      rss(
        item({
          link: '<link>https://blog.stackademic.com/swifts-asyncstream-explained-127d84078424?source=rss-8717e15cbfc4------2&amp;x=1#top</link>',
        }),
      ),
    )
    expect(feed.items[0]?.url).toBe('https://blog.stackademic.com/swifts-asyncstream-explained-127d84078424')
  })

  it('reads a feed with a BOM, no items, and no <category>', () => {
    const feed = parseMediumFeed(`\uFEFF${rss('')}`)
    expect(feed.items).toEqual([])
    expect(parseMediumFeed(rss(item())).items[0]?.categories).toEqual([])
  })
})

describe('parseMediumFeed errors', () => {
  const cases: Array<[string, string, FeedErrorKind, RegExp]> = [
    ['empty text', '  \n', 'not-xml', /The feed is empty/],
    [
      'an HTML page',
      '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>',
      'not-rss',
      /an HTML page, not RSS/,
    ],
    [
      'broken XML',
      '<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</channel></rss>',
      'not-xml',
      /not XML \(line 3, column \d+:/,
    ],
    ['JSON', '{"items": []}', 'not-xml', /not XML/],
    [
      'an Atom feed',
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
      'not-rss',
      /root element is <feed>, not <rss>/,
    ],
    ['RSS without a channel', `<rss ${NS}></rss>`, 'not-rss', /no <channel>/],
    [
      'a WordPress feed',
      rss(item(), '<generator>https://wordpress.org/?v=6.4</generator>'),
      'not-medium',
      /not made by Medium \(generator "https:\/\/wordpress\.org/,
    ],
    ['a feed without generator', rss(item(), ''), 'not-medium', /not made by Medium \(no <generator>\)/],
    ['an item without link', rss(item({ link: '' })), 'bad-item', /item 1 \("A story"\) has no <link>/],
    ['an item without title', rss(item({ title: '<title></title>' })), 'bad-item', /item 1 has no <title>/],
    [
      'an item with a relative link',
      rss(item({ link: '<link>/a-story</link>' })),
      'bad-item',
      /<link> "\/a-story": expected an absolute URL/,
    ],
    ['an item without guid', rss(item() + item({ guid: '' })), 'bad-item', /item 2 \("A story"\) has no <guid>/],
    [
      'an item with a foreign guid',
      rss(item({ guid: '<guid>https://example.com/?p=12</guid>' })),
      'bad-item',
      /<guid> "https:\/\/example\.com\/\?p=12": expected "https:\/\/medium\.com\/p\/<post id>"/,
    ],
    ['an item without date', rss(item({ pubDate: '' })), 'bad-item', /has no <pubDate>/],
    [
      'an item with a bad date',
      rss(item({ pubDate: '<pubDate>yesterday</pubDate>' })),
      'bad-item',
      /<pubDate> "yesterday": expected an RFC 822 date/,
    ],
  ]
  it.each(cases)('%s', (_name, xml, kind, message) => {
    const error = feedError(() => parseMediumFeed(xml))
    expect(error.kind).toBe(kind)
    expect(error.message).toMatch(message)
  })
})

describe('toMediumFeedUrl', () => {
  it.each([
    ['https://medium.com/feed/@you', 'https://medium.com/feed/@you'],
    ['https://medium.com/feed/@you/', 'https://medium.com/feed/@you'],
    ['https://medium.com/@you', 'https://medium.com/feed/@you'],
    ['https://medium.com/@you/?source=profile#x', 'https://medium.com/feed/@you'],
    ['https://www.medium.com/@you', 'https://www.medium.com/feed/@you'],
    ['https://medium.com/@you/feed', 'https://medium.com/@you/feed'],
    ['https://medium.com/feed/netflix-techblog', 'https://medium.com/feed/netflix-techblog'],
    ['https://medium.com/netflix-techblog', 'https://medium.com/feed/netflix-techblog'],
    ['https://you.medium.com', 'https://you.medium.com/feed'],
    ['https://you.medium.com/feed', 'https://you.medium.com/feed'],
    ['https://netflixtechblog.com/feed', 'https://netflixtechblog.com/feed'],
    ['  http://127.0.0.1:8080/feed/@you ', 'http://127.0.0.1:8080/feed/@you'],
    ['http://localhost:8080/@you', 'http://localhost:8080/feed/@you'],
  ])('%s → %s', (input, expected) => {
    expect(toMediumFeedUrl(input)).toBe(expected)
  })

  it.each([
    ['medium.com/@you', /is not an absolute URL: expected a Medium feed such as "https:\/\/medium\.com\/feed\/@you"/],
    ['http://medium.com/feed/@you', /is not https \(http is accepted only for loopback hosts/],
    ['ftp://medium.com/feed/@you', /is not https/],
    ['https://user:pw@medium.com/feed/@you', /contains credentials/],
    ['https://medium.com/@you/my-story-0123456789ab', /not a Medium feed or profile: .* This looks like a story or page URL, not a feed\./],
    ['https://medium.com/p/0123456789ab', /not a Medium feed or profile/],
    ['https://medium.com/', /not a Medium feed or profile/],
    ['https://medium.com/feed', /not a Medium feed or profile/],
    ['https://medium.com/tag/swift', /not a Medium feed or profile/],
    ['https://example.com/blog', /not a Medium feed or profile/],
  ])('refuses %s', (input, message) => {
    const error = feedError(() => toMediumFeedUrl(input))
    expect(error.kind).toBe('bad-url')
    expect(error.message).toMatch(message)
  })
})

describe('fetchMediumFeed against the RSS emulator', () => {
  let rss: RssEmulator | undefined
  afterEach(async () => {
    await rss?.close()
    rss = undefined
  })

  const stories: FeedStory[] = [
    { title: 'Older', publishedAt: '2024-01-01T10:00:00Z', tags: ['a'] },
    {
      title: 'Newer',
      publishedAt: '2024-02-01T10:00:00Z',
      updatedAt: '2024-02-03T10:00:00.500Z',
      tags: ['b', 'c'],
      contentHtml: '<p>x &amp; y</p>',
    },
  ]

  it('downloads and parses a feed, from a profile URL too', async () => {
    rss = await startRssEmulator({ users: [{ username: 'writer', name: 'Emulated Writer', stories }] })
    const feed = await fetchMediumFeed(`${rss.url}/@writer`)
    expect(feed.feedUrl).toBe(`${rss.url}/feed/@writer`)
    expect(feed.title).toBe('Stories by Emulated Writer on Medium')
    expect(feed.items.map((i) => i.title)).toEqual(['Newer', 'Older'])
    expect(feed.items[0]).toMatchObject({ categories: ['b', 'c'], creator: 'Emulated Writer', hasFullContent: true })
    expect(feed.items[0]?.url).toMatch(/^https:\/\/medium\.com\/@writer\/newer-[0-9a-f]{12}$/)
    expect(feed.items[0]?.contentHtml.startsWith('<p>x &amp; y</p>')).toBe(true)
    expect(feed.items[0]?.updatedAt?.toISOString()).toBe('2024-02-03T10:00:00.500Z')
    expect(rss.requests.map((r) => r.path)).toEqual(['/feed/@writer'])
    expect(rss.requests[0]?.headers['user-agent']).toMatch(/medium-publish-action/)
    expect(rss.requests[0]?.headers.accept).toMatch(/application\/rss\+xml/)
  })

  it('says there is no such user on a 404', async () => {
    rss = await startRssEmulator({ users: [{ username: 'writer', stories }] })
    const error = await feedErrorOf(fetchMediumFeed(rss.feedUrl('@nobody')))
    expect(error).toMatchObject({ kind: 'not-found', status: 404 })
    expect(error.message).toBe(
      `No such Medium user or publication: check the feed URL, e.g. https://medium.com/feed/@you (${rss.url}/feed/@nobody answered 404).`,
    )
  })

  it("names Medium's bot protection on a 403 HTML page", async () => {
    rss = await startRssEmulator({ users: [{ username: 'writer', stories }] })
    rss.setFault({ html403: true })
    const error = await feedErrorOf(fetchMediumFeed(rss.feedUrl('@writer')))
    expect(error).toMatchObject({ kind: 'blocked', status: 403 })
    expect(error.message).toMatch(
      /Medium's bot protection refused the request .* \(403 with an HTML page\): re-run later or from another network\.$/,
    )
  })

  it('reports a 5xx as a failure to retry later', async () => {
    rss = await startRssEmulator({ users: [{ username: 'writer', stories }] })
    rss.setFault({ status: 503 })
    const error = await feedErrorOf(fetchMediumFeed(rss.feedUrl('@writer')))
    expect(error).toMatchObject({ kind: 'http', status: 503 })
    expect(error.message).toMatch(/answered 503 with an HTML page: Medium had a problem; try again later\.$/)
  })

  it('gives up after timeoutMs on a slow answer', async () => {
    rss = await startRssEmulator({ users: [{ username: 'writer', stories }] })
    // Slower than the test's own time limit: a client that waited for the answer fails the test by
    // timing out, so no upper bound on the elapsed time is needed (a loaded machine cannot break it).
    rss.setFault({ delayMs: 120_000 })
    const error = await feedErrorOf(fetchMediumFeed(rss.feedUrl('@writer'), { timeoutMs: 200 }))
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/No complete answer from .* within 200 ms/)
  })

  it('reports a dropped connection and a refused one as network failures', async () => {
    rss = await startRssEmulator({ users: [{ username: 'writer', stories }] })
    rss.setFault({ drop: true })
    expect((await feedErrorOf(fetchMediumFeed(rss.feedUrl('@writer')))).kind).toBe('network')

    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address()
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
      })
    })
    const refused = await feedErrorOf(fetchMediumFeed(`http://127.0.0.1:${port}/feed/@writer`))
    expect(refused.kind).toBe('network')
    expect(refused.message).toMatch(/Could not download .* \(ECONNREFUSED\): check the URL and the network/)
  })

  it('refuses a non-https URL before any request', async () => {
    let called = false
    const fetch = (async () => {
      called = true
      return new Response('')
    }) as typeof globalThis.fetch
    const error = await feedErrorOf(fetchMediumFeed('http://medium.com/feed/@you', { fetch }))
    expect(error.kind).toBe('bad-url')
    expect(called).toBe(false)
  })

  it('says so when the answer is an HTML page or not a Medium feed', async () => {
    const html = (async () =>
      new Response('<!doctype html><html><body>Profile</body></html>', {
        headers: { 'content-type': 'text/html' },
      })) as typeof globalThis.fetch
    const error = await feedErrorOf(fetchMediumFeed('https://medium.com/feed/@you', { fetch: html }))
    expect(error.kind).toBe('not-rss')
    expect(error.message).toMatch(/^https:\/\/medium\.com\/feed\/@you: The feed is an HTML page, not RSS/)

    const wordpress = (async () =>
      new Response('<rss version="2.0"><channel><generator>WordPress</generator></channel></rss>')) as typeof globalThis.fetch
    expect((await feedErrorOf(fetchMediumFeed('https://blog.example.com/feed', { fetch: wordpress }))).kind).toBe('not-medium')
  })

  it('passes the feed URL and a timeout signal to the injected fetch', async () => {
    const seen: Array<{ url: string; signal: boolean }> = []
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(input), signal: init?.signal instanceof AbortSignal })
      return new Response(REAL_FEED, { headers: { 'content-type': 'text/xml; charset=utf-8' } })
    }) as typeof globalThis.fetch
    const feed = await fetchMediumFeed('https://medium.com/@liyicky', { fetch })
    expect(seen).toEqual([{ url: 'https://medium.com/feed/@liyicky', signal: true }])
    expect(feed.items).toHaveLength(5)
  })
})

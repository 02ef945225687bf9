import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { XMLParser } from 'fast-xml-parser'
import { CLOUDFLARE_403_HTML } from './medium-emulator.js'
import { MEDIUM_404_HTML, startRssEmulator } from './rss-emulator.js'
import type { FeedStory, RssEmulator, RssEmulatorOptions } from './rss-emulator.js'

const REAL_FEED = readFileSync(new URL('../fixtures/medium-feed/liyicky.xml', import.meta.url), 'utf8')

let emulator: RssEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

async function start(options: RssEmulatorOptions): Promise<RssEmulator> {
  emulator = await startRssEmulator(options)
  return emulator
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> }

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  cdataPropName: '#cdata',
  parseTagValue: false,
  trimValues: true,
})

/** Attributes whose value is part of Medium's format (the others hold URLs that differ per feed). */
const FIXED_VALUE_ATTRIBUTES = new Set(['version', 'isPermaLink', 'rel', 'type'])

/**
 * The structure of a feed, independent of its content: every element path, how its text is written
 * (CDATA or plain), every attribute (with its value when the value is part of the format), the
 * namespace declarations, and the order of the children of the channel and of an item (repeated
 * elements counted once).
 */
function feedShape(xml: string) {
  const paths = new Set<string>()
  const childOrder = new Map<string, string[]>()
  const namespaces: Record<string, string> = {}
  const walk = (nodes: OrderedNode[], parent: string) => {
    const order: string[] = []
    for (const node of nodes) {
      const name = Object.keys(node).find((k) => k !== ':@')
      if (!name || name === '?xml') continue
      if (name === '#text') {
        paths.add(`${parent}#text`)
        continue
      }
      if (name === '#cdata') {
        paths.add(`${parent}#cdata`)
        continue
      }
      const path = `${parent}/${name}`
      paths.add(path)
      if (order[order.length - 1] !== name) order.push(name)
      for (const [attr, value] of Object.entries(node[':@'] ?? {})) {
        if (attr.startsWith('xmlns:')) namespaces[attr] = value
        else paths.add(`${path}@${attr}${FIXED_VALUE_ATTRIBUTES.has(attr) ? `=${value}` : ''}`)
      }
      walk(node[name] as OrderedNode[], path)
    }
    if (!childOrder.has(parent)) childOrder.set(parent, order)
  }
  walk(orderedParser.parse(xml) as OrderedNode[], '')
  return {
    paths: [...paths].sort(),
    namespaces,
    channelOrder: childOrder.get('/rss/channel'),
    itemOrder: childOrder.get('/rss/channel/item'),
  }
}

function textsOf(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([\\s\\S]*?)</${element}>`, 'g'))].map((m) => m[1] ?? '')
}

function story(title: string, publishedAt: string, extra: Partial<FeedStory> = {}): FeedStory {
  return { title, publishedAt, tags: ['swift', 'self-improvement'], contentHtml: `<h3>${title}</h3><p>Body &amp; more.</p>`, ...extra }
}

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url)
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() }
}

describe('RSS emulator', () => {
  it('serves the same structure as a real Medium feed: elements, namespaces, attributes, CDATA, order', async () => {
    const rss = await start({
      users: [
        {
          username: 'writer',
          name: 'Emulated Writer',
          stories: [
            story('Week 1', '2022-01-29T07:00:26Z'),
            story('Week 2', '2022-02-07T06:45:44Z', { updatedAt: '2022-02-09T05:21:47.420Z' }),
          ],
        },
      ],
    })
    const { status, type, body } = await get(rss.feedUrl('@writer'))
    expect(status).toBe(200)
    expect(type).toMatch(/^text\/xml/)

    const real = feedShape(REAL_FEED)
    const emulated = feedShape(body)
    // The real sample is what we compare against: make sure it holds what this test relies on.
    expect(real.paths).toContain('/rss/channel/item/guid@isPermaLink=false')
    expect(real.paths).toContain('/rss/channel/item/content:encoded#cdata')
    expect(real.itemOrder).toEqual(['title', 'link', 'guid', 'category', 'dc:creator', 'pubDate', 'atom:updated', 'content:encoded'])

    expect(emulated.paths).toEqual(real.paths)
    expect(emulated.namespaces).toEqual(real.namespaces)
    expect(emulated.namespaces).toMatchObject({
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      'xmlns:atom': 'http://www.w3.org/2005/Atom',
    })
    expect(emulated.channelOrder).toEqual(real.channelOrder)
    expect(emulated.itemOrder).toEqual(real.itemOrder)
    // Medium writes the declaration and the <rss> start tag on one line.
    const firstLine = (xml: string) => xml.slice(0, xml.indexOf('\n'))
    expect(firstLine(body)).toBe(firstLine(REAL_FEED))
  })

  it('writes links, guids and dates in the same forms as the real feed', async () => {
    const rss = await start({ users: [{ username: 'writer', stories: [story('Week 1', '2022-01-29T07:00:26.000Z')] }] })
    const { body } = await get(rss.feedUrl('@writer'))
    const forms: Array<[string, RegExp]> = [
      ['guid', /^https:\/\/medium\.com\/p\/[0-9a-f]{12}$/],
      ['pubDate', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/],
      ['lastBuildDate', /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/],
      ['atom:updated', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/],
      ['dc:creator', /^<!\[CDATA\[[^\]]+\]\]>$/],
      ['category', /^<!\[CDATA\[[a-z0-9-]+\]\]>$/],
    ]
    for (const [element, form] of forms) {
      const real = textsOf(REAL_FEED, element)
      const emulated = textsOf(body, element)
      expect(real.length, element).toBeGreaterThan(0)
      expect(emulated.length, element).toBeGreaterThan(0)
      for (const value of [...real, ...emulated]) expect(value, element).toMatch(form)
    }
    const itemLink = /^https:\/\/medium\.com\/@[a-z0-9-]+\/[a-z0-9-]+-[0-9a-f]{12}\?source=rss-[0-9a-f]{12}------2$/
    const itemLinks = (xml: string) => textsOf(xml, 'link').filter((l) => l.includes('/p/') || /-[0-9a-f]{12}\?/.test(l))
    expect(itemLinks(REAL_FEED)).toHaveLength(5)
    expect(itemLinks(body)).toHaveLength(1)
    for (const link of [...itemLinks(REAL_FEED), ...itemLinks(body)]) expect(link).toMatch(itemLink)
    // The item's guid id is the id that ends its link, in both.
    for (const xml of [REAL_FEED, body]) {
      const ids = textsOf(xml, 'guid').map((g) => g.slice(-12))
      expect(itemLinks(xml).map((l) => /-([0-9a-f]{12})\?/.exec(l)?.[1])).toEqual(ids)
    }
    expect(body).toContain(`<pubDate>Sat, 29 Jan 2022 07:00:26 GMT</pubDate>`)
    expect(body).toContain(`<atom:updated>2022-01-29T07:00:26.000Z</atom:updated>`)
  })

  it('lists at most the 10 newest stories, newest first', async () => {
    const days = [5, 1, 13, 9, 2, 11, 7, 3, 12, 4, 8, 6, 10]
    const stories = days.map((d) => story(`Day ${d}`, `2024-03-${String(d).padStart(2, '0')}T10:00:00Z`))
    const rss = await start({ users: [{ username: 'writer', stories }] })
    const { body } = await get(rss.feedUrl('@writer'))
    const titles = textsOf(body, 'title')
      .slice(2) // the channel's title and the image's title
      .map((t) => t.replace(/^<!\[CDATA\[|\]\]>$/g, ''))
    expect(titles).toEqual(['Day 13', 'Day 12', 'Day 11', 'Day 10', 'Day 9', 'Day 8', 'Day 7', 'Day 6', 'Day 5', 'Day 4'])
    expect(textsOf(body, 'guid')).toHaveLength(10)

    rss.addStory('@writer', story('Day 14', '2024-03-14T10:00:00Z'))
    const after = await get(rss.feedUrl('@writer'))
    expect(textsOf(after.body, 'guid')).toHaveLength(10)
    expect(after.body).toContain('Day 14')
    expect(after.body).not.toContain('Day 4]]>')
  })

  it('serves /@user/feed and a publication feed with its own tracking query and custom domain', async () => {
    const rss = await start({
      users: [{ username: 'writer', name: 'W', stories: [story('Mine', '2024-01-01T00:00:00Z')] }],
      publications: [
        {
          slug: 'the-pub',
          name: 'The Pub',
          id: 'd1baaa8417a4',
          url: 'https://blog.example.com',
          stories: [story('In the pub', '2024-01-02T00:00:00Z', { creator: 'W' })],
        },
      ],
    })
    const alt = await get(`${rss.url}/@writer/feed`)
    expect(alt.status).toBe(200)
    expect(alt.body).toContain('<atom:link href="https://medium.com/@writer/feed" rel="self" type="application/rss+xml"/>')

    const pub = await get(rss.feedUrl('the-pub'))
    expect(pub.status).toBe(200)
    expect(pub.body).toContain('<title><![CDATA[The Pub - Medium]]></title>')
    expect(pub.body).toMatch(/<link>https:\/\/blog\.example\.com\/in-the-pub-[0-9a-f]{12}\?source=rss----d1baaa8417a4---4<\/link>/)
    expect(feedShape(pub.body).itemOrder).toEqual(feedShape(REAL_FEED).itemOrder)
  })

  it('gives a <description> snippet instead of <content:encoded> for a snippet-only story', async () => {
    const rss = await start({
      users: [{ username: 'writer', stories: [story('Member only', '2024-01-01T00:00:00Z', { snippetOnly: true })] }],
    })
    const { body } = await get(rss.feedUrl('@writer'))
    expect(body).not.toContain('<content:encoded>')
    expect(feedShape(body).itemOrder).toEqual(['title', 'description', 'link', 'guid', 'category', 'dc:creator', 'pubDate', 'atom:updated'])
  })

  it('keeps a "]]>" inside a title or content intact across CDATA sections', async () => {
    const title = 'Arrays like a[b[0]]> explained'
    const rss = await start({
      users: [{ username: 'writer', stories: [story(title, '2024-01-01T00:00:00Z', { contentHtml: '<pre>x[y[1]]>0</pre>' })] }],
    })
    const { body } = await get(rss.feedUrl('@writer'))
    const parsed = new XMLParser({ parseTagValue: false }).parse(body)
    expect(parsed.rss.channel.item.title).toBe(title)
    expect(parsed.rss.channel.item['content:encoded']).toMatch(/^<pre>x\[y\[1\]\]>0<\/pre><img src="https:\/\/medium\.com\/_\/stat/)
  })

  it('answers 404 with an HTML page for an unknown user or publication, as Medium does', async () => {
    const rss = await start({ users: [{ username: 'writer', stories: [] }] })
    for (const path of ['/feed/@nobody', '/feed/no-such-publication', '/nothing-here', '/']) {
      const answer = await get(`${rss.url}${path}`)
      expect(answer.status, path).toBe(404)
      expect(answer.type).toMatch(/^text\/html/)
      expect(answer.body).toBe(MEDIUM_404_HTML)
    }
    const empty = await get(rss.feedUrl('@writer'))
    expect(empty.status).toBe(200)
    expect(empty.body).not.toContain('<item>')
  })

  it('injects faults until they are cleared, and records requests', async () => {
    const rss = await start({ users: [{ username: 'writer', stories: [story('One', '2024-01-01T00:00:00Z')] }] })
    rss.setFault({ html403: true })
    const blocked = await get(rss.feedUrl('@writer'))
    expect(blocked).toMatchObject({ status: 403, body: CLOUDFLARE_403_HTML })
    expect(blocked.type).toMatch(/^text\/html/)
    expect((await get(rss.feedUrl('@writer'))).status).toBe(403)

    rss.setFault({ status: 503 })
    const down = await get(rss.feedUrl('@writer'))
    expect(down.status).toBe(503)
    expect(down.type).toMatch(/^text\/html/)

    rss.setFault({ delayMs: 300 })
    const started = Date.now()
    const slow = await get(rss.feedUrl('@writer'))
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    expect(slow.status).toBe(200)

    rss.setFault({ drop: true })
    await expect(fetch(rss.feedUrl('@writer'))).rejects.toThrow()

    rss.setFault(undefined)
    expect((await get(rss.feedUrl('@writer'))).status).toBe(200)
    expect(rss.requests.map((r) => r.fault && Object.keys(r.fault)[0])).toEqual([
      'html403',
      'html403',
      'status',
      'delayMs',
      'drop',
      undefined,
    ])
    expect(rss.requests[0]?.path).toBe('/feed/@writer')
  })
})

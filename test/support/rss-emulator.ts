/**
 * A Medium RSS feed emulator for tests: real HTTP on 127.0.0.1, random port.
 *
 * Serves Medium's feed format as Medium serves it (checked against a real feed committed in a
 * public repository: test/fixtures/medium-feed/, see SOURCE.md there):
 *
 * - `<?xml …?><rss …>` on the first line, RSS 2.0 with the `dc`, `content`, `atom` (and `cc`)
 *   namespaces, indented by 4 spaces per level;
 * - a channel with CDATA `<title>`/`<description>`, `<link>` with a `?source=…` query, `<image>`,
 *   `<generator>Medium</generator>`, `<lastBuildDate>`, `<atom:link rel="self">`, CDATA
 *   `<webMaster>` and `<atom:link rel="hub">`;
 * - items, newest first and at most 10, with a CDATA `<title>`, a `<link>` carrying
 *   `?source=rss-<user id>------2` (`?source=rss----<publication id>---4` in a publication's feed),
 *   `<guid isPermaLink="false">https://medium.com/p/<12 hex></guid>`, a CDATA `<category>` per tag,
 *   a CDATA `<dc:creator>`, `<pubDate>` (RFC 822), `<atom:updated>` (ISO 8601) and a CDATA
 *   `<content:encoded>` ending with Medium's view-counting image. A story with `snippetOnly` gets a
 *   `<description>` snippet instead of `<content:encoded>`, as Medium does for some stories.
 *
 * Routes: `GET /feed/@<username>`, `GET /@<username>/feed`, `GET /feed/<publication-slug>`.
 * Anything else, an unknown user among them, is a 404 HTML page like Medium's.
 *
 * Faults, set from the test process with `setFault` (they apply to every later request until
 * `setFault(undefined)`, so they also work while the CLI runs as a separate process):
 * `{ html403: true }` (Cloudflare's bot challenge page), `{ status: 503 }` (any status, an HTML
 * error page), `{ delayMs: 2000 }` (the real answer, that much later), `{ drop: true }` (the
 * connection is closed without an answer).
 */
import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { CLOUDFLARE_403_HTML } from './medium-emulator.js'

export const MEDIUM_FEED_LIMIT = 10

export interface FeedStory {
  title: string
  /** Medium's post id: 12 lowercase hex characters. Default: derived from the title. */
  id?: string
  /** Default: from the title, as Medium makes it (`how-to-x`). */
  slug?: string
  tags?: string[]
  publishedAt: Date | string
  /** `<atom:updated>`; default `publishedAt`. */
  updatedAt?: Date | string
  /** The story's HTML. Default: one paragraph. */
  contentHtml?: string
  /** Medium gives only a `<description>` snippet for this story, no `<content:encoded>`. */
  snippetOnly?: boolean
  /** `<dc:creator>`; default the owner's name. */
  creator?: string
  /**
   * Where the story lives when it was published in a publication, e.g. `https://blog.example.com`
   * or `https://medium.com/some-publication`. Default: the owner's URL.
   */
  storyBaseUrl?: string
}

export interface FeedUserOptions {
  /** Without the `@`. */
  username: string
  name?: string
  /** 12 hex characters, used in `?source=rss-<id>------2`. Default: derived from the username. */
  id?: string
  stories: FeedStory[]
}

export interface FeedPublicationOptions {
  slug: string
  name?: string
  description?: string
  /** 12 hex characters, used in `?source=rss----<id>---4`. Default: derived from the slug. */
  id?: string
  /** The publication's URL, e.g. a custom domain. Default `https://medium.com/<slug>`. */
  url?: string
  stories: FeedStory[]
}

export interface RssEmulatorOptions {
  users?: FeedUserOptions[]
  publications?: FeedPublicationOptions[]
  /** `<lastBuildDate>`; default the time of each request. */
  lastBuildDate?: Date
  /** Port to listen on; default 0 (random). */
  port?: number
}

export type RssFault = { html403: true } | { status: number } | { delayMs: number } | { drop: true }

export interface RssRequest {
  method: string
  /** Path and query, e.g. `/feed/@writer`. */
  path: string
  headers: IncomingHttpHeaders
  /** The fault applied to this request, if any. */
  fault?: RssFault
}

export interface RssEmulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly port: number
  readonly requests: RssRequest[]
  /** The feed URL of `@username` or of a publication slug, e.g. `http://127.0.0.1:PORT/feed/@writer`. */
  feedUrl(owner: string): string
  /** Applies `fault` to every later request; `undefined` ends it. */
  setFault(fault: RssFault | undefined): void
  /** Adds a story to `@username` or a publication slug. */
  addStory(owner: string, story: FeedStory): void
  close(): Promise<void>
}

export const MEDIUM_404_HTML = `<!doctype html><html lang="en"><head><title>Medium</title><meta charset="utf-8"></head>
<body><div><h2>PAGE NOT FOUND</h2><h1>404</h1><h3>Out of nothing, something.</h3>
<p>You can find (just about) anything on Medium — apparently even a page that doesn’t exist.</p></div></body></html>
`

const RSS_NAMESPACES = [
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'version="2.0"',
  'xmlns:cc="http://cyber.law.harvard.edu/rss/creativeCommonsRssModule.html"',
]
const RSS_OPEN = `<?xml version="1.0" encoding="UTF-8"?><rss ${RSS_NAMESPACES.join(' ')}>`

function hex12(seed: string): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, 12)
}

function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** A CDATA section holding `text` exactly (a `]]>` inside is split across two sections). */
function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw new Error(`rss-emulator: not a date: ${String(value)}`)
  return date
}

interface Owner {
  kind: 'user' | 'publication'
  /** `@username` or the publication slug. */
  key: string
  name: string
  description: string
  /** The owner's page on Medium, e.g. `https://medium.com/@writer`. */
  url: string
  /** The tracking query Medium appends to every link of this feed. */
  source: string
  imageUrl: string
  stories: FeedStory[]
}

interface Reply {
  status: number
  body: string
  contentType: string
}

function renderItem(owner: Owner, story: FeedStory): string {
  const id = story.id ?? hex12(`${owner.key}/${story.title}`)
  const slug = story.slug ?? slugify(story.title)
  const base = (story.storyBaseUrl ?? owner.url).replace(/\/+$/, '')
  const link = `${base}/${slug ? `${slug}-` : ''}${id}${owner.source}`
  const published = toDate(story.publishedAt)
  const updated = toDate(story.updatedAt ?? story.publishedAt)
  const html = story.contentHtml ?? `<p>${escapeXml(story.title)}: the story.</p>`
  const pixel = `<img src="https://medium.com/_/stat?event=post.clientViewed&referrerSource=full_rss&postId=${id}" width="1" height="1" alt="">`
  const snippet = html.replace(/<[^>]*>/g, '').slice(0, 140)
  const lines = [`            <title>${cdata(story.title)}</title>`]
  if (story.snippetOnly) {
    const anchor = escapeXml(link)
    const snippetHtml = [
      '<div class="medium-feed-item">',
      `<p class="medium-feed-snippet">${snippet}&#x2026;</p>`,
      `<p class="medium-feed-link"><a href="${anchor}">Continue reading on Medium »</a></p>`,
      '</div>',
    ].join('')
    lines.push(`            <description>${cdata(snippetHtml)}</description>`)
  }
  lines.push(`            <link>${escapeXml(link)}</link>`, `            <guid isPermaLink="false">https://medium.com/p/${id}</guid>`)
  for (const tag of story.tags ?? []) lines.push(`            <category>${cdata(tag)}</category>`)
  lines.push(
    `            <dc:creator>${cdata(story.creator ?? owner.name)}</dc:creator>`,
    `            <pubDate>${published.toUTCString()}</pubDate>`,
    `            <atom:updated>${updated.toISOString()}</atom:updated>`,
  )
  if (!story.snippetOnly) lines.push(`            <content:encoded>${cdata(html + pixel)}</content:encoded>`)
  return ['        <item>', ...lines, '        </item>'].join('\n')
}

/** The feed document Medium would serve for this owner: at most 10 stories, newest first. */
function renderMediumFeed(owner: Owner, selfUrl: string, lastBuildDate: Date): string {
  const newest = [...owner.stories]
    .sort((a, b) => toDate(b.publishedAt).getTime() - toDate(a.publishedAt).getTime())
    .slice(0, MEDIUM_FEED_LIMIT)
  const channelLink = `${owner.url}${owner.source}`
  const title = owner.kind === 'user' ? `Stories by ${owner.name} on Medium` : `${owner.name} - Medium`
  const lines = [
    RSS_OPEN,
    '    <channel>',
    `        <title>${cdata(title)}</title>`,
    `        <description>${cdata(owner.description)}</description>`,
    `        <link>${escapeXml(channelLink)}</link>`,
    '        <image>',
    `            <url>${escapeXml(owner.imageUrl)}</url>`,
    `            <title>${escapeXml(title)}</title>`,
    `            <link>${escapeXml(channelLink)}</link>`,
    '        </image>',
    '        <generator>Medium</generator>',
    `        <lastBuildDate>${lastBuildDate.toUTCString()}</lastBuildDate>`,
    `        <atom:link href="${escapeXml(selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `        <webMaster>${cdata('yourfriends@medium.com')}</webMaster>`,
    '        <atom:link href="http://medium.superfeedr.com" rel="hub"/>',
    ...newest.map((story) => renderItem(owner, story)),
    '    </channel>',
    '</rss>',
  ]
  return lines.join('\n')
}

export async function startRssEmulator(options: RssEmulatorOptions = {}): Promise<RssEmulator> {
  const owners = new Map<string, Owner>()
  for (const user of options.users ?? []) {
    const name = user.name ?? user.username
    owners.set(`@${user.username}`, {
      kind: 'user',
      key: `@${user.username}`,
      name,
      description: `Stories by ${name} on Medium`,
      url: `https://medium.com/@${user.username}`,
      source: `?source=rss-${user.id ?? hex12(`user:${user.username}`)}------2`,
      imageUrl: `https://cdn-images-1.medium.com/fit/c/150/150/1*${hex12(`avatar:${user.username}`)}.png`,
      stories: [...user.stories],
    })
  }
  for (const publication of options.publications ?? []) {
    const name = publication.name ?? publication.slug
    owners.set(publication.slug, {
      kind: 'publication',
      key: publication.slug,
      name,
      description: publication.description ?? `${name} on Medium`,
      url: (publication.url ?? `https://medium.com/${publication.slug}`).replace(/\/+$/, ''),
      source: `?source=rss----${publication.id ?? hex12(`publication:${publication.slug}`)}---4`,
      imageUrl: `https://cdn-images-1.medium.com/proxy/1*${hex12(`logo:${publication.slug}`)}.png`,
      stories: [...publication.stories],
    })
  }

  const requests: RssRequest[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let fault: RssFault | undefined

  function feedFor(path: string): Reply {
    const p = path.replace(/[?#].*$/, '').replace(/\/+$/, '')
    let m: RegExpExecArray | null
    let key: string | undefined
    let self: string | undefined
    if ((m = /^\/feed\/(@[^/]+)$/.exec(p))) {
      key = decodeURIComponent(m[1] ?? '')
      self = `https://medium.com/feed/${key}`
    } else if ((m = /^\/(@[^/]+)\/feed$/.exec(p))) {
      key = decodeURIComponent(m[1] ?? '')
      self = `https://medium.com/${key}/feed`
    } else if ((m = /^\/feed\/([^/@][^/]*)$/.exec(p))) {
      key = decodeURIComponent(m[1] ?? '')
      self = `https://medium.com/feed/${key}`
    }
    const owner = key === undefined ? undefined : owners.get(key)
    if (!owner || !self) return { status: 404, body: MEDIUM_404_HTML, contentType: 'text/html; charset=utf-8' }
    return {
      status: 200,
      body: renderMediumFeed(owner, self, options.lastBuildDate ?? new Date()),
      contentType: 'text/xml; charset=utf-8',
    }
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return
    res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body) })
    res.end(reply.body)
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const recorded: RssRequest = { method, path, headers: req.headers }
    requests.push(recorded)
    const applied = fault
    if (applied) recorded.fault = applied
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, { status: 405, body: 'Method Not Allowed', contentType: 'text/plain; charset=utf-8' })
    } else if (!applied) {
      send(res, feedFor(path))
    } else if ('drop' in applied) {
      req.socket.destroy()
    } else if ('html403' in applied) {
      send(res, { status: 403, body: CLOUDFLARE_403_HTML, contentType: 'text/html; charset=UTF-8' })
    } else if ('delayMs' in applied) {
      const reply = feedFor(path)
      const timer = setTimeout(() => {
        timers.delete(timer)
        send(res, reply)
      }, applied.delayMs)
      timers.add(timer)
    } else {
      const body = `<!DOCTYPE html><html><head><title>${applied.status}</title></head><body><h1>Error ${applied.status}</h1></body></html>\n`
      send(res, { status: applied.status, body, contentType: 'text/html; charset=utf-8' })
    }
  }

  const server: Server = createServer(onRequest)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = address && typeof address === 'object' ? address.port : 0
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    requests,
    feedUrl(owner) {
      return `${url}/feed/${owner}`
    },
    setFault(next) {
      fault = next
    },
    addStory(owner, story) {
      const found = owners.get(owner)
      if (!found) throw new Error(`rss-emulator: no user or publication "${owner}"`)
      found.stories.push(story)
    },
    close() {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      return new Promise((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}

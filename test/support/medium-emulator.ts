/**
 * A Medium API emulator for tests: real HTTP on 127.0.0.1, random port.
 *
 * Follows Medium's documented API (github.com/Medium/medium-api-docs): the `{"data": ...}` and
 * `{"errors":[{"message","code"}]}` envelopes, `GET /v1/me`, `POST /v1/users/{authorId}/posts`,
 * `POST /v1/publications/{publicationId}/posts`, `GET /v1/users/{userId}/publications`,
 * `GET /v1/publications/{publicationId}/contributors` and multipart `POST /v1/images`.
 *
 * Error codes. Medium documents HTTP statuses but not its numeric codes; these are the ones seen in
 * the wild (6000, 6003, 6004, 6005, 6007, 1007, with Medium's messages) and a consistent choice for the rest:
 *
 * | status | code | when |
 * |---|---|---|
 * | 401 | 6000 | no `Authorization: Bearer ...` header ("An access token is required.") |
 * | 401 | 6003 | unknown token ("Token was invalid.") |
 * | 401 | 6005 | a user configured with `apiAccess: 'disabled'`, on every route ("Application not found", as Medium answers integration tokens whose API access is off) |
 * | 400 | 2002 | a field has the wrong type or an invalid value (tags as a string, title over 100 characters, body not JSON) |
 * | 400 | 2003 | a required field is missing (title, contentFormat, content; the `image` file) |
 * | 400 | 2008 | an enum field has a value outside its list (contentFormat, publishStatus, license) |
 * | 400 | 6007 | a field Medium does not know ("Unexpected field (x) specified.") |
 * | 400 | 2009 | an image of an unsupported type |
 * | 403 | 2005 | publishing for another user, or into a publication the user may not publish into |
 * | 403 | 2006 | a writer (not editor) of a publication creating a non-draft post |
 * | 403 | 2007 | listing another user's publications |
 * | 403 | 2010 | uploading an image without the uploadImage scope |
 * | 404 | 2004 | unknown publication (contributors) or unknown route |
 * | 429 | 1007 | the daily publishing limit (10 posts a day by default) was reached |
 *
 * Fault injection: `emulator.inject(route, ...faults)` queues faults for a route; each request to
 * that route consumes the next one (FIFO). Routes: `me`, `createPost` (user and publication posts),
 * `uploadImage`, `contributors`, `publications`. A fault is one of:
 *
 * - `{ status: 503 }` (or any status): answer at once with that status and an errors envelope
 *   (`errors` overrides the body); nothing is stored. `MEDIUM_TOKEN_ERRORS` has Medium's own token
 *   errors for it, e.g. `{ status: 401, errors: [MEDIUM_TOKEN_ERRORS.userNotFound] }` (6004).
 * - `{ status: 500, afterStore: true }`: handle the request normally (the post IS stored), then
 *   answer with that status instead of the real answer.
 * - `{ drop: true }`: destroy the socket before handling; nothing is stored, no answer.
 * - `{ dropAfterStore: true }`: handle normally (stored), then destroy the socket without answering.
 * - `{ delayMs: 2000 }`: handle normally (stored), send the real answer that much later.
 * - `{ html403: true }`: a 403 `text/html` page like Cloudflare's bot challenge; nothing stored.
 * - `{ echoToken: true, status?: 400 }`: an error whose message contains the received
 *   `Authorization` header value verbatim (Medium sometimes echoes requests), to prove redaction.
 * - `{ postUrl: 'http://…' }`: handle normally (the post IS stored), and answer with this `url` in
 *   the Post instead of the real one (the stored post has it too): an answer the action must not trust.
 *
 * `stop()` closes the listener (connections are then refused) and `start()` listens again on the
 * same port. All of this is configured from the test process, so it also works while the action
 * runs as a separate process against `emulator.url`.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import busboy from 'busboy'

export const DEFAULT_TOKEN = 'test-token'

export interface MediumUser {
  id: string
  username: string
  name: string
  url: string
  imageUrl: string
}

export const DEFAULT_USER: MediumUser = {
  id: '1f3a5c7e9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f3a5',
  username: 'emulated-writer',
  name: 'Emulated Writer',
  url: 'https://medium.com/@emulated-writer',
  imageUrl: 'https://cdn-images-1.medium.com/fit/c/400/400/1*emulatedAvatar.png',
}

export interface EmulatedUserOptions {
  token: string
  id?: string
  username?: string
  name?: string
  /** Whether the token has the (extended) uploadImage scope. Default true. */
  canUploadImages?: boolean
  /** `disabled`: every request with this token answers 401 code 6005 "Application not found". Default `enabled`. */
  apiAccess?: 'enabled' | 'disabled'
}

export type ContributorRole = 'editor' | 'writer'

export interface EmulatedPublicationOptions {
  /** 12 lowercase hex characters, like Medium's. */
  id: string
  name?: string
  description?: string
  url?: string
  contributors: Array<{ userId: string; role: ContributorRole }>
}

export interface MediumEmulatorOptions {
  /** Known tokens and their users. Default: one user, token `test-token`, see DEFAULT_USER. */
  users?: EmulatedUserOptions[]
  publications?: EmulatedPublicationOptions[]
  /** Posts a user may create per emulated day before 429/1007. Default 10. */
  dailyLimit?: number
  /** Port to listen on; default 0 (random). */
  port?: number
}

export interface MediumErrorItem {
  message: string
  code: number
}

/** Medium's token errors, word for word as its API answers them (seen in SDK and tool issues). */
export const MEDIUM_TOKEN_ERRORS = {
  noToken: { message: 'An access token is required.', code: 6000 },
  invalidToken: { message: 'Token was invalid.', code: 6003 },
  userNotFound: { message: 'User not found', code: 6004 },
  applicationNotFound: { message: 'Application not found', code: 6005 },
} as const satisfies Record<string, MediumErrorItem>

export type MediumRoute = 'me' | 'createPost' | 'uploadImage' | 'contributors' | 'publications'

export type MediumFault =
  | { status: number; errors?: MediumErrorItem[]; afterStore?: boolean }
  | { drop: true }
  | { dropAfterStore: true }
  | { delayMs: number }
  | { html403: true }
  | { echoToken: true; status?: number }
  | { postUrl: string }

export interface RecordedRequest {
  method: string
  /** Path and query, e.g. `/v1/me`. */
  path: string
  headers: IncomingHttpHeaders
  /** The raw body decoded as UTF-8 (multipart bodies too; use `uploads` for image bytes). */
  body: string
  route?: MediumRoute
  /** The fault applied to this request, if any. */
  fault?: MediumFault
}

export interface EmulatedPost {
  id: string
  title: string
  authorId: string
  tags: string[]
  url: string
  canonicalUrl?: string
  publishStatus: 'public' | 'draft' | 'unlisted'
  publishedAt?: number
  license: string
  licenseUrl: string
  publicationId?: string
}

export interface StoredPost {
  /** The Post object as Medium returns it. */
  post: EmulatedPost
  /** The exact request body text received. */
  rawBody: string
  /** The request body as parsed JSON. */
  body: Record<string, unknown>
  authorId: string
  publicationId?: string
  createdAt: number
}

export interface StoredUpload {
  bytes: Buffer
  contentType: string
  filename: string
  md5: string
  url: string
  userId: string
}

export interface MediumEmulator {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:PORT/v1`. */
  readonly url: string
  readonly port: number
  readonly users: readonly MediumUser[]
  readonly posts: StoredPost[]
  readonly uploads: StoredUpload[]
  readonly requests: RecordedRequest[]
  /** Queue faults for the next requests to `route`, consumed in order. */
  inject(route: MediumRoute, ...faults: MediumFault[]): void
  /** Faults still queued for `route`. */
  pendingFaults(route: MediumRoute): readonly MediumFault[]
  /** Start a new emulated day: the daily limits count from zero again. */
  newDay(): void
  /** Forget posts, uploads, requests, queued faults and the day's counts (configuration stays). */
  reset(): void
  /** Stop listening and drop open connections: requests are refused until `start()`. */
  stop(): Promise<void>
  /** Listen again on the same port. */
  start(): Promise<void>
  close(): Promise<void>
}

const LICENSE_URLS: Record<string, string> = {
  'all-rights-reserved': 'https://medium.com/policy/9db0094a1e0f',
  'cc-40-by': 'https://creativecommons.org/licenses/by/4.0/',
  'cc-40-by-sa': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'cc-40-by-nd': 'https://creativecommons.org/licenses/by-nd/4.0/',
  'cc-40-by-nc': 'https://creativecommons.org/licenses/by-nc/4.0/',
  'cc-40-by-nc-nd': 'https://creativecommons.org/licenses/by-nc-nd/4.0/',
  'cc-40-by-nc-sa': 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  'cc-40-zero': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'public-domain': 'https://creativecommons.org/publicdomain/mark/1.0/',
}
const CONTENT_FORMATS = ['html', 'markdown']
const PUBLISH_STATUSES = ['public', 'draft', 'unlisted']
// `publishedAt` is not in Medium's documentation, but Medium accepts it (medium-api-docs#43, #89; ISO 8601 per #66)
// and its Node SDK sends it: a past date shows the post as published then.
const POST_FIELDS = new Set([
  'title',
  'contentFormat',
  'content',
  'tags',
  'canonicalUrl',
  'publishStatus',
  'license',
  'notifyFollowers',
  'publishedAt',
])
const IMAGE_TYPES: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/tiff': 'tiff',
}
const MAX_IMAGE_BYTES = 25 * 1024 * 1024

export const CLOUDFLARE_403_HTML = `<!DOCTYPE html>
<html lang="en-US"><head><title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow"></head>
<body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">medium.com</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
</div></div>
<div class="footer" role="contentinfo">Ray ID: <code>8c0ffee0deadbeef</code> &bull; Performance &amp; security by Cloudflare</div>
</body></html>
`

interface Reply {
  status: number
  body: string
  contentType: string
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), contentType: 'application/json; charset=utf-8' }
}

function errorReply(status: number, errors: MediumErrorItem[]): Reply {
  return json(status, { errors })
}

function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

interface ParsedImage {
  bytes: Buffer
  contentType: string
  filename: string
}

function parseMultipart(headers: IncomingHttpHeaders, body: Buffer): Promise<ParsedImage[]> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers, limits: { fileSize: MAX_IMAGE_BYTES + 1 } })
    } catch {
      reject(new HttpError(400, 2002, 'The request must be multipart/form-data with one file field named "image".'))
      return
    }
    const files: ParsedImage[] = []
    const pending: Promise<void>[] = []
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      pending.push(
        new Promise((done) => {
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            if (name === 'image') {
              files.push({ bytes: Buffer.concat(chunks), contentType: info.mimeType, filename: info.filename ?? '' })
            }
            done()
          })
        }),
      )
    })
    parser.on('error', () => reject(new HttpError(400, 2002, 'The multipart body could not be parsed.')))
    parser.on('close', () => {
      void Promise.all(pending).then(() => resolve(files))
    })
    parser.end(body)
  })
}

export async function startMediumEmulator(options: MediumEmulatorOptions = {}): Promise<MediumEmulator> {
  const userOptions = options.users ?? [{ token: DEFAULT_TOKEN }]
  const usersByToken = new Map<string, { user: MediumUser; canUploadImages: boolean; apiAccess: boolean }>()
  const users: MediumUser[] = userOptions.map((u, i) => {
    const base = i === 0 ? DEFAULT_USER : undefined
    const id = u.id ?? base?.id ?? createHash('sha256').update(u.token).digest('hex').slice(0, 65)
    const username = u.username ?? base?.username ?? `user${i}`
    const user: MediumUser = {
      id,
      username,
      name: u.name ?? base?.name ?? `User ${i}`,
      url: `https://medium.com/@${username}`,
      imageUrl: base?.imageUrl ?? `https://cdn-images-1.medium.com/fit/c/400/400/1*${id.slice(0, 16)}.png`,
    }
    usersByToken.set(u.token, { user, canUploadImages: u.canUploadImages ?? true, apiAccess: u.apiAccess !== 'disabled' })
    return user
  })
  const publications = new Map(
    (options.publications ?? []).map((p) => {
      const name = p.name ?? `Publication ${p.id}`
      return [
        p.id,
        {
          id: p.id,
          name,
          description: p.description ?? `${name} on Medium`,
          url: p.url ?? `https://medium.com/${slugify(name)}`,
          imageUrl: `https://cdn-images-1.medium.com/fit/c/200/200/1*${p.id}.png`,
          contributors: p.contributors,
        },
      ]
    }),
  )
  const dailyLimit = options.dailyLimit ?? 10

  const posts: StoredPost[] = []
  const uploads: StoredUpload[] = []
  const requests: RecordedRequest[] = []
  const faults = new Map<MediumRoute, MediumFault[]>()
  const postsToday = new Map<string, number>()
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()

  function authenticate(headers: IncomingHttpHeaders): { user: MediumUser; canUploadImages: boolean } {
    const fail = ({ message, code }: MediumErrorItem) => new HttpError(401, code, message)
    const header = headers.authorization
    if (!header) throw fail(MEDIUM_TOKEN_ERRORS.noToken)
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    const found = match?.[1] ? usersByToken.get(match[1]) : undefined
    if (!found) throw fail(MEDIUM_TOKEN_ERRORS.invalidToken)
    if (!found.apiAccess) throw fail(MEDIUM_TOKEN_ERRORS.applicationNotFound)
    return found
  }

  function validatePost(raw: string): Record<string, unknown> {
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      throw new HttpError(400, 2002, 'The request body must be a JSON object.')
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 2002, 'The request body must be a JSON object.')
    }
    const fields = body as Record<string, unknown>
    for (const key of Object.keys(fields)) {
      if (!POST_FIELDS.has(key)) throw new HttpError(400, 6007, `Unexpected field (${key}) specified.`)
    }
    for (const key of ['title', 'contentFormat', 'content']) {
      if (fields[key] === undefined || fields[key] === null) {
        throw new HttpError(400, 2003, `Missing required field: ${key}.`)
      }
    }
    for (const key of ['title', 'contentFormat', 'content', 'canonicalUrl', 'publishStatus', 'license']) {
      if (fields[key] !== undefined && typeof fields[key] !== 'string') {
        throw new HttpError(400, 2002, `Invalid type for field ${key}: expected string, got ${typeName(fields[key])}.`)
      }
    }
    const title = fields.title as string
    if (title.trim() === '') throw new HttpError(400, 2003, 'Missing required field: title.')
    if (title.length > 100) throw new HttpError(400, 2002, 'Title must be 100 characters or fewer.')
    if ((fields.content as string).trim() === '') throw new HttpError(400, 2003, 'Missing required field: content.')
    if (!CONTENT_FORMATS.includes(fields.contentFormat as string)) {
      throw new HttpError(400, 2008, `Invalid value for contentFormat: ${String(fields.contentFormat)}.`)
    }
    if (fields.publishStatus !== undefined && !PUBLISH_STATUSES.includes(fields.publishStatus as string)) {
      throw new HttpError(400, 2008, `Invalid value for publishStatus: ${String(fields.publishStatus)}.`)
    }
    if (fields.license !== undefined && !(String(fields.license) in LICENSE_URLS)) {
      throw new HttpError(400, 2008, `Invalid value for license: ${String(fields.license)}.`)
    }
    if (fields.tags !== undefined) {
      if (!Array.isArray(fields.tags) || fields.tags.some((t) => typeof t !== 'string')) {
        throw new HttpError(400, 2002, `Invalid type for field tags: expected array of strings, got ${typeName(fields.tags)}.`)
      }
    }
    if (fields.notifyFollowers !== undefined && typeof fields.notifyFollowers !== 'boolean') {
      throw new HttpError(400, 2002, `Invalid type for field notifyFollowers: expected boolean, got ${typeName(fields.notifyFollowers)}.`)
    }
    if (fields.publishedAt !== undefined && (typeof fields.publishedAt !== 'string' || Number.isNaN(Date.parse(fields.publishedAt)))) {
      throw new HttpError(400, 2002, `Invalid value for field publishedAt: expected an ISO 8601 date, got ${typeName(fields.publishedAt)}.`)
    }
    return fields
  }

  function createPost(user: MediumUser, raw: string, publicationId?: string): Reply {
    const fields = validatePost(raw)
    const publishStatus = (fields.publishStatus as EmulatedPost['publishStatus'] | undefined) ?? 'public'
    if (publicationId !== undefined) {
      const role = publications.get(publicationId)?.contributors.find((c) => c.userId === user.id)?.role
      if (!role) throw new HttpError(403, 2005, 'You do not have permission to publish in this publication.')
      if (role === 'writer' && publishStatus !== 'draft') {
        throw new HttpError(403, 2006, 'Writers may only create draft posts in this publication.')
      }
    }
    const count = postsToday.get(user.id) ?? 0
    if (count >= dailyLimit) {
      throw new HttpError(429, 1007, 'You have reached the rate limit for publishing today.')
    }
    postsToday.set(user.id, count + 1)
    const id = randomBytes(6).toString('hex')
    const title = fields.title as string
    const slug = slugify(title)
    const base =
      publicationId !== undefined && publishStatus !== 'draft'
        ? (publications.get(publicationId)?.url ?? user.url)
        : `https://medium.com/@${user.username}`
    const url = publishStatus === 'draft' ? `https://medium.com/@${user.username}/${id}` : `${base}/${slug ? `${slug}-` : ''}${id}`
    const license = (fields.license as string | undefined) ?? 'all-rights-reserved'
    const tags = ((fields.tags as string[] | undefined) ?? []).filter((t) => t.length <= 25).slice(0, 3)
    const post: EmulatedPost = {
      id,
      title,
      authorId: user.id,
      tags,
      url,
      ...(typeof fields.canonicalUrl === 'string' ? { canonicalUrl: fields.canonicalUrl } : {}),
      publishStatus,
      ...(publishStatus === 'draft'
        ? {}
        : { publishedAt: typeof fields.publishedAt === 'string' ? Date.parse(fields.publishedAt) : Date.now() }),
      license,
      licenseUrl: LICENSE_URLS[license] ?? '',
      ...(publicationId !== undefined ? { publicationId } : {}),
    }
    posts.push({
      post,
      rawBody: raw,
      body: fields,
      authorId: user.id,
      ...(publicationId !== undefined ? { publicationId } : {}),
      createdAt: Date.now(),
    })
    return json(201, { data: post })
  }

  async function uploadImage(user: MediumUser, canUpload: boolean, headers: IncomingHttpHeaders, body: Buffer): Promise<Reply> {
    if (!canUpload) throw new HttpError(403, 2010, 'Token does not have the uploadImage scope.')
    if (!/^multipart\/form-data/i.test(headers['content-type'] ?? '')) {
      throw new HttpError(400, 2002, 'The request must be multipart/form-data with one file field named "image".')
    }
    const files = await parseMultipart(headers, body)
    const image = files[0]
    if (!image) throw new HttpError(400, 2003, 'Missing required field: image.')
    if (files.length > 1) throw new HttpError(400, 2002, 'Only one image may be sent per request.')
    const ext = IMAGE_TYPES[image.contentType.toLowerCase()]
    if (!ext) {
      throw new HttpError(400, 2009, `Unsupported image type: ${image.contentType}. Use image/jpeg, image/png, image/gif or image/tiff.`)
    }
    if (image.bytes.length > MAX_IMAGE_BYTES) throw new HttpError(400, 2002, 'The image is too large.')
    const md5 = createHash('md5').update(image.bytes).digest('base64url')
    const url = `https://cdn-images-1.medium.com/proxy/1*${md5}.${ext}`
    uploads.push({ ...image, md5, url, userId: user.id })
    return json(201, { data: { url, md5 } })
  }

  async function handle(route: MediumRoute, params: string[], req: IncomingMessage, body: Buffer): Promise<Reply> {
    const { user, canUploadImages } = authenticate(req.headers)
    switch (route) {
      case 'me':
        return json(200, { data: user })
      case 'createPost': {
        const [kind, id] = params
        if (kind === 'users' && id !== user.id) {
          throw new HttpError(403, 2005, 'You do not have permission to publish for this user.')
        }
        return createPost(user, body.toString('utf8'), kind === 'publications' ? id : undefined)
      }
      case 'publications': {
        if (params[0] !== user.id) {
          throw new HttpError(403, 2007, "You may not list another user's publications.")
        }
        const list = [...publications.values()]
          .filter((p) => p.contributors.some((c) => c.userId === user.id))
          .map(({ id, name, description, url, imageUrl }) => ({ id, name, description, url, imageUrl }))
        return json(200, { data: list })
      }
      case 'contributors': {
        const publication = publications.get(params[0] ?? '')
        if (!publication) throw new HttpError(404, 2004, 'Publication not found.')
        return json(200, {
          data: publication.contributors.map((c) => ({ publicationId: publication.id, userId: c.userId, role: c.role })),
        })
      }
      case 'uploadImage':
        return uploadImage(user, canUploadImages, req.headers, body)
    }
  }

  function route(method: string, path: string): { route: MediumRoute; params: string[] } | undefined {
    const p = path.replace(/\?.*$/, '').replace(/\/+$/, '')
    let m: RegExpExecArray | null
    if (method === 'GET' && p === '/v1/me') return { route: 'me', params: [] }
    if (method === 'POST' && (m = /^\/v1\/(users|publications)\/([^/]+)\/posts$/.exec(p))) {
      return { route: 'createPost', params: [m[1] ?? '', decodeURIComponent(m[2] ?? '')] }
    }
    if (method === 'GET' && (m = /^\/v1\/users\/([^/]+)\/publications$/.exec(p))) {
      return { route: 'publications', params: [decodeURIComponent(m[1] ?? '')] }
    }
    if (method === 'GET' && (m = /^\/v1\/publications\/([^/]+)\/contributors$/.exec(p))) {
      return { route: 'contributors', params: [decodeURIComponent(m[1] ?? '')] }
    }
    if (method === 'POST' && p === '/v1/images') return { route: 'uploadImage', params: [] }
    return undefined
  }

  async function run(route: MediumRoute, params: string[], req: IncomingMessage, body: Buffer): Promise<Reply> {
    try {
      return await handle(route, params, req, body)
    } catch (e) {
      if (e instanceof HttpError) return errorReply(e.status, [{ message: e.message, code: e.code }])
      return errorReply(500, [{ message: 'Internal error.', code: -1 }])
    }
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType,
      'Content-Length': Buffer.byteLength(reply.body),
    })
    res.end(reply.body)
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const matched = route(method, path)
    const recorded: RecordedRequest = { method, path, headers: req.headers, body: body.toString('utf8') }
    requests.push(recorded)
    if (!matched) {
      send(res, errorReply(404, [{ message: `No route for ${method} ${path.replace(/\?.*$/, '')}.`, code: 2004 }]))
      return
    }
    recorded.route = matched.route
    const fault = faults.get(matched.route)?.shift()
    if (!fault) {
      send(res, await run(matched.route, matched.params, req, body))
      return
    }
    recorded.fault = fault
    if ('drop' in fault) {
      req.socket.destroy()
    } else if ('dropAfterStore' in fault) {
      await run(matched.route, matched.params, req, body)
      req.socket.destroy()
    } else if ('delayMs' in fault) {
      const reply = await run(matched.route, matched.params, req, body)
      const timer = setTimeout(() => {
        timers.delete(timer)
        send(res, reply)
      }, fault.delayMs)
      timers.add(timer)
    } else if ('html403' in fault) {
      send(res, { status: 403, body: CLOUDFLARE_403_HTML, contentType: 'text/html; charset=UTF-8' })
    } else if ('postUrl' in fault) {
      send(res, withPostUrl(await run(matched.route, matched.params, req, body), fault.postUrl))
    } else if ('echoToken' in fault) {
      const received = req.headers.authorization ?? '(none)'
      send(res, errorReply(fault.status ?? 400, [{ message: `Invalid request with Authorization: ${received}`, code: 2002 }]))
    } else {
      if (fault.afterStore) await run(matched.route, matched.params, req, body)
      const errors = fault.errors ?? [{ message: `Emulated failure (${fault.status}).`, code: -1 }]
      send(res, errorReply(fault.status, errors))
    }
  }

  /** A created post's answer (and the stored post) with another `url`; any other answer unchanged. */
  function withPostUrl(reply: Reply, url: string): Reply {
    if (reply.status !== 201) return reply
    const { data } = JSON.parse(reply.body) as { data: EmulatedPost }
    const stored = posts.find((p) => p.post.id === data.id)
    if (stored) stored.post.url = url
    return json(201, { data: { ...data, url } })
  }

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) send(res, errorReply(500, [{ message: 'Internal error.', code: -1 }]))
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  let port = options.port ?? 0
  let listening = false

  function listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        const address = server.address()
        if (address && typeof address === 'object') port = address.port
        listening = true
        resolve()
      })
    })
  }

  function stop(): Promise<void> {
    for (const timer of timers) clearTimeout(timer)
    timers.clear()
    if (!listening) return Promise.resolve()
    listening = false
    return new Promise((resolve) => {
      // After the last connection closes, give in-process clients a moment to notice their pooled
      // keep-alive sockets are gone, so the next request is refused rather than sent on a dead socket.
      server.close(() => setTimeout(resolve, 20))
      for (const socket of sockets) socket.destroy()
    })
  }

  await listen()

  return {
    get url() {
      return `http://127.0.0.1:${port}/v1`
    },
    get port() {
      return port
    },
    users,
    posts,
    uploads,
    requests,
    inject(route, ...list) {
      const queue = faults.get(route) ?? []
      queue.push(...list)
      faults.set(route, queue)
    },
    pendingFaults(route) {
      return [...(faults.get(route) ?? [])]
    },
    newDay() {
      postsToday.clear()
    },
    reset() {
      posts.length = 0
      uploads.length = 0
      requests.length = 0
      faults.clear()
      postsToday.clear()
    },
    stop,
    start: listen,
    close: stop,
  }
}

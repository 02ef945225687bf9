/**
 * The Medium API client the action uses: `GET /me`, create a post, upload an image, list a
 * publication's contributors.
 *
 * Every failure is a MediumApiError whose `kind` tells the failure rules what may be retried:
 * only `refused` (nothing was sent) is retried, with exponential backoff. A create-post request
 * whose outcome is `unknown` (timeout, dropped connection, 5xx) is never retried: it may have
 * created the post. The idempotent requests (me, contributors) and image uploads (a duplicate
 * upload is harmless) also retry `unknown`.
 *
 * The token never reaches an error message: text taken from Medium's answers is scrubbed of it
 * (and of any `Bearer ...`) and truncated.
 */
import { MediumApiError } from '../errors.js'
import { checkMediumApiUrl } from './api-url.js'
import type { MediumErrorKind } from '../errors.js'
import type { CreatePostFields, ImageUpload, MediumContributor, MediumImage, MediumPost, MediumUser, PostTarget } from './types.js'
import { redact } from '../redact.js'

export { checkMediumApiUrl } from './api-url.js'

export interface MediumClientOptions {
  /** e.g. `https://api.medium.com/v1`; https unless the host is loopback. */
  baseUrl: string
  token: string
  fetch?: typeof globalThis.fetch
  /** Per attempt, from sending the request to reading the whole answer. Default 30000. */
  timeoutMs?: number
  /** `attempts` counts the first try: 3 means at most 2 retries. Delays: baseDelayMs, 2×, 4×... */
  retries?: { attempts: number; baseDelayMs: number }
  sleep?: (ms: number) => Promise<void>
  userAgent?: string
  /** Receives one line per retry (for `core.debug`); never holds the token. */
  debug?: (message: string) => void
}

export interface MediumClient {
  me(): Promise<MediumUser>
  createPost(target: PostTarget, fields: CreatePostFields): Promise<MediumPost>
  uploadImage(image: ImageUpload): Promise<MediumImage>
  contributors(publicationId: string): Promise<MediumContributor[]>
}

export const DEFAULT_USER_AGENT = 'medium-publish-action (+https://github.com/features/actions)'
const EXCERPT_CHARS = 300
const TOKEN_HELP =
  'Create a new one in Medium → Settings → Security and apps → Integration tokens, and store it in the repository secret passed as medium-token.'

/** Error codes of a connection that never carried the request: retrying cannot publish twice. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

/** Removes the token (raw, URL-encoded, JSON-escaped) and any `Bearer <value>` from text. */
export function redactToken(text: string, token: string): string {
  return redact(text, [token])
}

function truncate(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/** Every `code` found on an error and its causes (undici nests them; AggregateError holds several). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return []
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown }
  const codes: string[] = typeof e.code === 'string' ? [e.code] : []
  codes.push(...errorCodes(e.cause, depth + 1))
  if (Array.isArray(e.errors)) for (const inner of e.errors) codes.push(...errorCodes(inner, depth + 1))
  return codes
}

interface MediumErrorBody {
  message?: string
  code?: number
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function firstError(body: unknown): MediumErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const errors = (body as { errors?: unknown }).errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  const first = errors[0] as { message?: unknown; code?: unknown }
  return {
    ...(typeof first.message === 'string' ? { message: first.message } : {}),
    ...(typeof first.code === 'number' ? { code: first.code } : {}),
  }
}

interface Operation {
  method: 'GET' | 'POST'
  /** Path under the base URL, e.g. `/me`. */
  path: string
  body?: string | FormData
  /** Whether an `unknown` outcome may be retried (never for creating a post). */
  retryUnknown: boolean
}

export function createMediumClient(options: MediumClientOptions): MediumClient {
  const baseUrl = checkMediumApiUrl(options.baseUrl)
  const { token } = options
  const fetchImpl = options.fetch ?? globalThis.fetch
  const timeoutMs = options.timeoutMs ?? 30_000
  const attempts = Math.max(1, options.retries?.attempts ?? 3)
  const baseDelayMs = options.retries?.baseDelayMs ?? 500
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT
  const debug = options.debug ?? (() => {})
  const host = new URL(baseUrl).host

  const fail = (kind: MediumErrorKind, message: string, details: { status?: number; code?: number } = {}) =>
    new MediumApiError(kind, redactToken(message, token), details)

  /** What Medium said, quoted and scrubbed, for a message: `: "Token was invalid." (code 6003)`. */
  function said(status: number, contentType: string, text: string, json: unknown): string {
    const error = firstError(json)
    if (error?.message !== undefined) {
      const code = error.code !== undefined ? ` (code ${error.code})` : ''
      return `, Medium said: "${truncate(redactToken(error.message, token))}"${code}`
    }
    if (/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text)) return ', with an HTML page'
    if (text.trim() === '') return status >= 200 && status < 300 ? ', with an empty body' : ''
    return `, with "${truncate(redactToken(text, token))}"`
  }

  function transportError(op: Operation, error: unknown, timedOut: boolean): MediumApiError {
    const what = `${op.method} ${op.path} to ${host}`
    if (timedOut) {
      return fail('unknown', `${what}: no complete answer within ${timeoutMs} ms; Medium may have received the request`)
    }
    const codes = errorCodes(error)
    if (codes.length > 0 && codes.every((c) => NOTHING_SENT.has(c))) {
      return fail('refused', `${what}: could not connect (${[...new Set(codes)].join(', ')}); nothing was sent`)
    }
    const reason = codes.length > 0 ? [...new Set(codes)].join(', ') : error instanceof Error ? error.message : String(error)
    return fail('unknown', `${what}: the connection failed (${reason}); Medium may have received the request`)
  }

  function answerError(op: Operation, res: Response, text: string, json: unknown): MediumApiError {
    const { status } = res
    const contentType = res.headers.get('content-type') ?? ''
    const code = firstError(json)?.code
    const details = { status, ...(code !== undefined ? { code } : {}) }
    const what = `${op.method} ${op.path}`
    const quote = said(status, contentType, text, json)
    const isJson = json !== undefined
    if (status === 401) {
      return fail(
        'unauthorized',
        `Medium refused the integration token (401 on ${what}${quote}): the token is invalid or has been revoked. ${TOKEN_HELP}`,
        details,
      )
    }
    if (status === 403 && !isJson && (/html/i.test(contentType) || /^\s*</.test(text))) {
      return fail(
        'blocked',
        `Medium answered ${what} with 403 and an HTML page instead of JSON: Medium's bot protection blocked this runner. Try again later, or run the job on another runner (e.g. a self-hosted one).`,
        details,
      )
    }
    if (status === 403) {
      return fail(
        'forbidden',
        `Medium refused ${what} (403${quote}): the token's user may not do this. Check that the token belongs to the account you publish as and, with publication-id, that this account is a writer or editor of that publication.`,
        details,
      )
    }
    if (status === 429) {
      return fail(
        'rate-limited',
        `Medium's publishing limit was reached (429 on ${what}${quote}); Medium allows about 10 posts a day.`,
        details,
      )
    }
    if (status >= 500) {
      return fail('unknown', `Medium answered ${what} with ${status}${quote}; Medium may have processed the request`, details)
    }
    if (status >= 300 && status < 400) {
      const location = res.headers.get('location')
      return fail(
        'rejected',
        `Medium answered ${what} with a redirect (${status}${location ? ` to "${truncate(location)}"` : ''}): check the medium-api-url input.`,
        details,
      )
    }
    return fail('rejected', `Medium rejected ${what} (${status}${quote}).`, details)
  }

  async function once(op: Operation): Promise<unknown> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'Accept-Charset': 'utf-8',
      'User-Agent': userAgent,
    }
    // FormData sets its own multipart Content-Type with the boundary.
    if (!(op.body instanceof FormData)) headers['Content-Type'] = 'application/json'
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    let res: Response
    let text: string
    try {
      res = await fetchImpl(`${baseUrl}${op.path}`, {
        method: op.method,
        headers,
        ...(op.body !== undefined ? { body: op.body } : {}),
        signal: controller.signal,
        redirect: 'manual',
      })
      text = await res.text()
    } catch (error) {
      throw transportError(op, error, timedOut)
    } finally {
      clearTimeout(timer)
    }
    const json = parseJson(text)
    if (res.status < 200 || res.status >= 300) throw answerError(op, res, text, json)
    const data = typeof json === 'object' && json !== null ? (json as { data?: unknown }).data : undefined
    if (data === undefined) {
      throw fail(
        'unknown',
        `Medium answered ${op.method} ${op.path} with ${res.status} but no {"data": ...} envelope${said(res.status, res.headers.get('content-type') ?? '', text, json)}; the request may have been processed`,
        { status: res.status },
      )
    }
    return data
  }

  async function request(op: Operation): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(op)
      } catch (error) {
        if (!(error instanceof MediumApiError)) throw error
        const retryable = error.kind === 'refused' || (op.retryUnknown && error.kind === 'unknown')
        if (!retryable || attempt >= attempts) {
          if (attempt === 1) throw error
          throw new MediumApiError(error.kind, `${error.message} (after ${attempt} attempts)`, {
            ...(error.status !== undefined ? { status: error.status } : {}),
            ...(error.code !== undefined ? { code: error.code } : {}),
          })
        }
        const delay = baseDelayMs * 2 ** (attempt - 1)
        debug(`${error.message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`)
        await sleep(delay)
      }
    }
  }

  function unexpected(op: Operation, kind: MediumErrorKind, what: string): MediumApiError {
    return fail(kind, `Medium answered ${op.method} ${op.path} with ${what}`)
  }

  function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  }

  return {
    async me() {
      const op: Operation = { method: 'GET', path: '/me', retryUnknown: true }
      const data = await request(op)
      if (!isRecord(data) || typeof data.id !== 'string' || typeof data.username !== 'string') {
        throw unexpected(op, 'unknown', 'a user without an id or username')
      }
      return data as unknown as MediumUser
    },

    async createPost(target, fields) {
      const path =
        'publicationId' in target
          ? `/publications/${encodeURIComponent(target.publicationId)}/posts`
          : `/users/${encodeURIComponent(target.userId)}/posts`
      const op: Operation = { method: 'POST', path, body: JSON.stringify(fields), retryUnknown: false }
      const data = await request(op)
      if (!isRecord(data) || typeof data.id !== 'string' || typeof data.url !== 'string') {
        // A 2xx that we cannot read may still have created the post.
        throw unexpected(op, 'unknown', 'a post without an id or url; the post may have been created')
      }
      return data as unknown as MediumPost
    },

    async uploadImage({ bytes, contentType, filename }) {
      const form = new FormData()
      form.append('image', new Blob([bytes], { type: contentType }), filename)
      const op: Operation = { method: 'POST', path: '/images', body: form, retryUnknown: true }
      const data = await request(op)
      if (!isRecord(data) || typeof data.url !== 'string') throw unexpected(op, 'unknown', 'an image without a url')
      return { url: data.url, md5: typeof data.md5 === 'string' ? data.md5 : '' }
    },

    async contributors(publicationId) {
      const op: Operation = {
        method: 'GET',
        path: `/publications/${encodeURIComponent(publicationId)}/contributors`,
        retryUnknown: true,
      }
      const data = await request(op)
      if (!Array.isArray(data)) throw unexpected(op, 'unknown', 'contributors that are not a list')
      return data as MediumContributor[]
    },
  }
}

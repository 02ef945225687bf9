/**
 * The Medium API client the action uses: `GET /me`, create a post, upload an image, list a
 * publication's contributors, list a user's publications (`medium-publish doctor`).
 *
 * Every failure is a MediumApiError whose `kind` tells the failure rules what may be retried:
 * only `refused` (nothing was sent) is retried, with exponential backoff. A create-post request
 * whose outcome is `unknown` (timeout, dropped connection, 5xx) is never retried: it may have
 * created the post. The idempotent requests (me, contributors, publications) and image uploads (a duplicate
 * upload is harmless) also retry `unknown`.
 *
 * The token never reaches an error message: text taken from Medium's answers is scrubbed of it
 * (and of any `Bearer ...`) and truncated.
 */
import { mediumError } from './answers.js'
import { checkMediumApiUrl } from './api-url.js'
import { exchangeOf, request, type HttpSettings, type Operation } from './http.js'
import type {
  CreatePostFields,
  ImageUpload,
  MediumContributor,
  MediumImage,
  MediumPost,
  MediumPublication,
  MediumUser,
  PostTarget,
} from './types.js'
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
  /** The publications the user subscribes to, writes for or edits. */
  publications(userId: string): Promise<MediumPublication[]>
}

export const DEFAULT_USER_AGENT = 'medium-publish-action (+https://github.com/features/actions)'

/** Removes the token (raw, URL-encoded, JSON-escaped) and any `Bearer <value>` from text. */
export function redactToken(text: string, token: string): string {
  return redact(text, [token])
}

export function createMediumClient(options: MediumClientOptions): MediumClient {
  const http: HttpSettings = {
    baseUrl: checkMediumApiUrl(options.baseUrl),
    token: options.token,
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    attempts: Math.max(1, options.retries?.attempts ?? 3),
    baseDelayMs: options.retries?.baseDelayMs ?? 500,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    debug: options.debug ?? (() => {}),
  }
  const unexpected = (op: Operation, what: string) =>
    mediumError(exchangeOf(http, op), 'unknown', `Medium answered ${op.method} ${op.path} with ${what}`)
  return {
    async me() {
      const op: Operation = { method: 'GET', path: '/me', retryUnknown: true }
      const data = await request(http, op)
      if (!isRecord(data) || typeof data.id !== 'string' || typeof data.username !== 'string')
        throw unexpected(op, 'a user without an id or username')
      return data as unknown as MediumUser
    },
    async createPost(target, fields) {
      const owner =
        'publicationId' in target
          ? `publications/${encodeURIComponent(target.publicationId)}`
          : `users/${encodeURIComponent(target.userId)}`
      const op: Operation = { method: 'POST', path: `/${owner}/posts`, body: JSON.stringify(fields), retryUnknown: false }
      const data = await request(http, op)
      // A 2xx that we cannot read may still have created the post: an unknown outcome (failure rule 4), as is a URL
      // that is not https or has whitespace (failure rule 11: it is never used or printed as it is).
      if (!isRecord(data) || typeof data.id !== 'string' || typeof data.url !== 'string') {
        throw unexpected(op, 'a post without an id or url; the post may have been created')
      }
      if (!isSafePostUrl(data.url))
        throw unexpected(op, 'a post URL that is not an https:// URL without spaces; the post may have been created')
      return data as unknown as MediumPost
    },
    async uploadImage({ bytes, contentType, filename }) {
      const form = new FormData()
      form.append('image', new Blob([bytes], { type: contentType }), filename)
      const op: Operation = { method: 'POST', path: '/images', body: form, retryUnknown: true }
      const data = await request(http, op)
      if (!isRecord(data) || typeof data.url !== 'string') throw unexpected(op, 'an image without a url')
      return { url: data.url, md5: typeof data.md5 === 'string' ? data.md5 : '' }
    },
    async contributors(publicationId) {
      const op: Operation = { method: 'GET', path: `/publications/${encodeURIComponent(publicationId)}/contributors`, retryUnknown: true }
      const data = await request(http, op)
      if (!Array.isArray(data)) throw unexpected(op, 'contributors that are not a list')
      return data as MediumContributor[]
    },
    async publications(userId) {
      const op: Operation = { method: 'GET', path: `/users/${encodeURIComponent(userId)}/publications`, retryUnknown: true }
      const data = await request(http, op)
      if (!Array.isArray(data) || !data.every((p) => isRecord(p) && typeof p.id === 'string' && typeof p.name === 'string'))
        throw unexpected(op, 'publications that are not a list of publications with an id and a name')
      return data as MediumPublication[]
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An https URL with no whitespace or control character: what a post URL from Medium must be before it is written anywhere. */
export function isSafePostUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what a URL must not have
  if (!/^https:\/\/[^\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/.test(url)) return false
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

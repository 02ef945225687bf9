/**
 * One request to Medium's API, and the retry rule around it: only `refused` (nothing was sent) is
 * retried, with exponential backoff; an `unknown` outcome only when the operation allows it (never for
 * creating a post: it may have created it).
 */
import { MediumApiError } from '../errors.js'
import { answerError, mediumError, parseJson, said, transportError, type Exchange } from './answers.js'

export interface HttpSettings {
  baseUrl: string
  token: string
  fetch: typeof globalThis.fetch
  /** Per attempt, from sending the request to reading the whole answer. */
  timeoutMs: number
  /** Counts the first try: 3 means at most 2 retries. */
  attempts: number
  baseDelayMs: number
  sleep: (ms: number) => Promise<void>
  userAgent: string
  debug: (message: string) => void
}

export interface Operation {
  method: 'GET' | 'POST'
  /** Path under the base URL, e.g. `/me`. */
  path: string
  body?: string | FormData
  /** Whether an `unknown` outcome may be retried (never for creating a post). */
  retryUnknown: boolean
}

export function exchangeOf(http: HttpSettings, op: Operation): Exchange {
  return { method: op.method, path: op.path, host: new URL(http.baseUrl).host, token: http.token }
}

/** The operation's `data`, retried by the rule above; a MediumApiError otherwise. */
export async function request(http: HttpSettings, op: Operation): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(http, op)
    } catch (error) {
      if (!(error instanceof MediumApiError)) throw error
      const retryable = error.kind === 'refused' || (op.retryUnknown && error.kind === 'unknown')
      if (!retryable || attempt >= http.attempts) {
        if (attempt === 1) throw error
        throw new MediumApiError(error.kind, `${error.message} (after ${attempt} attempts)`, {
          ...(error.status !== undefined ? { status: error.status } : {}),
          ...(error.code !== undefined ? { code: error.code } : {}),
        })
      }
      const delay = http.baseDelayMs * 2 ** (attempt - 1)
      http.debug(`${error.message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${http.attempts})`)
      await http.sleep(delay)
    }
  }
}

async function once(http: HttpSettings, op: Operation): Promise<unknown> {
  const exchange = exchangeOf(http, op)
  const headers: Record<string, string> = {
    Authorization: `Bearer ${http.token}`,
    Accept: 'application/json',
    'Accept-Charset': 'utf-8',
    'User-Agent': http.userAgent,
  }
  // FormData sets its own multipart Content-Type with the boundary.
  if (!(op.body instanceof FormData)) headers['Content-Type'] = 'application/json'
  const controller = new AbortController()
  let timedOut: number | undefined
  const timer = setTimeout(() => {
    timedOut = http.timeoutMs
    controller.abort()
  }, http.timeoutMs)
  let res: Response
  let text: string
  try {
    const body = op.body !== undefined ? { body: op.body } : {}
    res = await http.fetch(`${http.baseUrl}${op.path}`, {
      method: op.method,
      headers,
      ...body,
      signal: controller.signal,
      redirect: 'manual',
    })
    text = await res.text()
  } catch (error) {
    throw transportError(exchange, error, timedOut)
  } finally {
    clearTimeout(timer)
  }
  const json = parseJson(text)
  if (res.status < 200 || res.status >= 300) throw answerError(exchange, res, text, json)
  const data = typeof json === 'object' && json !== null ? (json as { data?: unknown }).data : undefined
  if (data !== undefined) return data
  const quote = said(exchange, res.status, res.headers.get('content-type') ?? '', text, json)
  throw mediumError(
    exchange,
    'unknown',
    `Medium answered ${op.method} ${op.path} with ${res.status} but no {"data": ...} envelope${quote}; the request may have been processed`,
    {
      status: res.status,
    },
  )
}

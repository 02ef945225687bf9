/**
 * What Medium's answers mean, in the user's words: each failure becomes a MediumApiError whose `kind`
 * drives the failure rules and whose message says what happened and what to do. Medium's own text is
 * quoted scrubbed of the token and truncated.
 */
import { MediumApiError, type MediumErrorKind } from '../errors.js'
import { redact } from '../redact.js'

const EXCERPT_CHARS = 300
const NEW_TOKEN =
  'Create a new one in Medium → Settings → Security and apps → Integration tokens, and store it in the repository secret passed as medium-token.'
const BLOCKED =
  "Medium's bot protection blocked this runner. Nothing was published. Re-run the job later, or run it on a self-hosted runner: hosted runners share IP addresses that Medium sometimes blocks."

/** Medium's error codes, as its API answers them, and what each means for the user. */
export const MEDIUM_ERROR_CODES: Readonly<Record<number, string>> = {
  6000: 'no token reached Medium: check that the medium-token input is set from the secret',
  6003: `the token is invalid or has been revoked. ${NEW_TOKEN}`,
  6004: 'Medium found no user for this token (the account may be deleted or suspended). Check the token in Medium → Settings → Security and apps',
  6005: 'Medium answered "Application not found": API access is disabled for this account or token (seen with integration tokens since 2019, again in 2025). Medium stopped supporting its API in 2023; ask Medium\'s support (help.medium.com) to enable API access for your integration token',
  1007: "Medium's daily publishing limit (about 10 posts in 24 hours; the window starts at the first post, it does not reset at a fixed hour)",
}

/** Error codes of a connection that never carried the request: retrying cannot publish twice. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

export interface Exchange {
  method: string
  path: string
  host: string
  token: string
}

export function mediumError(exchange: Exchange, kind: MediumErrorKind, message: string, details: { status?: number; code?: number } = {}) {
  return new MediumApiError(kind, redact(message, [exchange.token]), details)
}

export function truncate(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Medium's `{"errors":[{"message","code"}]}`, first entry. */
export function firstError(body: unknown): { message?: string; code?: number } | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const errors = (body as { errors?: unknown }).errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  const first = errors[0] as { message?: unknown; code?: unknown }
  return {
    ...(typeof first.message === 'string' ? { message: first.message } : {}),
    ...(typeof first.code === 'number' ? { code: first.code } : {}),
  }
}

/** What Medium said, quoted and scrubbed, for a message: `, Medium said: "Token was invalid." (code 6003)`. */
export function said(exchange: Exchange, status: number, contentType: string, text: string, json: unknown): string {
  const error = firstError(json)
  if (error?.message !== undefined) {
    const code = error.code !== undefined ? ` (code ${error.code})` : ''
    return `, Medium said: "${truncate(redact(error.message, [exchange.token]))}"${code}`
  }
  if (/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text)) return ', with an HTML page'
  if (text.trim() === '') return status >= 200 && status < 300 ? ', with an empty body' : ''
  return `, with "${truncate(redact(text, [exchange.token]))}"`
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

/** A request that got no answer: `refused` when it certainly never left, else `unknown`. */
export function transportError(exchange: Exchange, error: unknown, timedOut: number | undefined): MediumApiError {
  const what = `${exchange.method} ${exchange.path} to ${exchange.host}`
  if (timedOut !== undefined)
    return mediumError(exchange, 'unknown', `${what}: no complete answer within ${timedOut} ms; Medium may have received the request`)
  const codes = errorCodes(error)
  if (codes.length > 0 && codes.every((c) => NOTHING_SENT.has(c))) {
    return mediumError(exchange, 'refused', `${what}: could not connect (${[...new Set(codes)].join(', ')}); nothing was sent`)
  }
  const reason = codes.length > 0 ? [...new Set(codes)].join(', ') : error instanceof Error ? error.message : String(error)
  return mediumError(exchange, 'unknown', `${what}: the connection failed (${reason}); Medium may have received the request`)
}

/** An answer that is not a 2xx, by status and Medium's error code. */
export function answerError(exchange: Exchange, res: Response, text: string, json: unknown): MediumApiError {
  const { status } = res
  const contentType = res.headers.get('content-type') ?? ''
  const code = firstError(json)?.code
  const details = { status, ...(code !== undefined ? { code } : {}) }
  const what = `${exchange.method} ${exchange.path}`
  const quote = said(exchange, status, contentType, text, json)
  const meaning = code !== undefined ? MEDIUM_ERROR_CODES[code] : undefined
  const fail = (kind: MediumErrorKind, message: string) => mediumError(exchange, kind, message, details)
  if (status === 401 || (code !== undefined && code >= 6000 && code <= 6005)) {
    return fail(
      'unauthorized',
      `Medium refused the integration token (${status} on ${what}${quote}): ${meaning ?? `the token is invalid or has been revoked. ${NEW_TOKEN}`}.`,
    )
  }
  if (status === 403 && json === undefined && (/html/i.test(contentType) || /^\s*</.test(text))) {
    return fail('blocked', `Medium answered ${what} with 403 and an HTML page instead of JSON: ${BLOCKED}`)
  }
  if (status === 403) {
    return fail(
      'forbidden',
      `Medium refused ${what} (403${quote}): the token's user may not do this. Check that the token belongs to the account you publish as and, with publication-id, that this account is a writer or editor of that publication.`,
    )
  }
  if (status === 429)
    return fail('rate-limited', `Medium's publishing limit was reached (429 on ${what}${quote}): ${MEDIUM_ERROR_CODES[1007]}.`)
  if (status >= 500) return fail('unknown', `Medium answered ${what} with ${status}${quote}; Medium may have processed the request`)
  if (status >= 300 && status < 400) {
    const location = res.headers.get('location')
    return fail(
      'rejected',
      `Medium answered ${what} with a redirect (${status}${location ? ` to "${truncate(location)}"` : ''}): check the medium-api-url input.`,
    )
  }
  return fail('rejected', `Medium rejected ${what} (${status}${quote}).`)
}

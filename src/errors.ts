/** Errors shared by the pipeline's edges. Messages are safe to log: they never hold a secret. */

/** A wrong action input or runner setting: the user fixes the workflow, nothing was attempted. */
export class InputError extends Error {
  override name = 'InputError'
}

/**
 * How a Medium request failed; the failure rules of DESIGN.md depend on it.
 *
 * - `refused`: nothing was sent (connection refused, name not resolved); safe to retry.
 * - `unknown`: Medium may have received and acted on the request (timeout, dropped connection, 5xx,
 *   an answer we cannot read); a post must not be retried.
 * - `unauthorized`: 401, the token is invalid or revoked.
 * - `blocked`: 403 with an HTML page, Medium's bot protection refused this runner.
 * - `forbidden`: 403 from the API itself (e.g. not allowed to publish for that user or publication).
 * - `rate-limited`: 429, Medium's daily publishing limit.
 * - `rejected`: any other definite refusal (4xx): Medium's message says why.
 */
export type MediumErrorKind = 'refused' | 'unknown' | 'unauthorized' | 'blocked' | 'forbidden' | 'rate-limited' | 'rejected'

export class MediumApiError extends Error {
  override name = 'MediumApiError'
  readonly kind: MediumErrorKind
  /** HTTP status, when Medium answered. */
  readonly status: number | undefined
  /** Medium's `errors[0].code`, when its answer had one. */
  readonly code: number | undefined

  /** `message` must already be redacted (the client builds it from scrubbed text). */
  constructor(kind: MediumErrorKind, message: string, details: { status?: number; code?: number } = {}) {
    super(message)
    this.kind = kind
    this.status = details.status
    this.code = details.code
  }
}

/** The message of anything thrown, for logs and reports. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name
  if (typeof e === 'string') return e
  try {
    return JSON.stringify(e) ?? String(e)
  } catch {
    return String(e)
  }
}

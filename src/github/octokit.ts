/**
 * The one GitHub client of the action: `@octokit/rest` with the retry and throttling plugins.
 *
 * Imported lazily (`await import('./github/octokit.js')`) only when a run needs GitHub.
 */
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { Octokit } from '@octokit/rest'
import { silentLog, type Log } from '../log.js'
import { redact } from '../redact.js'

export interface CreateOctokitOptions {
  token: string
  /** The REST API root: the runner's `GITHUB_API_URL` (GitHub Enterprise Server, emulators). */
  baseUrl?: string
  /** The run's log: Octokit's rate-limit warnings reach it; request lines go to debug. */
  log?: Log
}

/** Statuses that are answers, not accidents: never retried (409 and 422 carry meaning, e.g. "not a fast forward"). */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 451]
/** Retries of a 5xx or a dropped connection; waits 1 s, then 4 s (the plugin's (n+1)² s backoff). */
const RETRIES = 2
/** Wait at most this long for a rate limit to reset before giving up. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

const GitHubClient = Octokit.plugin(retry, throttling)
export type GitHubClient = InstanceType<typeof GitHubClient>

export function createOctokit({ token, baseUrl = 'https://api.github.com', log = silentLog }: CreateOctokitOptions): GitHubClient {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${options.method ?? 'GET'} ${options.url ?? ''}`
      if (retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS) {
        log.warning(`GitHub ${kind} rate limit hit on ${what}; retrying once after ${retryAfter} s`)
        return true
      }
      log.warning(`GitHub ${kind} rate limit hit on ${what}; not retrying (reset in ${retryAfter} s)`)
      return false
    }
  return new GitHubClient({
    auth: token,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    userAgent: 'medium-publish-action',
    retry: { retries: RETRIES, doNotRetry: DO_NOT_RETRY },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    // Octokit logs the method, the path and the status (never headers, so never the token).
    // Request lines and errors are details: callers report failures with their own context.
    log: {
      debug: (message: string) => log.debug(message),
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warning(message),
      error: (message: string) => log.debug(message),
    },
  })
}

/**
 * A function that replaces the client's token with `***` in any text (GitHub error bodies can
 * echo a request back). Works for any Octokit authenticated with a token.
 */
export async function tokenRedactor(octokit: { auth: (...args: unknown[]) => Promise<unknown> }): Promise<(text: string) => string> {
  let token: string | undefined
  try {
    const auth = (await octokit.auth()) as { token?: unknown } | undefined
    if (typeof auth?.token === 'string' && auth.token.length > 0) token = auth.token
  } catch {
    // No token: nothing to hide.
  }
  return (text) => redact(text, [token])
}

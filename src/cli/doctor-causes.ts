/**
 * `medium-publish doctor`: why a request to Medium failed, in plain words. Each failure of the Medium
 * client (a MediumApiError: its kind, status and Medium's error code) becomes what Medium answered, the
 * problem, and what to do about it from this machine.
 */
import { MediumApiError } from '../errors.js'
import { MEDIUM_ERROR_CODES } from '../medium/answers.js'

export interface FailureCause {
  /** What came back: `401, code 6005`, `no answer (ECONNREFUSED)`. */
  answer: string
  problem: string
  fix: string
  /** The client's own message, when the problem above is not specific enough to act on. */
  details?: string
}

const TOKEN_PAGE = 'Medium → Settings → Security and apps → Integration tokens'
const INVALID_TOKEN: Omit<FailureCause, 'answer'> = {
  problem: 'The token is invalid or has been revoked.',
  fix: `Check that MEDIUM_TOKEN holds the whole token, as shown in ${TOKEN_PAGE}. A revoked token cannot be restored: create a new one there (Medium no longer issues tokens to accounts that never had one).`,
}

/** Medium's token error codes (answers.ts `MEDIUM_ERROR_CODES`), as problem and fix for someone at a terminal. */
const TOKEN_CODES: Readonly<Record<number, Omit<FailureCause, 'answer'>>> = {
  6000: {
    problem: 'No token reached Medium (code 6000): the request arrived without its Authorization header.',
    fix: 'Check that MEDIUM_TOKEN holds the token itself, and that no proxy between this machine and Medium removes the Authorization header.',
  },
  6003: { ...INVALID_TOKEN, problem: 'The token is invalid or has been revoked (code 6003).' },
  6004: {
    problem: 'Medium found no user for this token (code 6004): the account may be deleted or suspended.',
    fix: `Sign in to Medium with the account the token belongs to and look at the token in ${TOKEN_PAGE}. If the account is fine, ask Medium's support (help.medium.com).`,
  },
  6005: {
    problem:
      'Medium answered "Application not found" (code 6005): API access is disabled for this account or token. Medium has answered this to integration tokens since 2019, and did again in 2025; it marked its API "no longer supported" in January 2023.',
    fix: "Nothing on this machine can change it: ask Medium's support (help.medium.com) to enable API access for your integration token.",
  },
}

const BLOCKED: Omit<FailureCause, 'answer'> = {
  problem:
    "Medium's bot protection (Cloudflare) answered with a 403 HTML page instead of the API: it blocked requests from this machine's network. The token was not checked.",
  fix: 'Run it again in a few minutes. In a GitHub workflow, re-run the job or use a self-hosted runner (hosted runners share addresses that Medium sometimes blocks); on your own machine, try another network.',
}

/** `ECONNREFUSED`, `ENOTFOUND`…: the connection codes the client names in its message. */
function connectionCodes(message: string): string[] {
  return [...new Set(message.match(/\b(?:E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/g) ?? [])]
}

function answerOf(error: MediumApiError): string {
  if (error.status === undefined) {
    const codes = connectionCodes(error.message)
    return `no answer${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`
  }
  return `${error.status}${error.code !== undefined ? `, code ${error.code}` : ''}`
}

function transportCause(error: MediumApiError, host: string): Omit<FailureCause, 'answer'> {
  const codes = connectionCodes(error.message)
  const checkUrl = 'Check --medium-api-url (Medium is https://api.medium.com/v1, the default)'
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN'))
    return {
      problem: `The name ${host} does not resolve (DNS): nothing was sent.`,
      fix: `${checkUrl}, and this machine's DNS and network.`,
    }
  if (codes.includes('ECONNREFUSED'))
    return {
      problem: `${host} refused the connection: nothing was sent.`,
      fix: `${checkUrl}, and that this machine may connect to it (no firewall or proxy in the way).`,
    }
  if (error.kind === 'refused')
    return {
      problem: `Could not connect to ${host}: nothing was sent.`,
      fix: `${checkUrl}, and this machine's network.`,
      details: error.message,
    }
  return {
    problem: `No usable answer from ${host}: a timeout, a dropped connection, or an answer that is not Medium's.`,
    fix: "Run it again later. If it persists, check this machine's network and --medium-api-url.",
    details: error.message,
  }
}

function answerCause(error: MediumApiError): Omit<FailureCause, 'answer'> {
  const { kind, status, code } = error
  if (kind === 'unauthorized') return (code !== undefined ? TOKEN_CODES[code] : undefined) ?? { ...INVALID_TOKEN, details: error.message }
  if (kind === 'blocked') return BLOCKED
  if (kind === 'rate-limited')
    return {
      problem: `Medium's daily limit was reached: ${MEDIUM_ERROR_CODES[1007]}.`,
      fix: 'Wait until 24 hours after the first post of the window, then run it again.',
    }
  if (kind === 'forbidden')
    return {
      problem: "Medium refused the request: the token's user may not do this.",
      fix: 'Check that the token belongs to the account you mean.',
      details: error.message,
    }
  if (status !== undefined && status >= 500)
    return { problem: `Medium answered ${status}: a problem on Medium's side.`, fix: 'Run it again later.', details: error.message }
  if (kind === 'unknown')
    return {
      problem: `An answer (${status}) that is not Medium's API.`,
      fix: 'Check --medium-api-url: Medium is https://api.medium.com/v1, the default.',
      details: error.message,
    }
  if (status === 404 || (status !== undefined && status >= 300 && status < 400))
    return {
      problem: `The API URL does not answer like Medium's API (${status}).`,
      fix: 'Check --medium-api-url: Medium is https://api.medium.com/v1, the default.',
      details: error.message,
    }
  return { problem: 'Medium refused the request.', fix: "Medium's answer, below, says why.", details: error.message }
}

/** The cause of a failed request to `host`, from the Medium client's error. */
export function failureCause(error: MediumApiError, host: string): FailureCause {
  const cause = error.status === undefined ? transportCause(error, host) : answerCause(error)
  return { answer: answerOf(error), ...cause }
}

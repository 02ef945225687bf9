/**
 * Records (this folder): what an article says about its life on Medium. An article is "already sent" when it records
 * its Medium URL (the url-key) or an unresolved publish attempt (`mediumPublishAttempt`), in the file
 * this run read or on GitHub (a branch head that moved, a write-back branch waiting to be merged). Every
 * place that asks "was this sent already?" asks here, and every message about it is written here.
 */
import type { FrontMatter } from '../article.js'
import { readDate } from '../dates.js'
import type { Diagnostic } from '../diagnostic.js'
import { parseFrontMatter, recordedKeyValue, type FrontMatterOptions } from '../frontmatter/index.js'
import { PUBLISH_ATTEMPT_KEY } from '../settings.js'

import { peekRecordedUrl } from './peek.js'

export { peekRecordedUrl }

/** The non-empty value of `key` in parsed front-matter, trimmed; a timestamp as its ISO text. */
export function recordedIn(
  frontMatter: Pick<FrontMatter, 'data' | 'format'>,
  key: string,
  options: FrontMatterOptions = {},
): string | undefined {
  const value = recordedKeyValue(frontMatter, key, options)
  if (value instanceof Date) return readDate(value)?.toISOString()
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * The non-empty value a file records under `key` (trimmed): the line scan when it is certain, else the
 * full parse (block scalars, quoting the scan leaves alone). Undefined when absent or unreadable.
 */
export function recordedValue(path: string, text: string, key: string, options: FrontMatterOptions = {}): string | undefined {
  const peeked = peekRecordedUrl(text, key, options)
  if (peeked) return peeked
  const parsed = parseFrontMatter({ path, text }, options)
  return parsed.ok ? recordedIn(parsed.frontMatter, key, options) : undefined
}

/** A record found outside this checkout: on the branch head, or in a write-back branch. */
export interface RemoteRecord {
  branch: string
  /** Only in a write-back branch whose pull request is not merged yet. */
  pending: boolean
  /** The url-key or mediumPublishAttempt, and its value there. */
  key: string
  value: string
}

/** What a user does about an attempt whose outcome is unknown: the one piece of advice, wherever it is reported. */
export function unresolvedAttemptAdvice(urlKey: string, extra = ''): string {
  return (
    `Check your Medium drafts and posts: if the post exists, set \`${urlKey}: <its URL>\` in the article and delete the \`${PUBLISH_ATTEMPT_KEY}\` line; ` +
    `if not, delete the \`${PUBLISH_ATTEMPT_KEY}\` line${extra} to publish it again. Until then it is not sent again (it could be published twice).`
  )
}

/** The error for an article that records an unresolved attempt in its own front-matter. */
export function unresolvedAttemptDiagnostic(path: string, line: number, at: string | undefined, urlKey: string): Diagnostic {
  return {
    path,
    line,
    severity: 'error',
    ruleId: 'publish-attempt-unresolved',
    message: `An earlier run sent this article to Medium at ${at ?? 'an unknown time'} but could not confirm the result. ${unresolvedAttemptAdvice(urlKey)}`,
  }
}

/** The error for a publish request this run could not confirm (it recorded the attempt). */
export function unknownOutcomeDiagnostic(path: string, line: number, why: string, at: string, urlKey: string): Diagnostic {
  return {
    path,
    line,
    severity: 'error',
    ruleId: 'publish-outcome-unknown',
    message:
      `Medium did not confirm the post (${why}). It may or may not have been created, so it is not retried: ` +
      `'${PUBLISH_ATTEMPT_KEY}: ${at}' is recorded in the front-matter and later runs skip this article. ${unresolvedAttemptAdvice(urlKey)}`,
  }
}

/** How a record found on GitHub is reported: a URL means skipped (with a notice or warning), an attempt is an error. */
export function remoteRecordDiagnostic(path: string, record: RemoteRecord, urlKey: string): Diagnostic {
  if (record.key === urlKey) {
    const message = record.pending
      ? `'${path}' is already on Medium (${record.value}), but its URL is only in branch '${record.branch}', whose pull request is not merged yet. ` +
        `Merge it so the URL is recorded; until then this article is skipped. If that pull request was closed, add '${record.key}: ${record.value}' to the article yourself and delete the branch.`
      : `'${path}' is already on Medium (${record.value}): the URL was recorded on '${record.branch}' after the commit this run checked out (a re-run of an older workflow run?). Skipped.`
    return {
      path,
      line: 1,
      severity: record.pending ? 'warning' : 'notice',
      ruleId: record.pending ? 'url-pending-merge' : 'url-on-branch',
      message,
    }
  }
  const where = `on '${record.branch}'${record.pending ? ' (not merged yet)' : ''}`
  return {
    path,
    line: 1,
    severity: 'error',
    ruleId: 'publish-attempt-unresolved',
    message: `An earlier run sent '${path}' to Medium at ${record.value} but could not confirm the result, and recorded that ${where}. ${unresolvedAttemptAdvice(urlKey, record.pending ? ' and the branch' : '')}`,
  }
}

/** Who holds a claim on an article (github/claims.ts), as the report needs it. */
export interface ClaimHolderFacts {
  at?: Date
  run?: string
}

function claimedBy(holder: ClaimHolderFacts): string {
  const when = holder.at ? ` at ${holder.at.toISOString()}` : ''
  const run = holder.run ? ` by run ${holder.run}` : ''
  return `${when}${run}` || ' by an earlier run'
}

/** A claim held by a run that may still be publishing: this run skips the article. */
export function claimHeldDiagnostic(path: string, holder: ClaimHolderFacts): Diagnostic {
  return {
    path,
    line: 1,
    severity: 'notice',
    ruleId: 'claimed-by-another-run',
    message: `'${path}' is being published by another run (claimed${claimedBy(holder)}), so this run skips it; it is not posted twice. A later run checks again.`,
  }
}

/** A claim left by a run that ended without recording a URL: reported like an unresolved attempt, with how to release it. */
export function claimUnresolvedDiagnostic(path: string, holder: ClaimHolderFacts, urlKey: string, release: string): Diagnostic {
  return {
    path,
    line: 1,
    severity: 'error',
    ruleId: 'publish-claim-unresolved',
    message:
      `A run claimed this article for publishing${claimedBy(holder)} but no URL was recorded: it may or may not be on Medium. ` +
      `Check your Medium drafts and posts: if the post exists, set \`${urlKey}: <its URL>\` in the article. Then release the claim: \`${release}\`. ` +
      `Until then it is not sent again (it could be published twice).`,
  }
}

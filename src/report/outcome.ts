/** How an article's outcome reads, in the log, the summary, the comment and the CLI: one wording everywhere. */
import type { ArticleReport, ArticleStatus, SkipReason } from '../pipeline/types.js'

export const STATUS_LABEL: Record<ArticleStatus, string> = {
  published: 'published',
  'would-publish': 'would publish',
  skipped: 'skipped',
  scheduled: 'scheduled',
  invalid: 'invalid',
  failed: 'failed',
  left: 'left for the next run',
}

export function skipReasonText(skip: SkipReason): string {
  switch (skip.kind) {
    case 'recorded':
      return 'already published'
    case 'recorded-on-branch':
      return 'already published'
    case 'pending-merge':
      return `URL waiting in branch ${skip.branch}`
    case 'excluded':
      return 'publish: false'
    case 'claimed-elsewhere':
      return 'another run is publishing it'
    case 'draft':
      return `draft (${skip.marker})`
    case 'before-since':
      return `older than since (${skip.date.toISOString().slice(0, 10)})`
  }
}

/** Why, in a few words: `already published`, `publish: false`, `scheduled for …`, Medium's message…; undefined when the status says it all. */
export function outcomeReason(article: ArticleReport): string | undefined {
  switch (article.status) {
    case 'skipped':
      return skipReasonText(article.skip)
    case 'scheduled':
      return `scheduled for ${article.date.toISOString()}`
    case 'left':
      return article.left === 'daily-limit'
        ? "left for the next run (Medium's daily limit)"
        : 'left for the next run (the run was cancelled)'
    case 'failed':
      switch (article.failure.kind) {
        case 'refused':
        case 'error':
          return article.failure.message
        case 'unknown-outcome':
          return 'outcome unknown: check Medium'
        case 'image-upload':
          return `image '${article.failure.image}' could not be uploaded`
        case 'not-sent':
          return `not published: ${article.failure.why}`
      }
      return undefined
    default:
      return undefined
  }
}

/** Whether the article is on Medium already and nothing about it needs saying. */
export function isQuietlyPublished(article: ArticleReport): boolean {
  return (
    article.status === 'skipped' &&
    (article.skip.kind === 'recorded' || article.skip.kind === 'recorded-on-branch') &&
    article.diagnostics.length === 0
  )
}

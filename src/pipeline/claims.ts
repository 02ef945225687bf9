/**
 * claim: in `commit` mode each article is claimed on GitHub just before the run posts it, and the
 * branch is looked at once more after claiming (a run that finished meanwhile recorded its URL before
 * releasing its claim). So two runs at once, or on consecutive commits, post each article once
 * (DESIGN.md failure rule 10). After the write-back, the claims are released, except those of
 * articles sent to Medium whose record could not be committed: they keep protecting the article.
 */
import type { FrontMatterEdit } from '../core/article.js'
import { claimHeldDiagnostic, claimUnresolvedDiagnostic, remoteRecordDiagnostic } from '../core/records/index.js'
import { errorMessage } from '../errors.js'
import type { Log } from '../log.js'
import type { RenderedCandidate } from './render.js'
import type { ArticleReport, GitHubAccess, WriteBackOutcome } from './types.js'

/**
 * A claim older than this, on an article that still has no URL, was left by a run that ended (a job
 * runs at most 6 hours on GitHub-hosted runners): it is reported as unresolved, not waited for.
 */
export const CLAIM_STALE_AFTER_MS = 6 * 60 * 60 * 1000

export interface ClaimInput {
  articles: readonly RenderedCandidate[]
  github: GitHubAccess
  urlKey: string
  now: Date
  log: Log
}

export interface ClaimResult {
  /** The articles this run holds the claim of, still without a record anywhere: to post. */
  claimed: RenderedCandidate[]
  /** Articles this run does not post: claimed elsewhere, or recorded on the branch meanwhile. */
  reports: ArticleReport[]
  /** Claims this run made and must release whatever happens (includes those of `claimed`). */
  held: string[]
  fatal?: string
}

export async function claimArticles(input: ClaimInput): Promise<ClaimResult> {
  const { github } = input
  const result: ClaimResult = { claimed: [], reports: [], held: [] }
  for (const [index, candidate] of input.articles.entries()) {
    const path = candidate.article.source.path
    let outcome: Awaited<ReturnType<GitHubAccess['claim']>>
    try {
      outcome = await github.claim(path)
    } catch (error) {
      result.fatal = `Could not claim '${path}' on GitHub before posting it (${errorMessage(error)}), so nothing more is published: without a claim, a run at the same time could post it too. Give the workflow 'permissions: contents: write'; the next run tries again.`
      const why = 'could not claim it on GitHub'
      for (const rest of input.articles.slice(index)) result.reports.push(notSent(rest, why))
      break
    }
    if (outcome.kind === 'claimed') {
      result.held.push(path)
      result.claimed.push(candidate)
      continue
    }
    const stale = outcome.holder.at !== undefined && input.now.getTime() - outcome.holder.at.getTime() > CLAIM_STALE_AFTER_MS
    const facts = factsOf(candidate)
    if (stale) {
      const diagnostic = claimUnresolvedDiagnostic(path, outcome.holder, input.urlKey, github.releaseCommand(path))
      result.reports.push({ ...facts, status: 'invalid', diagnostics: [...facts.diagnostics, diagnostic] })
    } else {
      const diagnostic = claimHeldDiagnostic(path, outcome.holder)
      result.reports.push({
        ...facts,
        status: 'skipped',
        skip: { kind: 'claimed-elsewhere' },
        diagnostics: [...facts.diagnostics, diagnostic],
      })
    }
  }
  return result.claimed.length === 0 ? result : recheck(result, input)
}

/** After claiming: a URL recorded on the branch since the first look means that article is done. */
async function recheck(result: ClaimResult, input: ClaimInput): Promise<ClaimResult> {
  let records: Awaited<ReturnType<GitHubAccess['recordsOnBranch']>>['records']
  try {
    records = (await input.github.recordsOnBranch(result.claimed.map((c) => c.article.source.path))).records
  } catch (error) {
    const fatal = `Could not look at the branch again after claiming (${errorMessage(error)}), so nothing was published. The next run tries again.`
    return {
      ...result,
      claimed: [],
      reports: [...result.reports, ...result.claimed.map((c) => notSent(c, 'could not check the branch for newer records'))],
      fatal,
    }
  }
  const claimed: RenderedCandidate[] = []
  for (const candidate of result.claimed) {
    const path = candidate.article.source.path
    const record = records.get(path)
    if (!record) {
      claimed.push(candidate)
      continue
    }
    const facts = factsOf(candidate)
    const diagnostics = [...facts.diagnostics, remoteRecordDiagnostic(path, record, input.urlKey)]
    if (record.key !== input.urlKey) result.reports.push({ ...facts, status: 'invalid', diagnostics })
    else {
      const skip = record.pending
        ? { kind: 'pending-merge' as const, branch: record.branch }
        : { kind: 'recorded-on-branch' as const, branch: record.branch }
      result.reports.push({ ...facts, status: 'skipped', skip, url: record.value, diagnostics })
    }
  }
  return { ...result, claimed }
}

/**
 * Releases this run's claims once the write-back is over: every one, except those of articles whose
 * record (URL or publish attempt) could not be committed.
 */
export async function releaseClaims(
  github: GitHubAccess,
  held: readonly string[],
  edits: readonly FrontMatterEdit[],
  writeBack: WriteBackOutcome,
  log: Log,
): Promise<void> {
  if (held.length === 0) return
  const unrecorded = new Set(
    writeBack.kind === 'committed' || writeBack.kind === 'pull-request'
      ? writeBack.unrecorded.map((e) => e.path)
      : edits.map((e) => e.path),
  )
  const releasable = held.filter((path) => !unrecorded.has(path))
  const kept = held.filter((path) => unrecorded.has(path))
  if (kept.length > 0) {
    log.warning(
      `The claims of these articles stay in place because their record could not be committed, so no later run posts them again: ${kept.join(', ')}. Once the URLs are in the articles, release them: ${kept.map((p) => github.releaseCommand(p)).join('; ')}`,
    )
  }
  let failed: string[]
  try {
    failed = await github.release(releasable)
  } catch (error) {
    log.warning(`Could not release the claims of this run (${errorMessage(error)}).`)
    failed = releasable
  }
  if (failed.length > 0) {
    log.warning(
      `These claims could not be released: ${failed.join(', ')}. Articles already recorded are not affected; for the others, release them by hand: ${failed.map((p) => github.releaseCommand(p)).join('; ')}`,
    )
  }
}

function factsOf(candidate: RenderedCandidate) {
  const { post, source, diagnostics } = candidate.article
  return { path: source.path, title: post.title, post, html: candidate.html, diagnostics }
}

function notSent(candidate: RenderedCandidate, why: string): ArticleReport {
  return { ...factsOf(candidate), status: 'failed', failure: { kind: 'not-sent', why } }
}

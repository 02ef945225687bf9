/**
 * report, on the runner: the outputs, the job summary and (pull requests) the one preview comment.
 * Everything written here is redacted of the run's secrets.
 */
import * as core from '@actions/core'
import { errorMessage } from '../errors.js'
import type { GitHubForRun } from '../github/for-run.js'
import type { Log } from '../log.js'
import type { RunMode, RunResult } from '../pipeline/types.js'
import { redact } from '../redact.js'
import { publishedOutput } from './outputs.js'
import { renderSummary } from './summary.js'

export const COMMENT_MARKER = '<!-- medium-publish-action -->'
/** GitHub refuses a job summary over 1 MiB. */
const SUMMARY_LIMIT = 900_000

export interface ActionReportInput {
  result: RunResult
  mode: RunMode
  /** Where posts go, for the summary: the token owner's profile, or a publication. */
  target: string
  secrets: readonly string[]
  log: Log
  /** On pull requests: the comment to keep, when `comment-on-pr` is on. */
  pullRequest?: { number: number; github: GitHubForRun } | { number: number; unavailable: string }
}

export async function reportToRunner(input: ActionReportInput): Promise<void> {
  const { result, secrets } = input
  const published = publishedOutput(result)
  const writeBack = result.writeBack
  core.setOutput('published', redact(JSON.stringify(published), secrets))
  core.setOutput('published-count', String(published.length))
  core.setOutput('commit-sha', writeBack?.kind === 'committed' || writeBack?.kind === 'pull-request' ? writeBack.sha : '')

  const summary = await summaryText(input)
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary, true).write()
  else input.log.debug('GITHUB_STEP_SUMMARY is not set: no job summary.')
  if (input.pullRequest) await commentOnPullRequest(summary, input.pullRequest, input.log)
}

async function summaryText({ result, mode, target, secrets }: ActionReportInput): Promise<string> {
  const previews = mode.kind === 'preview' ? await previewSections(result) : undefined
  const summary = redact(renderSummary({ result, mode, previews, target }), secrets)
  if (summary.length <= SUMMARY_LIMIT || !previews?.length) return summary
  // Keep the report, drop the previews.
  const note = `\n_Previews omitted: they would exceed GitHub's 1 MiB job summary limit. Run \`npx medium-publish preview <file>\` locally._\n`
  return redact(renderSummary({ result, mode, target }), secrets) + note
}

async function previewSections(result: RunResult): Promise<string[]> {
  if (!result.articles.some((a) => a.html !== undefined)) return []
  const { previewInputOf, renderPreviewSection } = await import('./preview-page.js')
  return result.articles.flatMap((a) => {
    const input = previewInputOf(a)
    return input ? [renderPreviewSection(input)] : []
  })
}

async function commentOnPullRequest(summary: string, pullRequest: NonNullable<ActionReportInput['pullRequest']>, log: Log): Promise<void> {
  const { number } = pullRequest
  if ('unavailable' in pullRequest) {
    log.warning(`${pullRequest.unavailable}: the pull-request comment is skipped (the job summary has the same content).`)
    return
  }
  try {
    const outcome = await pullRequest.github.comment(number, `${COMMENT_MARKER}\n${summary}`, COMMENT_MARKER)
    if (outcome.kind === 'forbidden') {
      log.warning(
        `Could not comment on pull request #${number}: ${outcome.message}. Give the workflow 'permissions: pull-requests: write' (pull requests from forks never get it); the job summary has the same content.`,
      )
      return
    }
    log.info(`${outcome.kind === 'created' ? 'Commented on' : 'Updated the comment on'} pull request #${number}: ${outcome.url}`)
  } catch (error) {
    log.warning(`Could not comment on pull request #${number}: ${errorMessage(error)}. The job summary has the same content.`)
  }
}

import * as core from '@actions/core'
import { errorMessage, InputError } from './errors.js'
import { actionsInput, articleDefaults, parseInputs, type Inputs } from './inputs.js'
import type { Log } from './log.js'
import { formatEdit } from './core/article.js'
import { PUBLISH_ATTEMPT_KEY } from './core/settings.js'
import { runPipeline, type PipelineOptions, type PipelineResult } from './pipeline.js'
import { recordInWorkspace } from './record.js'
import { actionsLog } from './report/actions-log.js'
import { publishedOutput } from './report/outputs.js'
import { redact } from './redact.js'
import { renderSummary, type WriteBackOutcome } from './report/summary.js'
import { changedPathsFromPushEvent, readRunnerContext, runModeFor, type RunMode, type RunnerContext } from './runner-context.js'

/** The action: inputs, then one log group per phase, then the report. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let secrets: string[] = []
  try {
    const inputs = parseInputs(actionsInput)
    secrets = [inputs.mediumToken, inputs.githubToken].filter((s): s is string => Boolean(s))
    const log = actionsLog(secrets)
    const context = readRunnerContext(env)
    const github = githubClient(inputs, context)
    const mode = runModeFor(context, inputs.dryRun)
    if (mode.kind === 'preview') log.info(`Preview only: ${mode.reason}.`)

    const repository =
      context.owner && context.repo && context.sha
        ? { serverUrl: context.serverUrl, owner: context.owner, repo: context.repo, sha: context.sha }
        : undefined
    const images = inputs.images === 'auto' ? (context.repositoryPrivate === false ? 'link' : 'upload') : inputs.images
    if (images === 'link' && !repository) {
      throw new InputError(
        `Input 'images' is 'link', but GITHUB_REPOSITORY and GITHUB_SHA are not set, so there is no repository URL to link to. Use 'images: upload'.`,
      )
    }

    // A cancelled job gets SIGINT, then SIGTERM, then a kill some seconds later. Stop publishing at
    // the first signal and let the write-back record every URL already obtained (failure rule 5).
    const cancel = new AbortController()
    const onSignal = (signal: NodeJS.Signals) => {
      if (!cancel.signal.aborted) log.warning(`Received ${signal}: publishing no more articles; recording the URLs obtained so far.`)
      cancel.abort()
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)

    let branchHead: string | undefined
    const result = await runPipeline({
      signal: cancel.signal,
      workspace: context.workspace,
      patterns: inputs.articles,
      defaults: articleDefaults(inputs),
      maxArticles: inputs.maxArticles,
      mode: mode.kind,
      now: new Date(),
      images,
      repository,
      publicationId: inputs.publicationId,
      changedPaths: await changedPaths(context, inputs, github, log),
      previewImageUrl: repository ? blobImageUrl(repository) : undefined,
      remoteRecords:
        mode.kind === 'publish' && inputs.writeBack === 'commit'
          ? recordsOnBranch(inputs, context, github, (head) => (branchHead = head))
          : undefined,
      medium: () => mediumClient(inputs, log),
      log,
    })

    for (const article of result.articles) for (const d of article.diagnostics) log.diagnostic(d)

    const writeBack = mode.kind === 'publish' ? await writeBackEdits(result, inputs, context, github, log, branchHead) : undefined

    const published = publishedOutput(result)
    core.setOutput('published', redact(JSON.stringify(published), secrets))
    core.setOutput('published-count', String(published.length))
    core.setOutput('commit-sha', writeBack?.kind === 'committed' || writeBack?.kind === 'pull-request' ? writeBack.sha : '')

    const previews = mode.kind === 'preview' ? await previewSections(result) : undefined
    const target = inputs.publicationId ? `Medium publication \`${inputs.publicationId}\`` : "the Medium profile of the token's owner"
    let summary = redact(renderSummary({ result, mode, writeBack, previews, target }), secrets)
    if (summary.length > SUMMARY_LIMIT && previews?.length) {
      // GitHub refuses a job summary over 1 MiB: keep the report, drop the previews.
      summary =
        redact(renderSummary({ result, mode, writeBack, target }), secrets) +
        `\n_Previews omitted: they would exceed GitHub's 1 MiB job summary limit. Run \`npx medium-publish preview <file>\` locally._\n`
    }
    await writeSummary(summary, log)
    if (mode.kind === 'preview') await commentOnPullRequest(summary, inputs, context, mode, github, log)

    const failed = result.articles.filter((a) => a.status === 'invalid' || a.status === 'failed')
    const reasons: string[] = []
    if (result.fatal) reasons.push(result.fatal)
    if (failed.length > 0) reasons.push(`${failed.length} article(s) invalid or failed: ${failed.map((a) => a.path).join(', ')}.`)
    if (writeBack?.kind === 'failed') reasons.push(`The Medium URLs could not be committed: ${writeBack.message}`)
    if ((writeBack?.kind === 'committed' || writeBack?.kind === 'pull-request') && writeBack.unrecorded.length > 0) {
      reasons.push(
        `${writeBack.unrecorded.length} record(s) could not be committed (the article was deleted, or another run recorded a different URL): ${writeBack.unrecorded.map((e) => e.path).join(', ')}.`,
      )
    }
    if (reasons.length > 0) core.setFailed(redact(reasons.join(' '), secrets))
  } catch (error) {
    core.setFailed(redact(errorMessage(error), secrets))
  }
}

/** The run's one GitHub client, created (and Octokit loaded) on first use; callers check that a token is set. */
type GitHub = () => Promise<import('./github/octokit.js').GitHubClient>
function githubClient(inputs: Inputs, context: RunnerContext): GitHub {
  let client: ReturnType<GitHub> | undefined
  return () =>
    (client ??= import('./github/octokit.js').then(({ createOctokit }) =>
      createOctokit({ token: inputs.githubToken ?? '', baseUrl: context.apiUrl }),
    ))
}

/** Image URLs for previews, read on GitHub by people with access to the repository: a blob URL with
 * ?raw=true shows images of private repositories too (raw.githubusercontent.com would not). */
function blobImageUrl(repository: { serverUrl: string; owner: string; repo: string; sha: string }) {
  return (imagePath: string): string =>
    `${repository.serverUrl}/${repository.owner}/${repository.repo}/blob/${repository.sha}/${imagePath.split('/').map(encodeURIComponent).join('/')}?raw=true`
}

/** Looks on GitHub for records this checkout cannot see (see github/branch-records.ts); undefined when it cannot ask. */
function recordsOnBranch(
  inputs: Inputs,
  context: RunnerContext,
  github: GitHub,
  onHead: (head: string | undefined) => void,
): PipelineOptions['remoteRecords'] {
  const { githubToken } = inputs
  const { owner, repo, branch, sha } = context
  if (!githubToken || !owner || !repo || !branch || !sha) return undefined
  return async (paths) => {
    const [octokit, { recordsOnGitHub }] = await Promise.all([github(), import('./github/branch-records.js')])
    const found = await recordsOnGitHub({
      octokit,
      owner,
      repo,
      branch,
      triggerSha: sha,
      paths,
      keys: [inputs.urlKey, PUBLISH_ATTEMPT_KEY],
    })
    onHead(found.head)
    return found.records
  }
}

/** The Medium client, created only when something will be published. */
async function mediumClient(inputs: Inputs, log: Log) {
  if (!inputs.mediumToken) {
    throw new InputError(
      `Input 'medium-token' is not set, and there are new articles to publish. Pass your Medium integration token from a repository secret: 'medium-token: \${{ secrets.MEDIUM_TOKEN }}'.`,
    )
  }
  const { createMediumClient } = await import('./medium/client.js')
  return createMediumClient({ baseUrl: inputs.mediumApiUrl, token: inputs.mediumToken, debug: (message) => log.info(message) })
}

async function changedPaths(context: RunnerContext, inputs: Inputs, github: GitHub, log: Log): Promise<Set<string> | undefined> {
  const fromPush = changedPathsFromPushEvent(context.event)
  if (fromPush) return fromPush
  const pr = context.pullRequest
  if (!pr?.baseSha || !pr.headSha || !inputs.githubToken || !context.owner || !context.repo) return undefined
  try {
    const [octokit, { changedFiles }] = await Promise.all([github(), import('./github/changed-files.js')])
    return await changedFiles({ octokit, owner: context.owner, repo: context.repo, base: pr.baseSha, head: pr.headSha })
  } catch (error) {
    log.debug(`Could not list the files changed by the pull request: ${errorMessage(error)}`)
    return undefined
  }
}

/** Records every URL obtained (failure rule 5), in the workspace and, in `commit` mode, in one commit. */
async function writeBackEdits(
  result: PipelineResult,
  inputs: Inputs,
  context: RunnerContext,
  github: GitHub,
  log: Log,
  branchHead: string | undefined,
): Promise<WriteBackOutcome> {
  if (result.edits.length === 0) return { kind: 'none', reason: 'nothing to record' }
  const listing = result.edits.map(formatEdit).join('\n')
  if (inputs.writeBack === 'none') {
    log.warning(`'write-back' is 'none': record these in the articles yourself, or the next run publishes them again:\n${listing}`)
    return { kind: 'none', reason: "'write-back' is 'none': the URLs are only in the outputs" }
  }
  return log.group('Write back the Medium URLs', async () => {
    const failures = await recordInWorkspace(context.workspace, result.edits)
    for (const failure of failures) log.error(`Could not edit ${failure.path} in the workspace: ${failure.message}`)
    if (inputs.writeBack === 'files') {
      if (failures.length > 0) return { kind: 'failed', message: 'some workspace files could not be edited', edits: result.edits }
      log.info(`Recorded ${result.edits.length} URL(s) in the workspace files.`)
      return { kind: 'files' }
    }
    const missing = ['owner', 'repo', 'branch', 'sha'].filter((k) => !context[k as keyof RunnerContext])
    if (!inputs.githubToken || missing.length > 0) {
      const message = !inputs.githubToken
        ? `input 'github-token' is empty; pass a token with 'contents: write'`
        : `the runner did not say which ${missing.join(', ')} to commit to`
      log.error(`No commit can be made (${message}). Record these lines in the articles by hand:\n${listing}`)
      return { kind: 'failed', message, edits: result.edits }
    }
    const [octokit, { commitFrontMatterEdits }] = await Promise.all([github(), import('./github/commit.js')])
    const outcome = await commitFrontMatterEdits({
      octokit,
      owner: context.owner!,
      repo: context.repo!,
      branch: context.branch!,
      triggerSha: context.sha!,
      expectedHead: branchHead,
      edits: result.edits,
      message: inputs.commitMessage,
      readWorkspaceFile: async (path: string) => result.originals.get(path),
      log,
    })
    if (outcome.kind === 'failed') {
      log.error(
        `The write-back commit failed: ${outcome.message}. Record these lines in the articles by hand, or the next run publishes them again:\n${listing}`,
      )
      return { kind: 'failed', message: outcome.message, edits: result.edits }
    }
    // An article deleted or renamed on the branch during the run: its record could not be committed.
    const unrecorded = result.edits.filter((e) => outcome.skipped.includes(e.path))
    if (unrecorded.length > 0) {
      log.error(
        `These records were not committed to '${context.branch}' (the article was deleted there, or already records a different URL: see the warnings above). Add them where the articles now live, or check Medium for a duplicate post, or the next run publishes them again:\n${unrecorded.map(formatEdit).join('\n')}`,
      )
    }
    const commitUrl = `${context.serverUrl}/${context.owner}/${context.repo}/commit/${outcome.sha}`
    if (outcome.kind === 'pull-request') {
      log.warning(
        `'${context.branch}' is protected, so the URLs were committed to '${outcome.branch}' and pull request #${outcome.number} was opened: ${outcome.url}. Merge it.`,
      )
      return { kind: 'pull-request', sha: outcome.sha, number: outcome.number, url: outcome.url, branch: outcome.branch, unrecorded }
    }
    if (outcome.sha) log.info(`Committed ${outcome.sha} to '${context.branch}': ${commitUrl}`)
    return { kind: 'committed', sha: outcome.sha, url: commitUrl, branch: context.branch!, unrecorded }
  })
}

async function previewSections(result: PipelineResult): Promise<string[]> {
  if (!result.articles.some((a) => a.html !== undefined)) return []
  const { previewInputOf, renderPreviewSection } = await import('./report/preview-page.js')
  return result.articles.flatMap((a) => {
    const input = previewInputOf(a)
    return input ? [renderPreviewSection(input)] : []
  })
}

async function writeSummary(summary: string, log: Log): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    log.debug('GITHUB_STEP_SUMMARY is not set: no job summary.')
    return
  }
  await core.summary.addRaw(summary, true).write()
}

const COMMENT_MARKER = '<!-- medium-publish-action -->'
const SUMMARY_LIMIT = 900_000

async function commentOnPullRequest(
  summary: string,
  inputs: Inputs,
  context: RunnerContext,
  mode: RunMode,
  github: GitHub,
  log: Log,
): Promise<void> {
  if (!inputs.commentOnPr || mode.kind !== 'preview' || !context.pullRequest || !context.owner || !context.repo) return
  if (!inputs.githubToken) {
    log.warning(`No 'github-token': the pull-request comment is skipped (the job summary has the same content).`)
    return
  }
  try {
    const [octokit, { upsertPullRequestComment }] = await Promise.all([github(), import('./github/pull-comment.js')])
    const outcome = await upsertPullRequestComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      number: context.pullRequest.number,
      body: `${COMMENT_MARKER}\n${summary}`,
      marker: COMMENT_MARKER,
    })
    if (outcome.kind === 'forbidden') {
      log.warning(
        `Could not comment on pull request #${context.pullRequest.number}: ${outcome.message}. Give the workflow 'permissions: pull-requests: write' (pull requests from forks never get it); the job summary has the same content.`,
      )
    } else {
      log.info(
        `${outcome.kind === 'created' ? 'Commented on' : 'Updated the comment on'} pull request #${context.pullRequest.number}: ${outcome.url}`,
      )
    }
  } catch (error) {
    log.warning(
      `Could not comment on pull request #${context.pullRequest.number}: ${errorMessage(error)}. The job summary has the same content.`,
    )
  }
}

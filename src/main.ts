import * as core from '@actions/core'
import { fileURLToPath } from 'node:url'
import { errorMessage, InputError } from './errors.js'
import { gitHubForRun } from './github/for-run.js'
import { actionsInput, parseInputs, secretsOf, type Inputs } from './inputs.js'
import type { Log } from './log.js'
import { mediumClientFactory } from './medium/connect.js'
import { frontMatterOptions } from './core/site.js'
import { failureReasons } from './pipeline/exit.js'
import { workerRenderer } from './pipeline/render-worker.js'
import { runPipeline } from './pipeline/run.js'
import { settingsFromInputs } from './pipeline/settings.js'
import type { PipelineSettings } from './pipeline/types.js'
import { redact } from './redact.js'
import { reportToRunner } from './report/action-report.js'
import { actionsLog } from './report/actions-log.js'
import { blobRawUrl } from './repository.js'
import { changedPathsFromPushEvent, readRunnerContext, repositoryOf, runModeFor, type RunnerContext } from './runner-context.js'

const MISSING_TOKEN = `Input 'medium-token' is not set, and there are new articles to publish. Pass your Medium integration token from a repository secret: 'medium-token: \${{ secrets.MEDIUM_TOKEN }}'.`

/** The action: inputs, the pipeline (one log group per phase), the report, the exit status. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let secrets: string[] = []
  try {
    const inputs = parseInputs(actionsInput)
    secrets = secretsOf(inputs)
    const log = actionsLog(secrets)
    const context = readRunnerContext(env)
    const settings = settingsFor(inputs, context)
    if (settings.mode.kind === 'preview') log.info(`Preview only: ${settings.mode.reason}.`)
    const github = gitHubForRun({
      token: inputs.githubToken,
      context,
      urlKey: inputs.urlKey,
      commitMessage: inputs.commitMessage,
      log,
      frontMatter: frontMatterOptions(settings.site.kind),
    })
    const result = await runPipeline(settings, {
      log,
      medium: mediumClientFactory({ token: inputs.mediumToken, apiUrl: inputs.mediumApiUrl, log, missingToken: MISSING_TOKEN }),
      ...(settings.mode.kind === 'publish' && inputs.writeBack === 'commit' ? { github: github.access } : {}),
      changedPaths: changedPathsFromPushEvent(context.event) ?? (await github.pullRequestChanges()),
      signal: stopOnCancel(log),
      // Renders run in a worker of this very bundle, with a time limit (see pipeline/render-worker.ts).
      renderer: () => workerRenderer(fileURLToPath(import.meta.url)),
    })
    for (const article of result.articles) for (const d of article.diagnostics) log.diagnostic(d)
    const pullRequest = settings.mode.kind === 'preview' && inputs.commentOnPr ? context.pullRequest : undefined
    await reportToRunner({
      result,
      mode: settings.mode,
      target: inputs.publicationId ? `Medium publication \`${inputs.publicationId}\`` : "the Medium profile of the token's owner",
      secrets,
      log,
      ...(pullRequest
        ? {
            pullRequest: inputs.githubToken
              ? { number: pullRequest.number, github }
              : { number: pullRequest.number, unavailable: "No 'github-token'" },
          }
        : {}),
    })
    const failures = failureReasons(result)
    if (failures.length > 0) core.setFailed(redact(failures.join(' '), secrets))
  } catch (error) {
    core.setFailed(redact(errorMessage(error), secrets))
  }
}

function settingsFor(inputs: Inputs, context: RunnerContext): PipelineSettings {
  const repository = repositoryOf(context)
  const images = inputs.images === 'auto' ? (context.repositoryPrivate === false ? 'link' : 'upload') : inputs.images
  if (images === 'link' && !repository) {
    throw new InputError(
      `Input 'images' is 'link', but GITHUB_REPOSITORY and GITHUB_SHA are not set, so there is no repository URL to link to. Use 'images: upload'.`,
    )
  }
  return {
    ...settingsFromInputs(inputs, context.workspace),
    mode: runModeFor(context, inputs.dryRun),
    images,
    repository,
    writeBack: inputs.writeBack,
    ...(repository ? { previewImageUrl: (imagePath: string) => blobRawUrl(repository, imagePath) } : {}),
  }
}

/**
 * A cancelled job gets SIGINT, then SIGTERM, then a kill some seconds later. Stop publishing at the
 * first signal and let the write-back record every URL already obtained (failure rule 5).
 */
function stopOnCancel(log: Log): AbortSignal {
  const cancel = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    if (!cancel.signal.aborted) log.warning(`Received ${signal}: publishing no more articles; recording the URLs obtained so far.`)
    cancel.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return cancel.signal
}

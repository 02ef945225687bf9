import { readFileSync } from 'node:fs'
import path from 'node:path'
import { InputError } from './errors.js'
import type { RunMode } from './pipeline/types.js'
import type { Repository } from './repository.js'

/** What the runner tells the action about this run (environment and event payload). */
export interface RunnerContext {
  workspace: string
  eventName: string
  /** The event payload (GITHUB_EVENT_PATH), `{}` when absent. */
  event: Record<string, unknown>
  owner?: string
  repo?: string
  /** `refs/heads/main`, `refs/pull/1/merge`, `refs/tags/v1`... */
  ref?: string
  /** The branch when `ref` is a branch. */
  branch?: string
  sha?: string
  /** The workflow run (GITHUB_RUN_ID), for links to it. */
  runId?: string
  serverUrl: string
  apiUrl: string
  /** Whether the event says the repository is private; undefined when it does not say. */
  repositoryPrivate?: boolean
  /** The pull request number on pull_request(_target) events. */
  pullRequest?: { number: number; baseSha?: string; headSha?: string }
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  let event: Record<string, unknown> = {}
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>
    } catch (error) {
      throw new InputError(`Could not read the event payload at GITHUB_EVENT_PATH '${env.GITHUB_EVENT_PATH}': ${(error as Error).message}`)
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const ref = env.GITHUB_REF || undefined
  const branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
  const repository = event.repository as { private?: unknown; visibility?: unknown } | undefined
  const repositoryPrivate =
    typeof repository?.private === 'boolean'
      ? repository.private
      : typeof repository?.visibility === 'string'
        ? repository.visibility !== 'public'
        : undefined
  const pr = event.pull_request as { number?: unknown; base?: { sha?: string }; head?: { sha?: string } } | undefined
  return {
    workspace,
    eventName: env.GITHUB_EVENT_NAME || 'workflow_dispatch',
    event,
    owner: owner || undefined,
    repo: repo || undefined,
    ref,
    branch,
    sha: env.GITHUB_SHA || undefined,
    runId: env.GITHUB_RUN_ID || undefined,
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    repositoryPrivate,
    pullRequest: pr && typeof pr.number === 'number' ? { number: pr.number, baseSha: pr.base?.sha, headSha: pr.head?.sha } : undefined,
  }
}

/** The repository and commit the run works on, when the runner says. */
export function repositoryOf(context: RunnerContext): Repository | undefined {
  const { owner, repo, sha, serverUrl } = context
  return owner && repo && sha ? { serverUrl, owner, repo, sha } : undefined
}

/** DESIGN.md "Events": only a branch push, dispatch or schedule publishes. */
export function runModeFor(context: RunnerContext, dryRun: boolean): RunMode {
  if (context.eventName === 'pull_request' || context.eventName === 'pull_request_target') {
    return { kind: 'preview', reason: `this is a ${context.eventName} run: pull requests are validated and previewed, never published` }
  }
  if (context.ref !== undefined && context.branch === undefined) {
    return { kind: 'preview', reason: `'${context.ref}' is not a branch: only runs on a branch publish` }
  }
  if (dryRun) return { kind: 'preview', reason: "'dry-run' is true" }
  return { kind: 'publish' }
}

/** Files the push or pull request changed, when the payload lists them (push events do). */
export function changedPathsFromPushEvent(event: Record<string, unknown>): Set<string> | undefined {
  const commits = event.commits
  if (!Array.isArray(commits) || commits.length === 0) return undefined
  const changed = new Set<string>()
  for (const commit of commits as Array<{ added?: string[]; modified?: string[] }>) {
    for (const p of commit.modified ?? []) changed.add(p)
    for (const p of commit.added ?? []) changed.add(p)
  }
  return changed
}

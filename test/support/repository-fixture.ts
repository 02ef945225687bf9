// What the end-to-end tests with a GitHub emulator share: a repository served by the emulator with a
// working clone as the workspace, git in that clone, and the checks every such test makes.
import { execFile, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import { createRepository, startGitHubEmulator, type CreatedRepository, type GitHubEmulator } from './github-emulator/index.js'
import type { MediumEmulator, RecordedRequest } from './medium-emulator.js'
import { runAction, type ActionRun } from './run-action.js'

export interface RepositoryFixture {
  repository: CreatedRepository
  github: GitHubEmulator
  /** The working clone: the action's GITHUB_WORKSPACE. */
  workspace: string
  /** What actions/checkout does on the next run: the workspace at the branch's head. */
  checkoutHead(): Promise<string>
  /** The file on the branch's head, or `(missing)`. */
  onBranch(file: string): Promise<string>
  close(): Promise<void>
}

/** A bare repository `acme/blog` with one commit of `files`, served by a GitHub emulator that takes `token`. */
export async function repositoryFixture(files: Record<string, string>, token: string): Promise<RepositoryFixture> {
  const repository = await createRepository(files, { message: 'Add articles\n' })
  const github = await startGitHubEmulator({ bareRepo: repository.bareRepo, owner: 'acme', repo: 'blog', token })
  const workspace = repository.workDir
  return {
    repository,
    github,
    workspace,
    async checkoutHead() {
      await git(workspace, ['fetch', '--quiet', 'origin'])
      await git(workspace, ['reset', '--quiet', '--hard', 'origin/main'])
      await git(workspace, ['clean', '--quiet', '-fd'])
      return (await git(workspace, ['rev-parse', 'HEAD'])).trim()
    },
    async onBranch(file) {
      return (await github.fileAt('main', file))?.toString('utf8') ?? '(missing)'
    },
    async close() {
      await github.close()
      await repository.cleanup()
    },
  }
}

export interface MediumUserRunOptions {
  /** The triggering commit (the event's `after`, GITHUB_SHA); the repository's first commit by default. */
  sha?: string
  /** Another Medium token than the user's (a bad one, say). */
  token?: string
  /** Another Medium emulator with the same users. */
  medium?: MediumEmulator
  /** Inputs added to (or replacing) the defaults: both tokens, the emulator's URL, `images: upload`. */
  inputs?: Record<string, string>
  onSpawn?: (child: ChildProcess) => void
}

export interface MediumUserRunner {
  /** The user's Medium token and id. */
  token: string
  userId: string
  /** The requests a Medium emulator (the shared one by default) received with the user's token. */
  requests(emulator?: MediumEmulator): RecordedRequest[]
  /** The action on a push to main of the fixture's repository, in commit mode, publishing as the user. */
  run(options?: MediumUserRunOptions): Promise<ActionRun>
}

/**
 * One Medium user of an emulator shared by concurrent tests, publishing from `fixture`: each test
 * counts only its own requests (and, by `userId`, its own posts).
 */
export function mediumUserRunner(
  fixture: RepositoryFixture,
  user: { medium: MediumEmulator; token: string; userId: string; githubToken: string },
): MediumUserRunner {
  const { token, userId, githubToken } = user
  return {
    token,
    userId,
    requests: (emulator = user.medium) => emulator.requests.filter((r) => r.headers.authorization === `Bearer ${token}`),
    run: ({ sha = fixture.repository.sha, token: mediumToken = token, medium = user.medium, inputs = {}, onSpawn } = {}) =>
      runAction({
        onSpawn,
        workspace: fixture.workspace,
        inputs: { 'medium-token': mediumToken, 'github-token': githubToken, 'medium-api-url': medium.url, images: 'upload', ...inputs },
        event: { ref: 'refs/heads/main', after: sha, repository: { private: true, full_name: 'acme/blog' } },
        env: { GITHUB_API_URL: fixture.github.url, GITHUB_SHA: sha, GITHUB_REPOSITORY: 'acme/blog', GITHUB_REF: 'refs/heads/main' },
      }),
  }
}

/** git in a working clone, without the user's or the system's configuration. */
export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('git', ['-c', 'core.autocrlf=false', ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  })
  return stdout
}

/**
 * Failure rule 8: no token in stdout (but the `::add-mask::` lines the runner swallows), stderr, summary,
 * outputs, annotations. Every e2e suite that runs the action with a token uses it. It is here, not in
 * run-action.ts, because it needs vitest's expect and run-action.ts is also imported by scripts/demo.ts.
 */
export function expectNoToken(run: ActionRun, tokens: readonly string[]): void {
  const stdout = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  const everything = [...stdout, run.stderr, run.summary, JSON.stringify(run.outputs), JSON.stringify(run.annotations)].join('\n')
  for (const token of tokens) expect(everything).not.toContain(token)
}

// What the end-to-end tests with a GitHub emulator share: a repository served by the emulator with a
// working clone as the workspace, git in that clone, and the checks every such test makes.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect } from 'vitest'
import { createRepository, startGitHubEmulator, type CreatedRepository, type GitHubEmulator } from '../emulators/github.js'
import type { ActionRun } from './run-action.js'

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

/** git in a working clone, without the user's or the system's configuration. */
export async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)('git', ['-c', 'core.autocrlf=false', ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  })
  return stdout
}

/** Failure rule 8: no token in stdout (but the `::add-mask::` lines the runner swallows), stderr, summary, outputs, annotations. */
export function expectNoToken(run: ActionRun, tokens: readonly string[]): void {
  const stdout = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  const everything = [...stdout, run.stderr, run.summary, JSON.stringify(run.outputs), JSON.stringify(run.annotations)].join('\n')
  for (const token of tokens) expect(everything).not.toContain(token)
}

// A repository for the GitHub emulator to serve: a bare repository with one commit, and a working clone
// of it (the action's workspace).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ZERO_OID, runGit, type TreeChange } from './git.js'
import { Repo } from './repo.js'

export type FileSpec = string | Buffer | { content: string | Buffer; mode: '100644' | '100755' }

export interface CreatedRepository {
  /** Temporary directory holding both repositories; removed by `cleanup()`. */
  root: string
  /** Path of the bare repository (what the emulator serves). */
  bareRepo: string
  /** A non-bare clone at the same commit: the action's workspace. */
  workDir: string
  /** The SHA of the one commit on `branch`. */
  sha: string
  branch: string
  cleanup(): Promise<void>
}

/** Creates a bare repository with one commit holding `files`, and a working clone of it. */
export async function createRepository(
  files: Record<string, FileSpec>,
  options: { branch?: string; message?: string } = {},
): Promise<CreatedRepository> {
  const branch = options.branch ?? 'main'
  const root = await mkdtemp(join(tmpdir(), 'gh-emulator-'))
  const bareRepo = join(root, 'origin.git')
  const workDir = join(root, 'workspace')
  await runGit(root, ['init', '--quiet', '--bare', `--initial-branch=${branch}`, bareRepo])
  const repo = new Repo(bareRepo)
  const changes: TreeChange[] = Object.entries(files).map(([path, spec]) =>
    typeof spec === 'string' || Buffer.isBuffer(spec) ? { path, content: spec } : { path, content: spec.content, mode: spec.mode },
  )
  const tree = await repo.buildTree(undefined, changes)
  const sha = await repo.commitTree(tree, [], options.message ?? 'Initial commit\n', { name: 'Author', email: 'author@example.com' })
  await repo.updateRef(`refs/heads/${branch}`, sha, ZERO_OID)
  await runGit(root, ['-c', 'core.autocrlf=false', 'clone', '--quiet', '--branch', branch, bareRepo, workDir])
  await runGit(workDir, ['config', 'core.autocrlf', 'false'], { cwd: workDir })
  return { root, bareRepo, workDir, sha, branch, cleanup: () => rm(root, { recursive: true, force: true }) }
}

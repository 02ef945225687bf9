// npm run demo: the whole pipeline on this repository's content/, against the
// bundled Medium and GitHub emulators, with dist/index.js run as the runner runs it.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRepository, startGitHubEmulator } from '../test/support/github-emulator/index.js'
import { startMediumEmulator } from '../test/support/medium-emulator.js'
import { publishedOf, repoRoot, runAction } from '../test/support/run-action.js'

const MEDIUM_TOKEN = 'demo-medium-token-0123456789abcdef'
const GITHUB_TOKEN = 'ghs_demoGitHubToken0123456789'

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files: string[] = []
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) files.push(...(await listFiles(full, base)))
    else if (entry.isFile()) files.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return files
}

const bold = (s: string) => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[0m` : s)

async function main(): Promise<number> {
  const files: Record<string, Buffer> = {}
  for (const file of await listFiles(path.join(repoRoot, 'content'))) {
    files[`content/${file}`] = await readFile(path.join(repoRoot, 'content', file))
  }
  const repository = await createRepository(files, { message: 'Add articles\n' })
  const medium = await startMediumEmulator({ users: [{ token: MEDIUM_TOKEN, username: 'demo-writer' }] })
  const github = await startGitHubEmulator({ bareRepo: repository.bareRepo, owner: 'acme', repo: 'blog', token: GITHUB_TOKEN })
  try {
    console.log(bold(`Running dist/index.js on a copy of content/ (${Object.keys(files).length} files) as a push to main...`))
    const run = await runAction({
      workspace: repository.workDir,
      inputs: { 'medium-token': MEDIUM_TOKEN, 'github-token': GITHUB_TOKEN, 'medium-api-url': medium.url },
      event: { ref: 'refs/heads/main', after: repository.sha, repository: { private: true, full_name: 'acme/blog' } },
      env: { GITHUB_API_URL: github.url, GITHUB_SHA: repository.sha, GITHUB_REPOSITORY: 'acme/blog' },
    })
    const log = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::') && !line.startsWith('::debug::'))
      .map((line) => line.replace(/^::(group|endgroup)::/, (_m, g: string) => (g === 'group' ? '▸ ' : '')))
      .filter((line) => line !== '')
    console.log(log.map((l) => `  ${l}`).join('\n'))
    if (run.stderr) console.error(run.stderr)

    console.log('\n' + bold('Published to the Medium emulator:'))
    for (const post of publishedOf(run)) console.log(`  ${post.url}  (${post.publishStatus})  ${post.path}  "${post.title}"`)
    console.log(`  images uploaded: ${medium.uploads.length}`)

    const sha = run.outputs['commit-sha']
    console.log('\n' + bold(`Write-back commit ${sha || '(none)'} on main:`))
    if (sha) console.log(await github.git(['show', '--format=commit %H%nAuthor: %an <%ae>%n%n    %s%n', sha]))

    console.log(bold(`Exit status ${run.exitCode}.`) + ` Outputs: published-count=${run.outputs['published-count']}, commit-sha=${sha}`)
    return run.exitCode
  } finally {
    await Promise.all([medium.close(), github.close()])
    await repository.cleanup()
  }
}

process.exitCode = await main()

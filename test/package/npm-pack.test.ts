/**
 * Issue #14: the CLI as a package. `npm pack` gives the tarball the registry would serve; it is
 * installed into an empty project outside this repository, with an empty npm cache and `--offline`
 * (the package has no dependencies, so nothing is fetched), and its `medium-publish` bin runs
 * `--help` and `validate` there with only Node on the PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/run-action.js'

const ALLOWLIST = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'SECURITY.md',
  'action.yml',
  'dist/cli.js',
  'dist/index.js',
  'dist/licenses.txt',
  'package.json',
]

interface PackResult {
  filename: string
  files: Array<{ path: string }>
}

let dir: string
let project: string
let packed: PackResult

/** A clean environment for npm: an empty cache of its own, no settings inherited from `npm test`. */
function npmEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    npm_config_cache: path.join(dir, 'npm-cache'),
    npm_config_update_notifier: 'false',
  }
}

function npm(args: string[], cwd: string) {
  return execFileSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

/** The installed bin, run as a user's shell runs it: through its shebang, with only Node's directory on PATH. */
function medium(args: string[]) {
  const bin = path.join(project, 'node_modules/.bin/medium-publish')
  const run = spawnSync(bin, args, {
    cwd: project,
    env: { PATH: path.dirname(process.execPath), HOME: dir },
    encoding: 'utf8',
    timeout: 20_000,
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

beforeAll(() => {
  const bundles = ['dist/index.js', 'dist/cli.js', 'dist/licenses.txt']
  if (bundles.some((file) => !existsSync(path.join(repoRoot, file))))
    execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'ignore' })
  dir = mkdtempSync(path.join(tmpdir(), 'npm-pack-test-'))
  project = path.join(dir, 'consumer')
  mkdirSync(path.join(project, 'content'), { recursive: true })
  packed = (JSON.parse(npm(['pack', '--json', '--pack-destination', dir], repoRoot)) as PackResult[])[0]!
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }) + '\n')
  npm(['install', '--offline', '--no-audit', '--no-fund', path.join(dir, packed.filename)], project)
}, 120_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('npm pack', () => {
  it('packs exactly the allowlist: the bundles, their licenses, action.yml and the project files; no src, test or bench', () => {
    expect(packed.files.map((file) => file.path).sort()).toEqual(ALLOWLIST)
  })

  it('declares no runtime dependencies, so installing it fetches nothing', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(manifest.dependencies).toBeUndefined()
    expect(manifest.private).toBeUndefined()
    expect(manifest.bin).toEqual({ 'medium-publish': 'dist/cli.js' })
  })
})

describe('the tarball installed into an empty project', () => {
  it('installs the package alone: no dependency came with it', () => {
    expect(readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['medium-publish-action'])
    const installed = path.join(project, 'node_modules/medium-publish-action')
    expect(existsSync(path.join(installed, 'node_modules'))).toBe(false)
    expect(readdirSync(path.join(installed, 'dist')).sort()).toEqual(['cli.js', 'index.js', 'licenses.txt'])
  })

  it('medium-publish --help prints the usage and exits 0', () => {
    const run = medium(['--help'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^medium-publish: the medium-publish-action pipeline on your machine\n/)
    for (const command of ['medium-publish validate [globs...]', 'medium-publish preview <file>', 'medium-publish publish [globs...]'])
      expect(run.stdout).toContain(command)
  })

  it('medium-publish validate accepts a valid article and exits 0', () => {
    writeFileSync(path.join(project, 'content/hello.md'), '---\ntitle: Hello from a package\ntags: [notes]\n---\n\nBody.\n')
    const run = medium(['validate'])
    expect(run).toEqual({
      status: 0,
      stdout: 'would-publish content/hello.md  "Hello from a package"\n1 article(s): 1 would-publish\n',
      stderr: '',
    })
  })

  it('medium-publish validate reports an invalid article at its line and exits 1', () => {
    writeFileSync(path.join(project, 'content/bad.md'), '---\ntitle: Bad status\npublishStatus: published\n---\n\nBody.\n')
    const run = medium(['validate'])
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('invalid       content/bad.md')
    expect(run.stdout).toContain('2 article(s): 1 invalid, 1 would-publish')
    expect(run.stderr).toMatch(/^content\/bad\.md:3: error: publishStatus "published" is not one of draft, public, unlisted\./)
  })

  it('npx <package> validate, in a directory with no package.json, runs its single bin as `npx medium-publish-action@<version> validate` does', () => {
    const blog = path.join(dir, 'blog')
    mkdirSync(path.join(blog, 'content'), { recursive: true })
    writeFileSync(path.join(blog, 'content/hello.md'), '---\ntitle: Hello from npx\n---\n\nBody.\n')
    // A relative spec: npx runs an absolute path as a command instead of installing it.
    const out = execFileSync('npx', ['--yes', '--offline', `../${packed.filename}`, 'validate'], {
      cwd: blog,
      env: npmEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    expect(out).toBe('would-publish content/hello.md  "Hello from npx"\n1 article(s): 1 would-publish\n')
  })
})

/**
 * Issue #14: `npm run lint` checks the workflows and action.yml (scripts/lint-workflows.mjs, built on
 * @action-validator/core) and refuses third-party actions that are not pinned to a commit SHA.
 * Broken files are written to a temporary directory and the checker is run on them as `npm run lint`
 * runs it: it must name each problem with its file and exit 1.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/run-action.js'

const SCRIPT = path.join(repoRoot, 'scripts/lint-workflows.mjs')
const CHECKOUT = 'actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803 # v6.1.0'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'lint-workflows-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Writes the files under the temporary directory and runs the checker on them. */
function lint(files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  const run = spawnSync(process.execPath, [SCRIPT, ...Object.keys(files)], { cwd: dir, encoding: 'utf8' })
  return { status: run.status, stdout: run.stdout, problems: run.stderr.split('\n').filter(Boolean) }
}

const workflow = (job: string) => `name: T\non: push\njobs:\n${job}`

describe("this repository's workflows and action.yml", () => {
  it('pass: valid against the schemas, every third-party action pinned', () => {
    const run = spawnSync(process.execPath, [SCRIPT], { cwd: repoRoot, encoding: 'utf8' })
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(/^workflows: \d+ file\(s\) checked, no problems\n$/)
    expect(run.status).toBe(0)
  })

  it('are what npm run lint checks', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(manifest.scripts.lint).toContain('node scripts/lint-workflows.mjs')
  })
})

describe('a broken workflow fails the check, naming the file and the problem', () => {
  it.each([
    ['a job without runs-on', '  build:\n    steps:\n      - run: make\n', '/jobs/build/runs-on: This property is required'],
    [
      'a misspelt key',
      '  build:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: make\n',
      "/jobs/build: Additional property 'stepz' is not allowed",
    ],
    [
      'needs of a job that does not exist',
      '  build:\n    runs-on: ubuntu-latest\n    needs: test\n    steps:\n      - run: make\n',
      '/jobs/build/needs: unresolved job test',
    ],
  ])('%s', (_, job, problem) => {
    const run = lint({ '.github/workflows/broken.yml': workflow(job) })
    expect(run.status).toBe(1)
    expect(run.problems).toEqual([`.github/workflows/broken.yml: ${problem}`, '1 problem(s) in the workflow files'])
  })

  it('YAML that does not parse, at its line', () => {
    const run = lint({ '.github/workflows/bad-yaml.yml': workflow('  build:\n    runs-on: [ubuntu-latest\n') })
    expect(run.status).toBe(1)
    expect(run.problems[0]).toMatch(/^\.github\/workflows\/bad-yaml\.yml:6: did not find expected ',' or ']'/)
  })

  it('only the broken file among good ones', () => {
    const good = workflow(`  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${CHECKOUT}\n      - run: make\n`)
    const run = lint({ 'good.yml': good, 'bad.yml': workflow('  build:\n    steps:\n      - run: make\n') })
    expect(run.status).toBe(1)
    expect(run.problems).toEqual(['bad.yml: /jobs/build/runs-on: This property is required', '1 problem(s) in the workflow files'])
  })
})

describe('third-party actions must be pinned to a full commit SHA with the version in a comment', () => {
  it('refuses a tag, a short SHA, a SHA without a version comment and an unpinned docker image; accepts ./ and pinned ones', () => {
    const steps = [
      'actions/checkout@v6',
      'actions/checkout@d23441a',
      'actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38',
      'actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38 # latest',
      'docker://alpine:3',
      './',
      `${CHECKOUT}`,
      `'actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38' # v6.5.0`,
    ]
    const run = lint({
      'pins.yml': workflow(`  build:\n    runs-on: ubuntu-latest\n    steps:\n${steps.map((uses) => `      - uses: ${uses}\n`).join('')}`),
    })
    expect(run.status).toBe(1)
    expect(run.problems).toEqual([
      'pins.yml:7: actions/checkout@v6 is not pinned to a full commit SHA: use <owner>/<repo>@<40-hex SHA> # <version>',
      'pins.yml:8: actions/checkout@d23441a is not pinned to a full commit SHA: use <owner>/<repo>@<40-hex SHA> # <version>',
      'pins.yml:9: actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38 has no version comment: add "# v1.2.3" (the tag the SHA is)',
      'pins.yml:10: actions/setup-node@249970729cb0ef3589644e2896645e5dc5ba9c38 has no version comment: add "# v1.2.3" (the tag the SHA is)',
      'pins.yml:11: docker://alpine:3 is not pinned: add its @sha256: digest',
      '5 problem(s) in the workflow files',
    ])
  })
})

describe('action.yml', () => {
  const action = (runs: string) => `name: A\ndescription: B\nruns:\n${runs}`

  it('accepts node24, which the schema of action-validator 0.6.0 does not know yet', () => {
    const run = lint({ 'node24/action.yml': action("  using: 'node24'\n  main: dist/index.js\n") })
    expect(run).toEqual({ status: 0, stdout: 'workflows: 1 file(s) checked, no problems\n', problems: [] })
  })

  it('refuses a runtime GitHub does not run, and a missing main', () => {
    const run = lint({
      'node99/action.yml': action('  using: node99\n  main: dist/index.js\n'),
      'nomain/action.yml': action('  using: node24\n'),
    })
    expect(run.status).toBe(1)
    expect(run.problems[0]).toBe('node99/action.yml: /runs/using: node99 is not a runtime GitHub runs; use one of node20, node24')
    expect(run.problems.slice(1, -1).every((problem) => problem.startsWith('nomain/action.yml: '))).toBe(true)
    expect(run.problems.slice(1, -1).join('\n')).toContain('main')
  })
})

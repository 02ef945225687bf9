// Issue 10, bounded rendering: an article that nests too deep or renders too long is that article's
// error (through dist/index.js, whose renders run in a worker of the bundle); the others are published
// and their URLs recorded; a cancel during a render is handled at once.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { filesModeInputs, makeWorkspace, publishedOf, runAction } from '../support/run-action.js'

const TOKEN = 'mtok-SECRET-bounded-render-9f8e7d6c5b4a'
const GOOD = { 'content/good.md': '---\ntitle: A good article\n---\n\nIt renders quickly.\n' }

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: TOKEN }] })
})
afterAll(async () => medium.close())

describe('bounded rendering', () => {
  it('10,000 nested quotes: an error at its line, the other article published and recorded', async () => {
    const deep = '---\ntitle: Deep\n---\n\nIntro.\n\n' + '>'.repeat(10_000) + ' bottom\n'
    const workspace = await makeWorkspace({ ...GOOD, 'content/deep.md': deep })
    const run = await runAction({ workspace, inputs: filesModeInputs(medium, TOKEN) })
    expect(run.exitCode).not.toBe(0)
    expect(run.annotations.find((a) => a.title === 'nesting-too-deep')).toMatchObject({ level: 'error', file: 'content/deep.md', line: 7 })
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md'])
    expect(await readFile(path.join(workspace, 'content/good.md'), 'utf8')).toContain('mediumUrl: https://')
  })

  it('a render that runs past the time limit is stopped: an error at the article, the other one published', async () => {
    const slow = '---\ntitle: Slow\n---\n\n' + '*a_'.repeat(40_000) + '\n'
    const workspace = await makeWorkspace({ ...GOOD, 'content/slow.md': slow })
    const run = await runAction({ workspace, inputs: filesModeInputs(medium, TOKEN), timeoutMs: 120_000 })
    expect(run.exitCode).not.toBe(0)
    const error = run.annotations.find((a) => a.title === 'render-timeout')
    expect(error).toMatchObject({ level: 'error', file: 'content/slow.md', line: 1 })
    expect(error!.message).toMatch(/took longer than 20 s/)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md'])
  }, 120_000)

  it('SIGTERM during a long render: the render stops, nothing is published, the step fails saying so', async () => {
    const slow = '---\ntitle: Slow\n---\n\n' + '*a_'.repeat(40_000) + '\n'
    const workspace = await makeWorkspace({ 'content/a-slow.md': slow, 'content/b-good.md': GOOD['content/good.md'] })
    const before = medium.posts.length
    const run = await runAction({
      workspace,
      inputs: filesModeInputs(medium, TOKEN),
      timeoutMs: 60_000,
      // Cancel once the run has started rendering (its log says so before each phase).
      onSpawn: (child) =>
        child.stdout?.on('data', (chunk: Buffer) => String(chunk).includes('::group::Render the articles') && child.kill('SIGTERM')),
    })
    expect(run.exitCode).not.toBe(0)
    expect(medium.posts.length).toBe(before)
    expect(run.stdout).toMatch(/cancelled before anything was published/)
    expect(run.summary).toMatch(/left for the next run/)
  }, 60_000)
})

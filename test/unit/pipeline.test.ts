import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMediumClient } from '../../src/medium/client.js'
import { runPipeline } from '../../src/pipeline/run.js'
import type { ArticleReport, PipelineEdges, PipelineSettings, RunMode } from '../../src/pipeline/types.js'
import { outcomeReason } from '../../src/report/outcome.js'
import { silentLog } from '../../src/log.js'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpa-pipeline-'))
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), text)
  }
  return dir
}

const article = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\n\nSome words about ${title}.\n`

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator()
})
afterAll(() => medium.close())

const urlOf = (article: ArticleReport): string | undefined => ('url' in article ? article.url : undefined)

const PREVIEW: RunMode = { kind: 'preview', reason: 'a test' }

/** The pipeline in publish mode (files write-back) on `dir`, with `over` settings and edges. */
function pipeline(dir: string, over: Partial<PipelineSettings> = {}, edges: Partial<PipelineEdges> = {}) {
  const settings: PipelineSettings = {
    workspace: dir,
    patterns: ['content/**/*.md'],
    defaults: { urlKey: 'mediumUrl', publishStatus: 'draft', notifyFollowers: false },
    maxArticles: 10,
    mode: { kind: 'publish' },
    now: new Date('2026-06-01T00:00:00Z'),
    images: 'upload',
    writeBack: 'files',
    site: { kind: 'plain', root: '', why: 'a test' },
    backdate: true,
    ...over,
  }
  return runPipeline(settings, {
    medium: async () => createMediumClient({ baseUrl: medium.url, token: 'test-token' }),
    log: silentLog,
    ...edges,
  })
}

describe('runPipeline', () => {
  it('classifies every article and reports them in path order', async () => {
    medium.reset()
    const dir = await workspace({
      'content/b-new.md': article('New'),
      'content/a-old.md': article('Old', 'mediumUrl: https://medium.com/@x/old-0123456789ab\n'),
      'content/c-off.md': article('Off', 'publish: false\n'),
      'content/d-later.md': article('Later', 'date: 2027-01-01\n'),
      'content/e-bad.md': article('Bad', 'publishStatus: published\n'),
      'content/notes.txt': 'not an article',
    })
    const result = await pipeline(dir)
    expect(result.articles.map((a) => [a.path, a.status, outcomeReason(a)])).toEqual([
      ['content/a-old.md', 'skipped', 'already published'],
      ['content/b-new.md', 'published', undefined],
      ['content/c-off.md', 'skipped', 'publish: false'],
      ['content/d-later.md', 'scheduled', 'scheduled for 2027-01-01T00:00:00.000Z'],
      ['content/e-bad.md', 'invalid', undefined],
    ])
    expect(result.edits).toEqual([{ path: 'content/b-new.md', key: 'mediumUrl', value: urlOf(result.articles[1]!) }])
    expect(medium.posts).toHaveLength(1)
  })

  it('treats a blank url-key as "not published yet", on the fast path as in the planner', async () => {
    medium.reset()
    const dir = await workspace({
      'content/blank.md': article('Blank', 'mediumUrl: " "\n'),
      'content/empty.md': article('Empty', "mediumUrl: ''\n"),
    })
    const result = await pipeline(dir)
    expect(result.articles.map((a) => [a.path, a.status])).toEqual([
      ['content/blank.md', 'published'],
      ['content/empty.md', 'published'],
    ])
    expect(medium.posts).toHaveLength(2)
  })

  it('publishes none and fails when more than max-articles would be published, listing them', async () => {
    medium.reset()
    const dir = await workspace({
      'content/1.md': article('One'),
      'content/2.md': article('Two'),
      'content/3.md': article('Three'),
      'content/4.md': article('Four', 'publishStatus: wrong\n'),
    })
    const result = await pipeline(dir, { maxArticles: 2 })
    expect(result.fatal).toMatch(/would publish 3 articles, more than 'max-articles' \(2\)/)
    expect(result.fatal).toContain('content/1.md, content/2.md, content/3.md')
    expect(result.fatal).toMatch(/publish: false/)
    expect(result.articles.filter((a) => a.status === 'failed')).toHaveLength(3)
    expect(medium.requests).toHaveLength(0)
  })

  it('makes no request to Medium when nothing is new, and none in preview mode', async () => {
    medium.reset()
    const published = await workspace({ 'content/a.md': article('A', 'mediumUrl: https://medium.com/@x/a-0123456789ab\n') })
    expect((await pipeline(published)).articles[0]!.status).toBe('skipped')
    const fresh = await workspace({ 'content/a.md': article('A') })
    const preview = await pipeline(fresh, { mode: PREVIEW }, { medium: undefined })
    expect(preview.articles[0]).toMatchObject({ status: 'would-publish', title: 'A' })
    expect(preview.articles[0]!.html).toContain('<h1>A</h1>')
    expect(medium.requests).toHaveLength(0)
  })

  it('refuses an article that is a symlink, even to a file inside the workspace', async () => {
    const dir = await workspace({ 'content/real.md': article('Real', 'publish: false\n') })
    await symlink(path.join(dir, 'content/real.md'), path.join(dir, 'content/link.md'))
    const result = await pipeline(dir, { mode: PREVIEW })
    expect(result.articles.find((a) => a.path === 'content/link.md')).toMatchObject({
      status: 'invalid',
      diagnostics: [expect.objectContaining({ ruleId: 'file-symlink', line: 1 })],
    })
  })

  it('refuses globs that leave the workspace', async () => {
    const dir = await workspace({})
    await expect(pipeline(dir, { patterns: ['../**/*.md'] })).rejects.toThrow(/leaves the workspace/)
  })
})

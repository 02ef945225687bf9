/**
 * `medium-publish backfill --feed <url>` (issue 12): through dist/cli.js against the Medium RSS feed
 * emulator. Stories are matched to articles by the canonical URL they link to or by title, their URLs
 * written into the articles (one line each), and a publish run afterwards posts only the articles that
 * are not on Medium yet.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { startRssEmulator } from '../support/rss-emulator.js'
import { makeWorkspace, repoRoot } from '../support/run-action.js'
import { spawnNode } from '../support/spawn.js'

const cliEntry = path.join(repoRoot, 'dist/cli.js')
const TOKEN = 'mtok-SECRET-backfill-2a4c6e8f0b1d3f5a'

const ARTICLES = {
  'content/by-title.md': '---\ntitle: "Caching builds in a monorepo"\n---\n\nWhat we measured.\n',
  'content/by-canonical.md':
    '---\ntitle: A different title here\ncanonicalUrl: https://blog.example.com/posts/flaky-tests/\n---\n\nFlaky tests.\n',
  'content/not-on-medium.md': '---\ntitle: Brand new\n---\n\nNot on Medium yet.\n',
}

type Rss = Awaited<ReturnType<typeof startRssEmulator>>
let rss: Rss
let medium: MediumEmulator
beforeAll(async () => {
  rss = await startRssEmulator({
    users: [
      {
        username: 'writer',
        stories: [
          { title: 'Caching Builds in a Monorepo', publishedAt: new Date('2024-03-01T10:00:00Z'), id: 'a1b2c3d4e5f6' },
          {
            title: 'Why our tests were flaky',
            publishedAt: new Date('2024-04-01T10:00:00Z'),
            id: '0f1e2d3c4b5a',
            contentHtml: '<p>Originally published at <a href="https://blog.example.com/posts/flaky-tests">my blog</a>.</p>',
          },
          { title: 'A story with no article', publishedAt: new Date('2024-05-01T10:00:00Z'), id: '9a8b7c6d5e4f' },
        ],
      },
    ],
  })
  medium = await startMediumEmulator({ users: [{ token: TOKEN }] })
})
afterAll(async () => {
  await rss.close()
  await medium.close()
})

const cli = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  spawnNode([cliEntry, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, timeoutMs: 20_000 })

describe('medium-publish backfill', () => {
  it('records the URL of each story that matches an article (title or canonical URL), one line per file, and a publish run posts only the rest', async () => {
    const dir = await makeWorkspace(ARTICLES)
    const run = await cli(dir, ['backfill', '--feed', rss.feedUrl('@writer')])
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const titled = await readFile(path.join(dir, 'content/by-title.md'), 'utf8')
    const url = /^mediumUrl: (\S+)$/m.exec(titled)?.[1]
    expect(url).toMatch(/^https:\/\/medium\.com\/@writer\/.*a1b2c3d4e5f6$/)
    expect(url).not.toContain('?source=')
    expect(titled).toBe(ARTICLES['content/by-title.md'].replace('---\n\n', `mediumUrl: ${url}\n---\n\n`))
    expect(await readFile(path.join(dir, 'content/by-canonical.md'), 'utf8')).toMatch(
      /^mediumUrl: https:\/\/medium\.com\/@writer\/.*0f1e2d3c4b5a$/m,
    )
    expect(await readFile(path.join(dir, 'content/not-on-medium.md'), 'utf8')).toBe(ARTICLES['content/not-on-medium.md'])
    expect(run.stdout).toMatch(/matched by title/)
    expect(run.stdout).toMatch(/matched by canonical URL/)
    expect(run.stdout).toContain('no article    "A story with no article"')
    expect(run.stdout).toContain('2 recorded')

    const publish = await cli(dir, ['publish', '--medium-api-url', medium.url], { MEDIUM_TOKEN: TOKEN })
    expect(publish.exitCode, publish.stdout + publish.stderr).toBe(0)
    expect(medium.posts.map((p) => p.body.title)).toEqual(['Brand new'])
  })

  it('a second backfill changes nothing and says the articles are already recorded', async () => {
    const dir = await makeWorkspace(ARTICLES)
    expect((await cli(dir, ['backfill', '--feed', rss.feedUrl('@writer')])).exitCode).toBe(0)
    const before = await readFile(path.join(dir, 'content/by-title.md'), 'utf8')
    const again = await cli(dir, ['backfill', '--feed', rss.feedUrl('@writer')])
    expect(again.exitCode).toBe(0)
    expect(again.stdout).toContain('0 recorded, 2 already recorded')
    expect(await readFile(path.join(dir, 'content/by-title.md'), 'utf8')).toBe(before)
  })

  it('an unknown user (404) and a bot-protection page (403) fail with what to do, changing nothing', async () => {
    const dir = await makeWorkspace(ARTICLES)
    const missing = await cli(dir, ['backfill', '--feed', rss.feedUrl('@nobody')])
    expect(missing.exitCode).toBe(1)
    expect(missing.stderr).toMatch(/No such Medium user or publication/)
    rss.setFault({ html403: true })
    try {
      const blocked = await cli(dir, ['backfill', '--feed', rss.feedUrl('@writer')])
      expect(blocked.exitCode).toBe(1)
      expect(blocked.stderr).toMatch(/bot protection/)
    } finally {
      rss.setFault(undefined)
    }
    expect(await readFile(path.join(dir, 'content/by-title.md'), 'utf8')).toBe(ARTICLES['content/by-title.md'])
    expect((await cli(dir, ['backfill'])).exitCode).toBe(2)
  })
})

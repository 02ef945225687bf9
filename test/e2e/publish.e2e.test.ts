import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { expectNoToken } from '../support/repository-fixture.js'
import { copyExampleContent, filesModeInputs, makeWorkspace, publishedOf, requestLines, runAction } from '../support/run-action.js'

const TOKEN = 'mtok-5f1e2d3c4b5a69788796a5b4c3d2e1f0-SECRET'

const extraArticles = {
  'content/already.md':
    '---\ntitle: Already out\nmediumUrl: https://medium.com/@emulated-writer/already-out-0123456789ab\n---\n\nOld news.\n',
  'content/private-notes.md': '---\ntitle: Not for Medium\npublish: false\n---\n\nJust notes.\n',
  'content/future.md': '---\ntitle: From the future\ndate: 2999-01-01\n---\n\nNot yet.\n',
}

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: TOKEN }] })
})
afterAll(async () => medium.close())
beforeEach(() => medium.reset())

async function workspaceWithExamples(): Promise<string> {
  const workspace = await makeWorkspace(extraArticles)
  await copyExampleContent(workspace)
  return workspace
}

const inputs = (over: Record<string, string> = {}) => filesModeInputs(medium, TOKEN, { images: 'upload', ...over })

describe('a push run publishes the new articles once and records their URLs', () => {
  it('posts exactly the three new example articles with the documented payloads', async () => {
    const workspace = await workspaceWithExamples()
    const run = await runAction({ workspace, inputs: inputs() })
    expect(run.stderr).toBe('')
    expect(run.exitCode, run.stdout).toBe(0)

    expect(medium.posts.map((p) => p.body.title).sort()).toEqual(
      ['Cross-posting without hurting your search ranking', 'Publishing to Medium from a pull request', 'What we shipped in March'].sort(),
    )
    const byTitle = Object.fromEntries(medium.posts.map((p) => [p.body.title as string, p.body]))

    const draft = byTitle['Publishing to Medium from a pull request']!
    expect(draft).toMatchObject({
      contentFormat: 'html',
      tags: ['writing', 'github-actions', 'medium'],
      publishStatus: 'draft',
      notifyFollowers: false,
    })
    expect(draft).not.toHaveProperty('canonicalUrl')
    expect(draft).not.toHaveProperty('license')
    expect(draft.content).toMatch(/^<h1>Publishing to Medium from a pull request<\/h1>/)

    const canonical = byTitle['Cross-posting without hurting your search ranking']!
    expect(canonical).toMatchObject({
      publishStatus: 'public',
      canonicalUrl: 'https://example.com/blog/canonical-urls/',
      license: 'cc-40-by',
      notifyFollowers: false,
      tags: ['seo', 'blogging', 'medium'],
    })
    // The local image was uploaded once and the post points at Medium's copy.
    expect(medium.uploads).toHaveLength(1)
    expect(canonical.content).toContain(medium.uploads[0]!.url)

    const notes = byTitle['What we shipped in March']!
    expect(notes).toMatchObject({ publishStatus: 'unlisted', tags: ['engineering', 'release notes', 'changelog'] })
    // The body already starts with the title heading: it is not repeated (its `##` sections are large headings, <h1> too).
    expect((notes.content as string).match(/<h1>What we shipped in March<\/h1>/g)).toHaveLength(1)

    // Only GET /me, one upload and three posts reached Medium, in that order.
    expect(requestLines(medium)).toEqual([
      'GET /v1/me',
      'POST /v1/images',
      'POST /v1/users/:id/posts',
      'POST /v1/users/:id/posts',
      'POST /v1/users/:id/posts',
    ])
  })

  it('writes back only the url-key line, sets the outputs, and a second run posts nothing', async () => {
    const workspace = await workspaceWithExamples()
    const before = await readTree(workspace)
    const run = await runAction({ workspace, inputs: inputs() })
    expect(run.exitCode, run.stdout).toBe(0)

    const published = publishedOf(run)
    expect(published).toHaveLength(3)
    expect(run.outputs['published-count']).toBe('3')
    expect(run.outputs['commit-sha']).toBe('')
    for (const entry of published) {
      const stored = medium.posts.find((p) => p.post.id === entry.id)!
      expect(entry).toEqual({
        path: entry.path,
        title: stored.post.title,
        id: stored.post.id,
        url: stored.post.url,
        publishStatus: stored.post.publishStatus,
      })
      const after = await readFile(path.join(workspace, entry.path), 'utf8')
      const original = before[entry.path]!
      // Exactly one line added, as the last line of the front-matter: every other byte unchanged.
      const added = `mediumUrl: ${entry.url}\n`
      const closing = original.indexOf('\n---', 4) + 1
      expect(after).toBe(original.slice(0, closing) + added + original.slice(closing))
    }
    // Files that were not published are byte-for-byte unchanged.
    for (const file of ['content/already.md', 'content/private-notes.md', 'content/future.md']) {
      expect(await readFile(path.join(workspace, file), 'utf8')).toBe(before[file])
    }
    expect(run.summary).toContain('3 published')
    for (const entry of published) expect(run.summary).toContain(entry.url)

    const requestsAfterFirst = medium.requests.length
    const again = await runAction({ workspace, inputs: inputs() })
    expect(again.exitCode, again.stdout).toBe(0)
    expect(again.outputs['published-count']).toBe('0')
    expect(again.outputs).toHaveProperty('published')
    expect(publishedOf(again)).toEqual([])
    expect(medium.posts).toHaveLength(3)
    // Nothing to publish: not even GET /me.
    expect(medium.requests.length).toBe(requestsAfterFirst)
  })

  it('never prints the token: stdout, stderr, outputs, summary', async () => {
    const workspace = await workspaceWithExamples()
    const run = await runAction({ workspace, inputs: inputs() })
    expect(run.exitCode).toBe(0)
    // The runner swallows `::add-mask::` commands and masks the value everywhere after them.
    expect(run.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
    // Failure rule 8: stdout but the `::add-mask::` lines, stderr, summary, outputs, annotations.
    expectNoToken(run, [TOKEN])
  })

  it('never prints the token on a failing run either, even when Medium echoes it back in an error body', async () => {
    const workspace = await makeWorkspace({ 'content/a.md': '---\ntitle: Echoed\n---\n\nBody.\n' })
    medium.inject('createPost', { echoToken: true, status: 400 })
    const run = await runAction({ workspace, inputs: inputs() })
    expect(run.exitCode).not.toBe(0)
    // The echo did happen, and the article failed with Medium's message, the token masked.
    expect(medium.requests.some((r) => r.fault && 'echoToken' in r.fault)).toBe(true)
    expect(run.annotations.find((a) => a.level === 'error' && a.file === 'content/a.md')?.message, run.stdout).toContain(
      'Authorization: Bearer ***',
    )
    expectNoToken(run, [TOKEN])
  })

  it('links an article to another published earlier in the same run by its Medium URL', async () => {
    const workspace = await makeWorkspace({
      'content/a-first.md': '---\ntitle: First\n---\n\nThe first part.\n',
      'content/b-second.md': '---\ntitle: Second\n---\n\nRead [the first part](a-first.md) before this one.\n',
    })
    const run = await runAction({ workspace, inputs: inputs() })
    expect(run.exitCode, run.stdout).toBe(0)
    const first = medium.posts.find((p) => p.body.title === 'First')!
    const second = medium.posts.find((p) => p.body.title === 'Second')!
    expect(second.body.content).toContain(`<a href="${first.post.url}">the first part</a>`)
  })

  it('with write-back none, edits nothing but still reports the URLs', async () => {
    const workspace = await workspaceWithExamples()
    const before = await readTree(workspace)
    const run = await runAction({ workspace, inputs: inputs({ 'write-back': 'none' }) })
    expect(run.exitCode).toBe(0)
    expect(await readTree(workspace)).toEqual(before)
    expect(publishedOf(run)).toHaveLength(3)
  })
})

async function readTree(workspace: string): Promise<Record<string, string>> {
  const { glob } = await import('tinyglobby')
  const files = await glob(['**/*'], { cwd: workspace })
  const tree: Record<string, string> = {}
  for (const file of files) tree[file] = await readFile(path.join(workspace, file), 'utf8')
  return tree
}

/**
 * GitHub issue #5: `publication-id` and `canonical-url-template` through dist/index.js, against the
 * Medium emulator (its `publications` option: contributors and their roles, as Medium's
 * GET /v1/publications/{id}/contributors lists them).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER, startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { expectNoToken } from '../support/repository-fixture.js'
import { filesModeInputs, makeWorkspace, publishedOf, requestLines, runAction } from '../support/run-action.js'

const TOKEN = 'mtok-publication-9f8e7d6c5b4a39281706f5e4d3c2b1a0-SECRET'
const OTHER_USER = '2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a3c5e7b9d2f4a6c8e0b1d3f5a7c9e2b4d6'

const EDITOR_OF = 'aa11bb22cc33'
const WRITER_OF = 'dd44ee55ff66'
const STRANGER_TO = '778899aabbcc'
const UNKNOWN = '000000000000'

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({
    users: [{ token: TOKEN }],
    publications: [
      {
        id: EDITOR_OF,
        name: 'Edited Here',
        contributors: [
          { userId: DEFAULT_USER.id, role: 'editor' },
          { userId: OTHER_USER, role: 'writer' },
        ],
      },
      {
        id: WRITER_OF,
        name: 'Written Here',
        contributors: [
          { userId: OTHER_USER, role: 'editor' },
          { userId: DEFAULT_USER.id, role: 'writer' },
        ],
      },
      { id: STRANGER_TO, name: 'Somebody Else', contributors: [{ userId: OTHER_USER, role: 'editor' }] },
    ],
  })
})
afterAll(async () => medium.close())
beforeEach(() => medium.reset())

const inputs = (over: Record<string, string> = {}) => filesModeInputs(medium, TOKEN, { images: 'upload', ...over })

// One article per status; the line of `publishStatus` is 3 in each.
const article = (title: string, status?: string) =>
  `---\ntitle: ${title}\n${status ? `publishStatus: ${status}\n` : ''}---\n\nBody of ${title.toLowerCase()}.\n`
const THREE_STATUSES = {
  'content/a-public.md': article('Public one', 'public'),
  'content/b-draft.md': article('Draft one', 'draft'),
  'content/c-unlisted.md': article('Unlisted one', 'unlisted'),
}

describe('publication-id', () => {
  it('as an editor: every status is posted to POST /v1/publications/{id}/posts', async () => {
    const workspace = await makeWorkspace(THREE_STATUSES)
    const run = await runAction({ workspace, inputs: inputs({ 'publication-id': EDITOR_OF }) })
    expect(run.stderr).toBe('')
    expect(run.exitCode, run.stdout).toBe(0)
    expect(requestLines(medium)).toEqual([
      'GET /v1/me',
      `GET /v1/publications/${EDITOR_OF}/contributors`,
      `POST /v1/publications/${EDITOR_OF}/posts`,
      `POST /v1/publications/${EDITOR_OF}/posts`,
      `POST /v1/publications/${EDITOR_OF}/posts`,
    ])
    expect(medium.posts.map((p) => [p.body.title, p.body.publishStatus, p.publicationId])).toEqual([
      ['Public one', 'public', EDITOR_OF],
      ['Draft one', 'draft', EDITOR_OF],
      ['Unlisted one', 'unlisted', EDITOR_OF],
    ])
    // The URLs Medium returned are the ones recorded.
    const published = publishedOf(run)
    expect(published.map((p) => p.url)).toEqual(medium.posts.map((p) => p.post.url))
    expect(published[0]!.url).toMatch(/^https:\/\/medium\.com\/edited-here\/public-one-[0-9a-f]{12}$/)
    for (const { path: file, url } of published) {
      expect(await readFile(path.join(workspace, file), 'utf8')).toContain(`\nmediumUrl: ${url}\n---\n`)
    }
  })

  it('as a writer: a public or unlisted article is an error before anything is sent; a draft goes through', async () => {
    const workspace = await makeWorkspace(THREE_STATUSES)
    const before = await readFile(path.join(workspace, 'content/a-public.md'), 'utf8')
    const run = await runAction({ workspace, inputs: inputs({ 'publication-id': WRITER_OF }) })
    expect(run.exitCode).not.toBe(0)
    expectNoToken(run, [TOKEN])

    // Only the draft was posted: no POST at all for the others.
    expect(requestLines(medium)).toEqual([
      'GET /v1/me',
      `GET /v1/publications/${WRITER_OF}/contributors`,
      `POST /v1/publications/${WRITER_OF}/posts`,
    ])
    expect(medium.posts.map((p) => [p.body.title, p.body.publishStatus, p.publicationId])).toEqual([['Draft one', 'draft', WRITER_OF]])
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/b-draft.md'])

    for (const [file, status] of [
      ['content/a-public.md', 'public'],
      ['content/c-unlisted.md', 'unlisted'],
    ]) {
      const errors = run.annotations.filter((a) => a.level === 'error' && a.file === file)
      expect(errors, `${file}\n${run.stdout}`).toHaveLength(1)
      expect(errors[0]!.line).toBe(3)
      expect(errors[0]!.message).toContain(`'${status}'`)
      expect(errors[0]!.message).toMatch(/writers? .*drafts? only|writers can only submit drafts/i)
      expect(errors[0]!.message).toContain('publishStatus: draft')
    }
    expect(await readFile(path.join(workspace, 'content/a-public.md'), 'utf8')).toBe(before)
  })

  it('as a writer, the publish-status input counts too: a public default is refused at line 1', async () => {
    const workspace = await makeWorkspace({ 'content/no-status.md': article('No status') })
    const run = await runAction({ workspace, inputs: inputs({ 'publication-id': WRITER_OF, 'publish-status': 'public' }) })
    expect(run.exitCode).not.toBe(0)
    expect(medium.posts).toEqual([])
    expect(requestLines(medium).filter((line) => line.startsWith('POST'))).toEqual([])
    const error = run.annotations.find((a) => a.level === 'error' && a.file === 'content/no-status.md')
    expect(error?.line, run.stdout).toBe(1)
    expect(error!.message).toContain("'public'")
  })

  it('not a contributor: a clear failure naming the publication, nothing posted', async () => {
    const workspace = await makeWorkspace(THREE_STATUSES)
    const run = await runAction({ workspace, inputs: inputs({ 'publication-id': STRANGER_TO }) })
    expect(run.exitCode).not.toBe(0)
    expectNoToken(run, [TOKEN])
    expect(medium.posts).toEqual([])
    expect(requestLines(medium)).toEqual(['GET /v1/me', `GET /v1/publications/${STRANGER_TO}/contributors`])
    expect(run.outputs['published-count']).toBe('0')
    const failure = run.annotations.find((a) => a.level === 'error' && !a.file)
    expect(failure, run.stdout).toBeDefined()
    expect(failure!.message).toContain(`not a contributor of publication '${STRANGER_TO}'`)
    expect(failure!.message).toContain('publication-id')
    expect(run.summary).toContain(STRANGER_TO)
  })

  it('an unknown publication: a clear failure that points at publication-id, nothing posted', async () => {
    const workspace = await makeWorkspace(THREE_STATUSES)
    const run = await runAction({ workspace, inputs: inputs({ 'publication-id': UNKNOWN }) })
    expect(run.exitCode).not.toBe(0)
    expectNoToken(run, [TOKEN])
    expect(medium.posts).toEqual([])
    expect(requestLines(medium).filter((line) => line.startsWith('POST'))).toEqual([])
    const failure = run.annotations.find((a) => a.level === 'error' && !a.file)
    expect(failure?.message, run.stdout).toContain(UNKNOWN)
    expect(failure!.message).toContain("'publication-id'")
  })
})

describe('canonical-url-template', () => {
  const files = {
    // No slug, no canonicalUrl: {slug} is the file name.
    'content/blog/hello-world.md': '---\ntitle: Hello world\n---\n\nHi.\n',
    // Its own slug.
    'content/blog/2024-01-02-draft-name.md': '---\ntitle: Renamed\nslug: the-real-slug\n---\n\nSlugged.\n',
    // Its own canonicalUrl wins over the template.
    'content/own.md': '---\ntitle: Own canonical\ncanonicalUrl: https://elsewhere.example/original/\n---\n\nMine.\n',
    // Deeper folder and a second extension dot: {path} drops only the extension.
    'content/notes/v1.2-release.markdown': '---\ntitle: Release notes\n---\n\nNotes.\n',
  }
  const canonicalOf = (title: string) => medium.posts.find((p) => p.body.title === title)?.body.canonicalUrl

  it("fills {slug} (front-matter slug or file name) for articles without canonicalUrl; keeps an article's own", async () => {
    const workspace = await makeWorkspace(files)
    const run = await runAction({
      workspace,
      inputs: inputs({ articles: 'content/**/*.md\ncontent/**/*.markdown', 'canonical-url-template': 'https://example.com/blog/{slug}/' }),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(medium.posts).toHaveLength(4)
    expect(canonicalOf('Hello world')).toBe('https://example.com/blog/hello-world/')
    expect(canonicalOf('Renamed')).toBe('https://example.com/blog/the-real-slug/')
    expect(canonicalOf('Own canonical')).toBe('https://elsewhere.example/original/')
    expect(canonicalOf('Release notes')).toBe('https://example.com/blog/v1.2-release/')
    // Sent as Medium's own field, and Medium stored it.
    for (const stored of medium.posts) expect(stored.post.canonicalUrl).toBe(stored.body.canonicalUrl)
  })

  it('fills {path}: the workspace-relative path without its extension', async () => {
    const workspace = await makeWorkspace(files)
    const run = await runAction({
      workspace,
      inputs: inputs({
        articles: 'content/**/*.md\ncontent/**/*.markdown',
        'canonical-url-template': 'https://example.com/{path}.html?s={slug}',
      }),
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(canonicalOf('Hello world')).toBe('https://example.com/content/blog/hello-world.html?s=hello-world')
    expect(canonicalOf('Renamed')).toBe('https://example.com/content/blog/2024-01-02-draft-name.html?s=the-real-slug')
    expect(canonicalOf('Release notes')).toBe('https://example.com/content/notes/v1.2-release.html?s=v1.2-release')
    expect(canonicalOf('Own canonical')).toBe('https://elsewhere.example/original/')
  })

  it('without the input, an article without canonicalUrl sends none', async () => {
    const workspace = await makeWorkspace({ 'content/blog/hello-world.md': files['content/blog/hello-world.md'] })
    const run = await runAction({ workspace, inputs: inputs() })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(medium.posts[0]!.body).not.toHaveProperty('canonicalUrl')
  })
})

/**
 * GitHub issue #5: local images through dist/index.js, against the Medium emulator.
 *
 * Two articles use four distinct real images (png, jpg, gif): relative to the article's folder,
 * root-absolute from the repository root, one image shared by both articles (written two ways),
 * one with a title (a figure with a caption), and a remote image that must be left alone.
 */
import { createHash } from 'node:crypto'
import { readFile, symlink } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { gif, jpeg, png } from '../fixtures/images/tiny-images.js'
import { expectNoToken } from '../support/repository-fixture.js'
import { filesModeInputs, makeWorkspace, publishedOf, requestLines, runAction, type ActionRun } from '../support/run-action.js'

const TOKEN = 'mtok-images-0a1b2c3d4e5f60718293a4b5c6d7e8f9-SECRET'
const SHA = '3f786850e387550fdab836ed7e6dc881de23001b'

const IMAGES = {
  'content/posts/img/red.png': png([204, 51, 0], 4, 3),
  'content/posts/photo.jpg': jpeg(200),
  'images/logo.png': png([20, 40, 200]),
  'images/anim.gif': gif([0, 128, 0]),
}
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' }

// Line numbers count from the first byte of the file, front-matter included.
const FIRST = [
  '---', //                                              1
  'title: Pictures, first part', //                      2
  'publishStatus: public', //                            3
  '---', //                                              4
  '', //                                                 5
  'Some text before the pictures.', //                   6
  '', //                                                 7
  '![Red square](./img/red.png)', //                     8  relative to content/posts/
  '', //                                                 9
  '![Shared logo](/images/logo.png "The shared logo")', // 10 root-absolute, titled: figure + figcaption
  '', //                                                 11
  '![A grey photo](photo.jpg)', //                       12
  '', //                                                 13
  '![Remote](https://example.com/pictures/remote.png)', // 14 remote: untouched
  '',
].join('\n')

const SECOND = [
  '---',
  'title: Pictures, second part',
  '---',
  '',
  'The logo again, written relative to this folder:',
  '',
  '![Logo again](../images/logo.png)', //                7  same file as /images/logo.png
  '',
  '![Green](/images/anim.gif)', //                       9
  '',
  '![Red by reference][red]', //                         11 the first article's image, by reference
  '',
  '<img src="posts/img/red.png" alt="Raw red">', //      13 and again as raw HTML
  '',
  '[red]: posts/img/red.png',
  '',
].join('\n')

const ARTICLES = { 'content/posts/first.md': FIRST, 'content/second.md': SECOND }

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: TOKEN }] })
})
afterAll(async () => medium.close())
beforeEach(() => medium.reset())

const inputs = (over: Record<string, string> = {}) => filesModeInputs(medium, TOKEN, over)

const pushEvent = (repository: Record<string, unknown> | undefined) => ({
  ref: 'refs/heads/main',
  ...(repository ? { repository: { full_name: 'acme/blog', ...repository } } : {}),
})

function run(
  workspace: string,
  over: Record<string, string>,
  options: { event?: Record<string, unknown>; env?: Record<string, string>; eventName?: string } = {},
) {
  return runAction({
    workspace,
    inputs: inputs(over),
    event: options.event ?? pushEvent({ private: true }),
    eventName: options.eventName,
    env: { GITHUB_SHA: SHA, ...options.env },
  })
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64url')
const cdnUrl = (file: keyof typeof IMAGES) => {
  const ext = { png: 'png', jpg: 'jpeg', gif: 'gif' }[file.split('.').pop()!]
  return `https://cdn-images-1.medium.com/proxy/1*${md5(IMAGES[file])}.${ext}`
}
const rawUrl = (file: string) => `https://raw.githubusercontent.com/acme/blog/${SHA}/${file}`

function contentOf(title: string): string {
  const stored = medium.posts.find((p) => p.body.title === title)
  expect(stored, `no post titled "${title}" reached Medium`).toBeDefined()
  return stored!.body.content as string
}

function expectPublishedBoth(run: ActionRun): void {
  expect(run.stderr).toBe('')
  expect(run.exitCode, run.stdout).toBe(0)
  expect(run.outputs['published-count']).toBe('2')
}

describe('images: upload', () => {
  it("uploads each distinct image once per run and points the posts at Medium's copies", async () => {
    const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
    const result = await run(workspace, { images: 'upload' })
    expectPublishedBoth(result)

    // Four distinct files, each uploaded exactly once, with its own bytes and type.
    expect(medium.uploads.map((u) => u.filename).sort()).toEqual(['anim.gif', 'logo.png', 'photo.jpg', 'red.png'])
    for (const [file, bytes] of Object.entries(IMAGES)) {
      const upload = medium.uploads.find((u) => u.filename === path.basename(file))!
      expect(Buffer.compare(upload.bytes, bytes), `${file}: bytes`).toBe(0)
      expect(upload.md5).toBe(md5(bytes))
      expect(upload.contentType).toBe(IMAGE_TYPES[file.split('.').pop()!])
      expect(upload.url).toBe(cdnUrl(file as keyof typeof IMAGES))
    }

    const first = contentOf('Pictures, first part')
    expect(first).toContain(`<img src="${cdnUrl('content/posts/img/red.png')}" alt="Red square">`)
    expect(first).toContain(
      `<figure><img src="${cdnUrl('images/logo.png')}" alt="Shared logo"><figcaption>The shared logo</figcaption></figure>`,
    )
    expect(first).toContain(`<img src="${cdnUrl('content/posts/photo.jpg')}" alt="A grey photo">`)
    expect(first).toContain('<img src="https://example.com/pictures/remote.png" alt="Remote">')
    expect(first).not.toContain('title=')

    const second = contentOf('Pictures, second part')
    expect(second).toContain(`<img src="${cdnUrl('images/logo.png')}" alt="Logo again">`)
    expect(second).toContain(`<img src="${cdnUrl('images/anim.gif')}" alt="Green">`)
    expect(second).toContain(`<img src="${cdnUrl('content/posts/img/red.png')}" alt="Red by reference">`)
    expect(second).toContain(`<img src="${cdnUrl('content/posts/img/red.png')}" alt="Raw red">`)

    // No local path reaches Medium.
    for (const content of [first, second]) expect(content).not.toMatch(/src="(?!https:\/\/)/)

    // 1 GET /me + 4 distinct images + 2 posts; each article's images go up before its post.
    expect(requestLines(medium)).toEqual([
      'GET /v1/me',
      'POST /v1/images',
      'POST /v1/images',
      'POST /v1/images',
      'POST /v1/users/:id/posts',
      'POST /v1/images',
      'POST /v1/users/:id/posts',
    ])
  })
})

describe('images: link', () => {
  it('uploads nothing and links each image at its raw URL pinned to GITHUB_SHA', async () => {
    const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
    const result = await run(workspace, { images: 'link' })
    expectPublishedBoth(result)
    expect(medium.uploads).toEqual([])
    expect(requestLines(medium)).toEqual(['GET /v1/me', 'POST /v1/users/:id/posts', 'POST /v1/users/:id/posts'])

    const first = contentOf('Pictures, first part')
    expect(first).toContain(`<img src="${rawUrl('content/posts/img/red.png')}" alt="Red square">`)
    expect(first).toContain(
      `<figure><img src="${rawUrl('images/logo.png')}" alt="Shared logo"><figcaption>The shared logo</figcaption></figure>`,
    )
    expect(first).toContain(`<img src="${rawUrl('content/posts/photo.jpg')}" alt="A grey photo">`)
    expect(first).toContain('<img src="https://example.com/pictures/remote.png" alt="Remote">')
    const second = contentOf('Pictures, second part')
    expect(second).toContain(`<img src="${rawUrl('images/logo.png')}" alt="Logo again">`)
    expect(second).toContain(`<img src="${rawUrl('images/anim.gif')}" alt="Green">`)
    expect(second).toContain(`<img src="${rawUrl('content/posts/img/red.png')}" alt="Red by reference">`)
    expect(second).toContain(`<img src="${rawUrl('content/posts/img/red.png')}" alt="Raw red">`)
  })

  it('on GitHub Enterprise Server, links <server>/<owner>/<repo>/raw/<sha>/<path>', async () => {
    const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
    const result = await run(workspace, { images: 'link' }, { env: { GITHUB_SERVER_URL: 'https://git.example.corp/' } })
    expectPublishedBoth(result)
    expect(medium.uploads).toEqual([])
    const ghe = (file: string) => `https://git.example.corp/acme/blog/raw/${SHA}/${file}`
    const first = contentOf('Pictures, first part')
    expect(first).toContain(`src="${ghe('content/posts/img/red.png')}"`)
    expect(first).toContain(`src="${ghe('images/logo.png')}"`)
    expect(contentOf('Pictures, second part')).toContain(`src="${ghe('images/anim.gif')}"`)
    expect(first).not.toContain('raw.githubusercontent.com')
  })

  it('percent-encodes a file name with a space in the raw URL', async () => {
    const workspace = await makeWorkspace({
      'content/spaced.md': '---\ntitle: A spaced name\n---\n\n![Spaced](<my photo.png>)\n',
      'content/my photo.png': png([1, 2, 3]),
    })
    const result = await run(workspace, { images: 'link' })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(contentOf('A spaced name')).toContain(`src="${rawUrl('content/my%20photo.png')}"`)
  })
})

describe('images: auto', () => {
  const cases: Array<[string, Record<string, unknown> | undefined, 'link' | 'upload']> = [
    ['the event says the repository is public (private: false)', { private: false }, 'link'],
    ['the event says the repository is private (private: true)', { private: true }, 'upload'],
    ['the event does not say (no repository in the payload)', undefined, 'upload'],
  ]
  for (const [when, repository, expected] of cases) {
    it(`${expected}s when ${when}`, async () => {
      const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
      const result = await run(workspace, { images: 'auto' }, { event: pushEvent(repository) })
      expectPublishedBoth(result)
      const first = contentOf('Pictures, first part')
      if (expected === 'link') {
        expect(medium.uploads).toEqual([])
        expect(first).toContain(`src="${rawUrl('images/logo.png')}"`)
      } else {
        expect(medium.uploads).toHaveLength(4)
        expect(first).toContain(`src="${cdnUrl('images/logo.png')}"`)
      }
    })
  }

  it('is the default when the input is not given', async () => {
    const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
    const result = await run(workspace, {}, { event: pushEvent({ private: false }) })
    expectPublishedBoth(result)
    expect(medium.uploads).toEqual([])
    expect(contentOf('Pictures, second part')).toContain(`src="${rawUrl('images/anim.gif')}"`)
  })
})

describe('an upload Medium refuses', () => {
  it('fails that article with a hint to use images: link; the other article still publishes', async () => {
    const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
    // content/posts/first.md comes first and uploads red.png, logo.png (both also used by the second
    // article), then photo.jpg, which only it uses: Medium refuses that one.
    medium.inject(
      'uploadImage',
      { delayMs: 0 },
      { delayMs: 0 },
      { status: 400, errors: [{ message: 'The image could not be processed.', code: 2002 }] },
    )
    const result = await run(workspace, { images: 'upload' })
    expect(result.exitCode).not.toBe(0)
    expectNoToken(result, [TOKEN])

    expect(medium.posts.map((p) => p.body.title)).toEqual(['Pictures, second part'])
    expect(requestLines(medium).filter((line) => line.includes('/posts'))).toHaveLength(1)
    // The images the failed article did upload are reused, not uploaded again, by the other one.
    expect(medium.uploads.map((u) => u.filename)).toEqual(['red.png', 'logo.png', 'anim.gif'])
    expect(contentOf('Pictures, second part')).toContain(`src="${cdnUrl('content/posts/img/red.png')}"`)
    const published = publishedOf(result)
    expect(published.map((p) => p.path)).toEqual(['content/second.md'])

    const error = result.annotations.find((a) => a.level === 'error' && a.file === 'content/posts/first.md')
    expect(error, result.stdout).toBeDefined()
    expect(error!.line).toBe(12)
    expect(error!.message).toContain('photo.jpg')
    expect(error!.message).toContain('The image could not be processed.')
    expect(error!.message).toContain("'images: link'")
    // The failed article is not recorded as published; the other one is.
    expect(await readFile(path.join(workspace, 'content/posts/first.md'), 'utf8')).toBe(FIRST)
    expect(await readFile(path.join(workspace, 'content/second.md'), 'utf8')).toMatch(/\nmediumUrl: https:\/\/medium\.com\/\S+\n---\n/)
    expect(result.stdout).toMatch(/::error::.*content\/posts\/first\.md/)
  })
})

describe('a token without the uploadImage scope (403 on POST /v1/images)', () => {
  // DESIGN.md: "An upload refused by Medium fails that article"; only a 401/403 on GET /me or on a
  // post stops the run.
  it('fails only the article with the image, suggesting images: link; the one without images publishes', async () => {
    const scopeless = await startMediumEmulator({ users: [{ token: TOKEN, canUploadImages: false }] })
    try {
      const workspace = await makeWorkspace({
        'content/a-with-image.md': '---\ntitle: With an image\n---\n\n![Logo](/images/logo.png)\n',
        'content/b-text-only.md': '---\ntitle: Only text\n---\n\nNo pictures here.\n',
        'images/logo.png': IMAGES['images/logo.png'],
      })
      const result = await runAction({
        workspace,
        inputs: { ...inputs({ images: 'upload' }), 'medium-api-url': scopeless.url },
        event: pushEvent({ private: true }),
        env: { GITHUB_SHA: SHA },
      })
      expect(result.exitCode).not.toBe(0)
      expectNoToken(result, [TOKEN])
      const error = result.annotations.find((a) => a.level === 'error' && a.file === 'content/a-with-image.md')
      expect(error?.line, result.stdout).toBe(5)
      expect(error!.message).toContain('uploadImage scope')
      expect(error!.message).toContain("'images: link'")
      expect(scopeless.posts.map((p) => p.body.title)).toEqual(['Only text'])
    } finally {
      await scopeless.close()
    }
  })
})

describe('images Medium cannot get', () => {
  it('are errors at the image line; that article is not published, the others are', async () => {
    // A file outside the workspace, reached through a symbolic link inside it.
    const outside = path.join(await makeWorkspace({ 'secret.png': png([9, 9, 9]) }), 'secret.png')
    const bad = (image: string) => `---\ntitle: Bad ${image.slice(0, 12)}\n---\n\nText.\n\n${image}\n`
    const workspace = await makeWorkspace({
      'content/good.md': '---\ntitle: Good one\n---\n\n![Fine](/images/logo.png)\n',
      'content/missing.md': bad('![Gone](img/not-there.png)'),
      'content/webp.md': bad('![Modern](pic.webp)'),
      'content/data.md': bad('![Inline](data:image/png;base64,iVBORw0KGgo=)'),
      'content/escape.md': bad('![Escape](../../outside.png)'),
      'content/linked.md': bad('![Linked](linked.png)'),
      'content/pic.webp': Buffer.from('RIFF\0\0\0\0WEBPVP8 '),
      'images/logo.png': IMAGES['images/logo.png'],
    })
    await symlink(outside, path.join(workspace, 'content/linked.png'))

    const result = await run(workspace, { images: 'upload' })
    expect(result.exitCode).not.toBe(0)
    expectNoToken(result, [TOKEN])
    expect(medium.posts.map((p) => p.body.title)).toEqual(['Good one'])
    // Only the good article's image went up: nothing of the bad ones reached Medium.
    expect(medium.uploads.map((u) => u.filename)).toEqual(['logo.png'])
    expect(publishedOf(result).map((p) => p.path)).toEqual(['content/good.md'])

    const errorFor = (file: string) => result.annotations.filter((a) => a.level === 'error' && a.file === file)
    const expectations: Array<[string, RegExp]> = [
      ['content/missing.md', /not found.*content\/img\/not-there\.png/],
      ['content/webp.md', /\.webp.*Medium does not accept/],
      ['content/data.md', /data: URI/],
      ['content/escape.md', /outside the workspace/],
      ['content/linked.md', /outside the repository/],
    ]
    for (const [file, message] of expectations) {
      const errors = errorFor(file)
      expect(errors, `${file}\n${result.stdout}`).toHaveLength(1)
      expect(errors[0]!.line, file).toBe(7)
      expect(errors[0]!.message, file).toMatch(message)
    }
    expect(errorFor('content/good.md')).toEqual([])
  })
})

describe('a pull_request run', () => {
  it('uploads nothing and sends nothing to Medium, even with images: upload', async () => {
    const workspace = await makeWorkspace({ ...ARTICLES, ...IMAGES })
    const result = await run(
      workspace,
      { images: 'upload', 'comment-on-pr': 'false' },
      {
        eventName: 'pull_request',
        event: { number: 7, pull_request: { number: 7 }, repository: { private: true, full_name: 'acme/blog' } },
        env: { GITHUB_REF: 'refs/pull/7/merge' },
      },
    )
    expect(result.exitCode, result.stdout).toBe(0)
    expect(medium.requests).toEqual([])
    expect(result.outputs['published-count']).toBe('0')
    expect(result.summary).toContain('Pictures, first part')
  })
})

import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN, DEFAULT_USER, MEDIUM_TOKEN_ERRORS, startMediumEmulator } from './medium-emulator.js'
import type { MediumEmulator } from './medium-emulator.js'

const auth = { Authorization: `Bearer ${DEFAULT_TOKEN}` }
const post = { title: 'Hello, World: A Test!', contentFormat: 'html', content: '<h1>Hello</h1><p>Body</p>' }

let emu: MediumEmulator

beforeAll(async () => {
  emu = await startMediumEmulator({
    users: [
      { token: DEFAULT_TOKEN },
      { token: 'other-token', username: 'other', canUploadImages: false },
      { token: 'disabled-token', username: 'disabled', apiAccess: 'disabled' },
    ],
    publications: [
      {
        id: 'b45573563f5a',
        name: 'Dev Notes',
        contributors: [{ userId: DEFAULT_USER.id, role: 'writer' }],
      },
      {
        id: 'a1b2c3d4e5f6',
        name: 'Edited Here',
        contributors: [{ userId: DEFAULT_USER.id, role: 'editor' }],
      },
    ],
  })
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.reset()
})

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; type: string; body: unknown }> {
  const res = await fetch(`${emu.url}${path}`, init)
  const text = await res.text()
  const type = res.headers.get('content-type') ?? ''
  return { status: res.status, type, body: type.includes('json') ? JSON.parse(text) : text }
}

function createPost(body: unknown, path = `/users/${DEFAULT_USER.id}/posts`, token = DEFAULT_TOKEN) {
  return call(path, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function imageForm(bytes: Uint8Array, type: string, field = 'image'): FormData {
  const form = new FormData()
  form.append(field, new Blob([bytes], { type }), 'picture.png')
  return form
}

describe('authentication and envelopes', () => {
  it('answers GET /me with the user in a data envelope, JSON utf-8', async () => {
    const res = await call('/me', { headers: auth })
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/json; charset=utf-8')
    expect(res.body).toEqual({ data: DEFAULT_USER })
    expect(DEFAULT_USER.id).toMatch(/^[0-9a-f]{40,}$/)
  })

  it('answers 401 code 6003 for an unknown token and 6000 without one', async () => {
    expect(await call('/me', { headers: { Authorization: 'Bearer nope' } })).toMatchObject({
      status: 401,
      body: { errors: [{ message: 'Token was invalid.', code: 6003 }] },
    })
    expect(await call('/me')).toMatchObject({ status: 401, body: { errors: [{ code: 6000 }] } })
  })

  it('answers 401 code 6005 "Application not found" on every route for a user whose API access is disabled', async () => {
    const disabled = { Authorization: 'Bearer disabled-token' }
    const expected = { status: 401, body: { errors: [{ message: 'Application not found', code: 6005 }] } }
    expect(await call('/me', { headers: disabled })).toMatchObject(expected)
    expect(await call('/users/anyone/publications', { headers: disabled })).toMatchObject(expected)
    expect(await createPost(post, `/users/${DEFAULT_USER.id}/posts`, 'disabled-token')).toMatchObject(expected)
    expect(emu.posts).toHaveLength(0)
  })

  it("answers Medium's other token errors as queued faults (6004 User not found)", async () => {
    emu.inject('me', { status: 401, errors: [MEDIUM_TOKEN_ERRORS.userNotFound] })
    expect(await call('/me', { headers: auth })).toMatchObject({
      status: 401,
      body: { errors: [{ message: 'User not found', code: 6004 }] },
    })
    expect((await call('/me', { headers: auth })).status).toBe(200)
  })

  it('answers 404 in an errors envelope for an unknown route', async () => {
    expect(await call('/nope', { headers: auth })).toMatchObject({ status: 404, body: { errors: [{ code: 2004 }] } })
  })
})

describe('POST /users/{authorId}/posts', () => {
  it('creates a public post: 201, 12-hex id, slug URL, defaults, exact body stored', async () => {
    const raw = JSON.stringify({ ...post, tags: ['a', 'b'], canonicalUrl: 'https://example.com/x' })
    const res = await createPost(raw)
    expect(res.status).toBe(201)
    const data = (res.body as { data: Record<string, unknown> }).data
    expect(data.id).toMatch(/^[0-9a-f]{12}$/)
    expect(data).toMatchObject({
      title: post.title,
      authorId: DEFAULT_USER.id,
      tags: ['a', 'b'],
      url: `https://medium.com/@${DEFAULT_USER.username}/hello-world-a-test-${String(data.id)}`,
      canonicalUrl: 'https://example.com/x',
      publishStatus: 'public',
      license: 'all-rights-reserved',
      licenseUrl: 'https://medium.com/policy/9db0094a1e0f',
    })
    expect(typeof data.publishedAt).toBe('number')
    expect(emu.posts).toHaveLength(1)
    expect(emu.posts[0]?.rawBody).toBe(raw)
    expect(emu.posts[0]?.authorId).toBe(DEFAULT_USER.id)
  })

  it('gives drafts a URL without slug, no publishedAt, and no canonicalUrl when none was sent', async () => {
    const res = await createPost({ ...post, publishStatus: 'draft' })
    const data = (res.body as { data: Record<string, unknown> }).data
    expect(data.url).toBe(`https://medium.com/@${DEFAULT_USER.username}/${String(data.id)}`)
    expect(data).not.toHaveProperty('publishedAt')
    expect(data).not.toHaveProperty('canonicalUrl')
  })

  it('keeps unlisted posts with a slug URL and a publishedAt', async () => {
    const data = ((await createPost({ ...post, publishStatus: 'unlisted', license: 'cc-40-by' })).body as { data: Record<string, unknown> })
      .data
    expect(data.url).toMatch(/\/hello-world-a-test-[0-9a-f]{12}$/)
    expect(typeof data.publishedAt).toBe('number')
    expect(data.licenseUrl).toBe('https://creativecommons.org/licenses/by/4.0/')
  })

  it('drops tags over 25 characters, then keeps the first 3', async () => {
    const long = 'x'.repeat(26)
    const res = await createPost({ ...post, tags: [long, 'one', 'two', 'x'.repeat(25), 'four'] })
    expect((res.body as { data: { tags: string[] } }).data.tags).toEqual(['one', 'two', 'x'.repeat(25)])
  })

  it('refuses to publish for another user with 403', async () => {
    const res = await createPost(post, '/users/deadbeef/posts')
    expect(res).toMatchObject({
      status: 403,
      body: { errors: [{ message: 'You do not have permission to publish for this user.', code: 2005 }] },
    })
    expect(emu.posts).toHaveLength(0)
  })

  it.each([
    ['tags as a string', { ...post, tags: 'a,b' }, 2002],
    ['tags as a number', { ...post, tags: 3 }, 2002],
    ['a non-string tag', { ...post, tags: ['a', 1] }, 2002],
    ['a title over 100 characters', { ...post, title: 't'.repeat(101) }, 2002],
    ['a title that is not a string', { ...post, title: 5 }, 2002],
    ['notifyFollowers as a string', { ...post, notifyFollowers: 'yes' }, 2002],
    ['a body that is not JSON', '{"title":', 2002],
    ['a missing title', { contentFormat: 'html', content: 'x' }, 2003],
    ['a missing content', { title: 't', contentFormat: 'html' }, 2003],
    ['a missing contentFormat', { title: 't', content: 'x' }, 2003],
    ['an unknown contentFormat', { ...post, contentFormat: 'rtf' }, 2008],
    ['an unknown publishStatus', { ...post, publishStatus: 'published' }, 2008],
    ['an unknown license', { ...post, license: 'mit' }, 2008],
    ['an unknown field', { ...post, subtitle: 'x' }, 6007],
  ])('answers 400 for %s (code %i) and stores nothing', async (_name, body, code) => {
    const res = await createPost(body)
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ errors: [{ message: expect.any(String), code }] })
    expect(emu.posts).toHaveLength(0)
  })

  it('accepts a title of exactly 100 characters and notifyFollowers true', async () => {
    expect((await createPost({ ...post, title: 't'.repeat(100), notifyFollowers: true })).status).toBe(201)
  })

  it('answers 429 code 1007 after 10 posts in a day, per user, until newDay()', async () => {
    for (let i = 0; i < 10; i++) expect((await createPost({ ...post, publishStatus: 'draft' })).status).toBe(201)
    expect(await createPost(post)).toMatchObject({
      status: 429,
      body: { errors: [{ message: 'You have reached the rate limit for publishing today.', code: 1007 }] },
    })
    expect(emu.posts).toHaveLength(10)
    const other = emu.users[1]
    expect((await createPost(post, `/users/${other?.id}/posts`, 'other-token')).status).toBe(201)
    emu.newDay()
    expect((await createPost(post)).status).toBe(201)
  })

  it('honours a configured daily limit', async () => {
    const small = await startMediumEmulator({ dailyLimit: 1 })
    try {
      const send = () =>
        fetch(`${small.url}/users/${DEFAULT_USER.id}/posts`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(post),
        })
      expect((await send()).status).toBe(201)
      expect((await send()).status).toBe(429)
    } finally {
      await small.close()
    }
  })
})

describe('publications', () => {
  it('lists contributors and the user publications', async () => {
    expect(await call('/publications/b45573563f5a/contributors', { headers: auth })).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { data: [{ publicationId: 'b45573563f5a', userId: DEFAULT_USER.id, role: 'writer' }] },
    })
    const list = await call(`/users/${DEFAULT_USER.id}/publications`, { headers: auth })
    expect((list.body as { data: Array<{ id: string }> }).data.map((p) => p.id)).toEqual(['b45573563f5a', 'a1b2c3d4e5f6'])
    // Medium's documented Publication object: exactly these fields.
    expect((list.body as { data: unknown[] }).data[0]).toEqual({
      id: 'b45573563f5a',
      name: 'Dev Notes',
      description: 'Dev Notes on Medium',
      url: 'https://medium.com/dev-notes',
      imageUrl: 'https://cdn-images-1.medium.com/fit/c/200/200/1*b45573563f5a.png',
    })
    expect((await call('/users/someone-else/publications', { headers: { Authorization: 'Bearer other-token' } })).body).toEqual({
      errors: [{ message: "You may not list another user's publications.", code: 2007 }],
    })
    expect((await call('/users/someone-else/publications', { headers: auth })).status).toBe(403)
    expect((await call('/publications/000000000000/contributors', { headers: auth })).status).toBe(404)
  })

  it('lets a writer create drafts only, and an editor publish', async () => {
    const draft = await createPost({ ...post, publishStatus: 'draft' }, '/publications/b45573563f5a/posts')
    expect(draft.status).toBe(201)
    expect((draft.body as { data: { publicationId: string } }).data.publicationId).toBe('b45573563f5a')
    expect(emu.posts[0]?.publicationId).toBe('b45573563f5a')
    expect((await createPost(post, '/publications/b45573563f5a/posts')).status).toBe(403)
    const pub = await createPost(post, '/publications/a1b2c3d4e5f6/posts')
    expect(pub.status).toBe(201)
    expect((pub.body as { data: { url: string } }).data.url).toMatch(
      /^https:\/\/medium\.com\/edited-here\/hello-world-a-test-[0-9a-f]{12}$/,
    )
  })

  it('refuses a publication the user does not contribute to', async () => {
    expect((await createPost(post, '/publications/ffffffffffff/posts')).status).toBe(403)
    expect(emu.posts).toHaveLength(0)
  })
})

describe('POST /images', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4])

  it('stores a multipart image and answers its md5 (base64url of the digest) and CDN URL', async () => {
    const res = await call('/images', { method: 'POST', headers: auth, body: imageForm(png, 'image/png') })
    const md5 = createHash('md5').update(png).digest('base64url')
    expect(md5).not.toContain('=')
    expect(res).toMatchObject({
      status: 201,
      body: { data: { md5, url: `https://cdn-images-1.medium.com/proxy/1*${md5}.png` } },
    })
    expect(emu.uploads).toHaveLength(1)
    expect(emu.uploads[0]).toMatchObject({ contentType: 'image/png', filename: 'picture.png', md5 })
    expect(Buffer.compare(emu.uploads[0]?.bytes ?? Buffer.alloc(0), Buffer.from(png))).toBe(0)
  })

  it('refuses unsupported types, a missing image field, a non-multipart body and a token without the scope', async () => {
    expect((await call('/images', { method: 'POST', headers: auth, body: imageForm(png, 'image/webp') })).status).toBe(400)
    const missing = await call('/images', { method: 'POST', headers: auth, body: imageForm(png, 'image/png', 'file') })
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ code: 2003 }] } })
    expect((await call('/images', { method: 'POST', headers: auth, body: 'raw' })).status).toBe(400)
    const scope = await call('/images', {
      method: 'POST',
      headers: { Authorization: 'Bearer other-token' },
      body: imageForm(png, 'image/png'),
    })
    expect(scope.status).toBe(403)
    expect(emu.uploads).toHaveLength(0)
  })
})

describe('fault injection', () => {
  it('answers a queued 5xx without storing, then behaves normally', async () => {
    emu.inject('createPost', { status: 503 })
    expect(emu.pendingFaults('createPost')).toHaveLength(1)
    expect((await createPost(post)).status).toBe(503)
    expect(emu.posts).toHaveLength(0)
    expect(emu.pendingFaults('createPost')).toHaveLength(0)
    expect((await createPost(post)).status).toBe(201)
  })

  it('stores the post and then answers 500 with afterStore', async () => {
    emu.inject('createPost', { status: 500, afterStore: true })
    expect((await createPost(post)).status).toBe(500)
    expect(emu.posts).toHaveLength(1)
  })

  it('answers a custom status and errors body', async () => {
    emu.inject('me', { status: 418, errors: [{ message: 'teapot', code: 1234 }] })
    expect(await call('/me', { headers: auth })).toMatchObject({ status: 418, body: { errors: [{ message: 'teapot', code: 1234 }] } })
  })

  it('drops the connection before storing with drop', async () => {
    emu.inject('createPost', { drop: true })
    await expect(createPost(post)).rejects.toThrow('fetch failed')
    expect(emu.posts).toHaveLength(0)
    expect(emu.requests.at(-1)?.fault).toEqual({ drop: true })
  })

  it('stores, then drops the connection with dropAfterStore', async () => {
    emu.inject('createPost', { dropAfterStore: true })
    await expect(createPost(post)).rejects.toThrow('fetch failed')
    expect(emu.posts).toHaveLength(1)
  })

  it('stores at once but answers late with delayMs', async () => {
    emu.inject('createPost', { delayMs: 300 })
    const started = Date.now()
    const pending = createPost(post)
    await new Promise((r) => setTimeout(r, 100))
    expect(emu.posts).toHaveLength(1)
    expect((await pending).status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
  })

  it('answers a Cloudflare-like HTML 403 with html403', async () => {
    emu.inject('me', { html403: true })
    const res = await call('/me', { headers: auth })
    expect(res.status).toBe(403)
    expect(res.type).toMatch(/^text\/html/)
    expect(String(res.body)).toMatch(/^<!DOCTYPE html>/)
  })

  it('echoes the Authorization header into an error with echoToken', async () => {
    emu.inject('createPost', { echoToken: true })
    const res = await createPost(post)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain(`Bearer ${DEFAULT_TOKEN}`)
  })

  it('records requests with method, path, headers and body', async () => {
    await createPost(post)
    expect(emu.requests).toHaveLength(1)
    expect(emu.requests[0]).toMatchObject({
      method: 'POST',
      path: `/v1/users/${DEFAULT_USER.id}/posts`,
      route: 'createPost',
      body: JSON.stringify(post),
    })
    expect(emu.requests[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`)
  })

  it('refuses connections after stop() and serves again on the same port after start()', async () => {
    const port = emu.port
    await emu.stop()
    await expect(fetch(`${emu.url}/me`, { headers: auth })).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } })
    await emu.start()
    expect(emu.port).toBe(port)
    expect((await call('/me', { headers: auth })).status).toBe(200)
  })
})

describe('answers the action must not trust', () => {
  it('answers a stored post with another url with postUrl, and passes an error through unchanged', async () => {
    emu.inject('createPost', { postUrl: 'http://medium.example/a b\n::warning::X' }, { postUrl: 'http://unused' })
    const res = await createPost(post)
    expect(res.status).toBe(201)
    expect((res.body as { data: { url: string } }).data.url).toBe('http://medium.example/a b\n::warning::X')
    expect(emu.posts.map((p) => p.post.url)).toEqual(['http://medium.example/a b\n::warning::X'])
    const refused = await createPost({ ...post, title: undefined })
    expect(refused.status).toBe(400)
    expect(emu.posts).toHaveLength(1)
  })
})

import { createHash } from 'node:crypto'
import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { InputError, MediumApiError, errorMessage } from '../../src/errors.js'
import { checkMediumApiUrl, createMediumClient, redactToken } from '../../src/medium/client.js'
import type { MediumClientOptions } from '../../src/medium/client.js'
import type { CreatePostFields } from '../../src/medium/types.js'
import { DEFAULT_TOKEN, DEFAULT_USER, startMediumEmulator } from '../support/medium-emulator.js'
import type { MediumEmulator, MediumFault, MediumRoute } from '../support/medium-emulator.js'

const fields: CreatePostFields = {
  title: 'Liverpool FC',
  contentFormat: 'html',
  content: "<h1>Liverpool FC</h1><p>You'll never walk alone.</p>",
  tags: ['football', 'sport'],
  publishStatus: 'public',
}
const me = { userId: DEFAULT_USER.id }

let emu: MediumEmulator

beforeAll(async () => {
  emu = await startMediumEmulator({
    publications: [{ id: 'b45573563f5a', name: 'Dev', contributors: [{ userId: DEFAULT_USER.id, role: 'editor' }] }],
  })
})
afterAll(async () => {
  await emu.close()
})
beforeEach(() => {
  emu.reset()
})

/** A client against the emulator; `sleeps` records every backoff delay (no real waiting). */
function client(options: Partial<MediumClientOptions> = {}) {
  const sleeps: number[] = []
  const c = createMediumClient({
    baseUrl: emu.url,
    token: DEFAULT_TOKEN,
    timeoutMs: 2000,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...options,
  })
  return { c, sleeps }
}

async function failure(promise: Promise<unknown>): Promise<MediumApiError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(MediumApiError)
    return error as MediumApiError
  }
  throw new Error('expected the call to fail')
}

/** A port nothing listens on: listen on a random one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

describe('requests that succeed', () => {
  it('me() returns the user and sends the documented headers', async () => {
    expect(await client().c.me()).toEqual(DEFAULT_USER)
    const headers = emu.requests[0]?.headers
    expect(headers).toMatchObject({
      authorization: `Bearer ${DEFAULT_TOKEN}`,
      accept: 'application/json',
      'accept-charset': 'utf-8',
      'content-type': 'application/json',
    })
    expect(headers?.['user-agent']).toMatch(/^medium-publish-action/)
  })

  it('createPost() sends the fields as JSON and returns the post', async () => {
    const post = await client().c.createPost(me, { ...fields, canonicalUrl: 'https://example.com/a', notifyFollowers: false })
    expect(post.id).toMatch(/^[0-9a-f]{12}$/)
    expect(post.url).toBe(`https://medium.com/@${DEFAULT_USER.username}/liverpool-fc-${post.id}`)
    expect(emu.posts).toHaveLength(1)
    expect(emu.posts[0]?.body).toEqual({ ...fields, canonicalUrl: 'https://example.com/a', notifyFollowers: false })
  })

  it('createPost() into a publication uses the publication route', async () => {
    const post = await client().c.createPost({ publicationId: 'b45573563f5a' }, fields)
    expect(post.publicationId).toBe('b45573563f5a')
    expect(emu.requests[0]?.path).toBe('/v1/publications/b45573563f5a/posts')
  })

  it('uploadImage() sends a multipart image and returns url and md5', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 8, 7])
    const image = await client().c.uploadImage({ bytes, contentType: 'image/png', filename: 'a.png' })
    const md5 = createHash('md5').update(bytes).digest('base64url')
    expect(image).toEqual({ md5, url: `https://cdn-images-1.medium.com/proxy/1*${md5}.png` })
    expect(emu.uploads[0]).toMatchObject({ filename: 'a.png', contentType: 'image/png' })
  })

  it('contributors() lists the publication contributors', async () => {
    expect(await client().c.contributors('b45573563f5a')).toEqual([
      { publicationId: 'b45573563f5a', userId: DEFAULT_USER.id, role: 'editor' },
    ])
  })
})

describe('publications()', () => {
  it("lists the user's publications in Medium's shape", async () => {
    expect(await client().c.publications(DEFAULT_USER.id)).toEqual([
      {
        id: 'b45573563f5a',
        name: 'Dev',
        description: 'Dev on Medium',
        url: 'https://medium.com/dev',
        imageUrl: 'https://cdn-images-1.medium.com/fit/c/200/200/1*b45573563f5a.png',
      },
    ])
    expect(emu.requests[0]?.path).toBe(`/v1/users/${DEFAULT_USER.id}/publications`)
  })

  it("another user's publications are forbidden, quoting Medium", async () => {
    const error = await failure(client().c.publications('someone-else'))
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, code: 2007 })
  })

  it('an answer that is not a list of publications is an unknown outcome', async () => {
    const fakeFetch: typeof fetch = async () =>
      new Response(JSON.stringify({ data: [{ name: 'no id' }] }), { status: 200, headers: { 'content-type': 'application/json' } })
    const error = await failure(client({ fetch: fakeFetch, retries: { attempts: 1, baseDelayMs: 0 } }).c.publications('u'))
    expect(error.kind).toBe('unknown')
    expect(error.message).toContain('publications that are not a list')
  })
})

describe('definite failures', () => {
  it('a bad token is unauthorized, with where to make a new one', async () => {
    const error = await failure(client({ token: 'revoked-token' }).c.me())
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, code: 6003 })
    expect(error.message).toContain('"Token was invalid."')
    expect(error.message).toContain('Settings → Security and apps → Integration tokens')
    expect(error.message).not.toContain('revoked-token')
  })

  it.each([
    [6000, 'An access token is required.', 'no token reached Medium'],
    [6004, 'User not found', 'Medium found no user for this token'],
    [6005, 'Application not found', 'API access is disabled for this account or token'],
  ])("Medium's token error %i is unauthorized, and its meaning is said", async (code, message, meaning) => {
    emu.inject('me', { status: 401, errors: [{ message, code }] })
    const error = await failure(client().c.me())
    expect(error).toMatchObject({ kind: 'unauthorized', status: 401, code })
    expect(error.message).toContain(`"${message}" (code ${code})`)
    expect(error.message).toContain(meaning)
    expect(emu.requests).toHaveLength(1)
  })

  it('a 403 HTML page is blocked, and the HTML stays out of the message', async () => {
    emu.inject('me', { html403: true })
    const error = await failure(client().c.me())
    expect(error).toMatchObject({ kind: 'blocked', status: 403 })
    expect(error.message).toContain('bot protection')
    expect(error.message).not.toMatch(/<|DOCTYPE|Cloudflare/)
  })

  it('a 403 JSON answer is forbidden, quoting Medium', async () => {
    const error = await failure(client().c.createPost({ userId: 'someone-else' }, fields))
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, code: 2005 })
    expect(error.message).toContain('"You do not have permission to publish for this user."')
  })

  it('a 400 is rejected with Medium message and code', async () => {
    const error = await failure(client().c.createPost(me, { ...fields, title: 'x'.repeat(101) }))
    expect(error).toMatchObject({ kind: 'rejected', status: 400, code: 2002 })
    expect(error.message).toMatch(/Medium rejected POST \/users\/[0-9a-f]+\/posts \(400, Medium said: ".+" \(code 2002\)\)/)
  })

  it('the daily limit is rate-limited', async () => {
    const small = await startMediumEmulator({ dailyLimit: 1 })
    try {
      const c = createMediumClient({ baseUrl: small.url, token: DEFAULT_TOKEN })
      await c.createPost(me, fields)
      expect(await failure(c.createPost(me, fields))).toMatchObject({ kind: 'rate-limited', status: 429, code: 1007 })
      expect(small.posts).toHaveLength(1)
    } finally {
      await small.close()
    }
  })

  it('definite failures are not retried', async () => {
    const { c, sleeps } = client()
    emu.inject('me', { status: 400, errors: [{ message: 'bad', code: 2002 }] })
    expect((await failure(c.me())).kind).toBe('rejected')
    expect(emu.requests).toHaveLength(1)
    expect(sleeps).toEqual([])
  })
})

describe('createPost is never retried when the outcome is unknown', () => {
  const cases: Array<[string, MediumFault, number]> = [
    ['a 500 after storing', { status: 500, afterStore: true }, 1],
    ['a 502 before storing', { status: 502 }, 0],
    ['a 503', { status: 503 }, 0],
    ['a connection dropped after storing', { dropAfterStore: true }, 1],
    ['a connection dropped before storing', { drop: true }, 0],
    ['a timeout (the answer comes too late)', { delayMs: 1500 }, 1],
  ]
  it.each(cases)('%s is unknown, sent once', async (_name, fault, stored) => {
    emu.inject('createPost', fault)
    const { c, sleeps } = client({ timeoutMs: 300 })
    const error = await failure(c.createPost(me, fields))
    expect(error.kind).toBe('unknown')
    expect(emu.requests.filter((r) => r.route === 'createPost')).toHaveLength(1)
    expect(emu.posts).toHaveLength(stored)
    expect(sleeps).toEqual([])
    expect(emu.pendingFaults('createPost')).toEqual([])
  })

  it('says why in the message: status, timeout, dropped connection', async () => {
    emu.inject('createPost', { status: 503 }, { delayMs: 1000 }, { dropAfterStore: true })
    const { c } = client({ timeoutMs: 200 })
    expect((await failure(c.createPost(me, fields))).message).toMatch(/with 503.*may have processed/)
    expect((await failure(c.createPost(me, fields))).message).toContain('no complete answer within 200 ms')
    expect((await failure(c.createPost(me, fields))).message).toMatch(/connection failed \((UND_ERR_SOCKET|ECONNRESET)/)
  })
})

describe('idempotent requests retry an unknown outcome', () => {
  const routes: Array<[string, MediumRoute, (c: ReturnType<typeof client>['c']) => Promise<unknown>]> = [
    ['me()', 'me', (c) => c.me()],
    ['contributors()', 'contributors', (c) => c.contributors('b45573563f5a')],
    ['publications()', 'publications', (c) => c.publications(DEFAULT_USER.id)],
    ['uploadImage()', 'uploadImage', (c) => c.uploadImage({ bytes: new Uint8Array([1, 2]), contentType: 'image/gif', filename: 'a.gif' })],
  ]
  it.each(routes)('%s retries a 503 and a dropped connection, then succeeds', async (_name, route, call) => {
    emu.inject(route, { status: 503 }, { drop: true })
    const { c, sleeps } = client()
    await expect(call(c)).resolves.toBeDefined()
    expect(emu.requests.filter((r) => r.route === route)).toHaveLength(3)
    expect(sleeps).toEqual([500, 1000])
  })

  it('gives up after retries.attempts and says so', async () => {
    emu.inject('me', { status: 503 }, { status: 503 }, { status: 503 })
    const { c, sleeps } = client()
    const error = await failure(c.me())
    expect(error).toMatchObject({ kind: 'unknown', status: 503 })
    expect(error.message).toContain('(after 3 attempts)')
    expect(sleeps).toEqual([500, 1000])
  })
})

describe('refused connections are retried with backoff', () => {
  it('retries a closed port up to retries.attempts, then fails as refused', async () => {
    const port = await closedPort()
    let calls = 0
    const countingFetch: typeof fetch = (input, init) => {
      calls++
      return fetch(input, init)
    }
    const { c, sleeps } = client({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      fetch: countingFetch,
      retries: { attempts: 4, baseDelayMs: 100 },
    })
    const error = await failure(c.createPost(me, fields))
    expect(error.kind).toBe('refused')
    expect(error.message).toContain('ECONNREFUSED')
    expect(error.message).toContain('(after 4 attempts)')
    expect(calls).toBe(4)
    expect(sleeps).toEqual([100, 200, 400])
  })

  it('succeeds once the server is back (createPost stores exactly one post)', async () => {
    await emu.stop()
    const { c, sleeps } = client({
      sleep: async (ms) => {
        sleeps.push(ms)
        if (sleeps.length === 2) await emu.start()
      },
    })
    try {
      const post = await c.createPost(me, fields)
      expect(post.id).toMatch(/^[0-9a-f]{12}$/)
    } finally {
      await emu.start().catch(() => {})
    }
    expect(sleeps).toEqual([500, 1000])
    expect(emu.posts).toHaveLength(1)
  })

  it('a name that does not resolve is refused', async () => {
    const { c } = client({ baseUrl: 'https://medium-emulator.invalid/v1', retries: { attempts: 1, baseDelayMs: 0 } })
    const error = await failure(c.me())
    expect(error.kind).toBe('refused')
    expect(error.message).toMatch(/ENOTFOUND|EAI_AGAIN/)
  })
})

describe('the token never reaches a message', () => {
  it.each([400, 401, 403, 429, 500])('an error body echoing the token (status %i) is scrubbed', async (status) => {
    emu.inject('createPost', { echoToken: true, status })
    const error = await failure(client().c.createPost(me, fields))
    expect(emu.requests[0]?.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`)
    expect(error.message).toContain('Invalid request with Authorization: Bearer ***')
    expect(error.message).not.toContain(DEFAULT_TOKEN)
    expect(errorMessage(error)).not.toContain(DEFAULT_TOKEN)
  })

  it('a non-JSON body echoing the token is scrubbed and truncated', async () => {
    const token = 'secret0123456789abcdef'
    const fakeFetch: typeof fetch = async () =>
      new Response(`upstream said: token=${token} ${'x'.repeat(1000)}`, { status: 400, headers: { 'content-type': 'text/plain' } })
    const error = await failure(createMediumClient({ baseUrl: 'https://api.medium.com/v1', token, fetch: fakeFetch }).me())
    expect(error.message).not.toContain(token)
    expect(error.message).toContain('token=***')
    expect(error.message.length).toBeLessThan(450)
  })

  it('a transport error whose text holds the token is scrubbed too', async () => {
    const token = 'tok_9f8e7d6c5b4a'
    const fakeFetch: typeof fetch = async () => {
      throw new Error(`socket hang up while sending ?access=${token}`)
    }
    const error = await failure(
      createMediumClient({ baseUrl: 'https://api.medium.com/v1', token, fetch: fakeFetch }).createPost(me, fields),
    )
    expect(error.kind).toBe('unknown')
    expect(error.message).toContain('?access=***')
    expect(error.message).not.toContain(token)
  })

  it('redactToken removes raw, encoded and Bearer forms', () => {
    const token = 'a+b/c=='
    expect(redactToken(`x ${token} y ${encodeURIComponent(token)} Bearer other`, token)).toBe('x *** y *** Bearer ***')
  })
})

describe('medium-api-url must be https unless loopback', () => {
  it.each([
    'https://api.medium.com/v1',
    'http://127.0.0.1:8080/v1',
    'http://127.5.6.7/v1',
    'http://localhost:3000/v1',
    'http://[::1]:9/v1',
  ])('accepts %s', (url) => {
    expect(() => createMediumClient({ baseUrl: url, token: 't' })).not.toThrow()
  })

  it.each(['http://api.medium.com/v1', 'http://10.0.0.1/v1', 'http://127.0.0.1.nip.io/v1', 'ftp://127.0.0.1/v1', 'api.medium.com/v1'])(
    'refuses %s with an InputError naming medium-api-url',
    (url) => {
      let thrown: unknown
      try {
        createMediumClient({ baseUrl: url, token: 't' })
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(InputError)
      expect((thrown as InputError).message).toContain(`'medium-api-url' is "${url}"`)
    },
  )

  it('strips trailing slashes', () => {
    expect(checkMediumApiUrl('https://api.medium.com/v1//')).toBe('https://api.medium.com/v1')
  })
})

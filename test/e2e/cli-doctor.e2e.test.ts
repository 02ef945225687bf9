/**
 * `medium-publish doctor` (DESIGN.md "CLI", issue 11), run as a user runs it: `node dist/cli.js`
 * against the Medium emulator on loopback. It checks the token with `GET /me`, lists the user and
 * their publications, names the cause of a failure and exits non-zero on one; `--sample-draft` posts
 * exactly one draft of the sample article.
 */
import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sampleArticle } from '../../src/markdown/sample-article.js'
import { DEFAULT_USER, MEDIUM_TOKEN_ERRORS, startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { makeWorkspace, repoRoot } from '../support/run-action.js'
import { spawnNode, type NodeRun } from '../support/spawn.js'
import path from 'node:path'

const cliEntry = path.join(repoRoot, 'dist/cli.js')
const TOKEN = 'mtok-doctor-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b'
const DISABLED_TOKEN = 'mtok-disabled-0a1b2c3d4e5f60718293a4b5c6d7e8f9'
const WRONG_TOKEN = 'mtok-wrong-ffeeddccbbaa99887766554433221100'

let medium: MediumEmulator
let cwd: string
beforeAll(async () => {
  medium = await startMediumEmulator({
    users: [{ token: TOKEN }, { token: DISABLED_TOKEN, username: 'switched-off', apiAccess: 'disabled' }],
    publications: [
      { id: 'b45573563f5a', name: 'Dev Notes', contributors: [{ userId: DEFAULT_USER.id, role: 'writer' }] },
      { id: 'a1b2c3d4e5f6', name: 'Edited Here', contributors: [{ userId: DEFAULT_USER.id, role: 'editor' }] },
    ],
  })
  // An empty directory: doctor needs no repository.
  cwd = await makeWorkspace({})
})
afterAll(async () => medium.close())
beforeEach(() => medium.reset())

/** `medium-publish doctor <args>` with only the environment a shell would give it, and MEDIUM_TOKEN when given. */
async function doctor(args: string[], token: string | undefined, apiUrl = medium.url): Promise<NodeRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd }
  if (token !== undefined) env.MEDIUM_TOKEN = token
  const run = await spawnNode([cliEntry, 'doctor', '--medium-api-url', apiUrl, ...args], { cwd, env, timeoutMs: 20_000 })
  // Failure rule 8: never the token, whatever happened.
  if (token !== undefined) expect(run.stdout + run.stderr).not.toContain(token)
  return run
}

/** The report's value for a label: `User:          @name (Name)` → `@name (Name)`. */
function fact(run: NodeRun, label: string): string[] {
  return [...run.stdout.matchAll(new RegExp(`^${label}: +(.*)$`, 'gm'))].map((m) => m[1]!)
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

describe('medium-publish doctor', () => {
  it('with a good token: prints the user and their publications, posts nothing, exits 0', async () => {
    const run = await doctor([], TOKEN)
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(fact(run, 'GET /me')).toEqual(['OK'])
    expect(fact(run, 'User')).toEqual(['@emulated-writer (Emulated Writer)'])
    expect(fact(run, 'User id')).toEqual([DEFAULT_USER.id])
    expect(fact(run, 'Profile')).toEqual(['https://medium.com/@emulated-writer'])
    expect(fact(run, 'Publications')).toEqual(['2'])
    expect(fact(run, 'Publication')).toEqual([
      'Dev Notes (id b45573563f5a) https://medium.com/dev-notes',
      'Edited Here (id a1b2c3d4e5f6) https://medium.com/edited-here',
    ])
    expect(fact(run, 'Result')).toEqual(['the token works from this machine: medium-publish can post as @emulated-writer.'])
    expect(run.stderr).toBe('')
    expect(medium.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/me', `GET /v1/users/${DEFAULT_USER.id}/publications`])
    expect(medium.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(medium.posts).toEqual([])
  })

  it('a token Medium does not know (401, code 6003): invalid or revoked, exit 1', async () => {
    const run = await doctor([], WRONG_TOKEN)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'GET /me')).toEqual(['failed: 401, code 6003'])
    expect(fact(run, 'Problem')).toEqual(['The token is invalid or has been revoked (code 6003).'])
    expect(fact(run, 'What to do')[0]).toContain('Medium → Settings → Security and apps → Integration tokens')
    expect(fact(run, 'Result')).toEqual(['the token does not work from this machine.'])
    expect(fact(run, 'User')).toEqual([])
    expect(medium.requests).toHaveLength(1)
  })

  it('API access disabled (401, code 6005 "Application not found"): says so and who can fix it, exit 1', async () => {
    const run = await doctor([], DISABLED_TOKEN)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'GET /me')).toEqual(['failed: 401, code 6005'])
    const [problem] = fact(run, 'Problem')
    expect(problem).toMatch(/^Medium answered "Application not found" \(code 6005\): API access is disabled for this account or token\./)
    expect(problem).toContain('"no longer supported" in January 2023')
    expect(fact(run, 'What to do')[0]).toContain("ask Medium's support (help.medium.com) to enable API access")
    expect(medium.requests).toHaveLength(1)
  })

  it.each([
    [MEDIUM_TOKEN_ERRORS.userNotFound, /^Medium found no user for this token \(code 6004\)/],
    [MEDIUM_TOKEN_ERRORS.noToken, /^No token reached Medium \(code 6000\)/],
  ])("Medium's token error $code: names it, exit 1", async (error, problem) => {
    medium.inject('me', { status: 401, errors: [error] })
    const run = await doctor([], TOKEN)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'GET /me')).toEqual([`failed: 401, code ${error.code}`])
    expect(fact(run, 'Problem')[0]).toMatch(problem)
  })

  it("a 403 HTML page (Medium's bot protection): says the network was blocked, not the token, exit 1", async () => {
    medium.inject('me', { html403: true })
    const run = await doctor([], TOKEN)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'GET /me')).toEqual(['failed: 403'])
    expect(fact(run, 'Problem')[0]).toMatch(
      /^Medium's bot protection .* blocked requests from this machine's network\. The token was not checked\.$/,
    )
    expect(fact(run, 'What to do')[0]).toMatch(/Run it again in a few minutes\. .*self-hosted runner.*another network/)
    expect(fact(run, 'Result')).toEqual(['the token could not be checked from this machine.'])
    // The page itself is never printed.
    expect(run.stdout + run.stderr).not.toMatch(/DOCTYPE|Just a moment|Ray ID/)
  })

  it('without MEDIUM_TOKEN: exit 2, says how to set it, sends nothing', async () => {
    const run = await doctor([], undefined)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(
      /^medium-publish: MEDIUM_TOKEN is not set\. Set it to your Medium integration token .*MEDIUM_TOKEN=… npx medium-publish doctor$/m,
    )
    expect(run.stdout).toBe('')
    expect(medium.requests).toEqual([])
  })

  it('connection refused (a closed port): says nothing was sent and to check --medium-api-url, exit 1', async () => {
    const port = await closedPort()
    const run = await doctor([], TOKEN, `http://127.0.0.1:${port}/v1`)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'GET /me')).toEqual(['failed: no answer (ECONNREFUSED)'])
    expect(fact(run, 'Problem')).toEqual([`127.0.0.1:${port} refused the connection: nothing was sent.`])
    expect(fact(run, 'What to do')[0]).toMatch(/^Check --medium-api-url/)
  })

  it('takes no file or glob (exit 2)', async () => {
    const run = await doctor(['content/a.md'], TOKEN)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain('doctor takes no file or glob')
    expect(medium.requests).toEqual([])
  })
})

describe('medium-publish doctor --sample-draft', () => {
  it('posts exactly one draft of the sample on the profile and prints its URL; doctor without the flag posts none', async () => {
    // `--publish-status public` is an input of publish: the sample stays a draft whatever it says.
    const run = await doctor(['--sample-draft', '--publish-status', 'public'], TOKEN)
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(medium.posts).toHaveLength(1)
    const [stored] = medium.posts
    expect(stored!.post.publishStatus).toBe('draft')
    expect(stored!.body.publishStatus).toBe('draft')
    expect(stored!.authorId).toBe(DEFAULT_USER.id)
    expect(stored!.publicationId).toBeUndefined()
    expect(stored!.body.title).toBe(sampleArticle.title)
    expect(stored!.body.contentFormat).toBe('html')
    // The title as <h1>, then the subtitle as <h2>, then the cover (Medium's importer reads them so).
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    expect(String(stored!.body.content)).toMatch(
      new RegExp(`^<h1>${escape(sampleArticle.title)}</h1>\\n<h2>${escape(sampleArticle.subtitle!)}</h2>\\n<figure><img `),
    )
    expect(fact(run, 'Sample draft')).toEqual([stored!.post.url])
    expect(run.stdout).toMatch(/^Open it on Medium .*compare each labelled construct/m)
    expect(medium.requests.filter((r) => r.route === 'createPost')).toHaveLength(1)

    const again = await doctor([], TOKEN)
    expect(again.exitCode, again.stdout + again.stderr).toBe(0)
    expect(medium.posts).toHaveLength(1)
    expect(fact(again, 'Sample draft')).toEqual([])
  })

  it('posts nothing when the checks fail', async () => {
    const run = await doctor(['--sample-draft'], WRONG_TOKEN)
    expect(run.exitCode).toBe(1)
    expect(medium.requests.filter((r) => r.route === 'createPost')).toEqual([])
  })

  it('an unknown outcome (5xx) is said and never retried: at most one draft', async () => {
    medium.inject('createPost', { status: 503, afterStore: true })
    const run = await doctor(['--sample-draft'], TOKEN)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'Sample draft')).toEqual(['outcome unknown: Medium may have created it'])
    expect(fact(run, 'What to do')[0]).toContain('Look in your drafts')
    expect(medium.requests.filter((r) => r.route === 'createPost')).toHaveLength(1)
    expect(medium.posts).toHaveLength(1)
  })

  it('a definite refusal of the draft names its cause (429, code 1007: the daily limit)', async () => {
    medium.inject('createPost', { status: 429, errors: [{ message: 'You have reached the rate limit for publishing today.', code: 1007 }] })
    const run = await doctor(['--sample-draft'], TOKEN)
    expect(run.exitCode).toBe(1)
    expect(fact(run, 'Sample draft')).toEqual(['not created: 429, code 1007'])
    expect(fact(run, 'Problem')[0]).toContain('24 hours')
    expect(medium.posts).toEqual([])
  })
})

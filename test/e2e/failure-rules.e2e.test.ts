// Issue #3: DESIGN.md's failure rules end to end. dist/index.js runs as the runner runs it, in
// commit mode, against the Medium emulator (with injected faults) and a GitHub emulator backed by a
// real bare repository. Every test asserts: no duplicate post (the emulator's stored posts), no lost
// URL (committed on the branch), the documented exit status and message, and no token anywhere.
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedRepository, GitHubEmulator } from '../support/github-emulator/index.js'
import { startMediumEmulator, type MediumEmulator, type RecordedRequest } from '../support/medium-emulator.js'
import {
  expectNoToken as expectNoTokenIn,
  mediumUserRunner,
  repositoryFixture,
  type MediumUserRunner,
} from '../support/repository-fixture.js'
import { publishedOf, type ActionRun, type Annotation } from '../support/run-action.js'

// Each test publishes as its own Medium user, so the tests without injected faults run concurrently
// against one emulator and each counts only its own posts and requests. Injected faults are taken by
// whichever request comes next, so the tests that inject them run one at a time.
const MEDIUM_TOKENS = Array.from({ length: 12 }, (_, i) => `mtok-SECRET-${i}-2b9e4d61f0a37c85e1d2c3b4a5f60718`)
const GITHUB_TOKEN = 'ghs_SECRETfailureRules0123456789abcdefAB'
const ALL_TOKENS = [...MEDIUM_TOKENS, GITHUB_TOKEN]
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

let medium: MediumEmulator
/** A second Medium whose daily limit is 2 posts (429 code 1007 after that). */
let limited: MediumEmulator
beforeAll(async () => {
  const users = MEDIUM_TOKENS.map((token) => ({ token }))
  ;[medium, limited] = await Promise.all([startMediumEmulator({ users }), startMediumEmulator({ users, dailyLimit: 2 })])
})
let nextUser = 0
// One repository and one GitHub emulator (it serves exactly one bare repository) per test,
// removed at the end (some tests run concurrently).
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()))
  await Promise.all([medium.close(), limited.close()])
})

const article = (title: string, body = `${title} body.`): string => `---\ntitle: ${title}\n---\n\n${body}\n`

interface Setup extends MediumUserRunner {
  /** Titles of the posts Medium stored for this test's user, sorted. */
  titles(emulator?: MediumEmulator): string[]
  /** The POST requests Medium received with this test's token. */
  posts(emulator?: MediumEmulator): RecordedRequest[]
  repository: CreatedRepository
  github: GitHubEmulator
  workspace: string
  /** What actions/checkout does on the next run: the workspace at the branch's head. */
  checkoutHead(): Promise<string>
  /** The file on the branch's head. */
  onBranch(file: string): Promise<string>
}

async function setup(files: Record<string, string>): Promise<Setup> {
  const fixture = await repositoryFixture(files, GITHUB_TOKEN)
  cleanups.push(fixture.close)
  const index = nextUser++
  const user = mediumUserRunner(fixture, {
    medium,
    token: MEDIUM_TOKENS[index]!,
    userId: medium.users[index]!.id,
    githubToken: GITHUB_TOKEN,
  })
  return {
    ...user,
    titles: (emulator = medium) =>
      emulator.posts
        .filter((p) => p.authorId === user.userId)
        .map((p) => p.post.title)
        .sort(),
    posts: (emulator = medium) => user.requests(emulator).filter((r) => r.method === 'POST'),
    repository: fixture.repository,
    github: fixture.github,
    workspace: fixture.workspace,
    checkoutHead: fixture.checkoutHead,
    onBranch: fixture.onBranch,
  }
}

const expectNoToken = (run: ActionRun, tokens: string[] = ALL_TOKENS): void => expectNoTokenIn(run, tokens)
const errorsOf = (run: ActionRun): Annotation[] => run.annotations.filter((a) => a.level === 'error')
/** The last error annotation: `core.setFailed`'s message. */
const failureOf = (run: ActionRun): string => errorsOf(run).at(-1)?.message ?? '(no error annotation)'

/** Each published article's URL is committed on the branch, and nothing else happened to it. */
async function expectCommitted(s: Setup, run: ActionRun, originals: Record<string, string>): Promise<void> {
  const published = publishedOf(run)
  expect(run.outputs['commit-sha']).toBe(await s.github.headOf('main'))
  for (const entry of published) {
    expect(await s.onBranch(entry.path)).toBe(originals[entry.path]!.replace('\n---\n', `\nmediumUrl: ${entry.url}\n---\n`))
  }
}

describe.concurrent('the rules checked without injected faults (these tests run concurrently)', () => {
  it('rule 1, a bad token (401, code 6003): nothing published, the message says invalid or revoked and where to make a new one', async () => {
    const badToken = 'mtok-SECRET-revoked-0f1e2d3c4b5a69788796a5b4c3d2e1f0'
    const s = await setup({ 'content/a.md': article('A'), 'content/b.md': article('B') })
    const run = await s.run({ token: badToken })
    expectNoToken(run, [badToken, ...ALL_TOKENS])
    expect(run.exitCode).not.toBe(0)

    // Only GET /me reached Medium: no post, no image upload.
    const sent = medium.requests.filter((r) => r.headers.authorization === `Bearer ${badToken}`)
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/me'])
    expect(s.titles()).toEqual([])
    const failure = failureOf(run)
    expect(failure).toMatch(/401/)
    expect(failure).toMatch(/invalid or has been revoked/)
    expect(failure).toMatch(/Settings → Security and apps → Integration tokens/)
    expect(run.summary).toMatch(/invalid or has been revoked/)
    expect(run.outputs['published-count']).toBe('0')
    expect(run.outputs['commit-sha']).toBe('')
    expect(await s.github.log('main')).toHaveLength(1)
  })

  it('the daily limit (429, code 1007) publishes up to the limit, leaves the rest for the next run with a warning and exit 0; the next day publishes the rest once', async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [`content/${n}.md`, article(n.toUpperCase())]))
    const s = await setup(files)
    const run = await s.run({ medium: limited })
    expectNoToken(run)
    expect(run.exitCode, run.stdout).toBe(0)

    expect(s.titles(limited)).toEqual(['A', 'B'])
    // The 429 stops publishing: d is not even tried.
    expect(s.posts(limited)).toHaveLength(3)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/a.md', 'content/b.md'])
    await expectCommitted(s, run, files)
    for (const file of ['content/c.md', 'content/d.md']) {
      expect(await s.onBranch(file)).toBe(files[file])
      const row = run.summary.split('\n').find((line) => line.startsWith(`| \`${file}\``))
      expect(row).toMatch(/\| left for the next run/)
    }
    expect(run.summary).toMatch(/2 published, 2 left for the next run/)
    expect(run.annotations.filter((a) => a.level === 'warning').some((a) => /daily publishing limit/.test(a.message))).toBe(true)
    expect(errorsOf(run)).toEqual([])

    limited.newDay()
    const again = await s.run({ sha: await s.checkoutHead(), medium: limited })
    expectNoToken(again)
    expect(again.exitCode, again.stdout).toBe(0)
    expect(s.titles(limited)).toEqual(['A', 'B', 'C', 'D'])
    expect(publishedOf(again).map((p) => p.path)).toEqual(['content/c.md', 'content/d.md'])
    await expectCommitted(s, again, files)
    expect(await s.github.log('main')).toHaveLength(3)
  })

  it('rule 9, paths leaving the workspace: an image ../../outside.png, a symlinked article and a symlinked image pointing outside: refused; the valid article beside them is published', async () => {
    const files = {
      'content/ok.md': article('Fine', '![inside](./img/inside.png)'),
      'content/img/inside.png': 'not really a png, but Medium emulator takes the bytes',
      'content/escape.md': article(
        'Escape',
        'Intro.\n\n![up](../../outside.png)\n\n![root](/../outside.png)\n\n<img src="../../outside.png">\n\n![encoded](%2e%2e/%2e%2e/outside.png)',
      ),
      'content/image-link.md': article('Image link', '![linked](img/linked.png)'),
    }
    const s = await setup(files)
    // Outside the workspace (its parent directory): a real image and a real article.
    const outside = path.dirname(s.workspace)
    await writeFile(path.join(outside, 'outside.png'), 'secret bytes')
    await writeFile(path.join(outside, 'outside.md'), article('Outside'))
    await mkdir(path.join(s.workspace, 'content/img'), { recursive: true })
    await symlink(path.join(outside, 'outside.md'), path.join(s.workspace, 'content/linked.md'))
    await symlink(path.join(outside, 'outside.png'), path.join(s.workspace, 'content/img/linked.png'))

    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)

    expect(s.titles()).toEqual(['Fine'])
    // Only the inside image was uploaded.
    expect(medium.uploads.filter((u) => u.userId === s.userId).map((u) => u.bytes.toString('utf8'))).toEqual([
      files['content/img/inside.png'],
    ])
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/ok.md'])

    const errors = errorsOf(run)
    // Each escaping image is an error at its own line: relative, root-absolute, raw HTML, percent-encoded.
    const escapes = errors.filter((a) => a.file === 'content/escape.md')
    expect(escapes.map((a) => [a.line, a.title])).toEqual([7, 9, 11, 13].map((line) => [line, 'image-outside-workspace']))
    expect(escapes[0]!.message).toContain('"../../outside.png" resolves outside the workspace')
    expect(errors.find((a) => a.file === 'content/linked.md')).toMatchObject({ line: 1, title: 'file-symlink' })
    expect(errors.find((a) => a.file === 'content/image-link.md')).toMatchObject({ line: 5, title: 'image-outside-workspace' })
    expect(failureOf(run)).toMatch(/3 article\(s\) invalid or failed/)

    await expectCommitted(s, run, files)
    const log = await s.github.log('main')
    expect(log[0]!.paths).toEqual(['content/ok.md'])
  })
})

// The tests below inject faults into the shared Medium emulator, so they run one at a time.
describe('rule 1: the token is checked with GET /me before anything is sent', () => {
  it("rule 1, a 403 HTML page (Medium's bot protection): nothing published, the message names it, no HTML in the log or summary", async () => {
    const s = await setup({ 'content/a.md': article('A') })
    medium.inject('me', { html403: true })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)

    expect(s.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/me'])
    expect(s.titles()).toEqual([])
    expect(failureOf(run)).toMatch(/bot protection/)
    expect(run.summary).toMatch(/bot protection/)
    for (const text of [run.stdout, run.summary, run.stderr]) {
      expect(text).not.toMatch(/<!DOCTYPE/i)
      expect(text).not.toMatch(/<html/i)
      expect(text).not.toContain('Cloudflare')
    }
    expect(await s.github.log('main')).toHaveLength(1)
  })
})

describe("rules 2, 3 and 5: one article's definite failure does not stop the others, and every URL obtained is committed", () => {
  it("a 400 on the second post: that article fails with Medium's message, the others are published and committed, then the step fails", async () => {
    const files = { 'content/a.md': article('A'), 'content/b.md': article('B'), 'content/c.md': article('C') }
    const s = await setup(files)
    // `delayMs: 0` is a pass-through: the first post is handled normally.
    medium.inject('createPost', { delayMs: 0 }, { status: 400, errors: [{ message: 'The content is not allowed here.', code: 2002 }] })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)

    expect(s.titles()).toEqual(['A', 'C'])
    expect(s.posts()).toHaveLength(3) // a 4xx is not retried
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/a.md', 'content/c.md'])

    const annotation = errorsOf(run).find((a) => a.file === 'content/b.md')
    expect(annotation).toMatchObject({ line: 2, title: 'publish-failed' })
    expect(annotation!.message).toContain('The content is not allowed here.')
    expect(annotation!.message).toContain('(code 2002)')
    expect(failureOf(run)).toMatch(/1 article\(s\) invalid or failed: content\/b\.md/)
    expect(run.summary).toMatch(/2 published, 1 failed/)

    // The URLs obtained before and after the failure are on the branch; b.md is untouched.
    await expectCommitted(s, run, files)
    expect(await s.onBranch('content/b.md')).toBe(files['content/b.md'])
    expect(await s.github.log('main')).toHaveLength(2)
  })

  it('a 401 on a post (token revoked during the run) stops publishing; the URL obtained before it is committed', async () => {
    const files = { 'content/a.md': article('A'), 'content/b.md': article('B'), 'content/c.md': article('C') }
    const s = await setup(files)
    medium.inject('createPost', { delayMs: 0 }, { status: 401, errors: [{ message: 'Token was invalid.', code: 6003 }] })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)

    expect(s.titles()).toEqual(['A'])
    // c is not even tried: a token problem stops the run's publishing (DESIGN "Independence").
    expect(s.posts()).toHaveLength(2)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/a.md'])
    expect(failureOf(run)).toMatch(/invalid or has been revoked/)
    const row = run.summary.split('\n').find((line) => line.startsWith('| `content/c.md`'))
    expect(row).toMatch(/\| failed/)
    await expectCommitted(s, run, files)
    for (const file of ['content/b.md', 'content/c.md']) expect(await s.onBranch(file)).toBe(files[file as keyof typeof files])
  })

  it('Medium echoing the token back in an error body: the article fails, and the token appears nowhere', async () => {
    const s = await setup({ 'content/a.md': article('A') })
    medium.inject('createPost', { echoToken: true, status: 400 })
    const run = await s.run()
    // The echo did happen: Medium received the header and sent it back.
    expect(s.requests().find((r) => r.fault && 'echoToken' in r.fault)).toBeDefined()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)

    const annotation = errorsOf(run).find((a) => a.file === 'content/a.md')
    expect(annotation!.message).toContain('Authorization: Bearer ***')
    expect(annotation!.message).toContain('(code 2002)')
    expect(s.titles()).toEqual([])
  })
})

describe('rule 4: a post whose outcome is unknown is never retried, and later runs skip it', () => {
  it('a dropped connection and a 502 after the post was stored: one post each, mediumPublishAttempt committed, the next run sends nothing', async () => {
    const files = { 'content/a.md': article('A'), 'content/b.md': article('B'), 'content/c.md': article('C') }
    const s = await setup(files)
    medium.inject('createPost', { delayMs: 0 }, { dropAfterStore: true }, { status: 502, afterStore: true })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)

    // Medium stored each post exactly once: no retry of b or c.
    expect(s.titles()).toEqual(['A', 'B', 'C'])
    expect(s.posts()).toHaveLength(3)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/a.md'])

    // a's URL and b's and c's attempts are all in one commit on the branch.
    await expectCommitted(s, run, files)
    const log = await s.github.log('main')
    expect(log).toHaveLength(2)
    expect(log[0]!.paths.sort()).toEqual(['content/a.md', 'content/b.md', 'content/c.md'])
    for (const file of ['content/b.md', 'content/c.md']) {
      const text = await s.onBranch(file)
      const attempt = /\nmediumPublishAttempt: (.*)\n---\n/.exec(text)?.[1]
      expect(attempt, text).toMatch(ISO_TIME)
      expect(text).toBe(files[file as keyof typeof files].replace('\n---\n', `\nmediumPublishAttempt: ${attempt}\n---\n`))
      const annotation = errorsOf(run).find((a) => a.file === file)
      expect(annotation).toMatchObject({ title: 'publish-outcome-unknown' })
      expect(annotation!.message).toMatch(/not retried/)
    }
    expect(errorsOf(run).find((a) => a.file === 'content/c.md')!.message).toMatch(/502/)

    // The next run (on the new head) skips b and c with an error, and makes no request to Medium at all.
    const requests = s.requests().length
    const again = await s.run({ sha: await s.checkoutHead() })
    expectNoToken(again)
    expect(again.exitCode).not.toBe(0)
    expect(s.requests()).toHaveLength(requests)
    expect(s.titles()).toEqual(['A', 'B', 'C'])
    expect(again.outputs['published-count']).toBe('0')
    for (const file of ['content/b.md', 'content/c.md']) {
      const annotation = errorsOf(again).find((a) => a.file === file)
      expect(annotation).toMatchObject({ title: 'publish-attempt-unresolved', line: 3 })
      expect(annotation!.message).toMatch(/Check your Medium drafts and posts/)
      expect(annotation!.message).toMatch(/set `mediumUrl: <its URL>`/)
      expect(annotation!.message).toMatch(/delete the `mediumPublishAttempt` line/)
    }
    expect(await s.github.log('main')).toHaveLength(2)
  })
})

describe('rule 3: retried only when certainly nothing was sent', () => {
  it('connection refused: retried with a bounded backoff, nothing published; the next run publishes once', async () => {
    const files = { 'content/a.md': article('A'), 'content/b.md': article('B') }
    const s = await setup(files)
    await medium.stop()
    const started = Date.now()
    const run = await s.run()
    const elapsed = Date.now() - started
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)
    // The client's default: 3 attempts, waiting 0.5 s then 1 s (bounded: "after 3 attempts" below;
    // no upper bound on the time, which a loaded machine could break).
    expect(elapsed).toBeGreaterThanOrEqual(1_500)
    const failure = failureOf(run)
    expect(failure).toMatch(/Could not reach Medium/)
    expect(failure).toMatch(/ECONNREFUSED/)
    expect(failure).toMatch(/after 3 attempts/)
    expect(failure).toMatch(/the next run tries again/)
    expect(run.outputs['published-count']).toBe('0')
    expect(await s.github.log('main')).toHaveLength(1)

    await medium.start()
    const again = await s.run({ sha: await s.checkoutHead() })
    expectNoToken(again)
    expect(again.exitCode, again.stdout).toBe(0)
    expect(s.titles()).toEqual(['A', 'B'])
    expect(s.posts()).toHaveLength(2)
    await expectCommitted(s, again, files)
  })
})

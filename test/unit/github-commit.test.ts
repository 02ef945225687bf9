import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Octokit } from '@octokit/rest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLog } from '../../src/log.js'
import { commitFrontMatterEdits, gitBlobSha } from '../../src/github/commit.js'
import type { CommitFrontMatterEditsOptions } from '../../src/github/commit.js'
import type { FrontMatterEdit } from '../../src/core/article.js'
import { createOctokit } from '../../src/github/octokit.js'
import { createRepository, startGitHubEmulator } from '../support/github-emulator/index.js'
import type { CreatedRepository, GitHubEmulator } from '../support/github-emulator/index.js'

const owner = 'octo'
const repo = 'blog'
const token = 'ghs_commitTestToken0123456789'
const message = 'docs: record Medium URLs [skip ci]'

const files = {
  'README.md': '# Blog\n',
  'content/one.md': '---\ntitle: One # the title\ntags: [a, b]\n---\n# One\n\nBody one.\n',
  'content/crlf.md': '---\r\ntitle: CRLF\r\nmediumUrl:\r\n---\r\nBody\r\n',
  'content/nested/bom.md': '\uFEFF---\ntitle: BOM\n---\nBody\n',
  'content/exec.md': { content: '---\ntitle: Exec\n---\nBody\n', mode: '100755' as const },
}
const url = (slug: string): string => `https://medium.com/@me/${slug}-0123456789ab`
const threeEdits: FrontMatterEdit[] = [
  { path: 'content/one.md', key: 'mediumUrl', value: url('one') },
  { path: 'content/crlf.md', key: 'mediumUrl', value: url('crlf') },
  { path: 'content/nested/bom.md', key: 'mediumUrl', value: url('bom') },
]

let fixture: CreatedRepository
let gh: GitHubEmulator
let log: { debug: string[]; info: string[]; warning: string[] }

beforeEach(async () => {
  fixture = await createRepository(files)
  gh = await startGitHubEmulator({ bareRepo: fixture.bareRepo, owner, repo, token })
  log = { debug: [], info: [], warning: [] }
})

afterEach(async () => {
  await gh.close()
  await fixture.cleanup()
})

const quiet = { debug() {}, info() {}, warn() {}, error() {} }
const plainOctokit = (): Octokit => new Octokit({ auth: token, baseUrl: gh.url, log: quiet })

function run(overrides: Partial<CommitFrontMatterEditsOptions> = {}) {
  return commitFrontMatterEdits({
    octokit: plainOctokit(),
    owner,
    repo,
    branch: 'main',
    triggerSha: fixture.sha,
    edits: threeEdits,
    message,
    readWorkspaceFile: (path) => readFile(join(fixture.workDir, path)),
    log: { ...silentLog, debug: (m) => log.debug.push(m), info: (m) => log.info.push(m), warning: (m) => log.warning.push(m) },
    ...overrides,
  })
}

/** The changed lines (+/-) of `git diff from to`, without file headers. */
async function changedLines(from: string, to: string): Promise<string[]> {
  const diff = await gh.git(['diff', '--unified=0', '--no-color', from, to])
  return diff.split('\n').filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l))
}

async function text(ref: string, path: string): Promise<string | undefined> {
  return (await gh.fileAt(ref, path))?.toString('utf8')
}

describe('commitFrontMatterEdits', () => {
  it('puts three edits in exactly one commit on the head whose diff is only the three URL lines, in 4 requests', async () => {
    const result = await run()
    const head = await gh.headOf('main')
    expect(result).toEqual({ kind: 'committed', sha: head, attempts: 1, skipped: [] })

    const history = await gh.log('main')
    expect(history).toHaveLength(2)
    expect(history[0]).toMatchObject({ message, parents: [fixture.sha] })
    expect(history[0]!.paths.sort()).toEqual(['content/crlf.md', 'content/nested/bom.md', 'content/one.md'])
    expect(await changedLines(fixture.sha, head!)).toEqual([
      `-mediumUrl:\r`,
      `+mediumUrl: ${url('crlf')}\r`,
      `+mediumUrl: ${url('bom')}`,
      `+mediumUrl: ${url('one')}`,
    ])
    expect(gh.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([
      `GET /repos/${owner}/${repo}/git/trees/${fixture.sha}`,
      `POST /repos/${owner}/${repo}/git/trees`,
      `POST /repos/${owner}/${repo}/git/commits`,
      `PATCH /repos/${owner}/${repo}/git/refs/heads/main`,
    ])
  })

  it('keeps every other byte: CRLF line endings, the BOM, comments, and the executable mode', async () => {
    const result = await run({ edits: [...threeEdits, { path: 'content/exec.md', key: 'mediumUrl', value: url('exec') }] })
    expect(result.kind).toBe('committed')
    expect(await text('main', 'content/one.md')).toBe(
      `---\ntitle: One # the title\ntags: [a, b]\nmediumUrl: ${url('one')}\n---\n# One\n\nBody one.\n`,
    )
    expect(await text('main', 'content/crlf.md')).toBe(`---\r\ntitle: CRLF\r\nmediumUrl: ${url('crlf')}\r\n---\r\nBody\r\n`)
    const bom = await gh.fileAt('main', 'content/nested/bom.md')
    expect([...bom!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bom!.toString('utf8')).toBe(`\uFEFF---\ntitle: BOM\nmediumUrl: ${url('bom')}\n---\nBody\n`)
    expect(await gh.git(['ls-tree', 'main', 'content/exec.md'])).toMatch(/^100755 blob /)
    expect(await text('main', 'README.md')).toBe('# Blog\n')
  })

  it('re-reads the files and retries when a concurrent commit lands just before the ref update: both changes are on the branch', async () => {
    gh.concurrentCommitBeforeRefUpdate({
      path: 'content/one.md',
      content: '---\ntitle: One # the title\ntags: [a, b]\n---\n# One\n\nBody one, edited.\n',
    })
    const result = await run({ octokit: createOctokit({ token, baseUrl: gh.url }) })
    expect(result).toMatchObject({ kind: 'committed', attempts: 2, skipped: [] })

    const history = await gh.log('main')
    expect(history.map((c) => c.message)).toEqual([message, 'Concurrent change to content/one.md\n', 'Initial commit\n'])
    expect(history[0]!.parents).toEqual([history[1]!.sha])
    expect(await text('main', 'content/one.md')).toBe(
      `---\ntitle: One # the title\ntags: [a, b]\nmediumUrl: ${url('one')}\n---\n# One\n\nBody one, edited.\n`,
    )
    expect(await text('main', 'content/crlf.md')).toContain(`mediumUrl: ${url('crlf')}\r\n`)
    // The 422 "not a fast forward" is an answer, not retried by the client: one refused PATCH, one accepted.
    expect(gh.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([422, 200])
    // The changed file was read at the new head, not taken from the (stale) workspace.
    expect(gh.requests.filter((r) => r.path.includes('/git/blobs/'))).toHaveLength(1)
  })

  it('edits the files as they are at the current head when the branch moved before the run, ignoring the stale workspace copy', async () => {
    await gh.pushCommit('main', { files: { 'content/one.md': '---\ntitle: One renamed\n---\nNew body.\n' } })
    const result = await run({ edits: threeEdits.slice(0, 1) })
    // The first attempt builds on the triggering commit; the ref update is refused as not a fast
    // forward, and the second attempt edits the file as it is at the head.
    expect(result).toMatchObject({ kind: 'committed', attempts: 2 })
    expect(await text('main', 'content/one.md')).toBe(`---\ntitle: One renamed\nmediumUrl: ${url('one')}\n---\nNew body.\n`)
  })

  it('builds on the head seen before publishing (expectedHead) without asking for it again', async () => {
    const moved = await gh.pushCommit('main', { files: { 'content/one.md': '---\ntitle: One renamed\n---\nNew body.\n' } })
    const result = await run({ edits: threeEdits.slice(0, 1), expectedHead: moved })
    expect(result).toMatchObject({ kind: 'committed', attempts: 1 })
    expect(await text('main', 'content/one.md')).toBe(`---\ntitle: One renamed\nmediumUrl: ${url('one')}\n---\nNew body.\n`)
    expect(gh.requests.filter((r) => r.path.includes('/git/ref/'))).toEqual([])
  })

  it('skips and reports an edit whose file was deleted at the new head, and commits the others', async () => {
    gh.concurrentCommitBeforeRefUpdate({ path: 'content/crlf.md', content: null })
    const result = await run()
    expect(result).toMatchObject({ kind: 'committed', attempts: 2, skipped: ['content/crlf.md'] })
    expect(await gh.fileAt('main', 'content/crlf.md')).toBeUndefined()
    expect(await text('main', 'content/one.md')).toContain(`mediumUrl: ${url('one')}`)
    expect(log.warning.join('\n')).toContain('"content/crlf.md": not updated in branch "main" of octo/blog: the file no longer exists')
  })

  it('gives up after maxAttempts when the branch keeps moving', async () => {
    for (let i = 0; i < 3; i++) gh.concurrentCommitBeforeRefUpdate({ path: `other-${i}.md`, content: `${i}\n` })
    const result = await run({ maxAttempts: 3 })
    expect(result.kind).toBe('failed')
    if (result.kind !== 'failed') return
    expect(result.message).toContain('after 3 attempts')
    expect(result.message).toContain('Update is not a fast forward')
    expect((await gh.log('main')).map((c) => c.message)).not.toContain(message)
  })

  it('on a protected branch puts the commit on main-medium-urls-<sha> and opens a pull request into the branch', async () => {
    gh.protectBranch('main')
    const result = await run({ octokit: createOctokit({ token, baseUrl: gh.url }) })
    const branch = `main-medium-urls-${fixture.sha.slice(0, 7)}`
    const newHead = await gh.headOf(branch)
    expect(result).toEqual({ kind: 'pull-request', sha: newHead, branch, number: 1, url: `${gh.url}/octo/blog/pull/1`, skipped: [] })
    expect(await gh.headOf('main')).toBe(fixture.sha)
    expect(gh.pulls).toMatchObject([{ number: 1, title: message, head: branch, base: 'main' }])
    expect(await changedLines(fixture.sha, newHead!)).toHaveLength(4)
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1)
  })

  it('treats a ruleset refusal (409 Repository rule violations) like a protected branch, without retrying it', async () => {
    gh.protectBranch('main', 'ruleset')
    const result = await run({ octokit: createOctokit({ token, baseUrl: gh.url }) })
    expect(result.kind).toBe('pull-request')
    expect(gh.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([409])
  })

  it('uses a second branch name when main-medium-urls-<sha> already exists', async () => {
    gh.protectBranch('main')
    await plainOctokit().rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/main-medium-urls-${fixture.sha.slice(0, 7)}`,
      sha: fixture.sha,
    })
    const result = await run()
    expect(result.kind).toBe('pull-request')
    if (result.kind !== 'pull-request') return
    expect(result.branch).toBe(`main-medium-urls-${fixture.sha.slice(0, 7)}-${result.sha.slice(0, 7)}`)
  })

  it('reports the branch when the branch is protected and the pull request cannot be opened', async () => {
    gh.protectBranch('main')
    gh.denyPermission('pull-requests')
    const result = await run()
    expect(result.kind).toBe('failed')
    if (result.kind !== 'failed') return
    expect(result.message).toContain(`is on branch "main-medium-urls-${fixture.sha.slice(0, 7)}"`)
    expect(result.message).toContain('403 "Resource not accessible by integration"')
  })

  it('fails (does not throw) when every ref update fails, leaving the branch alone', async () => {
    gh.failRefUpdates()
    const result = await run({ maxAttempts: 2 })
    expect(result).toEqual({
      kind: 'failed',
      message: expect.stringContaining('GitHub answered 500 "Server Error" to PATCH git/refs/heads/main') as unknown as string,
    })
    expect(await gh.headOf('main')).toBe(fixture.sha)
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2)
  })

  it('the production client retries a 5xx on the ref update once and the commit lands; its log never has the token', async () => {
    gh.failRefUpdates(1, { status: 502, message: `Bad Gateway for ${token}` })
    const clientLog: string[] = []
    const sink = (m: string): void => void clientLog.push(m)
    const octokit = createOctokit({ token, baseUrl: `${gh.url}/`, log: { ...silentLog, debug: sink, info: sink, warning: sink } })
    const result = await run({ octokit })
    expect(result).toMatchObject({ kind: 'committed', attempts: 1 })
    expect(gh.requests.filter((r) => r.method === 'PATCH').map((r) => r.status)).toEqual([502, 200])
    expect(clientLog.join('\n')).toMatch(/PATCH \/repos\/octo\/blog\/git\/refs\/heads%2Fmain - 200/)
    expect(clientLog.join('\n')).not.toContain(token)
  })

  it('fails with a permission hint and never shows the token when no write is possible', async () => {
    gh.failWrites({ status: 403, message: `Resource not accessible by integration (token ${token})` })
    const result = await run()
    expect(result.kind).toBe('failed')
    if (result.kind !== 'failed') return
    expect(result.message).toContain('permissions: contents: write')
    expect(result.message).toContain('(token ***)')
    expect(result.message).not.toContain(token)
  })

  it('fails with a clear message for a branch that does not exist', async () => {
    const result = await run({ branch: 'gone' })
    expect(result).toEqual({
      kind: 'failed',
      message: expect.stringMatching(
        /branch "gone" of octo\/blog: GitHub answered 422 "Reference does not exist" to PATCH git\/refs\/heads\/gone/,
      ) as unknown as string,
    })
  })

  it('commits nothing when the value is already there, and reports front-matter it cannot edit as skipped', async () => {
    const first = await run({ edits: threeEdits.slice(0, 1) })
    expect(first.kind).toBe('committed')
    const again = await run({ edits: [threeEdits[0]!, { path: 'README.md', key: 'not a key', value: 'x' }] })
    // The first attempt builds on the triggering commit, which lacks the value. Either the ref update
    // is refused (the branch moved) and the second attempt finds the value already there, or git
    // makes the very same commit object again (same tree, parent and second) and nothing moves.
    expect(again).toMatchObject({ kind: 'committed', skipped: ['README.md'] })
    if (again.kind === 'committed' && again.sha !== '') expect(again.sha).toBe(await gh.headOf('main'))
    expect(await gh.log('main')).toHaveLength(2)
  })
})

describe('a triggering commit the repository does not have', () => {
  it('is not built on: the commit goes on the branch head, asked for once the guess fails', async () => {
    const result = await run({ triggerSha: 'f'.repeat(40) })
    const head = await gh.headOf('main')
    expect(result).toMatchObject({ kind: 'committed', sha: head })
    expect((await gh.log('main'))[0]).toMatchObject({ message, parents: [fixture.sha] })
    expect(gh.requests.some((r) => decodeURIComponent(r.path).endsWith('/git/ref/heads/main'))).toBe(true)
  })
})

describe('a record another run made meanwhile', () => {
  it('is never overwritten: the file is skipped and reported, the other edits are committed', async () => {
    // Another run recorded a different URL for content/one.md after this run started.
    await gh.pushCommit('main', {
      files: {
        'content/one.md': (await text(fixture.sha, 'content/one.md'))!.replace(
          '---\n',
          `---\nmediumUrl: https://medium.com/@other/one-aaaaaaaaaaaa\n`,
        ),
      },
    })
    const before = await text('main', 'content/one.md')
    const result = await run()
    expect(result).toMatchObject({ kind: 'committed', skipped: ['content/one.md'] })
    expect(await text('main', 'content/one.md')).toBe(before)
    expect(await text('main', 'content/crlf.md')).toContain(`mediumUrl: ${url('crlf')}`)
    expect(log.warning.join('\n')).toContain('already records "mediumUrl: https://medium.com/@other/one-aaaaaaaaaaaa"')
  })
})

describe('gitBlobSha', () => {
  it('matches git hash-object', async () => {
    const bytes = Buffer.from('\uFEFF---\ntitle: BOM\n---\nBody\n', 'utf8')
    expect(gitBlobSha(bytes)).toBe(await gh.git(['rev-parse', 'main:content/nested/bom.md']))
  })
})

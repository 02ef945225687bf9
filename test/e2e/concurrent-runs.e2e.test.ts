// Failure rule 10 end to end (issue 10): two runs of dist/index.js at once, without the workflow's
// `concurrency` group, against one Medium emulator and one GitHub emulator backed by a real bare
// repository. Each article is posted exactly once and its URL is on the branch; the claims
// (refs/medium-publish/claims/*) are gone afterwards. A claim left by a run that died is reported
// with how to release it; a fresh one makes the article wait; claims that cannot be made publish nothing.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { claimRef } from '../../src/github/claims.js'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { expectNoToken, git, repositoryFixture, type RepositoryFixture } from '../support/repository-fixture.js'
import { publishedOf, runAction, type ActionRun } from '../support/run-action.js'

const MEDIUM_TOKENS = Array.from({ length: 6 }, (_, i) => `mtok-SECRET-concurrent-${i}-4c1d7e0a9b2f3e5d`)
const GITHUB_TOKEN = 'ghs_SECRETconcurrent0123456789abcdefABCD'
const ARTICLES: Record<string, string> = Object.fromEntries(
  ['one', 'two', 'three', 'four'].map((name) => [`content/${name}.md`, `---\ntitle: Article ${name}\n---\n\nThe ${name} body.\n`]),
)

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: MEDIUM_TOKENS.map((token) => ({ token })) })
})
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()))
  await medium.close()
})

let nextUser = 0
async function setup(files: Record<string, string> = ARTICLES) {
  const fixture = await repositoryFixture(files, GITHUB_TOKEN)
  cleanups.push(fixture.close)
  const index = nextUser++
  const token = MEDIUM_TOKENS[index]!
  const userId = medium.users[index]!.id
  /** A run as the runner starts one, in its own clone (two runs never share a workspace). */
  const run = async (options: { workspace?: string; sha?: string; env?: Record<string, string> } = {}): Promise<ActionRun> => {
    const sha = options.sha ?? fixture.repository.sha
    return runAction({
      workspace: options.workspace ?? fixture.workspace,
      inputs: { 'medium-token': token, 'github-token': GITHUB_TOKEN, 'medium-api-url': medium.url, images: 'upload' },
      event: { ref: 'refs/heads/main', after: sha, repository: { private: true, full_name: 'acme/blog' } },
      env: {
        GITHUB_API_URL: fixture.github.url,
        GITHUB_SHA: sha,
        GITHUB_REPOSITORY: 'acme/blog',
        GITHUB_REF: 'refs/heads/main',
        ...options.env,
      },
    })
  }
  return { fixture, run, posts: () => medium.posts.filter((p) => p.authorId === userId), clone: () => cloneOf(fixture) }
}

/** A second working clone of the fixture's repository at the branch head (another runner's checkout). */
async function cloneOf(fixture: RepositoryFixture): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpa-clone-'))
  await git(dir, ['clone', '--quiet', fixture.repository.bareRepo, '.'])
  return dir
}

async function claimRefs(fixture: RepositoryFixture): Promise<string[]> {
  const listing = await git(fixture.workspace, ['ls-remote', fixture.repository.bareRepo, 'refs/medium-publish/*'])
  return listing.split('\n').filter((line) => line !== '' && !line.endsWith('^{}'))
}

/** Each article's URL on the branch head. */
async function urlsOnBranch(fixture: RepositoryFixture): Promise<Record<string, string | undefined>> {
  const urls: Record<string, string | undefined> = {}
  for (const file of Object.keys(ARTICLES)) urls[file] = /^mediumUrl: (\S+)$/m.exec(await fixture.onBranch(file))?.[1]
  return urls
}

describe('two runs at once, without the concurrency group, post each article once', () => {
  it('two runs started together on the same commit: every article posted once, every URL on the branch, no claim left', async () => {
    const s = await setup()
    // Slow posts keep both runs publishing at the same time.
    medium.inject('createPost', ...Array.from({ length: 8 }, () => ({ delayMs: 300 })))
    const [a, b] = await Promise.all([s.run(), s.run({ workspace: await s.clone() })])
    expectNoToken(a, [...MEDIUM_TOKENS, GITHUB_TOKEN])
    expectNoToken(b, [...MEDIUM_TOKENS, GITHUB_TOKEN])
    const titles = s.posts().map((p) => p.body.title as string)
    expect(titles.sort()).toEqual(
      Object.keys(ARTICLES)
        .map((f) => `Article ${path.basename(f, '.md')}`)
        .sort(),
    )
    // Between them the two runs published the four articles, none twice.
    expect(publishedOf(a).length + publishedOf(b).length).toBe(4)
    const urls = await urlsOnBranch(s.fixture)
    for (const post of s.posts()) expect(Object.values(urls)).toContain(post.post.url)
    expect(await claimRefs(s.fixture)).toEqual([])
    // A run that found an article claimed says so, and is not a failure.
    for (const run of [a, b]) {
      expect(run.exitCode, run.stdout).toBe(0)
      for (const note of run.annotations.filter((x) => x.title === 'claimed-by-another-run')) expect(note.level).toBe('notice')
    }
  })

  it('two runs on consecutive commits, at once: the articles both see are posted once, the new one too', async () => {
    const s = await setup()
    // Two pushes in a row: the first run checks out the four articles, the second also a fifth.
    const second = await s.fixture.github.pushCommit('main', { files: { 'content/five.md': '---\ntitle: Article five\n---\n\nFive.\n' } })
    const secondWorkspace = await s.clone()
    medium.inject('createPost', ...Array.from({ length: 10 }, () => ({ delayMs: 300 })))
    const [a, b] = await Promise.all([s.run(), s.run({ workspace: secondWorkspace, sha: second })])
    for (const run of [a, b]) expect(run.exitCode, run.stdout).toBe(0)
    const titles = s.posts().map((p) => p.body.title as string)
    expect(titles.sort()).toEqual(['Article five', 'Article four', 'Article one', 'Article three', 'Article two'])
    const urls = await urlsOnBranch(s.fixture)
    for (const post of s.posts().filter((p) => p.body.title !== 'Article five')) expect(Object.values(urls)).toContain(post.post.url)
    expect(await s.fixture.onBranch('content/five.md')).toContain(
      `mediumUrl: ${s.posts().find((p) => p.body.title === 'Article five')!.post.url}`,
    )
    expect(await claimRefs(s.fixture)).toEqual([])
  })
})

describe('claims left behind', () => {
  it('a claim by a run that died hours ago: an error at the article that says how to release it, nothing posted', async () => {
    const s = await setup({ 'content/one.md': ARTICLES['content/one.md']! })
    await leaveClaim(s.fixture, 'content/one.md', new Date(Date.now() - 7 * 3600_000))
    const run = await s.run()
    expect(run.exitCode).not.toBe(0)
    expect(s.posts()).toHaveLength(0)
    const error = run.annotations.find((a) => a.title === 'publish-claim-unresolved')
    expect(error).toMatchObject({ level: 'error', file: 'content/one.md', line: 1 })
    expect(error!.message).toContain(`gh api -X DELETE repos/acme/blog/git/${claimRef('content/one.md')}`)
    expect(error!.message).toContain('mediumUrl: <its URL>')
  })

  it('a fresh claim (another run is publishing it): skipped with a notice, exit 0, the claim left alone', async () => {
    const s = await setup({ 'content/one.md': ARTICLES['content/one.md']! })
    await leaveClaim(s.fixture, 'content/one.md', new Date())
    const run = await s.run()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(s.posts()).toHaveLength(0)
    expect(run.annotations.find((a) => a.title === 'claimed-by-another-run')).toMatchObject({ level: 'notice', file: 'content/one.md' })
    expect(run.summary).toContain('another run is publishing it')
    expect(await claimRefs(s.fixture)).toHaveLength(1)
  })

  it('claims that cannot be made (no contents: write): nothing is posted, the step fails and says why', async () => {
    const s = await setup({ 'content/one.md': ARTICLES['content/one.md']! })
    s.fixture.github.denyPermission('contents')
    const run = await s.run()
    expect(run.exitCode).not.toBe(0)
    expect(s.posts()).toHaveLength(0)
    expect(run.stdout).toMatch(/Could not claim 'content\/one\.md' on GitHub before posting it/)
    expect(run.stdout).toMatch(/contents: write/)
  })
})

/** A claim as another run leaves it: the claim ref, pointing at a tag object that says when. */
async function leaveClaim(fixture: RepositoryFixture, file: string, at: Date): Promise<void> {
  const dir = fixture.workspace
  const tag =
    (await git(dir, [
      '-c',
      'user.name=Other run',
      '-c',
      'user.email=other@example.com',
      'tag',
      '-a',
      '-m',
      `medium-publish-action claim\n\nat: ${at.toISOString()}\nrun: https://github.com/acme/blog/actions/runs/1`,
      'claim-tmp',
      'HEAD',
    ]),
    (await git(dir, ['rev-parse', 'claim-tmp'])).trim())
  await git(dir, ['push', '--quiet', 'origin', `${tag}:${claimRef(file)}`])
  await git(dir, ['tag', '-d', 'claim-tmp'])
}

import type { Octokit } from '@octokit/rest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordsOnGitHub, writeBackBranchPrefix } from '../../src/github/branch-records.js'
import { createRepository, quietOctokit, startGitHubEmulator } from '../support/github-emulator/index.js'
import type { CreatedRepository, GitHubEmulator } from '../support/github-emulator/index.js'

const owner = 'acme'
const repo = 'blog'
const token = 'ghs_branchRecordsToken0123456789'
const article = (title: string, extra = '') => `---\ntitle: ${title}\n${extra}---\n\n${title}.\n`
const URL_A = 'https://medium.com/@writer/a-0123456789ab'

let fixture: CreatedRepository
let gh: GitHubEmulator
let octokit: Octokit

beforeEach(async () => {
  fixture = await createRepository({ 'content/a.md': article('A'), 'content/b.md': article('B') })
  gh = await startGitHubEmulator({ bareRepo: fixture.bareRepo, owner, repo, token })
  octokit = quietOctokit(gh.url, token)
})

afterEach(async () => {
  await gh.close()
  await fixture.cleanup()
})

const look = (paths = ['content/a.md', 'content/b.md']) =>
  recordsOnGitHub({ octokit, owner, repo, branch: 'main', triggerSha: fixture.sha, paths, keys: ['mediumUrl', 'mediumPublishAttempt'] })

describe('recordsOnGitHub', () => {
  it('finds nothing, in one request, when the branch is where the run started and no write-back branch waits', async () => {
    const found = await look()
    expect(found).toEqual({ head: fixture.sha, records: new Map() })
    expect(gh.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`)).toEqual([
      `GET /repos/${owner}/${repo}/git/matching-refs/heads/main`,
    ])
  })

  it('finds a URL committed on the branch after the commit the run checked out (a re-run)', async () => {
    const head = await gh.pushCommit('main', { files: { 'content/a.md': article('A', `mediumUrl: ${URL_A}\n`) } })
    const found = await look()
    expect(found.head).toBe(head)
    expect([...found.records]).toEqual([['content/a.md', { branch: 'main', pending: false, key: 'mediumUrl', value: URL_A }]])
  })

  it('finds a URL or a publish attempt waiting in an unmerged write-back branch', async () => {
    const branch = `${writeBackBranchPrefix('main')}abc1234`
    await gh.git(['branch', branch, fixture.sha])
    await gh.pushCommit(branch, {
      files: {
        'content/a.md': article('A', `mediumUrl: ${URL_A}\n`),
        'content/b.md': article('B', 'mediumPublishAttempt: 2026-11-28T10:00:00.000Z\n'),
      },
    })
    const found = await look()
    expect(found.records.get('content/a.md')).toEqual({ branch, pending: true, key: 'mediumUrl', value: URL_A })
    expect(found.records.get('content/b.md')).toEqual({
      branch,
      pending: true,
      key: 'mediumPublishAttempt',
      value: '2026-11-28T10:00:00.000Z',
    })
  })

  it('finds a URL the line scan cannot settle (a block scalar) through the full parse', async () => {
    await gh.pushCommit('main', { files: { 'content/a.md': article('A', `mediumUrl: >-\n  ${URL_A}\n`) } })
    expect((await look()).records.get('content/a.md')).toEqual({ branch: 'main', pending: false, key: 'mediumUrl', value: URL_A })
  })

  it('ignores other branches that merely share the name prefix', async () => {
    await gh.git(['branch', 'main-old', fixture.sha])
    await gh.pushCommit('main-old', { files: { 'content/a.md': article('A', `mediumUrl: ${URL_A}\n`) } })
    expect((await look()).records.size).toBe(0)
  })

  it('looks at every candidate on the head when more files changed than GitHub lists (300)', async () => {
    const many = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`notes/n-${i}.md`, `${i}\n`]))
    await gh.pushCommit('main', { files: { ...many, 'content/a.md': article('A', `mediumUrl: ${URL_A}\n`) } })
    gh.requests.length = 0
    const found = await look()
    expect(found.records.get('content/a.md')).toMatchObject({ pending: false, value: URL_A })
    // Both candidates were read at the head, not only the ones the (truncated) list names.
    expect(gh.requests.filter((r) => r.path.includes('/contents/'))).toHaveLength(2)
  })
})

import type { Octokit } from '@octokit/rest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { changedFiles } from '../../src/github/changed-files.js'
import { DEFAULT_COMMENT_MARKER, upsertPullRequestComment } from '../../src/github/pull-comment.js'
import { createRepository, quietOctokit, startGitHubEmulator } from '../support/github-emulator/index.js'
import type { CreatedRepository, GitHubEmulator } from '../support/github-emulator/index.js'

const owner = 'octo'
const repo = 'blog'
const token = 'ghs_commentTestToken987654321'

let fixture: CreatedRepository
let gh: GitHubEmulator
let octokit: Octokit

beforeEach(async () => {
  fixture = await createRepository({
    'content/a.md': '---\ntitle: A\n---\nA\n',
    'content/b.md': '---\ntitle: B\n---\nB\n',
    'README.md': 'r\n',
  })
  gh = await startGitHubEmulator({ bareRepo: fixture.bareRepo, owner, repo, token })
  octokit = quietOctokit(gh.url, token)
})

afterEach(async () => {
  await gh.close()
  await fixture.cleanup()
})

describe('upsertPullRequestComment', () => {
  it('creates the comment once with the hidden marker, then edits that same comment', async () => {
    const number = gh.addPullRequest({ head: 'feature' })
    gh.addComment(number, 'LGTM')

    const first = await upsertPullRequestComment({ octokit, owner, repo, number, body: '## Would publish\n\n- a.md' })
    expect(first).toEqual({
      kind: 'created',
      id: expect.any(Number) as unknown as number,
      url: `${gh.url}/octo/blog/pull/${number}#issuecomment-${gh.comments[1]!.id}`,
    })
    expect(gh.comments[1]!.body).toBe(`${DEFAULT_COMMENT_MARKER}\n## Would publish\n\n- a.md`)

    const second = await upsertPullRequestComment({ octokit, owner, repo, number, body: '## Would publish\n\n- a.md\n- b.md' })
    expect(second).toMatchObject({ kind: 'updated', id: first.kind === 'created' ? first.id : -1 })
    expect(gh.comments.map((c) => c.body)).toEqual(['LGTM', `${DEFAULT_COMMENT_MARKER}\n## Would publish\n\n- a.md\n- b.md`])
  })

  it('finds its comment beyond the first page of comments and ignores comments that only quote the marker', async () => {
    const number = gh.addPullRequest({ head: 'feature' })
    for (let i = 0; i < 120; i++) gh.addComment(number, i === 5 ? `> quoting\n> ${DEFAULT_COMMENT_MARKER}` : `comment ${i}`)
    const ours = gh.addComment(number, `${DEFAULT_COMMENT_MARKER}\nold report`, 'github-actions[bot]')

    const result = await upsertPullRequestComment({ octokit, owner, repo, number, body: 'new report' })
    expect(result).toMatchObject({ kind: 'updated', id: ours.id })
    expect(ours.body).toBe(`${DEFAULT_COMMENT_MARKER}\nnew report`)
    expect(gh.comments).toHaveLength(121)
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.query)).toEqual(['per_page=100', 'per_page=100&page=2'])
  })

  it('uses a custom marker and keeps a body that already contains it as is', async () => {
    const number = gh.addPullRequest({ head: 'feature' })
    const marker = '<!-- custom -->'
    await upsertPullRequestComment({ octokit, owner, repo, number, body: `${marker}\nreport`, marker })
    expect(gh.comments.map((c) => c.body)).toEqual([`${marker}\nreport`])
  })

  it('returns forbidden with the permission to add when the token may not comment (403)', async () => {
    const number = gh.addPullRequest({ head: 'feature' })
    gh.denyPermission('issues')
    const result = await upsertPullRequestComment({ octokit, owner, repo, number, body: 'report' })
    expect(result.kind).toBe('forbidden')
    if (result.kind !== 'forbidden') return
    expect(result.message).toContain('403 "Resource not accessible by integration"')
    expect(result.message).toContain('pull-requests: write')
    expect(gh.comments).toHaveLength(0)
  })

  it('throws a message naming the request for other failures, without the token', async () => {
    const number = gh.addPullRequest({ head: 'feature' })
    gh.failWrites({ status: 500, message: `boom ${token}` })
    await expect(upsertPullRequestComment({ octokit, owner, repo, number, body: 'report' })).rejects.toThrow(
      `could not comment on pull request #${number}: GitHub answered 500 "boom ***" to POST issues/${number}/comments`,
    )
  })

  it("cuts a body over GitHub's 65,536-character limit and says so", async () => {
    const number = gh.addPullRequest({ head: 'feature' })
    await upsertPullRequestComment({ octokit, owner, repo, number, body: 'x'.repeat(70_000) })
    expect(gh.comments[0]!.body).toHaveLength(65_536)
    expect(gh.comments[0]!.body).toMatch(/the job summary has the whole report\)$/)
  })
})

describe('changedFiles', () => {
  it('lists the paths changed between base and head (added, modified, removed)', async () => {
    await gh.pushCommit('main', { files: { 'content/a.md': '---\ntitle: A\n---\nA edited\n', 'content/c.md': 'c\n', 'README.md': null } })
    const head = (await gh.headOf('main'))!
    const files = await changedFiles({ octokit, owner, repo, base: fixture.sha, head })
    expect([...files].sort()).toEqual(['README.md', 'content/a.md', 'content/c.md'])
    expect(gh.requests).toHaveLength(1)
  })

  it("compares from the merge base (three dots): changes on the base branch are not the head's", async () => {
    await plainBranch('topic')
    await gh.pushCommit('topic', { files: { 'content/b.md': 'b2\n' } })
    await gh.pushCommit('main', { files: { 'content/a.md': 'a2\n' } })
    const files = await changedFiles({ octokit, owner, repo, base: 'main', head: 'topic' })
    expect([...files]).toEqual(['content/b.md'])
  })

  it('returns nothing for a new branch (base all zeros) without calling GitHub', async () => {
    expect((await changedFiles({ octokit, owner, repo, base: '0'.repeat(40), head: fixture.sha })).size).toBe(0)
    expect(gh.requests).toHaveLength(0)
  })

  it('throws a message naming the comparison when GitHub cannot compare', async () => {
    await expect(changedFiles({ octokit, owner, repo, base: 'f'.repeat(40), head: fixture.sha })).rejects.toThrow(
      `could not list the files changed in octo/blog ${'f'.repeat(40)}...${fixture.sha}: GitHub answered 404`,
    )
  })
})

async function plainBranch(name: string): Promise<void> {
  await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${name}`, sha: fixture.sha })
  gh.requests.length = 0
}

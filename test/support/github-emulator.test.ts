import type { Octokit } from '@octokit/rest'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRepository, quietOctokit, startGitHubEmulator } from './github-emulator/index.js'
import type { CreatedRepository, GitHubEmulator } from './github-emulator/index.js'

const owner = 'octo'
const repoName = 'blog'
const token = 'ghs_emulatortoken123'

let fixture: CreatedRepository
let gh: GitHubEmulator
let octokit: Octokit

beforeEach(async () => {
  fixture = await createRepository({
    'README.md': '# Blog\n',
    'content/a.md': '---\ntitle: A\n---\nBody A\n',
    'content/deep/b.md': '---\r\ntitle: B\r\n---\r\nBody B\r\n',
    'scripts/run.sh': { content: '#!/bin/sh\necho hi\n', mode: '100755' },
  })
  gh = await startGitHubEmulator({ bareRepo: fixture.bareRepo, owner, repo: repoName, token, private: true })
  octokit = quietOctokit(gh.url, token)
})

afterEach(async () => {
  await gh.close()
  await fixture.cleanup()
})

async function raw(method: string, path: string, body?: unknown, auth = `token ${token}`): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, json: await res.json() }
}

/** Error status and message of a rejected Octokit call. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise
  } catch (error) {
    const e = error as { status: number; response?: { data?: { message?: string } } }
    return { status: e.status, message: e.response?.data?.message ?? '' }
  }
  throw new Error('expected the request to fail, it succeeded')
}

describe('createRepository', () => {
  it('makes a bare repository with one commit and a working clone with the same bytes', async () => {
    expect(fixture.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(await gh.headOf('main')).toBe(fixture.sha)
    const log = await gh.log('main')
    expect(log).toHaveLength(1)
    expect(log[0]!.paths.sort()).toEqual(['README.md', 'content/a.md', 'content/deep/b.md', 'scripts/run.sh'])
    const { readFile } = await import('node:fs/promises')
    expect(await readFile(`${fixture.workDir}/content/deep/b.md`, 'utf8')).toBe('---\r\ntitle: B\r\n---\r\nBody B\r\n')
    expect(await gh.git(['ls-tree', '-r', 'main', 'scripts/run.sh'])).toMatch(/^100755 blob/)
  })
})

describe('authentication', () => {
  it('answers 401 Bad credentials without a token, with a wrong token, and accepts token and Bearer schemes', async () => {
    expect(await raw('GET', `/repos/${owner}/${repoName}`, undefined, '')).toMatchObject({
      status: 401,
      json: { message: 'Bad credentials' },
    })
    expect(await raw('GET', `/repos/${owner}/${repoName}`, undefined, 'token nope')).toMatchObject({ status: 401 })
    expect((await raw('GET', `/repos/${owner}/${repoName}`, undefined, `Bearer ${token}`)).status).toBe(200)
    expect((await raw('GET', `/repos/${owner}/${repoName}`)).status).toBe(200)
  })

  it('answers 404 for another repository and unknown routes', async () => {
    expect((await raw('GET', `/repos/${owner}/other`)).status).toBe(404)
    expect((await raw('GET', `/repos/${owner}/${repoName}/nope`)).status).toBe(404)
  })
})

describe('read endpoints', () => {
  it('GET /repos/{o}/{r} reports private and default_branch', async () => {
    const { data } = await octokit.rest.repos.get({ owner, repo: repoName })
    expect(data).toMatchObject({ private: true, default_branch: 'main', full_name: 'octo/blog' })
  })

  it('GET git/ref returns the head; a missing branch is 404', async () => {
    const { data } = await octokit.rest.git.getRef({ owner, repo: repoName, ref: 'heads/main' })
    expect(data).toMatchObject({ ref: 'refs/heads/main', object: { sha: fixture.sha, type: 'commit' } })
    expect((await failure(octokit.rest.git.getRef({ owner, repo: repoName, ref: 'heads/nope' }))).status).toBe(404)
  })

  it('GET git/commits and git/trees (recursive, by commit SHA or tree SHA) return real objects', async () => {
    const { data: commit } = await octokit.rest.git.getCommit({ owner, repo: repoName, commit_sha: fixture.sha })
    expect(commit.message).toBe('Initial commit\n')
    expect(commit.parents).toEqual([])
    expect(commit.tree.sha).toBe(await gh.git(['rev-parse', 'main^{tree}']))

    const { data: flat } = await octokit.rest.git.getTree({ owner, repo: repoName, tree_sha: commit.tree.sha })
    expect(flat.tree.map((e) => e.path).sort()).toEqual(['README.md', 'content', 'scripts'])

    const { data: deep } = await octokit.rest.git.getTree({ owner, repo: repoName, tree_sha: fixture.sha, recursive: '1' })
    expect(deep.sha).toBe(commit.tree.sha)
    expect(deep.truncated).toBe(false)
    const byPath = new Map(deep.tree.map((e) => [e.path, e]))
    expect(byPath.get('content/deep')).toMatchObject({ type: 'tree', mode: '040000' })
    expect(byPath.get('content/deep/b.md')).toMatchObject({ type: 'blob', mode: '100644', size: 28 })
    expect(byPath.get('scripts/run.sh')).toMatchObject({ mode: '100755' })
    expect((await failure(octokit.rest.git.getCommit({ owner, repo: repoName, commit_sha: '0'.repeat(40) }))).status).toBe(404)
  })

  it('GET contents returns base64 content and the blob sha at a ref; missing is 404', async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo: repoName, path: 'content/deep/b.md', ref: fixture.sha })
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file')
    expect(data.encoding).toBe('base64')
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe('---\r\ntitle: B\r\n---\r\nBody B\r\n')
    expect(data.sha).toBe(await gh.git(['rev-parse', 'main:content/deep/b.md']))
    const { data: dir } = await octokit.rest.repos.getContent({ owner, repo: repoName, path: 'content' })
    expect(Array.isArray(dir) && dir.map((e) => e.path).sort()).toEqual(['content/a.md', 'content/deep'])
    expect((await failure(octokit.rest.repos.getContent({ owner, repo: repoName, path: 'content/zzz.md' }))).status).toBe(404)
  })

  it('GET git/blobs returns the exact bytes', async () => {
    const sha = await gh.git(['rev-parse', 'main:content/deep/b.md'])
    const { data } = await octokit.rest.git.getBlob({ owner, repo: repoName, file_sha: sha })
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe('---\r\ntitle: B\r\n---\r\nBody B\r\n')
  })
})

describe('Git Data writes', () => {
  it('blob, tree with base_tree and nested paths, commit and a fast-forward ref update make a real commit', async () => {
    const { data: blob } = await octokit.rest.git.createBlob({
      owner,
      repo: repoName,
      content: Buffer.from('bin\u0000ary').toString('base64'),
      encoding: 'base64',
    })
    expect(blob.sha).toBe(await gh.git(['rev-parse', blob.sha]))
    const baseTree = await gh.git(['rev-parse', 'main^{tree}'])
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo: repoName,
      base_tree: baseTree,
      tree: [
        { path: 'content/a.md', mode: '100644', type: 'blob', content: '---\ntitle: A2\n---\nBody A\n' },
        { path: 'content/new/c/d.md', mode: '100644', type: 'blob', content: 'new\r\n' },
        { path: 'assets/x.bin', mode: '100644', type: 'blob', sha: blob.sha },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    })
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo: repoName,
      message: 'edit\n',
      tree: tree.sha,
      parents: [fixture.sha],
    })
    expect(commit.parents.map((p) => p.sha)).toEqual([fixture.sha])
    const { data: ref } = await octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: commit.sha })
    expect(ref.object.sha).toBe(commit.sha)
    expect(await gh.headOf('main')).toBe(commit.sha)
    expect((await gh.fileAt('main', 'content/new/c/d.md'))?.toString('utf8')).toBe('new\r\n')
    expect((await gh.fileAt('main', 'assets/x.bin'))?.toString('utf8')).toBe('bin\u0000ary')
    expect(await gh.fileAt('main', 'README.md')).toBeUndefined()
    expect(await gh.fileAt('main', 'scripts/run.sh')).toBeDefined()
    const [latest] = await gh.log('main')
    expect(latest!.paths.sort()).toEqual(['README.md', 'assets/x.bin', 'content/a.md', 'content/new/c/d.md'])
  })

  it('without base_tree the entries are the whole tree', async () => {
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo: repoName,
      tree: [{ path: 'only.md', mode: '100644', type: 'blob', content: 'x' }],
    })
    expect(tree.tree.map((e) => e.path)).toEqual(['only.md'])
  })

  it('rejects a bad mode, a malformed path, a missing base tree, deleting a missing path, and a commit on a missing tree or parent', async () => {
    const baseTree = await gh.git(['rev-parse', 'main^{tree}'])
    const mk = (tree: unknown[], base: string = baseTree) =>
      failure(octokit.request('POST /repos/{owner}/{repo}/git/trees', { owner, repo: repoName, base_tree: base, tree: tree as never }))
    expect((await mk([{ path: 'a', mode: '100600', type: 'blob', content: 'x' }])).status).toBe(422)
    expect((await mk([{ path: '../a', mode: '100644', type: 'blob', content: 'x' }])).message).toContain('malformed path')
    expect((await mk([{ path: 'a', mode: '100644', type: 'blob', content: 'x' }], fixture.sha)).status).toBe(422)
    expect((await mk([{ path: 'nope.md', mode: '100644', type: 'blob', sha: null }])).status).toBe(422)
    expect(
      await failure(octokit.rest.git.createCommit({ owner, repo: repoName, message: 'm', tree: 'f'.repeat(40), parents: [] })),
    ).toEqual({
      status: 422,
      message: 'Tree SHA does not exist',
    })
    expect(
      (await failure(octokit.rest.git.createCommit({ owner, repo: repoName, message: 'm', tree: baseTree, parents: ['e'.repeat(40)] })))
        .message,
    ).toBe('Parent SHA does not exist or is not a commit object')
  })

  it('refuses a non-fast-forward ref update without force (422) and accepts it with force', async () => {
    const baseTree = await gh.git(['rev-parse', 'main^{tree}'])
    const { data: orphan } = await octokit.rest.git.createCommit({ owner, repo: repoName, message: 'orphan', tree: baseTree, parents: [] })
    expect(await failure(octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: orphan.sha }))).toEqual({
      status: 422,
      message: 'Update is not a fast forward',
    })
    expect(await gh.headOf('main')).toBe(fixture.sha)
    await octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: orphan.sha, force: true })
    expect(await gh.headOf('main')).toBe(orphan.sha)
  })

  it('creates a branch with POST git/refs (201) and refuses an existing one (422 Reference already exists)', async () => {
    const { status, data } = await octokit.rest.git.createRef({ owner, repo: repoName, ref: 'refs/heads/feature/x', sha: fixture.sha })
    expect(status).toBe(201)
    expect(data.ref).toBe('refs/heads/feature/x')
    expect(await gh.headOf('feature/x')).toBe(fixture.sha)
    expect(await failure(octokit.rest.git.createRef({ owner, repo: repoName, ref: 'refs/heads/feature/x', sha: fixture.sha }))).toEqual({
      status: 422,
      message: 'Reference already exists',
    })
    // a slash in the branch name survives Octokit's URL encoding of {ref}
    const { data: ref } = await octokit.rest.git.getRef({ owner, repo: repoName, ref: 'heads/feature/x' })
    expect(ref.object.sha).toBe(fixture.sha)
  })
})

describe('compare, pulls and comments', () => {
  it('compare lists the files changed between base and head with their status', async () => {
    await gh.pushCommit('main', { files: { 'content/a.md': 'changed\n', 'content/new.md': 'new\n', 'README.md': null } })
    const head = (await gh.headOf('main'))!
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo: repoName, basehead: `${fixture.sha}...${head}` })
    expect(data.status).toBe('ahead')
    expect(data.ahead_by).toBe(1)
    const files = Object.fromEntries((data.files ?? []).map((f) => [f.filename, f.status]))
    expect(files).toEqual({ 'content/a.md': 'modified', 'content/new.md': 'added', 'README.md': 'removed' })
  })

  it('POST pulls opens a pull request (201) from a branch with commits, and refuses one with none', async () => {
    await octokit.rest.git.createRef({ owner, repo: repoName, ref: 'refs/heads/topic', sha: fixture.sha })
    const none = await failure(octokit.rest.pulls.create({ owner, repo: repoName, title: 't', head: 'topic', base: 'main' }))
    expect(none.status).toBe(422)
    await gh.pushCommit('topic', { files: { 'x.md': 'x' } })
    const { status, data } = await octokit.rest.pulls.create({
      owner,
      repo: repoName,
      title: 'Record URLs',
      head: 'topic',
      base: 'main',
      body: 'b',
    })
    expect(status).toBe(201)
    expect(data.number).toBe(1)
    expect(data.html_url).toBe(`${gh.url}/octo/blog/pull/1`)
    expect(gh.pulls[0]).toMatchObject({ title: 'Record URLs', head: 'topic', base: 'main' })
  })

  it('issue comments: create (201), list with pagination and a Link header, edit (200); unknown issue is 404', async () => {
    const n = gh.addPullRequest({ head: 'feature' })
    for (let i = 0; i < 3; i++) gh.addComment(n, `other ${i}`)
    const { status, data: created } = await octokit.rest.issues.createComment({ owner, repo: repoName, issue_number: n, body: 'mine' })
    expect(status).toBe(201)
    expect(created.user?.login).toBe('github-actions[bot]')
    const page1 = await octokit.rest.issues.listComments({ owner, repo: repoName, issue_number: n, per_page: 2 })
    expect(page1.data.map((c) => c.body)).toEqual(['other 0', 'other 1'])
    expect(page1.headers.link).toContain('rel="next"')
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo: repoName, issue_number: n, per_page: 2 })
    expect(all.map((c) => c.body)).toEqual(['other 0', 'other 1', 'other 2', 'mine'])
    const { data: edited } = await octokit.rest.issues.updateComment({ owner, repo: repoName, comment_id: created.id, body: 'mine v2' })
    expect(edited.body).toBe('mine v2')
    expect(gh.comments.find((c) => c.id === created.id)?.body).toBe('mine v2')
    expect((await failure(octokit.rest.issues.createComment({ owner, repo: repoName, issue_number: 999, body: 'x' }))).status).toBe(404)
  })
})

describe('test controls', () => {
  it('logs every request with method, path and status', async () => {
    await octokit.rest.git.getRef({ owner, repo: repoName, ref: 'heads/main' })
    expect(gh.requests).toEqual([{ method: 'GET', path: `/repos/${owner}/${repoName}/git/ref/heads%2Fmain`, query: '', status: 200 }])
  })

  it('concurrentCommitBeforeRefUpdate lands a real commit first, so the update is not a fast forward', async () => {
    gh.concurrentCommitBeforeRefUpdate({ path: 'content/a.md', content: 'concurrent\n' })
    const baseTree = await gh.git(['rev-parse', 'main^{tree}'])
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo: repoName,
      message: 'mine',
      tree: baseTree,
      parents: [fixture.sha],
    })
    expect((await failure(octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: commit.sha }))).message).toBe(
      'Update is not a fast forward',
    )
    const log = await gh.log('main')
    expect(log).toHaveLength(2)
    expect(log[0]!.paths).toEqual(['content/a.md'])
    expect((await gh.fileAt('main', 'content/a.md'))?.toString()).toBe('concurrent\n')
    // the hook is used once
    const head = (await gh.headOf('main'))!
    const { data: next } = await octokit.rest.git.createCommit({ owner, repo: repoName, message: 'mine', tree: baseTree, parents: [head] })
    await octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: next.sha })
    expect(await gh.headOf('main')).toBe(next.sha)
  })

  it('protectBranch refuses updates like GitHub: 422 for branch protection, 409 for a ruleset', async () => {
    const baseTree = await gh.git(['rev-parse', 'main^{tree}'])
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo: repoName,
      message: 'm',
      tree: baseTree,
      parents: [fixture.sha],
    })
    gh.protectBranch('main')
    expect(await failure(octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: commit.sha }))).toEqual({
      status: 422,
      message: 'Protected branch update failed for refs/heads/main.',
    })
    gh.protectBranch('main', 'ruleset')
    const ruleset = await failure(octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: commit.sha }))
    expect(ruleset.status).toBe(409)
    expect(ruleset.message).toMatch(/^Repository rule violations found/)
    expect(await gh.headOf('main')).toBe(fixture.sha)
  })

  it('failRefUpdates fails the next n ref updates, then lets them through', async () => {
    gh.failRefUpdates(1, { status: 502, message: 'Bad Gateway' })
    const baseTree = await gh.git(['rev-parse', 'main^{tree}'])
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo: repoName,
      message: 'm',
      tree: baseTree,
      parents: [fixture.sha],
    })
    expect(await failure(octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: commit.sha }))).toEqual({
      status: 502,
      message: 'Bad Gateway',
    })
    await octokit.rest.git.updateRef({ owner, repo: repoName, ref: 'heads/main', sha: commit.sha })
    expect(await gh.headOf('main')).toBe(commit.sha)
  })

  it('failWrites makes every write fail while reads still work', async () => {
    gh.failWrites()
    expect(await failure(octokit.rest.git.createBlob({ owner, repo: repoName, content: 'x' }))).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    })
    expect((await octokit.rest.git.getRef({ owner, repo: repoName, ref: 'heads/main' })).status).toBe(200)
  })

  it("denyPermission('issues') answers 403 Resource not accessible by integration on comment endpoints only", async () => {
    const n = gh.addPullRequest({ head: 'feature' })
    gh.denyPermission('issues')
    expect(await failure(octokit.rest.issues.createComment({ owner, repo: repoName, issue_number: n, body: 'x' }))).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    })
    expect((await octokit.rest.repos.get({ owner, repo: repoName })).status).toBe(200)
  })
})

/**
 * DESIGN.md "Events", through dist/index.js with both emulators: a pull request (and any run that is
 * not a publishing one: pull_request_target, a tag, a dry run) validates and previews only. It sends
 * nothing to Medium (not even with a valid token and local images), changes no file and makes no
 * commit; the job summary shows what would be published; one PR comment is kept up to date.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createRepository, startGitHubEmulator, type CreatedRepository, type GitHubEmulator } from '../support/github-emulator/index.js'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { expectNoToken, git } from '../support/repository-fixture.js'
import { filesModeInputs, publishedOf, repoRoot, runAction, type ActionRun } from '../support/run-action.js'

const MEDIUM_TOKEN = 'mtok-pr-0f1e2d3c4b5a69788796a5b4c3d2e1f0'
const GITHUB_TOKEN = 'ghs_pullRequestToken0123456789abcdef'
const MARKER = '<!-- medium-publish-action -->'
const PR = 7
const ALREADY_URL = 'https://medium.com/@emulated-writer/already-out-0123456789ab'

const articles = {
  'content/pipelines.md': [
    '---',
    'title: Shipping a blog from a pull request',
    'tags: [writing, github-actions]',
    'publishStatus: public',
    'canonicalUrl: https://example.com/blog/pipelines/',
    '---',
    '',
    'The diagram:',
    '',
    '![Flow](images/flow.png)',
    '',
    '| step | what |',
    '|---|---|',
    '| 1 | write |',
    '| 2 | merge |',
    '',
  ].join('\n'),
  'content/notes.md': '---\ntitle: Plain notes\ntags: notes\n---\n\nNothing special here.\n',
  'content/already.md': `---\ntitle: Already out\nmediumUrl: ${ALREADY_URL}\n---\n\nOld news.\n`,
  'content/untouched.md': `---\ntitle: Untouched\nmediumUrl: ${ALREADY_URL}0\n---\n\nNot changed by the pull request.\n`,
}
const BAD = {
  'content/bad.md': '---\ntitle: Broken\npublishStatus: published\n---\n\nA body.\n',
  // Warnings that name HTML elements: shown as text in the summary, not taken as HTML by GitHub.
  'content/embed.md':
    '---\ntitle: Embeds <and> headings\n---\n\nA video:\n\n<iframe src="https://example.com/v"></iframe>\n\n<h5>Small print</h5>\n',
}

let medium: MediumEmulator
let flowPng: Buffer
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: MEDIUM_TOKEN }] })
  flowPng = await readFile(path.join(repoRoot, 'content/images/flow.png'))
})
afterAll(async () => medium.close())
beforeEach(() => medium.reset())

interface Fixture {
  repository: CreatedRepository
  github: GitHubEmulator
  workspace: string
  baseSha: string
  headSha: string
  /** Runs the action on the pull request (or another event) against both emulators. */
  run(options?: {
    inputs?: Record<string, string>
    eventName?: string
    event?: Record<string, unknown>
    env?: Record<string, string>
  }): Promise<ActionRun>
  /** Refs of the bare repository and the workspace's files and git status: nothing may change. */
  snapshot(): Promise<string>
}

/**
 * A repository whose pull request #7 (branch `feature`) edits the already-published article; the
 * workspace is checked out at the PR head, like actions/checkout does.
 */
async function pullRequestFixture(extra: Record<string, string> = {}): Promise<Fixture> {
  const repository = await createRepository({ ...articles, ...extra, 'content/images/flow.png': flowPng })
  const github = await startGitHubEmulator({ bareRepo: repository.bareRepo, owner: 'acme', repo: 'blog', token: GITHUB_TOKEN })
  await github.git(['branch', 'feature', 'main'])
  const headSha = await github.pushCommit('feature', {
    files: { 'content/already.md': articles['content/already.md'].replace('Old news.', 'Old news, edited.') },
    message: 'Edit an article that is already on Medium\n',
  })
  // Someone else's comment makes issue #7 exist, and must never be touched.
  github.addComment(PR, 'Looks good to me', 'octocat')
  const workspace = repository.workDir
  await git(workspace, ['fetch', '--quiet', 'origin', 'feature'])
  await git(workspace, ['checkout', '--quiet', headSha])
  const baseSha = repository.sha
  const snapshot = async () => {
    const files = await git(workspace, ['ls-files', '-s', '--others'])
    const status = await git(workspace, ['status', '--porcelain', '--ignored'])
    return [await github.git(['for-each-ref']), files, status, await git(workspace, ['rev-parse', 'HEAD'])].join('\n---\n')
  }
  return {
    repository,
    github,
    workspace,
    baseSha,
    headSha,
    snapshot,
    run: (options = {}) =>
      runAction({
        workspace,
        inputs: {
          'medium-token': MEDIUM_TOKEN,
          'github-token': GITHUB_TOKEN,
          'medium-api-url': medium.url,
          images: 'upload',
          ...options.inputs,
        },
        eventName: options.eventName ?? 'pull_request',
        event: options.event ?? {
          action: 'synchronize',
          number: PR,
          pull_request: { number: PR, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha, ref: 'feature' } },
          repository: { private: true, full_name: 'acme/blog' },
        },
        env: {
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: 'acme/blog',
          GITHUB_REF: `refs/pull/${PR}/merge`,
          GITHUB_SHA: headSha,
          ...options.env,
        },
      }),
  }
}

const ours = (github: GitHubEmulator) => github.comments.filter((c) => c.issue_number === PR && c.body.startsWith(MARKER))
const errorsOf = (run: ActionRun) => run.annotations.filter((a) => a.level === 'error')

/** Failure rule 8 for a pull request run: neither token in the run's output, nor in any comment the action left. */
function expectNoTokens(run: ActionRun, github: GitHubEmulator): void {
  expectNoToken(run, [MEDIUM_TOKEN, GITHUB_TOKEN])
  for (const comment of github.comments) {
    expect(comment.body).not.toContain(MEDIUM_TOKEN)
    expect(comment.body).not.toContain(GITHUB_TOKEN)
  }
}

describe('a pull request with valid articles', () => {
  let fx: Fixture
  beforeEach(async () => {
    fx = await pullRequestFixture()
  })
  afterEach(async () => {
    await fx.github.close()
    await fx.repository.cleanup()
  })

  it('sends nothing to Medium, changes no file, makes no commit, and exits 0', async () => {
    const before = await fx.snapshot()
    const run = await fx.run()
    expect(run.stderr).toBe('')
    expect(run.exitCode, run.stdout).toBe(0)
    expectNoTokens(run, fx.github)
    expect(medium.requests).toEqual([])
    expect(medium.posts).toEqual([])
    expect(medium.uploads).toEqual([])
    expect(await fx.snapshot()).toBe(before)
    expect(run.outputs['published-count']).toBe('0')
    expect(run.outputs).toHaveProperty('published')
    expect(publishedOf(run)).toEqual([])
    expect(run.outputs['commit-sha']).toBe('')
    // The only GitHub writes: the comment.
    expect(fx.github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /repos/acme/blog/issues/${PR}/comments`,
    ])
  })

  it('shows in the summary what would be published: title, status, tags, canonical, warnings, a collapsed preview', async () => {
    const run = await fx.run()
    const summary = run.summary
    expect(summary).toMatch(/^## Medium publish: 2 article\(s\) would be published/m)
    expect(summary).toMatch(/Nothing was published or written \(this is a pull_request run/)
    expect(summary).toContain('| `content/pipelines.md` Shipping a blog from a pull request | would publish (public) |')
    expect(summary).toContain('| `content/notes.md` Plain notes | would publish (draft) |')
    // Warnings: the table, and the edit of the published article (found through the compare API).
    expect(summary).toMatch(/- \*\*warning\*\* `content\/pipelines\.md:12(:\d+)?` Table was changed .*\(table\)/)
    expect(summary).toMatch(/- \*\*warning\*\* `content\/already\.md:1` .*already on Medium .*\(published-article-edited\)/)
    expect(summary).not.toContain('content/untouched.md')
    expect(summary).toContain('1 article(s) already on Medium, unchanged.')
    expect(fx.github.requests.map((r) => r.path)).toContain(`/repos/acme/blog/compare/${fx.baseSha}...${fx.headSha}`)
    // The collapsed preview of each article, with its facts and its rendered HTML.
    const previews = summary.slice(summary.indexOf('### Previews'))
    expect(previews).toContain('<details>')
    expect(previews).toContain(
      '<summary><strong>Shipping a blog from a pull request</strong> <code>content/pipelines.md</code> (1 warning)</summary>',
    )
    expect(previews).toContain(
      '<strong>Public</strong> · tags: <code>writing</code> <code>github-actions</code> · canonical: <a href="https://example.com/blog/pipelines/"',
    )
    expect(previews).toContain('<h1>Shipping a blog from a pull request</h1>')
    expect(previews).toContain('<strong>Draft</strong> · tags: <code>notes</code>')
    // Local images in a preview point at the repository, not at Medium (nothing was uploaded).
    expect(previews).not.toContain('cdn-images')
    // ...as a blob URL with ?raw=true, which shows images of private repositories to readers with access.
    expect(previews).toContain(`src="https://github.com/acme/blog/blob/${fx.headSha}/content/images/flow.png?raw=true"`)
    // Annotations on the files, too.
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', file: 'content/already.md', line: 1, title: 'published-article-edited' }),
    )
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', file: 'content/pipelines.md', line: 12, title: 'table' }),
    )
    expect(errorsOf(run)).toEqual([])
  })

  it('keeps one comment on the pull request: created once, then edited in place (found by its marker)', async () => {
    const first = await fx.run()
    expect(first.exitCode, first.stdout).toBe(0)
    expect(ours(fx.github)).toHaveLength(1)
    const comment = ours(fx.github)[0]!
    expect(comment.body).toContain('Shipping a blog from a pull request')
    expect(comment.body).toContain('<details>')

    // The author pushes a fix: the same comment now says so.
    await writeFile(
      path.join(fx.workspace, 'content/notes.md'),
      '---\ntitle: Plain notes, revised\ntags: notes\n---\n\nNothing special here.\n',
    )
    const second = await fx.run()
    expect(second.exitCode, second.stdout).toBe(0)
    expect(ours(fx.github)).toHaveLength(1)
    expect(ours(fx.github)[0]!.id).toBe(comment.id)
    expect(ours(fx.github)[0]!.body).toContain('Plain notes, revised')
    expectNoTokens(first, fx.github)
    expectNoTokens(second, fx.github)
    expect(fx.github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
      `/repos/acme/blog/issues/comments/${comment.id}`,
    ])
    // Someone else's comment is left alone.
    expect(fx.github.comments.filter((c) => c.issue_number === PR)).toHaveLength(2)
    expect(fx.github.comments.find((c) => c.user.login === 'octocat')!.body).toBe('Looks good to me')
    expect(medium.requests).toEqual([])
  })

  it('with comment-on-pr false, comments nothing', async () => {
    const run = await fx.run({ inputs: { 'comment-on-pr': 'false' } })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(ours(fx.github)).toEqual([])
    expect(fx.github.requests.filter((r) => r.path.includes('/issues/'))).toEqual([])
  })

  it("without permission to comment: a warning naming 'pull-requests: write', and nothing else fails", async () => {
    fx.github.denyPermission('issues')
    const before = await fx.snapshot()
    const run = await fx.run()
    expect(run.stderr).toBe('')
    expect(run.exitCode, run.stdout).toBe(0)
    expect(ours(fx.github)).toEqual([])
    const warning = run.annotations.find((a) => a.level === 'warning' && a.file === undefined)
    expect(warning?.message).toContain('pull-requests: write')
    expectNoTokens(run, fx.github)
    expect(errorsOf(run)).toEqual([])
    // The job summary still has the whole report.
    expect(run.summary).toContain('### Previews')
    expect(medium.requests).toEqual([])
    expect(await fx.snapshot()).toBe(before)
  })

  it('pull_request_target is a preview too', async () => {
    const before = await fx.snapshot()
    const run = await fx.run({ eventName: 'pull_request_target' })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.summary).toContain('this is a pull_request_target run')
    expect(run.summary).toContain('2 article(s) would be published')
    expect(medium.requests).toEqual([])
    expect(await fx.snapshot()).toBe(before)
  })

  it('a push of a tag is a preview, even with a valid token', async () => {
    const before = await fx.snapshot()
    const run = await fx.run({
      eventName: 'push',
      event: { ref: 'refs/tags/v1', after: fx.headSha, repository: { private: true, full_name: 'acme/blog' } },
      env: { GITHUB_REF: 'refs/tags/v1' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.summary).toContain("'refs/tags/v1' is not a branch")
    expect(run.summary).toContain('2 article(s) would be published')
    expect(medium.requests).toEqual([])
    expect(ours(fx.github)).toEqual([])
    expect(await fx.snapshot()).toBe(before)
  })

  it('dry-run on a push to a branch is a preview', async () => {
    const before = await fx.snapshot()
    const run = await fx.run({
      inputs: { 'dry-run': 'true', 'write-back': 'commit' },
      eventName: 'push',
      event: { ref: 'refs/heads/main', after: fx.headSha, repository: { private: true, full_name: 'acme/blog' } },
      env: { GITHUB_REF: 'refs/heads/main' },
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.summary).toContain("'dry-run' is true")
    expect(run.summary).toContain('2 article(s) would be published')
    expect(medium.requests).toEqual([])
    expect(await fx.snapshot()).toBe(before)
  })
})

describe('a pull request with an invalid article', () => {
  let fx: Fixture
  beforeAll(async () => {
    fx = await pullRequestFixture(BAD)
  })
  afterAll(async () => {
    await fx.github.close()
    await fx.repository.cleanup()
  })

  it('fails the step, reports the error and still previews the valid ones, with nothing sent or written', async () => {
    const before = await fx.snapshot()
    const run = await fx.run()
    expect(run.stderr).toBe('')
    expect(run.exitCode).not.toBe(0)
    expectNoTokens(run, fx.github)
    expect(medium.requests).toEqual([])
    expect(await fx.snapshot()).toBe(before)
    expect(errorsOf(run)).toContainEqual(
      expect.objectContaining({
        file: 'content/bad.md',
        line: 3,
        title: 'publish-status',
        message: expect.stringContaining('"published"'),
      }),
    )
    expect(run.summary).toMatch(/^## Medium publish: 3 article\(s\) would be published, 1 invalid/m)
    expect(run.summary).toContain('| `content/bad.md` | invalid |')
    expect(run.summary).toMatch(/- \*\*error\*\* `content\/bad\.md:3` publishStatus "published" .*\(publish-status\)/)
    expect(run.summary).toContain('<summary><strong>Plain notes</strong>')
    expect(run.summary).toContain('| `content/embed.md` Embeds &lt;and> headings | would publish (draft) |')
    expect(run.summary).toMatch(/- \*\*warning\*\* `content\/embed\.md:7(:\d+)?` HTML element &lt;iframe> was removed/)
    expect(run.summary).toMatch(
      /- \*\*warning\*\* `content\/embed\.md:9(:\d+)?` Heading &lt;h5> was changed to a bold paragraph: Medium has only a large and a small heading \(use &lt;h1> to &lt;h4>\)/,
    )
    expect(run.summary).not.toMatch(/^- .*<(iframe|h5)>/m)
    // The comment says the same.
    expect(ours(fx.github)).toHaveLength(1)
    expect(ours(fx.github)[0]!.body).toContain('content/bad.md')
  })
})

describe('a push to a branch that edits an already-published article', () => {
  it('warns from the payload (commits[].modified), publishes nothing, and exits 0', async () => {
    const repository = await createRepository({
      'content/already.md': articles['content/already.md'],
      'content/old.md': `---\ntitle: Old\nmediumUrl: ${ALREADY_URL}1\n---\n\nOld.\n`,
    })
    try {
      const run = await runAction({
        workspace: repository.workDir,
        inputs: filesModeInputs(medium, MEDIUM_TOKEN),
        event: {
          ref: 'refs/heads/main',
          before: '0'.repeat(40),
          after: repository.sha,
          commits: [{ id: repository.sha, added: [], removed: [], modified: ['content/already.md'] }],
          repository: { private: true, full_name: 'acme/blog' },
        },
      })
      expect(run.exitCode, run.stdout).toBe(0)
      const warnings = run.annotations.filter((a) => a.title === 'published-article-edited')
      expect(warnings).toEqual([
        expect.objectContaining({ level: 'warning', file: 'content/already.md', line: 1, message: expect.stringContaining(ALREADY_URL) }),
      ])
      expect(warnings[0]!.message).toMatch(/cannot update a post/)
      expect(run.summary).toContain('(published-article-edited)')
      expect(medium.requests).toEqual([])
    } finally {
      await repository.cleanup()
    }
  })
})

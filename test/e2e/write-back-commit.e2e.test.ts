// Issue #3, failure rules 5 and 6 end to end: dist/index.js run as the runner runs it, against the
// Medium emulator and a GitHub emulator backed by a real bare repository. Every test asserts:
// no duplicate post (the emulator's stored posts), no lost URL (on the branch, or in log + summary +
// `published` when no commit can be made), the documented exit status, and no token anywhere.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreatedRepository, GitHubEmulator } from '../support/github-emulator/index.js'
import { startMediumEmulator, type MediumEmulator, type StoredPost } from '../support/medium-emulator.js'
import {
  expectNoToken as expectNoTokenIn,
  git,
  mediumUserRunner,
  repositoryFixture,
  type MediumUserRunner,
} from '../support/repository-fixture.js'
import { publishedOf, type ActionRun } from '../support/run-action.js'

// Each test publishes as its own Medium user, so the tests run concurrently against one emulator
// and each counts only its own posts and requests.
const MEDIUM_TOKENS = Array.from({ length: 12 }, (_, i) => `mtok-SECRET-${i}-7d41c0a9e2b84f16a3c5d7e9f1b2c4d6`)
const GITHUB_TOKEN = 'ghs_SECRETwriteBack0123456789abcdefABCDEF'
const COMMIT_MESSAGE = 'docs: record Medium URLs [skip ci]'

/** Three new articles whose bytes a careless edit would change: CRLF, a BOM, comments and quoting. */
const ARTICLES: Record<string, string> = {
  'content/alpha.md': '---\ntitle: Alpha\n# a comment the edit must keep\ntags: [one, "two"]\n---\n\nAlpha body.\n',
  'content/beta.md': '---\r\ntitle: "Beta: the sequel"\r\npublishStatus: unlisted\r\n---\r\n\r\nBeta body.\r\n',
  'content/gamma.md': '\uFEFF---\ntitle: Gamma\ntags: x, y\n---\n\n# Gamma\n\nGamma body.\n',
}
const UNTOUCHED: Record<string, string> = {
  'content/old.md': '---\ntitle: Old\nmediumUrl: https://medium.com/@emulated-writer/old-0123456789ab\n---\n\nOld.\n',
  'README.md': '# The blog\n',
}

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: MEDIUM_TOKENS.map((token) => ({ token })) })
})
let nextUser = 0
// One repository and one GitHub emulator (it serves exactly one bare repository) per test,
// removed at the end (the tests run concurrently).
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()))
  await medium.close()
})

interface Setup extends MediumUserRunner {
  /** The posts Medium stored for this test's user. */
  posts(): StoredPost[]
  repository: CreatedRepository
  github: GitHubEmulator
  workspace: string
  /** What actions/checkout does on the next run: the workspace at the branch's head. */
  checkoutHead(): Promise<string>
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
    posts: () => medium.posts.filter((p) => p.authorId === user.userId),
    repository: fixture.repository,
    github: fixture.github,
    workspace: fixture.workspace,
    checkoutHead: fixture.checkoutHead,
  }
}

const expectNoToken = (run: ActionRun, tokens: string[] = [...MEDIUM_TOKENS, GITHUB_TOKEN]): void => expectNoTokenIn(run, tokens)

/** The added and removed lines of a commit against its parent (`git diff -U0`), without the file headers. */
async function changedLines(github: GitHubEmulator, sha: string): Promise<string[]> {
  const diff = await github.git(['diff', '-U0', '--no-color', `${sha}^`, sha])
  return diff.split('\n').filter((l) => /^[+-]/.test(l) && !/^(\+\+\+|---) /.test(l))
}

/** The text the write-back must produce: the url-key line added last in the front-matter, with the file's line ending. */
function withUrl(original: string, url: string, key = 'mediumUrl'): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n'
  const closing = original.indexOf(`${eol}---${eol}`) + eol.length
  return `${original.slice(0, closing)}${key}: ${url}${eol}${original.slice(closing)}`
}

describe.concurrent('commit mode: all URLs of a run in one commit on the branch', () => {
  it('publishes three new articles once, commits exactly their url-key lines, and a second run posts nothing', async () => {
    const s = await setup({ ...ARTICLES, ...UNTOUCHED })
    const run = await s.run()
    expectNoToken(run)
    expect(run.stderr).toBe('')
    expect(run.exitCode, run.stdout).toBe(0)

    // One post per article.
    expect(
      s
        .posts()
        .map((p) => p.post.title)
        .sort(),
    ).toEqual(['Alpha', 'Beta: the sequel', 'Gamma'])
    const published = publishedOf(run)
    expect(published.map((p) => p.path).sort()).toEqual(Object.keys(ARTICLES).sort())
    expect(run.outputs['published-count']).toBe('3')

    // Exactly one new commit on main, the one named by commit-sha, on top of the triggering commit.
    const log = await s.github.log('main')
    expect(log).toHaveLength(2)
    const [commit] = log
    expect(run.outputs['commit-sha']).toBe(commit!.sha)
    expect(commit!.parents).toEqual([s.repository.sha])
    expect(commit!.message.trim()).toBe(COMMIT_MESSAGE)
    expect(commit!.paths.sort()).toEqual(Object.keys(ARTICLES).sort())

    // Its diff is only the three url-key lines: nothing removed, nothing else added.
    const lines = await changedLines(s.github, commit!.sha)
    expect(lines.sort()).toEqual(published.map((p) => `+mediumUrl: ${p.url}${p.path === 'content/beta.md' ? '\r' : ''}`).sort())

    // Byte for byte: on the branch and in the workspace (later steps of the job see the URLs).
    for (const entry of published) {
      const expected = withUrl(ARTICLES[entry.path]!, entry.url)
      expect((await s.github.fileAt('main', entry.path))!.toString('utf8')).toBe(expected)
      expect(await readFile(path.join(s.workspace, entry.path), 'utf8')).toBe(expected)
    }
    for (const [file, text] of Object.entries(UNTOUCHED)) expect(await readFile(path.join(s.workspace, file), 'utf8')).toBe(text)

    expect(run.summary).toContain('3 published')
    expect(run.summary).toContain(`committed [${commit!.sha.slice(0, 7)}]`)
    for (const entry of published) expect(run.summary).toContain(entry.url)

    // The next run checks out the new head: nothing to publish, no request to Medium, no commit.
    const head = await s.checkoutHead()
    expect(head).toBe(commit!.sha)
    const requests = s.requests().length
    const again = await s.run({ sha: head })
    expectNoToken(again)
    expect(again.exitCode, again.stdout).toBe(0)
    expect(again.outputs['published-count']).toBe('0')
    expect(again.outputs['commit-sha']).toBe('')
    expect(s.requests().length).toBe(requests)
    expect(s.posts()).toHaveLength(3)
    expect(await s.github.log('main')).toHaveLength(2)
  })

  it('a commit that lands on the branch just before the ref update: both it and the URLs end up on the branch', async () => {
    const s = await setup({ ...ARTICLES, ...UNTOUCHED })
    // Someone edits an article's body and the README while the action publishes.
    const editedAlpha = ARTICLES['content/alpha.md']!.replace('Alpha body.', 'Alpha body, fixed a typo.')
    let concurrent = ''
    s.github.beforeNextRefUpdate(async (branch) => {
      concurrent = await s.github.pushCommit(branch, {
        files: { 'content/alpha.md': editedAlpha, 'README.md': '# The blog, renamed\n' },
        message: 'Fix a typo\n',
      })
    })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode, run.stdout).toBe(0)

    // Still one post per article: the retry is of the commit, never of the posts.
    expect(s.posts()).toHaveLength(3)
    expect(s.requests().filter((r) => r.route === 'createPost')).toHaveLength(3)

    const log = await s.github.log('main')
    expect(log.map((c) => c.sha)).toEqual([run.outputs['commit-sha'], concurrent, s.repository.sha])
    expect(log[0]!.parents).toEqual([concurrent])
    const published = publishedOf(run)
    const urlOf = (p: string) => published.find((e) => e.path === p)!.url
    // The concurrent change is kept, and the URLs are re-applied on top of it.
    expect((await s.github.fileAt('main', 'README.md'))!.toString('utf8')).toBe('# The blog, renamed\n')
    expect((await s.github.fileAt('main', 'content/alpha.md'))!.toString('utf8')).toBe(withUrl(editedAlpha, urlOf('content/alpha.md')))
    for (const p of ['content/beta.md', 'content/gamma.md']) {
      expect((await s.github.fileAt('main', p))!.toString('utf8')).toBe(withUrl(ARTICLES[p]!, urlOf(p)))
    }
    expect((await changedLines(s.github, log[0]!.sha)).every((l) => l.startsWith('+mediumUrl: '))).toBe(true)

    // And the next run on the new head publishes nothing.
    const again = await s.run({ sha: await s.checkoutHead() })
    expect(again.exitCode, again.stdout).toBe(0)
    expect(again.outputs['published-count']).toBe('0')
    expect(s.posts()).toHaveLength(3)
  })
})

describe.concurrent('when the branch cannot take the commit', () => {
  // Decision (DESIGN failure rule 6 and "Exit status"): a protected branch is not a failure to
  // commit. The URLs are in a real commit on a new branch with a pull request open, so nothing is
  // lost; the step passes (every article was published) with a warning annotation and a summary
  // line that say to merge the pull request. Until it is merged, the URLs are not on the protected
  // branch: the test shows that after the merge the next run posts nothing.
  it.each(['branch-protection', 'ruleset'] as const)(
    'a protected branch (%s): the commit goes to a new branch with a pull request; outputs, summary and a warning say so; exit 0',
    async (how) => {
      const s = await setup({ ...ARTICLES, ...UNTOUCHED })
      s.github.protectBranch('main', how)
      const run = await s.run()
      expectNoToken(run)
      expect(run.exitCode, run.stdout).toBe(0)
      expect(s.posts()).toHaveLength(3)

      // main did not move; the commit is on the pull request's branch.
      expect(await s.github.headOf('main')).toBe(s.repository.sha)
      expect(s.github.pulls).toHaveLength(1)
      const pr = s.github.pulls[0]!
      expect(pr).toMatchObject({ base: 'main', state: 'open', title: COMMIT_MESSAGE })
      expect(pr.head).toMatch(/^main-medium-urls-[0-9a-f]{7}/)
      expect(await s.github.headOf(pr.head)).toBe(pr.headSha)
      expect(run.outputs['commit-sha']).toBe(pr.headSha)
      const lines = await changedLines(s.github, pr.headSha)
      expect(lines).toHaveLength(3)
      for (const entry of publishedOf(run)) {
        expect((await s.github.fileAt(pr.head, entry.path))!.toString('utf8')).toBe(withUrl(ARTICLES[entry.path]!, entry.url))
        // The workspace has the URLs too.
        expect(await readFile(path.join(s.workspace, entry.path), 'utf8')).toBe(withUrl(ARTICLES[entry.path]!, entry.url))
        expect(run.summary).toContain(entry.url)
      }

      expect(run.summary).toContain(`pull request [#${pr.number}](${pr.html_url})`)
      expect(run.summary).toMatch(/Merge it/)
      const warning = run.annotations.find((a) => a.level === 'warning' && a.message.includes('protected'))
      expect(warning?.message).toContain(pr.html_url)

      // Merging the pull request (a fast-forward here) brings the URLs to main: the next run posts nothing.
      await s.github.git(['update-ref', 'refs/heads/main', pr.headSha, s.repository.sha])
      const again = await s.run({ sha: await s.checkoutHead() })
      expect(again.exitCode, again.stdout).toBe(0)
      expect(again.outputs['published-count']).toBe('0')
      expect(s.posts()).toHaveLength(3)
    },
  )

  it('no commit can be made at all: every URL is in the log, the summary and the published output, and the step fails', async () => {
    const s = await setup({ ...ARTICLES, ...UNTOUCHED })
    // The claims are made; then GitHub refuses every write of the commit (trees, commits, branch refs).
    s.github.failWrites({ only: /^\/git\/(trees|commits|refs\/heads)/ })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)
    expect(s.posts()).toHaveLength(3)

    expect(await s.github.log('main')).toHaveLength(1)
    expect(run.outputs['commit-sha']).toBe('')
    const published = publishedOf(run)
    expect(published).toHaveLength(3)
    expect(run.outputs['published-count']).toBe('3')
    const errors = run.annotations.filter((a) => a.level === 'error')
    for (const entry of s.posts()) {
      const line = `${published.find((p) => p.id === entry.post.id)!.path}: mediumUrl: ${entry.post.url}`
      expect(run.summary).toContain(line)
      // The error annotation (and so the log) lists the line to add by hand.
      expect(errors.some((a) => a.message.includes(line))).toBe(true)
    }
    expect(run.summary).toContain('The URLs could not be committed')
    // The failure message says what GitHub answered and what to do.
    const failure = errors[errors.length - 1]!.message
    expect(failure).toMatch(/could not be committed/)
    expect(failure).toMatch(/403/)
    expect(failure).toMatch(/contents: write/)
    // The workspace files still got their URLs, so later steps of the job could commit them.
    for (const entry of published) {
      expect(await readFile(path.join(s.workspace, entry.path), 'utf8')).toBe(withUrl(ARTICLES[entry.path]!, entry.url))
    }
  })

  it('a protected branch and no permission to open the pull request: the commit is on its branch, the step fails and says how to finish', async () => {
    const s = await setup({ ...ARTICLES })
    s.github.protectBranch('main')
    s.github.denyPermission('pull-requests')
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)
    expect(s.posts()).toHaveLength(3)
    expect(s.github.pulls).toHaveLength(0)
    expect(await s.github.headOf('main')).toBe(s.repository.sha)

    // The commit exists on a branch the message names; the URLs are also listed to add by hand.
    const branches = (await s.github.git(['for-each-ref', '--format=%(refname:short)', 'refs/heads/'])).trim().split('\n')
    const branch = branches.find((b) => b.startsWith('main-medium-urls-')) ?? ''
    expect(branch).toMatch(/^main-medium-urls-[0-9a-f]{7}/)
    const failure = run.annotations.filter((a) => a.level === 'error').at(-1)!.message
    expect(failure).toContain(`"${branch}"`)
    expect(failure).toMatch(/pull-requests: write/)
    for (const entry of publishedOf(run)) {
      expect((await s.github.fileAt(branch, entry.path))!.toString('utf8')).toBe(withUrl(ARTICLES[entry.path]!, entry.url))
      expect(run.summary).toContain(`${entry.path}: mediumUrl: ${entry.url}`)
    }
  })
})

describe.concurrent('records that cannot reach the branch are never lost and never published twice', () => {
  it('an article renamed on the branch during the run: its URL is committed at the new path, and the next run does not publish it again', async () => {
    const s = await setup({ ...ARTICLES })
    const beta = ARTICLES['content/beta.md']!
    s.github.beforeNextRefUpdate(async (branch) => {
      await s.github.pushCommit(branch, { files: { 'content/beta.md': null, 'content/2024/beta.md': beta }, message: 'Move beta\n' })
    })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(s.posts()).toHaveLength(3)
    const url = publishedOf(run).find((p) => p.path === 'content/beta.md')!.url
    expect(await s.github.fileAt('main', 'content/beta.md')).toBeUndefined()
    expect((await s.github.fileAt('main', 'content/2024/beta.md'))!.toString('utf8')).toBe(withUrl(beta, url))
    expect(run.stdout).toContain('"content/beta.md" was renamed to "content/2024/beta.md"')
    expect((await s.github.log('main'))[0]!.paths.sort()).toEqual(['content/2024/beta.md', 'content/alpha.md', 'content/gamma.md'])

    const again = await s.run({ sha: await s.checkoutHead() })
    expectNoToken(again)
    expect(again.exitCode, again.stdout).toBe(0)
    expect(again.outputs['published-count']).toBe('0')
    expect(s.posts()).toHaveLength(3)
  })

  // Failure rules 5 and 6 and "Exit status": a URL that could not be committed is in the log, the
  // summary and the `published` output, and the step fails.
  it('an article deleted on the branch during the run: its URL is in the log, the summary and the output, and the step fails', async () => {
    const s = await setup({ ...ARTICLES })
    s.github.concurrentCommitBeforeRefUpdate({ path: 'content/beta.md', content: null, message: 'Delete beta\n' })
    const run = await s.run()
    expectNoToken(run)
    expect(run.exitCode).not.toBe(0)
    expect(s.posts()).toHaveLength(3)
    const published = publishedOf(run)
    expect(published).toHaveLength(3)
    const beta = published.find((p) => p.path === 'content/beta.md')!
    // The two others are committed.
    const head = (await s.github.log('main'))[0]!
    expect(run.outputs['commit-sha']).toBe(head.sha)
    expect(head.paths.sort()).toEqual(['content/alpha.md', 'content/gamma.md'])
    const line = `content/beta.md: mediumUrl: ${beta.url}`
    expect(run.summary).toContain(line)
    expect(run.annotations.some((a) => a.level === 'error' && a.message.includes(line))).toBe(true)
    expect(run.annotations.filter((a) => a.level === 'error').at(-1)!.message).toMatch(/could not be committed/)
  })

  // "Never publish twice": while the pull request with the URLs (protected branch) is open, the
  // branch's articles have no URL yet; the run finds them in the pull request's branch and skips them.
  it('a run while the URL pull request is still open does not publish those articles again', async () => {
    const s = await setup({ ...ARTICLES })
    s.github.protectBranch('main')
    const run = await s.run()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(s.github.pulls).toHaveLength(1)
    // Another push to main (not the merge of the pull request) triggers the next run.
    const requests = s.requests().length
    const again = await s.run({ sha: await s.checkoutHead() })
    expectNoToken(again)
    expect(again.exitCode, again.stdout).toBe(0)
    expect(s.posts()).toHaveLength(3)
    expect(s.requests()).toHaveLength(requests)
    expect(again.outputs['published-count']).toBe('0')
    expect(s.github.pulls).toHaveLength(1)
    const warning = again.annotations.find((a) => a.level === 'warning' && a.file === 'content/alpha.md')
    expect(warning?.message).toMatch(/merge/i)
  })
})

describe('a re-run of an older workflow run', () => {
  // "Re-run jobs" checks out the run's original commit: its articles have no URL although the first
  // attempt published them and committed the URLs on top. Before publishing, the action looks at the
  // branch head and finds them there.
  it('does not publish again the articles whose URLs were committed after the commit it checked out', async () => {
    const s = await setup({ ...ARTICLES, ...UNTOUCHED })
    const first = await s.run()
    expect(first.exitCode, first.stdout).toBe(0)
    expect(s.posts()).toHaveLength(3)
    // The workspace of a re-run: the original commit, before the write-back.
    await git(s.workspace, ['reset', '--quiet', '--hard', s.repository.sha])
    const requestsBefore = s.requests().length
    const rerun = await s.run()
    expectNoToken(rerun)
    expect(rerun.exitCode, rerun.stdout).toBe(0)
    expect(s.posts()).toHaveLength(3)
    expect(s.requests().length).toBe(requestsBefore)
    expect(rerun.outputs['published-count']).toBe('0')
    expect(
      rerun.annotations
        .filter((a) => a.title === 'url-on-branch')
        .map((a) => a.file)
        .sort(),
    ).toEqual(Object.keys(ARTICLES).sort())
    expect((await s.github.log('main')).filter((c) => c.message.startsWith(COMMIT_MESSAGE))).toHaveLength(1)
  })
})

describe('a job cancelled while publishing', () => {
  // The runner sends SIGINT when a job is cancelled (then SIGTERM, then a kill). A URL obtained before
  // that must still be committed, and nothing more is sent.
  it('finishes the post in flight, publishes nothing more, and commits the URL it got', async () => {
    const s = await setup({ ...ARTICLES })
    medium.inject('createPost', { delayMs: 1500 })
    const run = await s.run({
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (s.requests().some((r) => r.method === 'POST')) {
            clearInterval(poll)
            child.kill('SIGINT')
          }
        }, 20)
        child.on('exit', () => clearInterval(poll))
      },
    })
    expectNoToken(run)
    expect(s.posts()).toHaveLength(1)
    const [entry] = publishedOf(run)
    expect(entry?.url).toBe(s.posts()[0]!.post.url)
    expect((await s.github.fileAt('main', entry!.path))!.toString('utf8')).toBe(withUrl(ARTICLES[entry!.path]!, entry!.url))
    expect(run.exitCode).not.toBe(0)
    expect(run.summary).toContain('cancelled')
    expect(run.summary.match(/left for the next run/g)?.length).toBeGreaterThanOrEqual(2)
  })
})

// Issue 10, the contract audit: one test per item, through dist/index.js (and dist/cli.js for the
// CLI's items) against the Medium emulator and, where a commit is involved, the GitHub emulator.
//   - a scheduled article is validated like any other, on the pull request that adds it;
//   - every error of one article in one run;
//   - `medium-publish preview` resolves links as a publish run does;
//   - a warning annotation when no file matches `articles`;
//   - `medium-publish publish --dry-run` sends nothing and writes nothing;
//   - the inputs and events with no end-to-end test before: `url-key`, `commit-message`,
//     `max-articles`, `license` and `notify-followers`, `!` excludes, `schedule`, `workflow_dispatch`.
// No assertion bounds a duration from above: a loaded machine must not fail these tests.
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { expectNoToken, mediumUserRunner, repositoryFixture } from '../support/repository-fixture.js'
import { injectedCommands } from '../support/runner-commands.js'
import { filesModeInputs, makeWorkspace, publishedOf, repoRoot, runAction, type ActionRun, type Annotation } from '../support/run-action.js'
import { spawnNode, type NodeRun } from '../support/spawn.js'

const TOKENS = Array.from({ length: 16 }, (_, i) => `mtok-SECRET-audit-${String(i).padStart(2, '0')}-5e8c1a7b3d9f`)
const GITHUB_TOKEN = 'ghs_SECRETauditSuite0123456789abcdefABCD'
const cliEntry = path.join(repoRoot, 'dist/cli.js')
const PR = 12

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: TOKENS.map((token) => ({ token })) })
})
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()))
  await medium.close()
})

let nextUser = 0
/** A Medium user of the shared emulator: its token, and the posts and requests made with it. */
function user() {
  const index = nextUser++
  const token = TOKENS[index]!
  const userId = medium.users[index]!.id
  return {
    token,
    userId,
    posts: () => medium.posts.filter((p) => p.authorId === userId),
    requests: () => medium.requests.filter((r) => r.headers.authorization === `Bearer ${token}`),
  }
}

type Event = 'push' | 'pull_request' | 'schedule' | 'workflow_dispatch'

/** The action in files mode on `event`, with the runner's payload for it. */
function runOn(event: Event, workspace: string, token: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const repository = { private: true, full_name: 'acme/blog' }
  const payloads: Record<Event, Record<string, unknown>> = {
    push: { ref: 'refs/heads/main', repository },
    pull_request: { number: PR, pull_request: { number: PR }, repository },
    schedule: { schedule: '17 6 * * *', repository },
    workflow_dispatch: { ref: 'refs/heads/main', inputs: {}, repository },
  }
  return runAction({
    workspace,
    eventName: event,
    event: payloads[event],
    inputs: filesModeInputs(medium, token, { 'comment-on-pr': 'false', ...inputs }),
    env: { GITHUB_REF: event === 'pull_request' ? `refs/pull/${PR}/merge` : 'refs/heads/main' },
  })
}

function cli(workspace: string, args: string[], env: Record<string, string> = {}): Promise<NodeRun> {
  return spawnNode([cliEntry, ...args], {
    cwd: workspace,
    env: { PATH: process.env.PATH ?? '', HOME: workspace, ...env },
    timeoutMs: 30_000,
  })
}

/** Every run: no token anywhere, no workflow command the action did not write. */
function expectClean(run: ActionRun | NodeRun, token: string): void {
  if ('annotations' in run) expectNoToken(run, [token, GITHUB_TOKEN])
  else expect(run.stdout + run.stderr).not.toContain(token)
  expect(injectedCommands(`${run.stdout}\n${run.stderr}`)).toEqual([])
}

const errorsAt = (run: ActionRun, file: string): Array<[number | undefined, string | undefined]> =>
  run.annotations.filter((a: Annotation) => a.level === 'error' && a.file === file).map((a) => [a.line, a.title])
const article = (title: string, extra = '', body = `${title}: the body.`): string => `---\ntitle: ${title}\n${extra}---\n\n${body}\n`

/** The files under `content/`, to prove a run wrote nothing. */
async function contentOf(workspace: string): Promise<string> {
  const files = (await readdir(path.join(workspace, 'content'), { recursive: true })).sort()
  const texts = await Promise.all(files.map((f) => readFile(path.join(workspace, 'content', f), 'utf8').catch(() => '(folder)')))
  return files.map((f, i) => `${f}\n${texts[i]}`).join('\n---\n')
}

describe.concurrent('the audit of issue 10: validation, the no-match warning and the CLI', () => {
  it('a scheduled article (date 2999) with a bad publishStatus, 5 tags and a missing image: every error on the pull_request run', async () => {
    const u = user()
    const later = article(
      'Later',
      'date: 2999-01-01\npublishStatus: published\ntags: [a, b, c, d, e]\n',
      'Intro.\n\n![missing](img/missing.png)',
    )
    const workspace = await makeWorkspace({ 'content/later.md': later })
    const run = await runOn('pull_request', workspace, u.token)
    expectClean(run, u.token)
    expect(run.exitCode).not.toBe(0)
    expect(errorsAt(run, 'content/later.md')).toEqual([
      [4, 'publish-status'],
      [10, 'image-missing'],
    ])
    // Five tags are no error (DESIGN.md: the first 3 valid ones are sent), but each one left out is named.
    const left = run.annotations.filter((a) => a.level === 'warning' && a.file === 'content/later.md' && a.title === 'tags-too-many')
    expect(left.map((a) => a.line)).toEqual([5, 5])
    expect(run.summary).toContain('| `content/later.md` | invalid |')
    expect(u.requests()).toEqual([])
  })

  it('every error of one article in one run: a bad date, a bad status, tags of the wrong type and a missing image, each at its line', async () => {
    const u = user()
    const all = article('All wrong', 'date: not a date\npublishStatus: published\ntags: 42\n', 'Intro.\n\n![missing](img/missing.png)')
    const workspace = await makeWorkspace({ 'content/all.md': all, 'content/fine.md': article('Fine') })
    const run = await runOn('push', workspace, u.token)
    expectClean(run, u.token)
    expect(run.exitCode).not.toBe(0)
    expect(errorsAt(run, 'content/all.md')).toEqual([
      [3, 'date-type'],
      [4, 'publish-status'],
      [5, 'tags-type'],
      [10, 'image-missing'],
    ])
    expect(u.posts().map((p) => p.post.title)).toEqual(['Fine'])
  })

  // `preview` used to run the pipeline with `articles: [the one file]`, so the other articles were never
  // discovered, their recorded URLs never read, and a link to one became plain text with a warning.
  it('medium-publish preview links an article that records its mediumUrl to that URL, as a publish run would', async () => {
    const url = 'https://medium.com/@someone/the-other-one-0123456789ab'
    const workspace = await makeWorkspace({
      'content/a.md': article('Linking', '', 'See [the other one](./b.md).'),
      'content/b.md': article('The other one', `mediumUrl: ${url}\n`),
    })
    const run = await cli(workspace, ['preview', 'content/a.md', '--out', 'page.html'])
    expect(run.exitCode, run.stderr).toBe(0)
    const page = await readFile(path.join(workspace, 'page.html'), 'utf8')
    expect(page).toContain(`<a href="${url}">the other one</a>`)
    expect(run.stderr).not.toContain('./b.md')
  })

  it('medium-publish preview of an article outside content/ links its neighbours too (posts/, as a publish run with that glob)', async () => {
    const url = 'https://medium.com/@someone/the-other-one-0123456789ab'
    const workspace = await makeWorkspace({
      'posts/2024/a.md': article('Linking', '', 'See [the other one](../2023/b.md).'),
      'posts/2023/b.md': article('The other one', `mediumUrl: ${url}\n`),
    })
    const run = await cli(workspace, ['preview', 'posts/2024/a.md', '--out', 'page.html'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(await readFile(path.join(workspace, 'page.html'), 'utf8')).toContain(`<a href="${url}">the other one</a>`)
  })

  it("a warning annotation when no file matches 'articles', and nothing sent", async () => {
    const u = user()
    const workspace = await makeWorkspace({ 'content/a.md': article('A') })
    const run = await runOn('push', workspace, u.token, { articles: 'posts/**/*.md' })
    expectClean(run, u.token)
    expect(run.exitCode, run.stdout).toBe(0)
    const warning = run.annotations.find((a) => a.level === 'warning')
    expect(warning?.message).toContain("no file matches 'posts/**/*.md'")
    expect(warning?.message).toContain("Check the 'articles' input")
    expect(u.requests()).toEqual([])
  })

  it('medium-publish publish --dry-run validates and renders, sends nothing and writes nothing, even with MEDIUM_TOKEN set', async () => {
    const u = user()
    const workspace = await makeWorkspace({ 'content/a.md': article('A'), 'content/b.md': article('B', 'publishStatus: wrong\n') })
    const before = await contentOf(workspace)
    const run = await cli(workspace, ['publish', '--dry-run', '--medium-api-url', medium.url], { MEDIUM_TOKEN: u.token })
    expectClean(run, u.token)
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/^content\/b\.md:3: error: .*\[publish-status\]$/m)
    expect(run.stdout).toMatch(/^would-publish +content\/a\.md +"A"$/m)
    expect(u.requests()).toEqual([])
    expect(await contentOf(workspace)).toBe(before)
  })
})

describe.concurrent('the audit of issue 10: the inputs and events that had no end-to-end test', () => {
  it('url-key: a custom key is read (an article that has it is skipped) and written (a new article gets it)', async () => {
    const u = user()
    const old = 'https://medium.com/@someone/old-0123456789ab'
    const workspace = await makeWorkspace({
      'content/old.md': article('Old', `medium_link: ${old}\n`),
      'content/new.md': article('New'),
    })
    const run = await runOn('push', workspace, u.token, { 'url-key': 'medium_link' })
    expectClean(run, u.token)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(u.posts().map((p) => p.post.title)).toEqual(['New'])
    expect(await readFile(path.join(workspace, 'content/new.md'), 'utf8')).toBe(
      `---\ntitle: New\nmedium_link: ${u.posts()[0]!.post.url}\n---\n\nNew: the body.\n`,
    )
    expect(await readFile(path.join(workspace, 'content/new.md'), 'utf8')).not.toContain('mediumUrl')
  })

  it('commit-message: the write-back commit on the branch has that message', async () => {
    const u = user()
    const fixture = await repositoryFixture({ 'content/a.md': article('A') }, GITHUB_TOKEN)
    cleanups.push(fixture.close)
    const runner = mediumUserRunner(fixture, { medium, token: u.token, userId: u.userId, githubToken: GITHUB_TOKEN })
    const run = await runner.run({ inputs: { 'commit-message': 'chore(blog): record the Medium links [skip ci]' } })
    expectClean(run, u.token)
    expect(run.exitCode, run.stdout).toBe(0)
    const [head] = await fixture.github.log('main')
    expect(head!.sha).toBe(run.outputs['commit-sha'])
    expect(head!.message.trim()).toBe('chore(blog): record the Medium links [skip ci]')
    expect(head!.paths).toEqual(['content/a.md'])
  })

  it('max-articles: more new articles than it publishes none, and the step fails listing them', async () => {
    const u = user()
    const workspace = await makeWorkspace(Object.fromEntries(['a', 'b', 'c'].map((n) => [`content/${n}.md`, article(n.toUpperCase())])))
    const before = await contentOf(workspace)
    const run = await runOn('push', workspace, u.token, { 'max-articles': '2' })
    expectClean(run, u.token)
    expect(run.exitCode).not.toBe(0)
    const failure = run.annotations.filter((a) => a.level === 'error').at(-1)!.message
    expect(failure).toContain("This run would publish 3 articles, more than 'max-articles' (2), so it publishes none.")
    expect(failure).toContain('The articles: content/a.md, content/b.md, content/c.md.')
    expect(u.requests()).toEqual([])
    expect(await contentOf(workspace)).toBe(before)
  })

  it('license and notify-followers: the inputs are in the posted payload, and front-matter overrides them', async () => {
    const u = user()
    const workspace = await makeWorkspace({
      'content/a.md': article('Defaults'),
      'content/b.md': article('Overrides', 'license: public-domain\nnotifyFollowers: false\n'),
    })
    const run = await runOn('push', workspace, u.token, { license: 'cc-40-by', 'notify-followers': 'true' })
    expectClean(run, u.token)
    expect(run.exitCode, run.stdout).toBe(0)
    const payloads = Object.fromEntries(u.posts().map((p) => [p.body.title, p.body]))
    expect(payloads.Defaults).toMatchObject({ license: 'cc-40-by', notifyFollowers: true })
    expect(payloads.Overrides).toMatchObject({ license: 'public-domain', notifyFollowers: false })
  })

  it("'!' excludes in 'articles': the excluded files are neither published nor listed", async () => {
    const u = user()
    const workspace = await makeWorkspace({
      'content/a.md': article('Kept'),
      'content/drafts/b.md': article('Excluded'),
      'content/notes.md': article('Excluded too'),
    })
    const run = await runOn('push', workspace, u.token, { articles: 'content/**/*.md\n!content/drafts/**\n!content/notes.md' })
    expectClean(run, u.token)
    expect(run.exitCode, run.stdout).toBe(0)
    expect(u.posts().map((p) => p.post.title)).toEqual(['Kept'])
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/a.md'])
    expect(run.summary).not.toMatch(/drafts\/b\.md|notes\.md/)
  })
})

describe.concurrent('the audit of issue 10: the schedule and workflow_dispatch events', () => {
  for (const event of ['schedule', 'workflow_dispatch'] as const) {
    it(`a ${event} run publishes: the due articles posted and recorded, the one still scheduled left alone`, async () => {
      const u = user()
      const workspace = await makeWorkspace({
        'content/due.md': article('Due', 'date: 2020-01-01\n'),
        'content/later.md': article('Later', 'date: 2999-01-01\n'),
      })
      const run = await runOn(event, workspace, u.token)
      expectClean(run, u.token)
      expect(run.exitCode, run.stdout).toBe(0)
      expect(u.posts().map((p) => p.post.title)).toEqual(['Due'])
      expect(await readFile(path.join(workspace, 'content/due.md'), 'utf8')).toContain(`mediumUrl: ${u.posts()[0]!.post.url}\n`)
      expect(await readFile(path.join(workspace, 'content/later.md'), 'utf8')).not.toContain('mediumUrl')
      expect(run.summary).toMatch(/`content\/later\.md`.*\| scheduled/)
    })
  }
})

// Issue 10: the action and the CLI as an attacker and an unlucky user would try them, through
// dist/index.js and dist/cli.js against the Medium emulator (and, where a commit, a claim or a pull
// request comment is involved, the GitHub emulator backed by a real bare repository).
//
// Families (scenarios):
//   A. workflow-command injection: titles, tags, subtitles, file names, YAML errors, image paths,
//      Medium's URLs, messages and username; on push, pull_request and through the CLI        (21)
//   B. the pull-request comment: mentions, issue links (also through references), structure     (6)
//   C. articles that crash or exhaust: deep nesting, alias bombs, 5 MB, binary, not UTF-8, NUL  (13)
//   D. paths: symlinked folders, articles and images, `../` and absolute globs, loops           (12)
//   E. never publish what cannot be recorded: flow-mapping front-matter, a url-key mapping       (4)
//   F. secrets: in commit-message, in articles, echoed by Medium; action and CLI                 (7)
//   G. a run cancelled (SIGTERM, SIGINT) while a post is in flight                               (2)
//   H. untrusted Medium answers: a 2xx whose URL is not plain https                              (6)
//                                                                                         total: 71
//
// Every scenario ends with `expectHeld`: no duplicate post, no lost URL (every post Medium stored is
// recorded in its article, or the article records the attempt), no token in anything the action or
// the CLI wrote (log, summary, outputs, annotations, PR comment, commit messages), no workflow command
// the runner would act on that the action did not write (test/support/runner-commands.ts parses the
// output as the runner does), and no crash trace. The figures are printed at the end of the suite.
//
// The scenarios run concurrently: each has its own Medium user on one shared emulator, its own
// workspace, and (for injected faults, which any user's next request would take) its own emulator.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRepository, startGitHubEmulator } from '../support/github-emulator/index.js'
import { startMediumEmulator, type MediumEmulator, type MediumFault, type StoredPost } from '../support/medium-emulator.js'
import { git } from '../support/repository-fixture.js'
import { injectedCommands } from '../support/runner-commands.js'
import { publishedOf, repoRoot, runAction, type ActionRun, type Annotation } from '../support/run-action.js'
import { spawnNode, type NodeRun } from '../support/spawn.js'

const TOKENS = Array.from({ length: 90 }, (_, i) => `mtok-SECRET-hostile-${String(i).padStart(2, '0')}-7d3e9a1c5b2f4e60a8`)
const GITHUB_TOKEN = 'ghs_SECREThostileSuite0123456789abcdefAB'
const ALL_TOKENS = [...TOKENS, GITHUB_TOKEN]
/** The last user of the shared emulator: Medium answers `GET /me` with a username that carries a command. */
const HOSTILE_USERNAME = 'writer\n\u00a0::warning file=content/FAKE.md,line=9::INJECTED'
const HOSTILE_USER = TOKENS.length - 1
const PR = 7
const cliEntry = path.join(repoRoot, 'dist/cli.js')

/** The payload of family A: a whole workflow command on a line of its own. */
const COMMAND = '::warning file=content/FAKE.md,line=9::INJECTED'

let medium: MediumEmulator
beforeAll(async () => {
  const users = TOKENS.map((token, i) => (i === HOSTILE_USER ? { token, username: HOSTILE_USERNAME } : { token }))
  medium = await startMediumEmulator({ users })
})
const cleanups: Array<() => Promise<void>> = []
const tally = { scenarios: 0, held: 0, duplicates: 0, lostUrls: 0, leaks: 0, injected: 0, crashes: 0 }
afterAll(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()))
  await medium.close()
  const { scenarios, held, duplicates, lostUrls, leaks, injected, crashes } = tally
  const figures = `duplicates ${duplicates}, lost URLs ${lostUrls}, leaks ${leaks}, injected commands ${injected}, crash traces ${crashes}`
  console.log(`hostile suite: ${held}/${scenarios} scenarios held; ${figures}`)
})

// ---------------------------------------------------------------------------------------------
// A scenario: a workspace, a Medium user, and every run made in it.

/** What any run (the action's or the CLI's) wrote. */
interface Written {
  stdout: string
  stderr: string
  summary?: string
  outputs?: Record<string, string>
  annotations?: Annotation[]
}

interface ActionOptions {
  eventName?: 'push' | 'pull_request' | 'schedule' | 'workflow_dispatch'
  inputs?: Record<string, string>
  onSpawn?: Parameters<typeof runAction>[0]['onSpawn']
  timeoutMs?: number
}

interface Scenario {
  token: string
  userId: string
  medium: MediumEmulator
  /** The folder that holds the workspace, and `outside`, a folder beside it. */
  root: string
  workspace: string
  outside: string
  runs: Written[]
  /** The action (write-back `files`, or `commit` when the scenario has a repository). */
  action(options?: ActionOptions): Promise<ActionRun>
  /** `medium-publish <args>` in the workspace, MEDIUM_TOKEN set to the user's token unless `env` says otherwise. */
  cli(args: string[], env?: Record<string, string>): Promise<NodeRun>
  /** The posts Medium stored for this user. */
  posts(): StoredPost[]
  /** The requests Medium received with this user's token. */
  requests(): Array<{ method: string; path: string }>
  /** The texts of the articles where URLs are recorded: the workspace's files, or the branch's in commit mode. */
  records(): Promise<string[]>
  /** What the action wrote on GitHub: comments, commit messages, pull requests. */
  onGitHub(): Promise<string[]>
  repo?: RepoHandle
}

interface RepoHandle {
  github: Awaited<ReturnType<typeof startGitHubEmulator>>
  sha: string
  bareRepo: string
  checkoutHead(): Promise<string>
  onBranch(file: string): Promise<string>
}

let nextUser = 0
function takeUser(): number {
  if (nextUser === HOSTILE_USER) throw new Error('out of Medium users: add tokens')
  return nextUser++
}

/** A scenario in a fresh workspace holding `files`; `repository: true` serves it from a GitHub emulator (commit mode). */
async function scenario(
  files: Record<string, string | Buffer>,
  options: { repository?: boolean; medium?: MediumEmulator; user?: number } = {},
): Promise<Scenario> {
  const index = options.user ?? takeUser()
  tally.scenarios++ // one scenario per test: a test that fails before expectHeld counts as not held
  const token = TOKENS[index]!
  const emulator = options.medium ?? medium
  // An emulator of the scenario's own has the same user id (see ownMedium).
  const userId = medium.users[index]!.id
  const { root, workspace, repo } = options.repository ? await repositoryWorkspace(files) : await plainWorkspace(files)
  const outside = path.join(root, 'outside')
  await mkdir(path.join(outside, 'img'), { recursive: true })
  const runs: Written[] = []
  const s: Scenario = {
    token,
    userId,
    medium: emulator,
    root,
    workspace,
    outside,
    runs,
    repo,
    action: async (o = {}) => remember(runs, await runActionIn(s, o)),
    cli: async (args, env = { MEDIUM_TOKEN: token }) => remember(runs, await runCli(workspace, args, env)),
    posts: () => emulator.posts.filter((p) => p.authorId === userId),
    requests: () => emulator.requests.filter((r) => r.headers.authorization === `Bearer ${token}`),
    records: () => (repo ? branchTexts(repo) : workspaceTexts(workspace)),
    onGitHub: async () =>
      repo
        ? [
            ...repo.github.comments.map((c) => c.body),
            ...(await repo.github.log('main')).map((c) => c.message),
            ...repo.github.pulls.map((p) => `${p.title}\n${p.body}`),
          ]
        : [],
  }
  return s
}

function remember<T extends Written>(runs: Written[], run: T): T {
  runs.push(run)
  return run
}

async function plainWorkspace(files: Record<string, string | Buffer>) {
  const root = await mkdtemp(path.join(tmpdir(), 'mpa-hostile-'))
  cleanups.push(() => rm(root, { recursive: true, force: true }))
  const workspace = path.join(root, 'workspace')
  await mkdir(workspace)
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true })
    await writeFile(path.join(workspace, file), content)
  }
  return { root, workspace, repo: undefined }
}

async function repositoryWorkspace(files: Record<string, string | Buffer>) {
  const repository = await createRepository(files, { message: 'Add articles\n' })
  const github = await startGitHubEmulator({ bareRepo: repository.bareRepo, owner: 'acme', repo: 'blog', token: GITHUB_TOKEN })
  cleanups.push(async () => {
    await github.close()
    await repository.cleanup()
  })
  const workspace = repository.workDir
  const repo: RepoHandle = {
    github,
    sha: repository.sha,
    bareRepo: repository.bareRepo,
    async checkoutHead() {
      await git(workspace, ['fetch', '--quiet', 'origin'])
      await git(workspace, ['reset', '--quiet', '--hard', 'origin/main'])
      return (await git(workspace, ['rev-parse', 'HEAD'])).trim()
    },
    onBranch: async (file) => (await github.fileAt('main', file))?.toString('utf8') ?? '(missing)',
  }
  return { root: repository.root, workspace, repo }
}

/** The action as the runner starts it, on a push to main unless told otherwise. */
function runActionIn(s: Scenario, o: ActionOptions): Promise<ActionRun> {
  const eventName = o.eventName ?? 'push'
  const pullRequest = eventName === 'pull_request'
  const sha = s.repo?.sha ?? '0'.repeat(40)
  const repository = { private: true, full_name: 'acme/blog' }
  const event = pullRequest
    ? { number: PR, pull_request: { number: PR, base: { sha, ref: 'main' }, head: { sha, ref: 'feature' } }, repository }
    : { ref: 'refs/heads/main', after: sha, repository }
  const inputs: Record<string, string> = { 'medium-token': s.token, 'medium-api-url': s.medium.url, images: 'upload' }
  if (s.repo) inputs['github-token'] = GITHUB_TOKEN
  else Object.assign(inputs, { 'write-back': 'files', 'comment-on-pr': 'false' })
  return runAction({
    workspace: s.workspace,
    eventName,
    event: s.repo || !pullRequest ? event : { number: PR, pull_request: { number: PR }, repository },
    inputs: { ...inputs, ...o.inputs },
    env: {
      GITHUB_SHA: sha,
      GITHUB_REF: pullRequest ? `refs/pull/${PR}/merge` : 'refs/heads/main',
      ...(s.repo ? { GITHUB_API_URL: s.repo.github.url } : {}),
    },
    ...(o.onSpawn ? { onSpawn: o.onSpawn } : {}),
    timeoutMs: o.timeoutMs ?? 60_000,
  })
}

function runCli(workspace: string, args: string[], env: Record<string, string>): Promise<NodeRun> {
  return spawnNode([cliEntry, ...args], {
    cwd: workspace,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? workspace, ...env },
    timeoutMs: 60_000,
  })
}

/** Every regular file's text under the workspace's content/ (links not followed). */
async function workspaceTexts(workspace: string): Promise<string[]> {
  const texts: string[] = []
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) texts.push(await readFile(full, 'utf8'))
    }
  }
  await walk(path.join(workspace, 'content'))
  return texts
}

async function branchTexts(repo: RepoHandle): Promise<string[]> {
  const files = (await repo.github.git(['ls-tree', '-r', '-z', '--name-only', 'main'])).split('\0').filter(Boolean)
  return Promise.all(files.map((file) => repo.onBranch(file)))
}

// ---------------------------------------------------------------------------------------------
// The checks every scenario ends with.

interface Figures {
  duplicates: string[]
  lostUrls: string[]
  leaks: string[]
  injected: string[]
  crashes: string[]
}

async function figuresOf(s: Scenario): Promise<Figures> {
  const posts = s.posts()
  const titles = posts.map((p) => p.post.title)
  const duplicates = [...new Set(titles.filter((t, i) => titles.indexOf(t) !== i))]
  const records = await s.records()
  const unrecorded = posts.filter((p) => !records.some((text) => text.includes(p.post.url)))
  const attempts = records.filter((text) => /^mediumPublishAttempt: /m.test(text)).length
  const lostUrls = unrecorded.slice(attempts).map((p) => `${p.post.title}: ${p.post.url}`)
  const written = [
    ...s.runs.flatMap((run) => [
      run.stdout.replace(/^::add-mask::.*$/gm, ''),
      run.stderr,
      run.summary ?? '',
      JSON.stringify(run.outputs ?? {}),
      JSON.stringify(run.annotations ?? []),
    ]),
    ...(await s.onGitHub()),
  ].join('\n')
  const leaks = ALL_TOKENS.filter((token) => written.includes(token))
  const injected = s.runs.flatMap((run) => injectedCommands(`${run.stdout}\n${run.stderr}`).map((c) => JSON.stringify(c.line)))
  const crashes = s.runs.flatMap((run) =>
    `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => /^\s+at .+:\d+:\d+\)?$|^(Type|Range|Reference)?Error: /.test(line)),
  )
  return { duplicates, lostUrls, leaks, injected, crashes }
}

/** No duplicate post, no lost URL, no token, no injected command, no crash trace: counted, then asserted. */
async function expectHeld(s: Scenario): Promise<void> {
  const figures = await figuresOf(s)
  tally.duplicates += figures.duplicates.length
  tally.lostUrls += figures.lostUrls.length
  tally.leaks += figures.leaks.length
  tally.injected += figures.injected.length
  tally.crashes += figures.crashes.length
  expect(figures).toEqual({ duplicates: [], lostUrls: [], leaks: [], injected: [], crashes: [] })
  tally.held++
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

const article = (title: string, body = `${title}: the body.`): string => `---\ntitle: ${title}\n---\n\n${body}\n`
const GOOD = { 'content/good.md': article('A good article') }
const errorsOf = (run: ActionRun): Annotation[] => run.annotations.filter((a) => a.level === 'error')
const errorAt = (run: ActionRun, file: string): Annotation | undefined => errorsOf(run).find((a) => a.file === file)
const postRequests = (s: Scenario) => s.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/posts'))
const titlesOf = (s: Scenario) => s.posts().map((p) => p.post.title)

/** The good article was published once and its URL written into it. */
async function expectGoodPublished(s: Scenario, run: ActionRun, file = 'content/good.md'): Promise<void> {
  const entry = publishedOf(run).find((p) => p.path === file)
  expect(entry, run.stdout).toBeDefined()
  const recorded = s.repo ? await s.repo.onBranch(file) : await readFile(path.join(s.workspace, file), 'utf8')
  expect(recorded).toContain(`mediumUrl: ${entry!.url}\n`)
}

/** A Medium emulator of its own, for a scenario that injects faults (any user's next request would take them). */
async function ownMedium(index: number, ...faults: Array<[Parameters<MediumEmulator['inject']>[0], ...MediumFault[]]>) {
  const own = await startMediumEmulator({ users: [{ token: TOKENS[index]!, id: medium.users[index]!.id }] })
  cleanups.push(() => own.close())
  for (const [route, ...list] of faults) own.inject(route, ...list)
  return own
}

async function scenarioWithFaults(
  files: Record<string, string | Buffer>,
  faults: Array<[Parameters<MediumEmulator['inject']>[0], ...MediumFault[]]>,
  options: { repository?: boolean } = {},
): Promise<Scenario> {
  const user = takeUser()
  return scenario(files, { ...options, user, medium: await ownMedium(user, ...faults) })
}

/** A file's bytes and modification time, to prove nothing wrote to it. */
async function fingerprint(file: string): Promise<string> {
  const [bytes, info] = await Promise.all([readFile(file), stat(file)])
  return `${bytes.toString('base64')}@${info.mtimeMs}`
}

// ---------------------------------------------------------------------------------------------
const injectedTitle = `---\ntitle: "Harmless ##[error]INJECTED\\n${COMMAND}"\n---\n\nBody.\n`

describe.concurrent('A. no command from a title, a tag or a subtitle', () => {
  it('a title with a line break, a ::warning line and ##[error], on push: an error at the title line, no command, the other article published', async () => {
    const s = await scenario({ ...GOOD, 'content/a.md': injectedTitle })
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/a.md')).toMatchObject({ line: 2, title: 'title-line-break' })
    expect(titlesOf(s)).toEqual(['A good article'])
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('the same title on a pull_request run: an error at the title line, no command, nothing sent to Medium', async () => {
    const s = await scenario({ ...GOOD, 'content/a.md': injectedTitle })
    const run = await s.action({ eventName: 'pull_request' })
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/a.md')).toMatchObject({ line: 2, title: 'title-line-break' })
    expect(s.requests()).toEqual([])
    await expectHeld(s)
  })

  it('a one-line title with ##[error] and ##[warning] (the legacy form, read anywhere in a line): published, its log line no command', async () => {
    const s = await scenario({ 'content/a.md': article('"Harmless ##[error]INJECTED and ##[warning]INJECTED"') })
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(titlesOf(s)).toEqual(['Harmless ##[error]INJECTED and ##[warning]INJECTED'])
    expect(run.stdout).toMatch(/^Published "Harmless ##.*INJECTED" as draft/m)
    await expectGoodPublished(s, run, 'content/a.md')
    await expectHeld(s)
  })

  it('a one-line title with ##[error] through medium-publish validate: listed, no command', async () => {
    const s = await scenario({ 'content/a.md': article('"Harmless ##[error]INJECTED"') })
    const run = await s.cli(['validate'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^would-publish +content\/a\.md +"Harmless ##.*INJECTED"$/m)
    await expectHeld(s)
  })

  it('a title and a heading with terminal escapes through medium-publish validate: shown as \\x1b, never sent to the terminal', async () => {
    const s = await scenario({
      'content/a.md': article('"\\e]0;PWNED\\a Title \\e[31mred"'),
      'content/b.md': '---\nrecorded: no\n---\n\n# Heading \u001b[2J cleared\n\nBody.\n',
    })
    const run = await s.cli(['validate'])
    expect(run.exitCode, run.stderr).toBe(0)
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    for (const output of [run.stdout, run.stderr]) expect(output).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    expect(run.stdout).toContain('"\\x1b]0;PWNED\\x07 Title \\x1b[31mred"')
    expect(run.stdout).toContain('"Heading \\x1b[2J cleared"')
    await expectHeld(s)
  })

  it('a tag with a line break and a ::warning line: reported at the tags line with the tag quoted, no command', async () => {
    const s = await scenario({ 'content/a.md': `---\ntitle: Tagged\ntags: [fine, "bad\\n${COMMAND}"]\n---\n\nBody.\n` })
    const run = await s.action()
    const tagNote = run.annotations.find((a) => a.file === 'content/a.md' && a.line === 3)
    expect(tagNote, run.stdout).toMatchObject({ title: 'tag-too-long', message: expect.stringContaining(`"bad\\n${COMMAND}"`) })
    await expectHeld(s)
  })

  it('a subtitle and a description with ::warning lines: no command, whatever becomes of them', async () => {
    const s = await scenario({
      'content/a.md': `---\ntitle: Sub\nsubtitle: "Sub ##[error]INJECTED\\n${COMMAND}"\n---\n\nBody.\n`,
      'content/b.md': `---\ntitle: Desc\ndescription: "Desc\\n${COMMAND}"\n---\n\nBody.\n`,
    })
    await s.action()
    await s.action({ eventName: 'pull_request' })
    await s.cli(['validate'])
    await expectHeld(s)
  })

  it('a title with a lone carriage return and a ::warning line: an error at the title line, no command', async () => {
    const s = await scenario({ ...GOOD, 'content/a.md': `---\ntitle: "Harmless\\r${COMMAND}"\n---\n\nBody.\n` })
    const run = await s.action()
    expect(errorAt(run, 'content/a.md')).toMatchObject({ line: 2, title: 'title-line-break' })
    await s.cli(['validate'])
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('##[stop-commands] in a title and ##[add-mask] in a tag, through medium-publish publish: the lines that print them are no command', async () => {
    const s = await scenario({
      'content/a.md': `---\ntitle: "Stop ##[stop-commands]INJECTED"\ntags: ["##[add-mask]INJECTED"]\n---\n\nBody.\n`,
    })
    const run = await s.cli(['publish', '--medium-api-url', s.medium.url])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^published +content\/a\.md +"Stop ##.*INJECTED"/m)
    expect(titlesOf(s)).toEqual(['Stop ##[stop-commands]INJECTED'])
    await expectHeld(s)
  })
})

describe.concurrent('A. no command from a file name', () => {
  it('a file named with a line break and a ::warning line, on push: published under its name and recorded, no command', async () => {
    const name = 'content/fn\n::warning::INJECTED.md'
    const s = await scenario({ [name]: article('Odd name') })
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(publishedOf(run).map((p) => p.path)).toEqual([name])
    await expectGoodPublished(s, run, name)
    await expectHeld(s)
  })

  it('the same file name on a pull_request run: previewed, no command, nothing sent', async () => {
    const s = await scenario({ 'content/fn\n::warning::INJECTED.md': article('Odd name') })
    const run = await s.action({ eventName: 'pull_request' })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.summary).toContain('1 article(s) would be published')
    expect(s.requests()).toEqual([])
    await expectHeld(s)
  })

  it('the same file name through medium-publish validate: listed, no command', async () => {
    const s = await scenario({ 'content/fn\n::warning::INJECTED.md': article('Odd name') })
    const run = await s.cli(['validate'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toContain('1 article(s): 1 would-publish')
    await expectHeld(s)
  })

  it('a file name with a line break, a no-break space and ::warning (blanks the runner trims), through medium-publish validate: no command', async () => {
    const s = await scenario({ 'content/fn\n\u00a0::warning::INJECTED.md': article('Odd name') })
    const run = await s.cli(['validate'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toContain('1 article(s): 1 would-publish')
    await expectHeld(s)
  })

  it("files at the root named '::warning::INJECTED.md' and ' \u00a0::error::INJECTED.md' (articles '*.md'), in error, action and CLI: no command", async () => {
    const bad = (title: string) => `---\ntitle: ${title}\npublishStatus: wrong\n---\n\nBody.\n`
    const s = await scenario({ '::warning::INJECTED.md': bad('Root one'), ' \u00a0::error::INJECTED.md': bad('Root two') })
    const run = await s.action({ inputs: { articles: '*.md' }, eventName: 'pull_request' })
    expect(run.annotations.filter((a) => a.title === 'publish-status').map((a) => a.file)).toEqual([
      ' \u00a0::error::INJECTED.md',
      '::warning::INJECTED.md',
    ])
    // The CLI prints each error as `path:line: error: …`: here the line starts with the hostile name.
    const cli = await s.cli(['validate', '*.md'])
    expect(cli.stderr.split('\n').filter((line) => /INJECTED\.md:3: error: .*\[publish-status\]$/.test(line))).toHaveLength(2)
    await expectHeld(s)
  })
})

describe.concurrent('A. no command from a YAML error or an image path', () => {
  it('a YAML syntax error on a ::warning line: an error at that line quoting it, no command', async () => {
    const s = await scenario({ ...GOOD, 'content/y.md': `---\ntitle: Fine\ntags: [a, b\n${COMMAND}\n---\n\nBody.\n` })
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/y.md')).toMatchObject({ title: 'frontmatter-yaml', line: 4 })
    expect(errorAt(run, 'content/y.md')!.message).toContain(`front-matter line "${COMMAND}" is not valid YAML`)
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('the same YAML error through medium-publish validate: printed as path:line, no command', async () => {
    const s = await scenario({ 'content/y.md': `---\ntitle: Fine\ntags: [a, b\n${COMMAND}\n---\n\nBody.\n` })
    const run = await s.cli(['validate'])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/^content\/y\.md:4(:\d+)?: error: front-matter line "\u200b?::warning .*\[frontmatter-yaml\]$/m)
    await expectHeld(s)
  })

  it('an image path with a line break and a ::warning line (an <img> attribute), on push: an error at the image line, no command', async () => {
    const body = `Intro.\n\n<img src="img/a\n${COMMAND}.png">\n`
    const s = await scenario({ ...GOOD, 'content/a.md': article('Pictured', body) })
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/a.md')).toMatchObject({ line: 7 })
    expect(s.requests().filter((r) => r.path === '/v1/images')).toEqual([])
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('the same image path on a pull_request run and through medium-publish validate: an error at the image line, no command', async () => {
    const body = `Intro.\n\n<img src="img/a\n${COMMAND}.png">\n`
    const s = await scenario({ 'content/a.md': article('Pictured', body) })
    const run = await s.action({ eventName: 'pull_request' })
    expect(errorAt(run, 'content/a.md')).toMatchObject({ line: 7 })
    const cli = await s.cli(['validate'])
    expect(cli.stderr).toMatch(/^content\/a\.md:7(:\d+)?: error: /m)
    expect(s.requests()).toEqual([])
    await expectHeld(s)
  })
})

describe.concurrent("A. no command from Medium's URLs, messages or username", () => {
  it('a Medium URL with a line break and a ::warning line: an unknown outcome recorded in the article, the URL never printed raw, no command', async () => {
    const url = `https://medium.com/@writer/a-0123456789ab\n${COMMAND}`
    const s = await scenarioWithFaults({ ...GOOD, 'content/a.md': article('A') }, [['createPost', { postUrl: url }]])
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/a.md')?.message).toMatch(/not retried|mediumPublishAttempt/)
    expect(await readFile(path.join(s.workspace, 'content/a.md'), 'utf8')).toMatch(/^mediumPublishAttempt: \d{4}-/m)
    for (const text of [run.stdout, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(url)
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it("Medium's error message with ::error and ##[error] lines: the article fails with the message quoted, no command", async () => {
    const message = `Refused\n::error::INJECTED\n##[error]INJECTED`
    const s = await scenarioWithFaults({ ...GOOD, 'content/a.md': article('A') }, [
      ['createPost', { status: 400, errors: [{ message, code: 2002 }] }],
    ])
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'publish-failed', message: expect.stringContaining('INJECTED') })
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it("a Medium username with a line break, a no-break space and ::warning: the 'Publishing as' line is no command", async () => {
    const s = await scenario({ 'content/a.md': article('From a strange account') }, { user: HOSTILE_USER })
    const run = await s.action()
    expect(run.stdout).toContain('Publishing as @writer')
    // The post's URL, built from that username, has the line break too: not trusted, the attempt is recorded.
    expect(s.posts()).toHaveLength(1)
    expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'publish-outcome-unknown' })
    expect(await readFile(path.join(s.workspace, 'content/a.md'), 'utf8')).toMatch(/^mediumPublishAttempt: /m)
    await expectHeld(s)
  })

  it("Medium's error message with an ::error line, through medium-publish publish: the article fails with it quoted, no command", async () => {
    const s = await scenarioWithFaults({ ...GOOD, 'content/a.md': article('A') }, [
      ['createPost', { status: 400, errors: [{ message: `Refused\n::error::INJECTED\n  ##[error]INJECTED`, code: 2002 }] }],
    ])
    const run = await s.cli(['publish', '--medium-api-url', s.medium.url])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/^content\/a\.md:\d+: error: .*Refused.*INJECTED/m)
    expect(titlesOf(s)).toEqual(['A good article'])
    expect(await readFile(path.join(s.workspace, 'content/good.md'), 'utf8')).toContain(`mediumUrl: ${s.posts()[0]!.post.url}`)
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
const COMMENT_MARKER = '<!-- medium-publish-action -->'

/** The action's comment on the pull request, after a pull_request run in a repository scenario. */
async function commentOnPullRequest(s: Scenario): Promise<string> {
  s.repo!.github.addComment(PR, 'Looks good to me', 'octocat')
  const run = await s.action({ eventName: 'pull_request' })
  const comment = s.repo!.github.comments.find((c) => c.issue_number === PR && c.body.startsWith(COMMENT_MARKER))
  expect(comment, run.stdout).toBeDefined()
  return comment!.body
}

/** A comment's text outside code spans, code blocks and <code>/<pre> elements: what GitHub renders as Markdown and HTML. */
function proseOf(body: string): string {
  return body
    .replace(/<(code|pre)>[\s\S]*?<\/\1>/g, ' ')
    .replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, ' ')
    .replace(/(`+)[\s\S]*?\1/g, ' ')
}

/** Character references decoded as GitHub does before it looks for mentions (one pass): `&commat;`, `&#64;`, `&num;`… */
function decodeReferences(text: string): string {
  const named: Record<string, string> = { commat: '@', num: '#', amp: '&', lt: '<', gt: '>' }
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex?: string, dec?: string, name?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (named[name!.toLowerCase()] ?? whole),
  )
}

/**
 * The `@name` mentions and `#123` / `GH-123` issue links GitHub would make of a comment: in its
 * prose (character references decoded), not right after a word character or a zero-width space.
 */
function mentionsIn(body: string): string[] {
  const text = decodeReferences(proseOf(body))
  return [...text.matchAll(/(?<![\w\u200b/])(@[A-Za-z0-9][\w-]*|#\d+|GH-\d+)\b/gi)].map((m) => m[1]!)
}

describe.concurrent('B. the pull-request comment mentions no one and links no issue', () => {
  it("a title '@octocat' is shown in the comment, and never mentions", async () => {
    const s = await scenario({ 'content/a.md': article('"@octocat, this one is for you"') }, { repository: true })
    const body = await commentOnPullRequest(s)
    expect(body).toContain('\u200boctocat, this one is for you')
    expect(mentionsIn(body)).toEqual([])
    expect(s.requests()).toEqual([])
    await expectHeld(s)
  })

  it("'#123', '#7' and 'GH-7' in a title never link an issue from the comment", async () => {
    const s = await scenario({ 'content/a.md': article('"Fixes #123, #7 and GH-7"') }, { repository: true })
    const body = await commentOnPullRequest(s)
    expect(body).toContain('Fixes #\u200b123')
    expect(mentionsIn(body)).toEqual([])
    await expectHeld(s)
  })

  it("'&commat;octocat' and '&num;123' in a title (references GitHub decodes) neither mention nor link from the comment", async () => {
    const s = await scenario({ 'content/a.md': article('"Thanks &commat;octocat for &num;123 &amp; &#64;hubot"') }, { repository: true })
    const body = await commentOnPullRequest(s)
    expect(body).toContain('octocat')
    expect(mentionsIn(body)).toEqual([])
    await expectHeld(s)
  })

  it("an error that quotes '@octocat' (a bad publishStatus) is listed in the comment without a mention", async () => {
    const s = await scenario({ 'content/a.md': '---\ntitle: Status\npublishStatus: "@octocat"\n---\n\nBody.\n' }, { repository: true })
    const body = await commentOnPullRequest(s)
    expect(body).toContain('publishStatus')
    expect(body).toContain('\u200boctocat')
    expect(mentionsIn(body)).toEqual([])
    await expectHeld(s)
  })

  it("'@team' in a tag, a subtitle, a body and a file name: no mention anywhere in the comment", async () => {
    const s = await scenario(
      {
        'content/@octocat.md': '---\ntitle: Credits\nsubtitle: "Thanks @acme/team"\ntags: ["@someone"]\n---\n\nThanks @octocat for #42.\n',
      },
      { repository: true },
    )
    const body = await commentOnPullRequest(s)
    expect(body).toContain('Credits')
    expect(mentionsIn(body)).toEqual([])
    await expectHeld(s)
  })

  it('a title, a tag and a file name with </details>, <h1> and an HTML comment: the comment keeps its structure, nothing spoofed', async () => {
    const title = '"</strong></summary></details><h1>Spoofed</h1><!-- x"'
    const s = await scenario(
      { 'content/</details>.md': `---\ntitle: ${title}\ntags: ["</code><h1>Tag</h1>"]\n---\n\nBody.\n` },
      { repository: true },
    )
    const body = await commentOnPullRequest(s)
    const prose = proseOf(body)
    expect(prose).not.toMatch(/<h1>(Spoofed|Tag)<\/h1>/)
    expect(prose.match(/<details>/g)).toHaveLength(1)
    expect(prose.match(/<\/details>/g)).toHaveLength(1)
    expect(prose.match(/<!--/g)).toHaveLength(1)
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
/** One hostile article beside a good one, on push: that article's error, the good one published and recorded. */
async function crashingArticle(file: string, content: string | Buffer, rule: string | RegExp, line?: number): Promise<Scenario> {
  const s = await scenario({ ...GOOD, [file]: content })
  const run = await s.action({ timeoutMs: 90_000 })
  expect(run.exitCode).not.toBe(0)
  const error = errorAt(run, file)
  expect(error?.title, run.stdout).toMatch(rule)
  if (line !== undefined) expect(error?.line).toBe(line)
  expect(titlesOf(s)).toEqual(['A good article'])
  await expectGoodPublished(s, run)
  return s
}

const BILLION_LAUGHS = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghij'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`),
].join('\n')

describe.concurrent('C. deep nesting and parser bombs cost that article only', () => {
  it('10,000 nested quotes: nesting-too-deep at its line, the other article published and recorded, no crash trace', async () => {
    const s = await crashingArticle(
      'content/deep.md',
      article('Deep', 'Intro.\n\n' + '>'.repeat(10_000) + ' bottom'),
      'nesting-too-deep',
      7,
    )
    await expectHeld(s)
  })

  it('a list nested 10,000 levels: nesting-too-deep at the line of level 101, the other article published', async () => {
    const list = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')
    const s = await crashingArticle('content/list.md', article('List', list), 'nesting-too-deep', 105)
    await expectHeld(s)
  })

  it('10,000 nested <div> elements: a render error at the article, the other article published', async () => {
    const html = '<div>'.repeat(10_000) + 'x' + '</div>'.repeat(10_000)
    const s = await crashingArticle('content/divs.md', article('Divs', html), /^(render-failed|nesting-too-deep)$/)
    await expectHeld(s)
  })

  it('a YAML alias bomb in the front-matter: a front-matter error naming the aliases, the other article published', async () => {
    const s = await crashingArticle('content/bomb.md', `---\ntitle: Bomb\n${BILLION_LAUGHS}\n---\n\nBody.\n`, 'frontmatter-yaml')
    await expectHeld(s)
  })

  it('YAML nested 10,000 flow sequences deep: a front-matter error at its line, the other article published', async () => {
    const yaml = `---\ntitle: Deep YAML\nx: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n\nBody.\n`
    const s = await crashingArticle('content/deep-yaml.md', yaml, 'frontmatter-yaml', 3)
    await expectHeld(s)
  })

  it('a 100,000-character title: an error at the title line, the other article published', async () => {
    const s = await crashingArticle('content/long.md', article('T'.repeat(100_000)), /^title-/, 2)
    await expectHeld(s)
  })
})

describe.concurrent("C. files that are not articles' text cost that article only", () => {
  it('a 5 MB article: published once and recorded, beside the other one, no crash', async () => {
    const big = article('Five megabytes', `${'All work and no play makes a long article. '.repeat(20)}\n\n`.repeat(6_000))
    expect(big.length).toBeGreaterThan(5_000_000)
    const s = await scenario({ ...GOOD, 'content/big.md': big })
    const run = await s.action({ timeoutMs: 120_000 })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(titlesOf(s).sort()).toEqual(['A good article', 'Five megabytes'])
    await expectGoodPublished(s, run)
    await expectGoodPublished(s, run, 'content/big.md')
    await expectHeld(s)
  }, 120_000)

  it('binary content (a PNG named .md): file-encoding at line 1, the other article published', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const s = await crashingArticle('content/picture.md', png, 'file-encoding', 1)
    await expectHeld(s)
  })

  it('text that is not UTF-8 (Latin-1): file-encoding at line 1, the other article published', async () => {
    const s = await crashingArticle(
      'content/latin1.md',
      Buffer.from('---\ntitle: Café\n---\n\nCrème brûlée.\n', 'latin1'),
      'file-encoding',
      1,
    )
    await expectHeld(s)
  })

  it('NUL bytes in an article: file-encoding at line 1, the other article published', async () => {
    const s = await crashingArticle('content/nul.md', '---\ntitle: Nul\n---\n\nBo\u0000dy.\n', 'file-encoding', 1)
    await expectHeld(s)
  })

  it('a directory named foo.md and a FIFO named fifo.md are no articles: neither read (a FIFO would block) nor reported, the run completes', async () => {
    const s = await scenario({ ...GOOD, 'content/foo.md/inside.txt': 'not an article' })
    await promisify(execFile)('mkfifo', [path.join(s.workspace, 'content/fifo.md')])
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toContain("1 article file(s) match 'content/**/*.md'")
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('an empty file: file-empty at line 1, the other article published', async () => {
    const s = await crashingArticle('content/empty.md', '', 'file-empty', 1)
    await expectHeld(s)
  })

  it('front-matter that is never closed: an error at line 1, the other article published', async () => {
    const s = await crashingArticle('content/open.md', '---\ntitle: Open\n\nThe body, and no closing line.\n', 'frontmatter-unclosed', 1)
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
const OUTSIDE_ARTICLE = article('Outside the workspace', 'This file is outside the repository.')
const OUTSIDE_PNG = Buffer.from('89504e470d0a1a0a6f757473696465', 'hex')

/** A scenario with a folder beside the workspace holding an article and an image, and their fingerprints. */
async function withOutside(files: Record<string, string | Buffer>) {
  const s = await scenario({ ...GOOD, ...files })
  const outsideArticle = path.join(s.outside, 'secret.md')
  const outsideImage = path.join(s.outside, 'img', 'secret.png')
  await writeFile(outsideArticle, OUTSIDE_ARTICLE)
  await writeFile(outsideImage, OUTSIDE_PNG)
  const before = [await fingerprint(outsideArticle), await fingerprint(outsideImage)]
  return {
    s,
    /** Nothing outside was published, uploaded or written. */
    async expectOutsideUntouched() {
      expect([await fingerprint(outsideArticle), await fingerprint(outsideImage)]).toEqual(before)
      expect(titlesOf(s)).not.toContain('Outside the workspace')
      expect(s.medium.uploads.filter((u) => u.userId === s.userId && u.bytes.equals(OUTSIDE_PNG))).toEqual([])
    },
  }
}

describe.concurrent('D. no article outside the workspace is read or written (failure rule 9)', () => {
  it("'content/ext/*.md' with content/ext -> ../../outside, action and CLI: refused at the article, the file outside unchanged", async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    await symlink('../../outside', path.join(s.workspace, 'content/ext'))
    const run = await s.action({ inputs: { articles: 'content/ext/*.md' } })
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/ext/secret.md')).toMatchObject({ title: 'file-outside-workspace', line: 1 })
    const cli = await s.cli(['publish', 'content/ext/*.md', '--medium-api-url', s.medium.url])
    expect(cli.exitCode).toBe(1)
    expect(cli.stderr).toMatch(/^content\/ext\/secret\.md:1: error: .*\[file-outside-workspace\]$/m)
    expect(s.requests()).toEqual([])
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it("the same folder named by 'content/ext/**/*.md' beside another pattern: the other article published, nothing outside read or written", async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    await symlink('../../outside', path.join(s.workspace, 'content/ext'))
    const run = await s.action({ inputs: { articles: 'content/ext/**/*.md\ncontent/good.md' } })
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md'])
    await expectGoodPublished(s, run)
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('the same symlinked folder under the default glob content/**/*.md: never followed, nothing outside read', async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    await symlink('../../outside', path.join(s.workspace, 'content/ext'))
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md'])
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('a symlinked folder named like an article (content/ext.md -> ../../outside): refused as a symbolic link', async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    await symlink('../../outside', path.join(s.workspace, 'content/ext.md'))
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/ext.md')).toMatchObject({ title: 'file-symlink', line: 1 })
    await expectGoodPublished(s, run)
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('a symlinked article (content/linked.md -> ../../outside/secret.md): refused, the file outside unchanged', async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    await symlink('../../outside/secret.md', path.join(s.workspace, 'content/linked.md'))
    const run = await s.action()
    expect(errorAt(run, 'content/linked.md')).toMatchObject({ title: 'file-symlink', line: 1 })
    await s.cli(['publish', '--medium-api-url', s.medium.url])
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('a symlinked folder in the middle of a glob (content/*/post.md, content/a -> ../../outside): not entered, the file outside unchanged', async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    await writeFile(path.join(s.outside, 'post.md'), article('Outside post'))
    const before = await fingerprint(path.join(s.outside, 'post.md'))
    await symlink('../../outside', path.join(s.workspace, 'content/a'))
    const run = await s.action({ inputs: { articles: 'content/*/post.md' } })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.annotations.find((a) => a.level === 'warning')?.message).toContain("no file matches 'content/*/post.md'")
    expect(await fingerprint(path.join(s.outside, 'post.md'))).toBe(before)
    expect(s.requests()).toEqual([])
    await expectOutsideUntouched()
    await expectHeld(s)
  })
})

describe.concurrent('D. no glob or image path leads outside the workspace (failure rule 9)', () => {
  it("'../' in a glob: the input is refused, nothing is sent to Medium, the file outside unchanged", async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    const run = await s.action({ inputs: { articles: '../outside/*.md' } })
    expect(run.exitCode).not.toBe(0)
    expect(errorsOf(run).at(-1)?.message).toContain("Input 'articles' has the pattern '../outside/*.md', which leaves the workspace")
    expect(s.requests()).toEqual([])
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('an absolute glob naming the folder outside: refused, nothing sent, through the action and the CLI', async () => {
    const { s, expectOutsideUntouched } = await withOutside({})
    const run = await s.action({ inputs: { articles: `${s.outside}/*.md` } })
    expect(run.exitCode).not.toBe(0)
    expect(errorsOf(run).at(-1)?.message).toContain('which leaves the workspace')
    const cli = await s.cli(['publish', `${s.outside}/*.md`, '--medium-api-url', s.medium.url])
    expect(cli.exitCode).not.toBe(0)
    expect(s.requests()).toEqual([])
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('image paths ../../etc/passwd.png and ../../outside/img/secret.png (which exists): errors at their lines, nothing uploaded', async () => {
    const body = '![passwd](../../etc/passwd.png)\n\n![secret](../../outside/img/secret.png)'
    const { s, expectOutsideUntouched } = await withOutside({ 'content/a.md': article('Escaping images', body) })
    const run = await s.action()
    const errors = errorsOf(run).filter((a) => a.file === 'content/a.md')
    expect(errors.map((a) => [a.line, a.title])).toEqual([
      [5, 'image-outside-workspace'],
      [7, 'image-outside-workspace'],
    ])
    await expectGoodPublished(s, run)
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('a symlinked image folder (content/img -> ../../outside/img): the image refused, its bytes never uploaded', async () => {
    const { s, expectOutsideUntouched } = await withOutside({ 'content/a.md': article('Linked images', '![secret](img/secret.png)') })
    await symlink('../../outside/img', path.join(s.workspace, 'content/img'))
    const run = await s.action()
    expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'image-outside-workspace', line: 5 })
    await expectGoodPublished(s, run)
    await expectOutsideUntouched()
    await expectHeld(s)
  })

  it('a symlink loop (content/loop -> .): the run ends, each article read and published once', async () => {
    const s = await scenario({ ...GOOD, 'content/posts/b.md': article('Another') })
    await symlink('.', path.join(s.workspace, 'content/loop'))
    await symlink('..', path.join(s.workspace, 'content/posts/up'))
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md', 'content/posts/b.md'])
    await expectHeld(s)
  })

  it('a workspace whose own path goes through a symlink: its articles are inside, read, published and recorded', async () => {
    const s = await scenario({ ...GOOD, 'content/posts/b.md': article('Through a linked workspace', '![pic](../img/pic.png)') })
    await mkdir(path.join(s.workspace, 'content/img'))
    await writeFile(path.join(s.workspace, 'content/img/pic.png'), OUTSIDE_PNG)
    const linked = path.join(s.root, 'linked-workspace')
    await symlink(s.workspace, linked)
    s.workspace = linked
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md', 'content/posts/b.md'])
    await expectGoodPublished(s, run, 'content/posts/b.md')
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
describe.concurrent('E. never publish what cannot be recorded (failure rule 10)', () => {
  it('flow-mapping front-matter ({title: X}): url-key-unwritable at line 1, no request to the posts endpoint, the other article published', async () => {
    const s = await scenario({ ...GOOD, 'content/flow.md': '---\n{title: Flow, tags: [a]}\n---\n\nBody.\n' })
    const run = await s.action()
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/flow.md')).toMatchObject({ title: 'url-key-unwritable', line: 1 })
    expect(postRequests(s)).toHaveLength(1)
    expect(titlesOf(s)).toEqual(['A good article'])
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('a flow mapping over several lines, in commit mode: url-key-unwritable, nothing posted, a second run posts nothing either', async () => {
    const s = await scenario({ 'content/flow.md': '---\n{title: Flow over lines,\n tags: [a, b]}\n---\n\nBody.\n' }, { repository: true })
    const run = await s.action()
    expect(errorAt(run, 'content/flow.md')).toMatchObject({ title: 'url-key-unwritable', line: 1 })
    await s.action()
    expect(postRequests(s)).toEqual([])
    expect(s.requests()).toEqual([])
    await expectHeld(s)
  })

  it('the same front-matter on a pull_request run: the error shows on the pull request, nothing sent', async () => {
    const s = await scenario({ 'content/flow.md': '---\n{title: Flow, tags: [a]}\n---\n\nBody.\n' })
    const run = await s.action({ eventName: 'pull_request' })
    expect(run.exitCode).not.toBe(0)
    expect(errorAt(run, 'content/flow.md')).toMatchObject({ title: 'url-key-unwritable', line: 1 })
    expect(run.summary).toContain('url-key-unwritable')
    expect(s.requests()).toEqual([])
    await expectHeld(s)
  })

  it('a url-key that holds a mapping: an error at its line, nothing sent (it could not be recorded either)', async () => {
    const s = await scenario({ ...GOOD, 'content/nest.md': '---\ntitle: Nest\nmediumUrl:\n  x: 1\n---\n\nBody.\n' })
    const run = await s.action()
    expect(errorAt(run, 'content/nest.md')).toMatchObject({ title: 'url-key-type', line: 3 })
    expect(titlesOf(s)).toEqual(['A good article'])
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
describe.concurrent('F. secrets never appear in what the action or the CLI writes (failure rule 8)', () => {
  for (const which of ['Medium', 'GitHub'] as const) {
    it(`the ${which} token pasted into commit-message: refused before anything is sent (no request to Medium, no write on GitHub, no commit)`, async () => {
      const s = await scenario(GOOD, { repository: true })
      const pasted = which === 'Medium' ? s.token : GITHUB_TOKEN
      const run = await s.action({ inputs: { 'commit-message': `docs: record URLs (${pasted}) [skip ci]` } })
      expect(run.exitCode).not.toBe(0)
      expect(errorsOf(run).at(-1)?.message).toContain("Input 'commit-message' contains a token")
      expect(s.requests()).toEqual([])
      expect(s.repo!.github.requests.filter((r) => r.method !== 'GET')).toEqual([])
      expect(await s.repo!.github.log('main')).toHaveLength(1)
      await expectHeld(s)
    })
  }

  it('the token in an article title and body, in commit mode: published, the token in no log, summary, output, annotation or commit', async () => {
    const s = await scenario({ ...GOOD, 'content/a.md': '' }, { repository: true })
    await writeFile(path.join(s.workspace, 'content/a.md'), article(`"Key ${s.token} inside"`, `Pasted by mistake: ${s.token}.`))
    await git(s.workspace, ['-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '--quiet', '-am', 'Add a'])
    await git(s.workspace, ['push', '--quiet', 'origin', 'HEAD:main'])
    s.repo!.sha = (await git(s.workspace, ['rev-parse', 'HEAD'])).trim()
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(publishedOf(run).find((p) => p.path === 'content/a.md')?.title).toBe('Key *** inside')
    expect(run.summary).toContain('Key *** inside')
    await expectGoodPublished(s, run, 'content/a.md')
    await expectHeld(s)
  })

  it('the token in a title on a pull_request run: not in the comment, the summary or the log', async () => {
    const s = await scenario({ 'content/a.md': '' }, { repository: true })
    await writeFile(path.join(s.workspace, 'content/a.md'), article(`"Key ${s.token} inside"`))
    const body = await commentOnPullRequest(s)
    expect(body).toContain('Key *** inside')
    await expectHeld(s)
  })

  it('the token as a front-matter value in error (publishStatus): the error quotes it as ***', async () => {
    const s = await scenario({ 'content/a.md': '' })
    await writeFile(path.join(s.workspace, 'content/a.md'), `---\ntitle: Status\npublishStatus: "${s.token}"\n---\n\nBody.\n`)
    const run = await s.action()
    expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'publish-status', line: 3, message: expect.stringContaining('"***"') })
    const cli = await s.cli(['validate'])
    expect(cli.stderr).toMatch(/^content\/a\.md:3: error: publishStatus "\*\*\*"/m)
    await expectHeld(s)
  })

  it('the token in a title through medium-publish validate and publish (MEDIUM_TOKEN set): printed as ***', async () => {
    const s = await scenario({ 'content/a.md': '' })
    await writeFile(path.join(s.workspace, 'content/a.md'), article(`"Key ${s.token} inside"`, `Body ${s.token}.`))
    const validate = await s.cli(['validate'])
    expect(validate.stdout).toContain('"Key *** inside"')
    const publish = await s.cli(['publish', '--medium-api-url', s.medium.url])
    expect(publish.exitCode, publish.stderr).toBe(0)
    expect(publish.stdout).toMatch(/^published +content\/a\.md +"Key \*\*\* inside"/m)
    await expectHeld(s)
  })

  it('Medium echoing the token in an error, through medium-publish publish: the article fails, the token printed as ***', async () => {
    const s = await scenarioWithFaults({ ...GOOD, 'content/a.md': article('A') }, [['createPost', { echoToken: true, status: 400 }]])
    const run = await s.cli(['publish', '--medium-api-url', s.medium.url])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain('Authorization: Bearer ***')
    expect(titlesOf(s)).toEqual(['A good article'])
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
/** The claim refs left in a repository scenario's bare repository. */
async function claimsLeft(s: Scenario): Promise<string[]> {
  const listing = await git(s.workspace, ['ls-remote', s.repo!.bareRepo, 'refs/medium-publish/*'])
  return listing.split('\n').filter((line) => line !== '' && !line.endsWith('^{}'))
}

/** Sends the run `signals` (in order, 200 ms apart) once its log opens the group `Publish <file>`. */
function cancelWhenPublishing(file: string, signals: NodeJS.Signals[]): ActionOptions['onSpawn'] {
  return (child) => {
    let sent = false
    child.stdout?.on('data', (chunk: Buffer | string) => {
      if (sent || !String(chunk).includes(`::group::Publish ${file}`)) return
      sent = true
      signals.forEach((signal, i) => setTimeout(() => child.kill(signal), i * 200))
    })
  }
}

/** After a cancelled run: the next run, on the branch's new head, publishes the rest once and leaves no claim. */
async function nextRunPublishesTheRest(s: Scenario, titles: string[]): Promise<void> {
  s.repo!.sha = await s.repo!.checkoutHead()
  const again = await s.action()
  expect(again.exitCode, again.stdout).toBe(0)
  expect(titlesOf(s).sort()).toEqual([...titles].sort())
  expect(await claimsLeft(s)).toEqual([])
}

describe.concurrent('G. a run cancelled while a post is in flight loses no URL and posts nothing twice', () => {
  it('SIGTERM while the first post is in flight: its URL still committed, the claims released, the next run posts the other article once', async () => {
    const files = { 'content/a.md': article('First'), 'content/b.md': article('Second') }
    const s = await scenarioWithFaults(files, [['createPost', { delayMs: 1_500 }]], { repository: true })
    const run = await s.action({ onSpawn: cancelWhenPublishing('content/a.md', ['SIGTERM']) })
    expect(run.exitCode).not.toBe(0)
    expect(run.stdout).toContain('Received SIGTERM')
    expect(titlesOf(s)).toEqual(['First'])
    expect(await s.repo!.onBranch('content/a.md')).toContain(`mediumUrl: ${s.posts()[0]!.post.url}\n`)
    expect(await s.repo!.onBranch('content/b.md')).toBe(files['content/b.md'])
    expect(run.summary).toMatch(/content\/b\.md.*left for the next run/)
    expect(await claimsLeft(s)).toEqual([])
    await nextRunPublishesTheRest(s, ['First', 'Second'])
    await expectHeld(s)
  })

  it('SIGINT then SIGTERM (as the runner cancels) during the second of three posts: both URLs committed, the third left, then posted once', async () => {
    const files = { 'content/a.md': article('One'), 'content/b.md': article('Two'), 'content/c.md': article('Three') }
    const s = await scenarioWithFaults(files, [['createPost', { delayMs: 0 }, { delayMs: 1_500 }]], { repository: true })
    const run = await s.action({ onSpawn: cancelWhenPublishing('content/b.md', ['SIGINT', 'SIGTERM']) })
    expect(run.exitCode).not.toBe(0)
    expect(titlesOf(s).sort()).toEqual(['One', 'Two'])
    for (const post of s.posts()) expect(Object.values(await branchTexts(s.repo!)).join('\n')).toContain(`mediumUrl: ${post.post.url}\n`)
    expect(await s.repo!.onBranch('content/c.md')).toBe(files['content/c.md'])
    expect(await claimsLeft(s)).toEqual([])
    await nextRunPublishesTheRest(s, ['One', 'Two', 'Three'])
    await expectHeld(s)
  })
})

// ---------------------------------------------------------------------------------------------
/** One article answered with `url`: an unknown outcome (failure rule 4), recorded, the URL never printed raw. */
async function untrustedUrl(url: string): Promise<Scenario> {
  const s = await scenarioWithFaults({ ...GOOD, 'content/a.md': article('Answered oddly') }, [['createPost', { postUrl: url }]])
  const run = await s.action()
  expect(run.exitCode).not.toBe(0)
  expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'publish-outcome-unknown', line: 2 })
  expect(await readFile(path.join(s.workspace, 'content/a.md'), 'utf8')).toMatch(/^mediumPublishAttempt: \d{4}-\d\d-\d\dT/m)
  for (const text of [run.stdout, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(url)
  expect(publishedOf(run).map((p) => p.path)).toEqual(['content/good.md'])
  await expectGoodPublished(s, run)
  return s
}

describe.concurrent("H. Medium's answers are not trusted: a 2xx whose URL is not plain https is an unknown outcome", () => {
  it('a 2xx with an http:// URL: mediumPublishAttempt recorded, the URL never printed, the other article published', async () => {
    await expectHeld(await untrustedUrl('http://medium.com/@writer/plain-http-0123456789ab'))
  })

  it('a 2xx with a URL holding spaces: mediumPublishAttempt recorded, the URL never printed', async () => {
    await expectHeld(await untrustedUrl('https://medium.com/@writer/two words 0123456789ab'))
  })

  it('a 2xx with a javascript: URL: mediumPublishAttempt recorded, the URL never printed', async () => {
    await expectHeld(await untrustedUrl('javascript:alert(document.cookie)//https://medium.com/'))
  })

  it('a 2xx with no URL at all: mediumPublishAttempt recorded, the other article published', async () => {
    const s = await scenarioWithFaults({ ...GOOD, 'content/a.md': article('No URL') }, [['createPost', { postUrl: '' }]])
    const run = await s.action()
    expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'publish-outcome-unknown' })
    expect(await readFile(path.join(s.workspace, 'content/a.md'), 'utf8')).toMatch(/^mediumPublishAttempt: /m)
    await expectGoodPublished(s, run)
    await expectHeld(s)
  })

  it('in commit mode, an http:// URL: the attempt committed on the branch, the claim released, the next run sends nothing', async () => {
    const url = 'http://medium.com/@writer/plain-http-0123456789ab'
    const s = await scenarioWithFaults({ 'content/a.md': article('Committed attempt') }, [['createPost', { postUrl: url }]], {
      repository: true,
    })
    const run = await s.action()
    expect(errorAt(run, 'content/a.md')).toMatchObject({ title: 'publish-outcome-unknown' })
    expect(await s.repo!.onBranch('content/a.md')).toMatch(/^mediumPublishAttempt: /m)
    expect(await claimsLeft(s)).toEqual([])
    const requests = s.requests().length
    s.repo!.sha = await s.repo!.checkoutHead()
    const again = await s.action()
    expect(errorAt(again, 'content/a.md')).toMatchObject({ title: 'publish-attempt-unresolved' })
    expect(s.requests()).toHaveLength(requests)
    expect(s.posts()).toHaveLength(1)
    await expectHeld(s)
  })

  it('a 2xx with an https URL holding <script> and ](: recorded to read back the same, shown as code, never a link, not posted again', async () => {
    const url = 'https://medium.com/@writer/<script>alert(1)</script>](javascript:alert(1))'
    const s = await scenarioWithFaults({ 'content/a.md': article('Odd but https') }, [['createPost', { postUrl: url }]])
    const run = await s.action()
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.summary).toContain(`\`${url}\``)
    expect(run.summary).not.toContain(`[${url}`)
    const again = await s.action()
    expect(again.exitCode, again.stdout).toBe(0)
    expect(again.outputs['published-count']).toBe('0')
    expect(s.posts()).toHaveLength(1)
    await expectHeld(s)
  })
})

/**
 * The `medium-publish` CLI (DESIGN.md "CLI"), run as a user runs it: `node dist/cli.js` (the package's
 * `bin`) in a temporary repository, against the Medium emulator for `publish`.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { copyExampleContent, makeWorkspace, repoRoot } from '../support/run-action.js'
import { spawnNode, type NodeRun } from '../support/spawn.js'

const cliEntry = path.join(repoRoot, 'dist/cli.js')
const TOKEN = 'mtok-cli-0f1e2d3c4b5a69788796a5b4c3d2e1f0'
const EXAMPLE_TITLES = [
  'Cross-posting without hurting your search ranking',
  'Publishing to Medium from a pull request',
  'What we shipped in March',
]

/**
 * `medium-publish <args>` in `cwd`, with only the environment a shell would give it. A hung CLI is
 * killed before the test's own timeout (30 s), so the failure shows its output.
 */
function cli(cwd: string, args: string[], env: Record<string, string> = {}): Promise<NodeRun> {
  return spawnNode([cliEntry, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    timeoutMs: 20_000,
  })
}

const bad = {
  'posts/drafts/status.md': '---\ntitle: A draft\npublishStatus: published\n---\n\nBody.\n',
  // (Four tags are no error since issue 12: the first three are sent, with a warning; a tag that is not text is one.)
  'posts/drafts/tags.md': '---\ntitle: Numbered tags\ntags: [a, 7]\n---\n\nBody.\n',
}
const good = {
  'posts/2024/first.md': '---\ntitle: First post\ntags: [notes]\n---\n\nHello.\n',
  'posts/2024/second.md': '# Second post\n\nNo front-matter at all.\n',
}

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: TOKEN }] })
})
afterAll(async () => medium.close())
beforeEach(() => medium.reset())

async function exampleRepo(files: Record<string, string> = {}): Promise<string> {
  const dir = await makeWorkspace(files)
  await copyExampleContent(dir)
  return dir
}

describe('medium-publish --help and usage errors', () => {
  it('--help exits 0 and lists the commands and options', async () => {
    const run = await cli(repoRoot, ['--help'])
    expect(run.exitCode).toBe(0)
    for (const command of [
      'validate [globs...]',
      'preview <file>',
      'publish [globs...]',
      'doctor [--sample-draft]',
      '--medium-api-url',
      '--out',
      '--sample-draft',
      'MEDIUM_TOKEN',
    ]) {
      expect(run.stdout).toContain(command)
    }
    expect(run.stderr).toBe('')
  })

  it('an unknown command exits 2 and names it', async () => {
    const run = await cli(repoRoot, ['frobnicate'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toContain("Unknown command 'frobnicate'")
  })

  it('an unknown option and no command exit 2', async () => {
    expect((await cli(repoRoot, ['validate', '--frob'])).exitCode).toBe(2)
    expect((await cli(repoRoot, [])).exitCode).toBe(2)
  })
})

describe('medium-publish validate', () => {
  it('exits 0 on good articles (content/**/*.md by default), printing warnings but no error', async () => {
    const dir = await exampleRepo()
    const run = await cli(dir, ['validate'])
    expect(run.exitCode, run.stderr).toBe(0)
    for (const title of EXAMPLE_TITLES) expect(run.stdout).toContain(`"${title}"`)
    expect(run.stdout).toContain('3 article(s): 3 would-publish')
    expect(run.stderr).not.toMatch(/: error: /)
    // A fenced code language is dropped without a word: the API cannot set it (issue 11).
    expect(run.stderr).not.toMatch(/\[code-language\]/)
  })

  it('exits 1 on bad articles and prints `path:line: error: message [ruleId]`', async () => {
    const dir = await makeWorkspace({ ...bad, ...good })
    const run = await cli(dir, ['validate', 'posts/**/*.md'])
    expect(run.exitCode).toBe(1)
    const errors = run.stderr.split('\n').filter((line) => line.includes(': error: '))
    expect(errors).toEqual([
      expect.stringMatching(
        /^posts\/drafts\/status\.md:3: error: publishStatus "published" is not one of draft, public, unlisted\..* \[publish-status\]$/,
      ),
      expect.stringMatching(/^posts\/drafts\/tags\.md:3: error: .*7 \(a number\).* \[tags-type\]$/),
    ])
    expect(run.stdout).toMatch(/^invalid +posts\/drafts\/status\.md$/m)
    expect(run.stdout).toContain('4 article(s): 2 would-publish, 2 invalid')
  })

  it("takes several globs, '!' excluding", async () => {
    const dir = await makeWorkspace({ ...bad, ...good })
    const run = await cli(dir, ['validate', 'posts/**/*.md', '!posts/drafts/**'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toContain('"First post"')
    expect(run.stdout).toContain('"Second post"')
    expect(run.stdout).not.toContain('drafts')
    expect(run.stdout).toContain('2 article(s): 2 would-publish')
  })

  it('says so when no file matches (a typo in a glob is not a silent success)', async () => {
    const dir = await makeWorkspace({ ...good })
    const run = await cli(dir, ['validate', 'post/**/*.md'])
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toContain("warning: no file matches 'post/**/*.md'")
  })

  it('--cwd runs on another directory', async () => {
    const dir = await makeWorkspace({ ...good })
    const run = await cli(repoRoot, ['validate', '--cwd', dir, 'posts/**/*.md'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toContain('2 article(s): 2 would-publish')
  })

  it('reports the file-level problems of the reader too (an empty file, a symlink)', async () => {
    const dir = await makeWorkspace({ 'content/empty.md': '' })
    const { symlink } = await import('node:fs/promises')
    await symlink('empty.md', path.join(dir, 'content/link.md'))
    const run = await cli(dir, ['validate'])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/^content\/empty\.md:1: error: .* \[file-empty\]$/m)
    expect(run.stderr).toMatch(/^content\/link\.md:1: error: .*symbolic link.* \[file-symlink\]$/m)
  })
})

describe('medium-publish preview', () => {
  it('writes a standalone page with the title, the rendered content, the local image and the warnings', async () => {
    const dir = await exampleRepo()
    const run = await cli(dir, ['preview', 'content/canonical-urls.md', '--out', 'out/page.html'])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(run.stdout).toContain(
      `Preview of "Cross-posting without hurting your search ranking" written to ${path.join(dir, 'out/page.html')}`,
    )
    const page = await readFile(path.join(dir, 'out/page.html'), 'utf8')
    expect(page).toMatch(/^<!DOCTYPE html>/i)
    expect(page).toContain('<title>Cross-posting without hurting your search ranking')
    expect(page).toContain('<h1>Cross-posting without hurting your search ranking</h1>')
    // `##` sections are Medium's large heading; only the subtitle would be an <h2> (issue 11).
    expect(page).toContain('<h1>How to set it</h1>')
    expect(page).not.toContain('<h2>')
    // No warning for the fenced code language (issue 11): nothing on the page or on stderr.
    expect(page).not.toContain('Code block language')
    expect(run.stderr).not.toMatch(/\[code-language\]/)
    // The local image, relative to the page so it shows when the file is opened.
    expect(page).toMatch(/<img src="\.\.\/content\/images\/flow\.png" alt="The flow from repository to Medium">/)
    // Standalone: no script, no external stylesheet.
    expect(page).not.toMatch(/<script|<link[^>]+stylesheet/i)
  })

  it('writes <article>.preview.html beside the article by default', async () => {
    const dir = await exampleRepo()
    const run = await cli(dir, ['preview', 'content/hello-medium.md'])
    expect(run.exitCode, run.stderr).toBe(0)
    const page = await readFile(path.join(dir, 'content/hello-medium.preview.html'), 'utf8')
    expect(page).toContain('<h1>Publishing to Medium from a pull request</h1>')
  })

  it('still previews an article that is already published', async () => {
    const dir = await makeWorkspace({
      'content/out.md': '---\ntitle: Already out\nmediumUrl: https://medium.com/@someone/already-out-0123456789ab\n---\n\nOld **news**.\n',
    })
    const run = await cli(dir, ['preview', 'content/out.md', '--out', 'page.html'])
    expect(run.exitCode, run.stderr).toBe(0)
    const page = await readFile(path.join(dir, 'page.html'), 'utf8')
    expect(page).toContain('<h1>Already out</h1>')
    expect(page).toContain('<strong>news</strong>')
  })

  it('refuses a missing file, a second file and a file outside the directory (exit 2)', async () => {
    const dir = await exampleRepo()
    const missing = await cli(dir, ['preview', 'content/nope.md'])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain("'content/nope.md' was not found")
    expect((await cli(dir, ['preview', 'content/hello-medium.md', 'content/release-notes.md'])).exitCode).toBe(2)
    const outside = await cli(dir, ['preview', '../elsewhere.md'])
    expect(outside.exitCode).toBe(2)
    expect(outside.stderr).toContain('is outside')
  })

  it('exits 1 for an invalid article, with its errors', async () => {
    const dir = await makeWorkspace(bad)
    const run = await cli(dir, ['preview', 'posts/drafts/status.md'])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/^posts\/drafts\/status\.md:3: error: .* \[publish-status\]$/m)
  })
})

describe('medium-publish publish', () => {
  it('publishes with MEDIUM_TOKEN, writes each URL into its file, and a second publish posts nothing', async () => {
    const dir = await exampleRepo()
    const before = Object.fromEntries(
      await Promise.all(
        ['canonical-urls', 'hello-medium', 'release-notes'].map(async (n) => [
          `content/${n}.md`,
          await readFile(path.join(dir, `content/${n}.md`), 'utf8'),
        ]),
      ),
    ) as Record<string, string>
    const run = await cli(dir, ['publish', '--medium-api-url', medium.url], { MEDIUM_TOKEN: TOKEN })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(medium.posts.map((p) => p.body.title).sort()).toEqual([...EXAMPLE_TITLES].sort())
    expect(run.stdout).toContain('3 article(s): 3 published')
    for (const stored of medium.posts) {
      const file = Object.keys(before).find((f) => before[f]!.includes(String(stored.post.title)))!
      expect(run.stdout).toContain(`${file}: recorded mediumUrl: ${stored.post.url}`)
      const after = await readFile(path.join(dir, file), 'utf8')
      const closing = before[file]!.indexOf('\n---', 4) + 1
      expect(after).toBe(before[file]!.slice(0, closing) + `mediumUrl: ${stored.post.url}\n` + before[file]!.slice(closing))
    }
    expect(run.stdout + run.stderr).not.toContain(TOKEN)

    const requests = medium.requests.length
    const again = await cli(dir, ['publish', '--medium-api-url', medium.url], { MEDIUM_TOKEN: TOKEN })
    expect(again.exitCode, again.stdout + again.stderr).toBe(0)
    expect(again.stdout).toContain('3 article(s): 3 skipped')
    expect(medium.posts).toHaveLength(3)
    expect(medium.requests.length).toBe(requests)
  })

  it('without MEDIUM_TOKEN: fails with a message saying to set it, and sends nothing', async () => {
    const dir = await exampleRepo()
    const run = await cli(dir, ['publish', '--medium-api-url', medium.url])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain('error: Set MEDIUM_TOKEN to your Medium integration token to publish.')
    expect(run.stderr).not.toContain('Could not check the Medium token')
    expect(medium.requests).toEqual([])
    for (const file of ['canonical-urls', 'hello-medium', 'release-notes']) {
      expect(await readFile(path.join(dir, `content/${file}.md`), 'utf8')).not.toContain('mediumUrl')
    }
  })

  it('without MEDIUM_TOKEN and nothing to publish: exits 0', async () => {
    const dir = await makeWorkspace({
      'content/out.md': '---\ntitle: Out\nmediumUrl: https://medium.com/@someone/out-0123456789ab\n---\n\nOld.\n',
    })
    const run = await cli(dir, ['publish', '--medium-api-url', medium.url])
    expect(run.exitCode, run.stderr).toBe(0)
    expect(medium.requests).toEqual([])
  })

  it('publishes the valid articles, skips the invalid ones and exits 1', async () => {
    const dir = await makeWorkspace({ ...bad, ...good })
    const run = await cli(dir, ['publish', 'posts/**/*.md', '--medium-api-url', medium.url], { MEDIUM_TOKEN: TOKEN })
    expect(run.exitCode).toBe(1)
    expect(medium.posts.map((p) => p.body.title).sort()).toEqual(['First post', 'Second post'])
    expect(run.stderr).toMatch(/^posts\/drafts\/status\.md:3: error: .* \[publish-status\]$/m)
    expect(await readFile(path.join(dir, 'posts/2024/second.md'), 'utf8')).toMatch(
      /^---\nmediumUrl: https:\/\/medium\.com\/.+\n---\n# Second post\n/,
    )
  })

  it('a bad token publishes nothing and says why, without echoing the token', async () => {
    const dir = await exampleRepo()
    const wrong = 'mtok-wrong-0123456789abcdef0123456789abcdef'
    const run = await cli(dir, ['publish', '--medium-api-url', medium.url], { MEDIUM_TOKEN: wrong })
    expect(run.exitCode).toBe(1)
    expect(medium.posts).toEqual([])
    expect(run.stderr).toMatch(/401|invalid|revoked/i)
    expect(run.stdout + run.stderr).not.toContain(wrong)
  })
})

/**
 * The real-world corpus (issues 12 and 13): articles written by other people, copied byte for byte
 * from public blogs of every generator (test/fixtures/realworld/: SOURCES.json says where each comes
 * from, EXPECTED.json what a correct publisher must understand, written by reading each article against
 * DESIGN.md). Each site is laid out as its generator lays it out, with its config file, and published
 * through dist/index.js against the Medium emulator with `site: auto` (dev.to and Hashnode, which
 * have no config file, by name). Asserted per article: drafts are
 * never posted; invalid articles get an error at each expected line and are not posted; the fields
 * Medium gets are the expected ones; no generator syntax reaches the posted content as text; the
 * write-back adds one line and changes no other byte; a second run posts nothing.
 */
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMediumEmulator, type MediumEmulator, type StoredPost } from '../support/medium-emulator.js'
import { filesModeInputs, publishedOf, repoRoot, runAction, type ActionRun } from '../support/run-action.js'

const CORPUS = path.join(repoRoot, 'test/fixtures/realworld')

interface Source {
  site: string
  generator: string
  root?: string
  files: Array<{ path: string; kind: 'article' | 'config' }>
}

interface Construct {
  line: number
  text: string
  becomes: string
  detail: string
}

interface Expected {
  draft: boolean
  title: string
  subtitle: string | null
  sentTags: string[]
  tagWarnings: string[]
  date: string | null
  canonicalUrl: string | null
  cover: string | null
  format: string
  constructs?: Construct[]
  errors?: Array<{ line: number; why: string }>
}

const sources = JSON.parse(await readFile(path.join(CORPUS, 'SOURCES.json'), 'utf8')) as Source[]
const expected = JSON.parse(await readFile(path.join(CORPUS, 'EXPECTED.json'), 'utf8')) as Record<string, Expected>
const TOKEN = 'mtok-SECRET-realworld-5e6f7a8b9c0d1e2f'
const NOW = Date.now()

/** Generator syntax that must never reach Medium as text (outside code). */
const LEAK =
  /\{\{[<%]|[<%]\}\}|\{%-?\s|\s-?%\}|^:{3,}\s*\w|\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]|\{:\s*[.#]|<!--\s*(?:more|truncate)|%\[https?:|\salign=["'](?:left|right|center)["']\)|^(?:import|export)\s/m

let medium: MediumEmulator
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: TOKEN }], dailyLimit: 10_000 })
})
afterAll(async () => medium.close())

/** The site folder (relative to the corpus) and its articles, relative to the site. */
function siteOf(source: Source): { folder: string; articles: string[] } {
  const root = source.root ?? ''
  const strip = (p: string) => (root ? p.slice(root.length + 1) : p)
  return { folder: path.join(source.site, root), articles: source.files.filter((f) => f.kind === 'article').map((f) => strip(f.path)) }
}

/** `auto`, except for dev.to and Hashnode: a repository of their articles has no config file to tell (README "Bring your blog"). */
const siteInput = (source: Source) => (source.generator === 'devto' || source.generator === 'hashnode' ? source.generator : 'auto')

const isInvalid = (e: Expected) => (e.errors?.length ?? 0) > 0 || (e.constructs ?? []).some((c) => c.becomes === 'error')

/** What reaches the reader: the content without code blocks and spans (syntax inside code is never touched). */
const outsideCode = (html: string) => html.replace(/<pre>[\s\S]*?<\/pre>/g, '').replace(/<code>[\s\S]*?<\/code>/g, '')

describe.each(sources.map((s) => [s.site, s] as const))('%s', (_name, source) => {
  const { folder, articles } = siteOf(source)
  let workspace: string
  let run: ActionRun
  let posts: StoredPost[]
  const originals = new Map<string, string>()
  beforeAll(async () => {
    workspace = await mkdtemp(path.join(tmpdir(), `mpa-realworld-${source.site}-`))
    await cp(path.join(CORPUS, folder), workspace, { recursive: true })
    for (const article of articles) originals.set(article, await readFile(path.join(workspace, article), 'utf8'))
    const before = medium.posts.length
    run = await runAction({
      workspace,
      inputs: filesModeInputs(medium, TOKEN, {
        articles: articles.join('\n'),
        images: 'upload',
        'max-articles': '100',
        site: siteInput(source),
      }),
      timeoutMs: 120_000,
    })
    posts = medium.posts.slice(before)
  }, 150_000)

  it.each(articles)('%s', async (article) => {
    const want = expected[`${source.site}/${path.posix.join(source.root ?? '', article)}`]
    expect(want, `EXPECTED.json has ${article}`).toBeDefined()
    const post = posts.find((p) => publishedOf(run).find((x) => x.path === article)?.id === p.post.id)
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file === article)
    if (want!.draft) {
      expect(post, 'a draft is never posted').toBeUndefined()
      expect(run.summary).toMatch(new RegExp(`${article.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\`.*draft`))
      return
    }
    if (isInvalid(want!)) {
      expect(post, 'an invalid article is not posted').toBeUndefined()
      const lines = [
        ...(want!.errors ?? []).map((e) => e.line),
        ...(want!.constructs ?? []).filter((c) => c.becomes === 'error').map((c) => c.line),
      ]
      for (const line of lines)
        expect(
          errors.map((e) => e.line),
          `an error at line ${line} of ${article}`,
        ).toContain(line)
      return
    }
    expect(errors, `no error for ${article}`).toEqual([])
    expect(post, `${article} is posted`).toBeDefined()
    const body = post!.body
    expect(body.title).toBe(want!.title)
    expect(body.tags).toEqual(want!.sentTags)
    if (want!.canonicalUrl) expect(body.canonicalUrl).toBe(want!.canonicalUrl)
    else expect(body.canonicalUrl).toBeUndefined()
    const content = body.content as string
    if (want!.subtitle) expect(content).toContain(`<h2>${escapeHtml(want!.subtitle)}</h2>`)
    else expect(content).not.toMatch(/<h2>/)
    if (want!.cover) expect(content).toMatch(/^<h1>[\s\S]*?<\/h1>\s*(?:<h2>[\s\S]*?<\/h2>\s*)?<figure><img /)
    if (want!.date && Date.parse(want!.date) < NOW) expect(body.publishedAt).toBe(new Date(want!.date).toISOString())
    expect(outsideCode(content), 'no generator syntax reaches Medium as text').not.toMatch(LEAK)
    for (const tag of want!.tagWarnings) {
      expect(run.annotations.some((a) => a.level === 'warning' && a.file === article && a.message.includes(JSON.stringify(tag)))).toBe(true)
    }
    // The write-back added one line and changed no other byte.
    const after = await readFile(path.join(workspace, article), 'utf8')
    const added = after.split(/(?<=\n)/).filter((line) => line.includes(post!.post.url))
    expect(added).toHaveLength(1)
    expect(after.replace(added[0]!, '')).toBe(originals.get(article))
  })

  it('a second run posts nothing', async () => {
    const before = medium.posts.length
    const again = await runAction({
      workspace,
      inputs: filesModeInputs(medium, TOKEN, { articles: articles.join('\n'), 'max-articles': '100', site: siteInput(source) }),
    })
    expect(medium.posts.length, again.stdout).toBe(before)
  })
})

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

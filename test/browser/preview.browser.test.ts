/**
 * The preview page as an author sees it, in a real browser, for real articles rendered by the real
 * renderer: the articles of content/ and a few golden cases of test/fixtures/render go through
 * findLocalImages -> renderArticle -> renderPreviewPage, as `medium-publish preview` does, with their
 * local images served on 127.0.0.1. Each page is opened in Debian's headless Chromium; screenshots
 * land in test-results/preview-<name>.png.
 */
import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { findLocalImages } from '../../src/markdown/local-images.js'
import { renderArticle } from '../../src/markdown/render.js'
import type { RenderInput } from '../../src/markdown/render-types.js'
import { renderPreviewPage, type PreviewPageInput } from '../../src/report/preview-page.js'
import { fixtureInput, GOLDEN_ROOT, goldenInput } from '../unit/markdown/fixture-input.js'
import { chromiumMissingReason, launchChromium, skipOrFailWithoutChromium, type Browser } from './chromium.js'
import { serveStatic, type StaticFile, type StaticServer } from './static-server.js'

/** The one browser global used inside `evaluate` callbacks (the project compiles without the DOM lib). */
declare const getComputedStyle: (element: unknown) => {
  fontSize: string
  lineHeight: string
  fontFamily: string
  borderLeftColor: string
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RESULTS = join(ROOT, 'test-results')
const VIEWPORT = { width: 1100, height: 900 }
const PNG = readFileSync(join(ROOT, 'content/images/flow.png'))
/** Every rule id the renderer reports is documented in the README's rendering table. */
const RENDERING_TABLE = readFileSync(join(ROOT, 'src/markdown/README-table.md'), 'utf8')

interface PreviewCase {
  name: string
  page: PreviewPageInput
  subtitle?: string
}

/** An article of content/: its YAML front-matter read the simple way (these files use plain YAML). */
/** What the preview shows besides the HTML: the path and the post fields. */
type Meta = Omit<PreviewPageInput, 'html' | 'diagnostics'>

function contentArticle(file: string): { input: RenderInput; meta: Meta } {
  const path = `content/${file}`
  const text = readFileSync(join(ROOT, path), 'utf8')
  const match = /^---\n([^]*?)\n---\n/.exec(text)
  if (!match) throw new Error(`${path}: no front-matter`)
  const data = parse(match[1]!) as Record<string, unknown>
  const title = String(data.title)
  const tags = Array.isArray(data.tags) ? data.tags.map(String) : String(data.tags ?? '').split(/\s*,\s*/)
  return {
    input: {
      ...fixtureInput(text.slice(match[0].length)),
      path,
      title,
      bodyStartLine: match[0].split('\n').length,
    },
    meta: {
      path,
      post: {
        title,
        tags,
        publishStatus: (data.publishStatus as PreviewPageInput['post']['publishStatus'] | undefined) ?? 'draft',
        ...(typeof data.canonicalUrl === 'string' ? { canonicalUrl: data.canonicalUrl } : {}),
        ...(typeof data.license === 'string' ? { license: data.license as PreviewPageInput['post']['license'] } : {}),
      },
    },
  }
}

/** As the pipeline does: find the local images, give each a URL (here on the test server), render. */
function preview(name: string, input: RenderInput, meta: Meta, origin: string, files: Record<string, StaticFile>): PreviewCase {
  const found = findLocalImages(input)
  const imageUrls = new Map(found.images.map((image) => [image.path, `${origin}/${encodeURI(image.path)}`]))
  for (const image of found.images) files[`/${encodeURI(image.path)}`] = { type: 'image/png', body: PNG }
  const rendered = renderArticle({ ...input, imageUrls })
  // The render repeats findLocalImages' image errors word for word (image-finders.test.ts): list them once.
  return {
    name,
    page: { ...meta, html: rendered.html, diagnostics: rendered.diagnostics },
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
  }
}

function golden(name: string, origin: string, files: Record<string, StaticFile>): PreviewCase {
  const input = { ...goldenInput(join(GOLDEN_ROOT, name)), path: `content/${name}.md` }
  const meta: Meta = { path: input.path, post: { title: input.title, tags: ['golden'], publishStatus: 'draft' } }
  return preview(name, input, meta, origin, files)
}

const missing = chromiumMissingReason()

describe('preview page of real rendered articles, in headless Chromium', () => {
  let server: StaticServer | undefined
  let browser: Browser | undefined
  const cases = new Map<string, PreviewCase>()
  const pages = new Map<string, Page>()
  const consoleErrors: string[] = []
  const requestedUrls: string[] = []

  beforeAll(async () => {
    if (missing) {
      console.warn(`${process.env.CI === 'true' ? 'failing' : 'skipping'} the browser test: ${missing}`)
      return
    }
    const files: Record<string, StaticFile> = {}
    server = await serveStatic(files)
    const origin = server.origin
    for (const file of ['canonical-urls.md', 'release-notes.md', 'hello-medium.md']) {
      const { input, meta } = contentArticle(file)
      cases.set(file, preview(file, input, meta, origin, files))
    }
    for (const name of ['interplay-everything', 'cover-local', 'image-url-scheme']) cases.set(name, golden(name, origin, files))
    for (const { name, page } of cases.values())
      files[`/${name}.html`] = { type: 'text/html; charset=utf-8', body: renderPreviewPage(page) }

    browser = await launchChromium(VIEWPORT)
    const { context } = browser
    context.on('request', (request) => requestedUrls.push(request.url()))
    await mkdir(RESULTS, { recursive: true })
    for (const name of cases.keys()) {
      const page = await context.newPage()
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${name}: ${message.text()}`)
      })
      page.on('pageerror', (error) => consoleErrors.push(`${name}: ${String(error)}`))
      await page.goto(`${origin}/${name}.html`, { waitUntil: 'load', timeout: 10_000 })
      await page.screenshot({ path: join(RESULTS, `preview-${name.replace(/\.md$/, '')}.png`), fullPage: true })
      pages.set(name, page)
    }
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const page = (name: string) => pages.get(name)!
  const headingNames = async (name: string, level: number) =>
    (await page(name).locator(`article h${level}`).allInnerTexts()).map((t) => t.trim())

  it('shows each title once, first, at the title size; the tab says it is a preview', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    for (const [name, { page: input }] of cases) {
      const first = page(name).locator('article > :first-child')
      expect(await first.evaluate((el) => el.tagName), name).toBe('H1')
      expect((await first.innerText()).trim(), name).toBe(input.post.title)
      expect(await first.evaluate((el) => getComputedStyle(el).fontSize), name).toBe('42px')
      expect(
        (await headingNames(name, 1)).filter((text) => text === input.post.title),
        name,
      ).toHaveLength(1)
      expect(await page(name).title()).toBe(`${input.post.title} (Medium preview)`)
    }
    // release-notes.md repeats its title as the body's first `#` heading: still shown once.
    expect(cases.get('release-notes.md')?.page.html.match(/What we shipped in March/g)).toHaveLength(1)
  })

  it('shows no <h2> but the subtitle, right under the title; ## sections are large headings, ### small ones', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    for (const [name, { subtitle }] of cases) {
      expect(await headingNames(name, 2), name).toEqual(subtitle ? [subtitle] : [])
      expect(await page(name).locator('article h4, article h5, article h6').count(), name).toBe(0)
    }
    expect(await page('cover-local').locator('article > h1 + h2 + figure img').count()).toBe(1)
    expect(await headingNames('release-notes.md', 1)).toEqual(['What we shipped in March', 'Highlights', 'Fixed'])
    expect(await headingNames('canonical-urls.md', 1)).toEqual(['Cross-posting without hurting your search ranking', 'How to set it'])
    expect(await headingNames('interplay-everything', 1)).toEqual(['Fixture title', 'Setup'])
    expect(await headingNames('interplay-everything', 3)).toEqual(['Notes'])
  })

  it('shows the content in a Medium-like reading column', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const paragraph = page('canonical-urls.md').locator('article p', { hasText: 'When an article lives on your own site first' })
    expect(await paragraph.isVisible()).toBe(true)
    const style = await paragraph.evaluate((el) => {
      const s = getComputedStyle(el)
      return { fontSize: s.fontSize, lineHeight: s.lineHeight, width: el.getBoundingClientRect().width, family: s.fontFamily }
    })
    expect(style).toMatchObject({ fontSize: '20px', lineHeight: '32px', width: 680 })
    expect(style.family).toMatch(/^Charter,.*Georgia/)
    expect(await page('canonical-urls.md').locator('article pre').innerText()).toContain(
      'canonicalUrl: https://example.com/blog/canonical-urls/',
    )
    expect(await page('hello-medium.md').locator('article blockquote').isVisible()).toBe(true)
    expect(await page('hello-medium.md').locator('article li').count()).toBe(3)
    expect(await page('release-notes.md').locator('article ol li').count()).toBe(3)
    // Numbers kept as text where Medium would renumber, and the flattened items as lines.
    expect(
      await page('interplay-everything')
        .locator('article p', { hasText: /^2\. Configure:/ })
        .innerText(),
    ).toMatch(/– ☑ token\n– ☐ docs/)
  })

  it('shows local images, served like uploaded ones, with captions only from titles and figcaptions', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const loaded = async (name: string) =>
      page(name)
        .locator('article img')
        .evaluateAll((els) => els.map((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
    expect(await loaded('canonical-urls.md')).toEqual([240])
    expect(await loaded('cover-local')).toEqual([240, 240])
    expect(await loaded('interplay-everything')).toEqual([240])
    expect(await page('canonical-urls.md').locator('article figcaption').allInnerTexts()).toEqual([
      'From a merged pull request to a Medium post',
    ])
    // The cover's caption; the body image has alt text only, so no caption.
    expect(await page('cover-local').locator('article figcaption').allInnerTexts()).toEqual(['Photo by the author'])
    expect(await page('cover-local').locator('article figure img').first().getAttribute('alt')).toBe('A harbour at dawn')
  })

  it('lists the renderer’s own diagnostics at the top: path:line, errors first, each with a documented rule id', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    for (const [name, { page: input }] of cases) {
      const items = page(name).locator('.diagnostics li')
      expect(await items.count(), name).toBe(input.diagnostics.length)
      for (const rule of await page(name).locator('.diagnostics .rule').allInnerTexts())
        expect(RENDERING_TABLE, `${name}: ${rule}`).toContain(`\`${rule}\``)
    }
    expect(cases.get('canonical-urls.md')?.page.diagnostics).toEqual([])
    expect(await page('canonical-urls.md').locator('.diagnostics').count()).toBe(0)

    const warnings = page('interplay-everything')
    const panel = warnings.getByRole('region', { name: '6 warnings' })
    expect(await panel.isVisible()).toBe(true)
    // By line, then column: the list starts at column 1 of line 5, its footnote later on that line.
    expect(await warnings.locator('.diagnostics .rule').allInnerTexts()).toEqual([
      'list-flattened',
      'footnote',
      'task-list',
      'task-list',
      'table',
      'heading-level',
    ])
    const texts = (await warnings.locator('.diagnostics li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))
    expect(texts[0]).toMatch(/^WARNING content\/interplay-everything\.md:5 List was rewritten for Medium/)
    expect(texts[1]).toMatch(/^WARNING content\/interplay-everything\.md:5 Footnote "\[\^i\]"/)
    const panelBox = await panel.boundingBox()
    const articleBox = await warnings.locator('article').boundingBox()
    expect(panelBox?.y).toBe(0)
    expect(articleBox?.y).toBeGreaterThan((panelBox?.y ?? 0) + (panelBox?.height ?? 0))

    const error = page('image-url-scheme')
    expect(await error.getByRole('region', { name: '1 error' }).isVisible()).toBe(true)
    const item = error.locator('.diagnostics li')
    expect((await item.innerText()).replace(/\s+/g, ' ')).toMatch(
      /^ERROR content\/image-url-scheme\.md:3 Image "ftp:\/\/files\.example\/a\.png" uses the "ftp:" scheme/,
    )
    expect(await item.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(201, 25, 11)')
    expect(
      await warnings
        .locator('.diagnostics li')
        .first()
        .evaluate((el) => getComputedStyle(el).borderLeftColor),
    ).toBe('rgb(217, 142, 4)')
  })

  it('shows status, tags, canonical URL, license and source path in the header strip', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const text = (await page('canonical-urls.md').locator('header.meta').innerText()).replace(/\s+/g, ' ')
    expect(text).toContain('Public')
    expect(text).toContain('seo blogging medium')
    expect(text).toContain('https://example.com/blog/canonical-urls/')
    expect(text).toContain('CC BY 4.0')
    expect(text).toContain('content/canonical-urls.md')
    expect(await page('release-notes.md').locator('header .tag').allInnerTexts()).toEqual(['engineering', 'release notes', 'changelog'])
  })

  it('logs no console error and sends no request beyond 127.0.0.1', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    expect(consoleErrors).toEqual([])
    const outside = requestedUrls.filter((url) => !url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1')
    expect(outside).toEqual([])
    expect(server?.requests).toEqual(
      expect.arrayContaining(['/canonical-urls.md.html', '/content/images/flow.png', '/images/cover.jpg', '/content/img/a.png']),
    )
  })
})

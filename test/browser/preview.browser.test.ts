/**
 * Issue #4 item 6: the preview page as an author sees it, in a real browser.
 * A realistic article with two warnings and one error is served on 127.0.0.1 and opened in
 * Debian's headless Chromium; the screenshot lands in test-results/preview.png.
 */
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import { renderPreviewPage } from '../../src/report/preview-page.js'
import { chromiumMissingReason, launchChromium, skipOrFailWithoutChromium, type Browser } from './chromium.js'
import { serveStatic, type StaticServer } from './static-server.js'

/** The one browser global used inside `evaluate` callbacks (the project compiles without the DOM lib). */
declare const getComputedStyle: (element: unknown) => {
  fontSize: string
  lineHeight: string
  fontFamily: string
  borderLeftColor: string
}

const SCREENSHOT = fileURLToPath(new URL('../../test-results/preview.png', import.meta.url))
const VIEWPORT = { width: 1100, height: 900 }
const PATH = 'content/posts/shipping-articles-from-git.md'
const TITLE = 'Shipping articles from git to Medium'

const PIPELINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1360" height="360" viewBox="0 0 1360 360">
<rect width="1360" height="360" fill="#f7f7f5"/>
${['discover', 'validate', 'render', 'publish', 'record']
  .map(
    (step, i) =>
      `<rect x="${60 + i * 260}" y="130" width="200" height="100" rx="14" fill="#fff" stroke="#242424" stroke-width="3"/>` +
      `<text x="${160 + i * 260}" y="190" font-family="Helvetica, Arial, sans-serif" font-size="30" text-anchor="middle" fill="#242424">${step}</text>` +
      (i < 4 ? `<path d="M${262 + i * 260} 180 h54" stroke="#1a8917" stroke-width="5" marker-end="url(#a)"/>` : ''),
  )
  .join('\n')}
<defs><marker id="a" viewBox="0 0 10 10" refX="6" refY="5" markerWidth="4" markerHeight="4" orient="auto"><path d="M0 0 L10 5 L0 10z" fill="#1a8917"/></marker></defs>
</svg>`

/** What the renderer produces for a typical article (title heading added, code language dropped). */
function articleHtml(origin: string): string {
  return `<h1>${TITLE}</h1>
<p>Most of us already write in Markdown, review in pull requests and keep everything in git. Medium, on the other hand, wants you to paste into its editor. This post shows how a small GitHub Action closes that gap: <strong>write once, publish on merge</strong>, and keep the post's URL next to the source.</p>
<h2>Why publish from a repository</h2>
<p>A repository gives you history, review and a place for images. The action adds three guarantees on top:</p>
<ul>
<li>An article is published <em>once</em>: its Medium URL is written back into the front-matter.</li>
<li>Nothing is published from a pull request; reviewers get this preview instead.</li>
<li>Whatever Medium would silently drop is turned into something readable, with a warning.</li>
</ul>
<h3>The workflow</h3>
<p>Add the step after <code>actions/checkout</code> and give it a token from your repository secrets:</p>
<pre><code>- uses: actions/checkout@v4
- uses: example/medium-publish-action@v1
  with:
    medium-token: \${{ secrets.MEDIUM_TOKEN }}
    articles: content/**/*.md
    publish-status: draft
</code></pre>
<figure><img src="${origin}/images/pipeline.svg" alt="The pipeline: discover, validate, render, publish, record"><figcaption>Each run walks the same five steps; only publish and record talk to the outside world.</figcaption></figure>
<blockquote><p>Medium's API can create a post but never update it, so the first publish is the one that counts.</p></blockquote>
<h4>What about drafts?</h4>
<p>Set <code>publishStatus: draft</code> in the front-matter and the post lands in your drafts, ready for a last look in Medium's editor. Read more in <a href="${origin}/docs/drafts">the guide</a>.</p>
<hr>
<p>Questions and ideas are welcome in the repository's discussions.</p>`
}

const DIAGNOSTICS: Diagnostic[] = [
  {
    path: PATH,
    line: 23,
    severity: 'warning',
    message: 'Code-fence language "yaml" dropped: Medium code blocks have no language.',
    ruleId: 'code-language-dropped',
  },
  {
    path: PATH,
    line: 4,
    severity: 'error',
    message: 'Tag "continuous-integration-and-delivery" is 35 characters: Medium drops tags over 25. Shorten it.',
    ruleId: 'tag-too-long',
  },
  {
    path: PATH,
    line: 41,
    severity: 'warning',
    message: 'Heading level 5 "Footnotes" turned into a bold paragraph: Medium shows only two heading sizes.',
    ruleId: 'heading-demoted',
  },
]

const missing = chromiumMissingReason()

describe('preview page in headless Chromium', () => {
  let server: StaticServer | undefined
  let browser: Browser | undefined
  let page: Page
  const consoleErrors: string[] = []
  const requestedUrls: string[] = []

  beforeAll(async () => {
    if (missing) {
      console.warn(`${process.env.CI === 'true' ? 'failing' : 'skipping'} the browser test: ${missing}`)
      return
    }
    const files: Parameters<typeof serveStatic>[0] = {
      '/images/pipeline.svg': { type: 'image/svg+xml', body: PIPELINE_SVG },
    }
    server = await serveStatic(files)
    files['/preview.html'] = {
      type: 'text/html; charset=utf-8',
      body: renderPreviewPage({
        path: PATH,
        post: {
          title: TITLE,
          tags: ['github-actions', 'markdown', 'continuous-integration-and-delivery'],
          publishStatus: 'draft',
          canonicalUrl: 'https://example.com/blog/shipping-articles-from-git/',
          license: 'cc-40-by',
        },
        html: articleHtml(server.origin),
        diagnostics: DIAGNOSTICS,
      }),
    }

    browser = await launchChromium(VIEWPORT)
    const { context } = browser
    context.on('request', (request) => requestedUrls.push(request.url()))
    page = context.pages()[0] ?? (await context.newPage())
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(String(error)))
    await page.goto(`${server.origin}/preview.html`, { waitUntil: 'load', timeout: 10_000 })
    await mkdir(dirname(SCREENSHOT), { recursive: true })
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
  }, 20_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows the title as the post heading and in the tab', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const heading = page.getByRole('heading', { level: 1, name: TITLE })
    expect(await heading.count()).toBe(1)
    expect(await heading.isVisible()).toBe(true)
    expect(await page.title()).toBe(`${TITLE} (Medium preview)`)
    // Medium's title size, in a sans-serif face.
    expect(await heading.evaluate((el) => getComputedStyle(el).fontSize)).toBe('42px')
  })

  it('shows the content in a Medium-like reading column', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const paragraph = page.locator('article p', { hasText: 'Most of us already write in Markdown' })
    expect(await paragraph.isVisible()).toBe(true)
    const style = await paragraph.evaluate((el) => {
      const s = getComputedStyle(el)
      return { fontSize: s.fontSize, lineHeight: s.lineHeight, width: el.getBoundingClientRect().width, family: s.fontFamily }
    })
    expect(style).toMatchObject({ fontSize: '20px', lineHeight: '32px', width: 680 })
    expect(style.family).toMatch(/^Charter,.*Georgia/)

    const code = page.locator('article pre')
    expect(await code.isVisible()).toBe(true)
    expect(await code.innerText()).toContain('medium-token: ${{ secrets.MEDIUM_TOKEN }}')

    expect(await page.locator('article blockquote').isVisible()).toBe(true)
    expect(await page.locator('article li').count()).toBe(3)
    const caption = page.locator('article figcaption')
    expect(await caption.isVisible()).toBe(true)
    // The figure's image really loaded and is scaled into the column.
    const image = await page
      .locator('article figure img')
      .evaluate((el) => ({ loaded: (el as unknown as { naturalWidth: number }).naturalWidth, width: el.getBoundingClientRect().width }))
    expect(image.loaded).toBe(1360)
    expect(image.width).toBe(680)
  })

  it('lists the problems at the top with path:line, the error first, red before amber', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const panel = page.getByRole('region', { name: '1 error, 2 warnings' })
    expect(await panel.isVisible()).toBe(true)
    const panelBox = await panel.boundingBox()
    const articleBox = await page.locator('article').boundingBox()
    expect(panelBox?.y).toBe(0)
    expect(articleBox?.y).toBeGreaterThan((panelBox?.y ?? 0) + (panelBox?.height ?? 0))

    const items = page.locator('.diagnostics li')
    const texts = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))
    expect(texts).toHaveLength(3)
    expect(texts[0]).toMatch(new RegExp(`^ERROR ${PATH}:4 Tag "continuous-integration-and-delivery"`))
    expect(texts[1]).toMatch(new RegExp(`^WARNING ${PATH}:23 Code-fence language`))
    expect(texts[2]).toMatch(new RegExp(`^WARNING ${PATH}:41 Heading level 5`))
    for (let i = 0; i < 3; i++) {
      const box = await items.nth(i).boundingBox()
      // Readable without scrolling.
      expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThan(VIEWPORT.height)
    }
    const borders = await items.evaluateAll((els) => els.map((el) => getComputedStyle(el).borderLeftColor))
    expect(borders).toEqual(['rgb(201, 25, 11)', 'rgb(217, 142, 4)', 'rgb(217, 142, 4)'])
  })

  it('shows status, tags, canonical URL, license and source path in the header strip', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    const header = page.locator('header.meta')
    expect(await header.isVisible()).toBe(true)
    const text = (await header.innerText()).replace(/\s+/g, ' ')
    expect(text).toContain('Draft')
    expect(text).toContain('github-actions markdown continuous-integration-and-delivery')
    expect(text).toContain('https://example.com/blog/shipping-articles-from-git/')
    expect(text).toContain('CC BY 4.0')
    expect(text).toContain(PATH)
    expect(await page.locator('header .tag').count()).toBe(3)
  })

  it('logs no console error and sends no request beyond 127.0.0.1', async ({ skip }) => {
    skipOrFailWithoutChromium(skip, missing)
    expect(consoleErrors).toEqual([])
    expect(requestedUrls.length).toBeGreaterThanOrEqual(2)
    const outside = requestedUrls.filter((url) => !url.startsWith('data:') && new URL(url).hostname !== '127.0.0.1')
    expect(outside).toEqual([])
    expect(server?.requests).toEqual(['/preview.html', '/images/pipeline.svg'])
  })
})

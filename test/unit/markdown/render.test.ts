import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import remarkGfmFeatures, { gfmFeaturesKey, gfmFeaturesOf, type GfmFeatures } from '../../../src/markdown/gfm-features.js'
import { struck } from '../../../src/markdown/plugins/rehype-medium-html.js'
import { VFile } from 'vfile'
import type { MediumRenderContext } from '../../../src/markdown/context.js'
import { allPlugins, selectionKey, selectPlugins, syntaxOptions } from '../../../src/markdown/plugin-selection.js'
import { createProcessor, renderArticle } from '../../../src/markdown/render.js'
import type { RenderInput } from '../../../src/markdown/render-types.js'
import { allGoldenBodies, fixtureInput, GOLDEN_ROOT, goldenCases, goldenInput } from './fixture-input.js'

const render = (body: string, overrides: Partial<ReturnType<typeof fixtureInput>> = {}) =>
  renderArticle({ ...fixtureInput(body), ...overrides })
const rules = (body: string, overrides = {}) => render(body, overrides).diagnostics.map((d) => `${d.line}:${d.ruleId}`)

describe('renderArticle', () => {
  it('is deterministic: the same input gives the same output, across calls and interleaved articles', () => {
    const body = readFileSync(join(GOLDEN_ROOT, 'interplay-everything/input.md'), 'utf8')
    const first = render(body)
    render('Other | article\n---|---\n1 | 2\n\n<iframe></iframe>')
    expect(render(body)).toEqual(first)
  })

  it('reports file lines: bodyStartLine + line in the body - 1, with the article path', () => {
    const [diagnostic] = render('text\n\n##### deep', { bodyStartLine: 10 }).diagnostics
    expect(diagnostic).toMatchObject({ path: 'content/post.md', line: 12, severity: 'warning', ruleId: 'heading-level' })
    expect(diagnostic?.message).toContain('"#####"')
  })

  it('marks image problems as errors and transformations as warnings; a code language is dropped without one', () => {
    const { diagnostics } = render('![x](img/missing.png)\n\n```js\nx\n```\n\n##### deep')
    expect(diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['image-unresolved', 'error'],
      ['heading-level', 'warning'],
    ])
  })

  it('starts with the title once: the first body h1 equal to it is not repeated, wherever it is; later h1 stay large headings', () => {
    expect(render('Text', { title: 'A & B' }).html).toMatch(/^<h1>A &#x26; B<\/h1>/)
    const html = render('Intro\n\n#  Same \n\n# Second\n\n# Same', { title: ' Same ' }).html
    expect(html).toBe('<h1>Same</h1>\n<p>Intro</p>\n<h1>Second</h1>\n<h1>Same</h1>')
    // The title as written in the heading (the pipeline takes it from the source line), or as read.
    expect(render('# Hello *world*\n\nx', { title: 'Hello *world*' }).html).toBe('<h1>Hello *world*</h1>\n<p>x</p>')
    expect(render('# Hello *world*\n\nx', { title: 'Hello world' }).html).toBe('<h1>Hello world</h1>\n<p>x</p>')
    // Only a top-level h1: a `##` or a quoted heading with the title's text is the body's own.
    expect(render('## Same', { title: 'Same' }).html).toBe('<h1>Same</h1>\n<h1>Same</h1>')
  })

  it('sends <h2> only for the subtitle, right after the title; a blank subtitle sends none', () => {
    expect(render('## Part\n\ntext', { subtitle: 'Sub' }).html).toBe('<h1>Fixture title</h1>\n<h2>Sub</h2>\n<h1>Part</h1>\n<p>text</p>')
    expect(render('text', { subtitle: '  ' }).html).toBe('<h1>Fixture title</h1>\n<p>text</p>')
    const body = allGoldenBodies()
    expect(render(body).html).not.toMatch(/<h2\b/)
  })

  it('maps the body headings: the highest level used is <h1>, deeper levels <h3>, whatever the levels are', () => {
    expect(render('### a\n\n#### b').html).toBe('<h1>Fixture title</h1>\n<h1>a</h1>\n<h3>b</h3>')
    expect(render('x\n\n# a\n\n## b\n\n#### c').html).toBe('<h1>Fixture title</h1>\n<p>x</p>\n<h1>a</h1>\n<h3>b</h3>\n<h3>c</h3>')
    expect(render('<h4>raw</h4>\n\n## md').html).toBe('<h1>Fixture title</h1>\n<h3>raw</h3>\n<h1>md</h1>')
  })

  it('puts the cover after the title and subtitle, resolved like a body image, its errors at the cover line', () => {
    const cover = { src: 'img/a.png', alt: 'A', caption: 'C' }
    expect(render('text', { subtitle: 'S', cover }).html).toBe(
      '<h1>Fixture title</h1>\n<h2>S</h2>\n<figure><img src="https://cdn.example/a.png" alt="A"><figcaption>C</figcaption></figure>\n<p>text</p>',
    )
    const missing = render('text', { cover: { src: 'img/none.png' }, coverLine: 3, bodyStartLine: 8 })
    expect(missing.diagnostics.map((d) => `${d.line}:${d.ruleId}:${d.severity}`)).toEqual(['3:image-unresolved:error'])
    expect(render('text', { cover: { src: 'img/none.png' } }).diagnostics[0]?.line).toBeUndefined()
  })

  it('appends the footer, rendered on its own: its diagnostics have no line, say so, and come last', () => {
    const result = render('Body [top](#top)\n\n- a\n', { footer: '- b\n\n[up](#up)', bodyStartLine: 4 })
    expect(result.html).toBe('<h1>Fixture title</h1>\n<p>Body top</p>\n<ul>\n<li>a</li>\n</ul>\n<ul>\n<li>b</li>\n</ul>\n<p>up</p>')
    expect(result.diagnostics.map((d) => [d.line, d.ruleId])).toEqual([
      [4, 'link-anchor'],
      [undefined, 'link-anchor'],
    ])
    expect(result.diagnostics[1]?.message).toMatch(/^In the footer: In-page link "#up"/)
    expect(render('x', { footer: ' \n' }).html).toBe('<h1>Fixture title</h1>\n<p>x</p>')
  })

  it('links an article to its Medium URL once published, else to the repository; warns when neither is possible', () => {
    expect(render('[a](published.md)').html).toContain('href="https://medium.com/@me/published-0123456789ab"')
    expect(render('[a](draft.md#x)').html).toContain('href="https://github.com/owner/repo/blob/0123abc/content/draft.md#x"')
    const without = render('[a](draft.md)', { repositoryBlobBase: undefined })
    expect(without.html).toContain('<p>a</p>')
    expect(without.diagnostics.map((d) => d.ruleId)).toEqual(['link-relative'])
  })

  it('maps local images through imageUrls (raw HTML and images inside text included) and leaves remote ones alone', () => {
    const html = render('![a](img/a.png)\n\n<p>x <img src="/images/b.gif"></p>\n\n![r](https://r.test/r.png)').html
    expect(html).toContain('src="https://cdn.example/a.png"')
    expect(html).toContain('<p>x <a href="https://cdn.example/b.gif">image</a></p>')
    expect(html).toContain('src="https://r.test/r.png"')
  })

  it('never sends what Medium drops: no tables, inputs, sup, iframes, classes or ids', () => {
    const body = allGoldenBodies()
    const { html } = render(body)
    expect(html).not.toMatch(/<(table|input|sup|iframe|script|style|section|del|s|h2|h4|h5|h6)\b|class=|id=|start=/)
  })

  it('documents every rule id it reports in the README rendering tables (Markdown, generator syntax)', () => {
    const table = ['README-table.md', 'syntax/README-table.md']
      .map((name) => readFileSync(join(import.meta.dirname, '../../../src/markdown', name), 'utf8'))
      .join('\n')
    const reported = new Set(
      goldenCases().flatMap((name) => renderArticle(goldenInput(join(GOLDEN_ROOT, name))).diagnostics.map((d) => d.ruleId)),
    )
    expect(reported.size).toBeGreaterThanOrEqual(20)
    for (const rule of reported) expect(table, rule).toContain(`\`${rule}\``)
  })

  it('sends no empty element, whatever the input', () => {
    const body = allGoldenBodies()
    for (const html of [render(body).html, render('[](https://x.test)\n\n#\n\n<p><b> </b></p>\n\n- \n\n> \n\n```\n```').html]) {
      expect(html).not.toMatch(/<(\w+)[^>]*>\s*<\/\1>/)
      expect(html).not.toMatch(/<(p|li|a|strong|em|figcaption|h1|h3)\b[^>]*>(?:\s|<br>)*<\//)
    }
  })

  it('leaves no empty bullet when a flattened item has no text before a block, or none at all', () => {
    expect(render('- a\n  - b\n- ```\n  code\n  ```\n').html).toBe(
      '<h1>Fixture title</h1>\n<ul>\n<li>a<br>\n– b</li>\n</ul>\n<pre><code>code\n</code></pre>',
    )
    expect(render('- a\n  - b\n-\n').html).toBe('<h1>Fixture title</h1>\n<ul>\n<li>a<br>\n– b</li>\n</ul>')
  })

  it('keeps all the text of a flattened nested list', () => {
    const html = render('- one\n  - two\n    - three\n\n      para\n- four').html
    for (const word of ['one', 'two', 'three', 'para', 'four']) expect(html).toContain(word)
    expect(html).not.toMatch(/<ul>\s*<li>[^]*<ul>/)
  })
})

describe('plugin selection', () => {
  /** Render with every plugin and GFM extension on, as renderArticle would without the selection. */
  const renderWithAll = (input: RenderInput) => {
    const { path, articleUrls, articlePaths, imageUrls, repositoryBlobBase, siteUrl, title, subtitle, cover } = input
    const medium: MediumRenderContext = {
      path,
      articleUrls,
      articlePaths,
      imageUrls,
      ...(repositoryBlobBase === undefined ? {} : { repositoryBlobBase }),
      ...(siteUrl === undefined ? {} : { siteUrl }),
      head: { title, ...(subtitle === undefined ? {} : { subtitle }), ...(cover === undefined ? {} : { cover }) },
    }
    const file = new VFile({ value: input.body, path, data: { medium } })
    const html = String(createProcessor(allPlugins(syntaxOptions(input))).processSync(file))
    return { html, rules: file.messages.map((m) => `${m.line}:${m.ruleId}`) }
  }

  it('renders every golden case exactly as with all plugins on (no marker list misses its construct)', () => {
    for (const name of goldenCases()) {
      const input = goldenInput(join(GOLDEN_ROOT, name))
      const selected = renderArticle({ ...input, footer: undefined, coverLine: undefined, bodyStartLine: 1 })
      const all = renderWithAll(input)
      expect(selected.html, name).toBe(all.html)
      expect(selected.diagnostics.map((d) => `${d.line}:${d.ruleId}`).sort(), name).toEqual([...all.rules].sort())
    }
  })

  it('leaves out the plugins a plain article cannot need', () => {
    expect(selectPlugins('Just *text* and [a link](https://x.test).', { head: true, cover: false })).toMatchObject({
      rawHtml: false,
      lists: false,
      headings: false,
      images: false,
      links: true,
    })
    expect(selectPlugins('Text', { head: true, cover: true }).images).toBe(true)
    expect(selectPlugins('> Title\n> ===', { head: true, cover: false }).headings).toBe(true)
    expect(selectPlugins('> 3. item', { head: true, cover: false }).lists).toBe(true)
    expect(selectPlugins('x[^1]', { head: true, cover: false }).headings).toBe(true)
  })

  it('gives each selection its own cache key', () => {
    const base = selectPlugins('', { head: false, cover: false })
    const keys = new Set([selectionKey(base), selectionKey(allPlugins())])
    for (const flag of ['rawHtml', 'lists', 'headings', 'links', 'images', 'head'] as const)
      keys.add(selectionKey({ ...base, [flag]: true }))
    for (const family of Object.keys(base.syntax) as Array<keyof typeof base.syntax>)
      keys.add(selectionKey({ ...base, syntax: { ...base.syntax, [family]: true } }))
    expect(keys.size).toBe(8 + Object.keys(base.syntax).length)
  })

  it('loads no generator syntax for an article without its markers, nor for the footer', () => {
    const plain = 'Text with *emphasis*, a [link](https://x.test), `code {x}` and a price of $5.\n\n- item\n'
    expect(Object.values(selectPlugins(plain, { head: true, cover: false, syntax: { mdx: false } }).syntax)).not.toContain(true)
    expect(Object.values(selectPlugins('{{< youtube x >}}', { head: false, cover: false }).syntax)).not.toContain(true)
  })

  it('brings in the image and link plugins for generator syntax that becomes images and links', () => {
    const select = (body: string, mdx = false) => selectPlugins(body, { head: true, cover: false, syntax: { mdx } })
    expect(select('{{< figure src="a.png" >}}')).toMatchObject({ images: true, links: true })
    expect(select('See {% post_url 2020-01-01-a %}.')).toMatchObject({ images: true, links: true })
    expect(select('<Image src="a.png" />', true).images).toBe(true)
    // `{{< x >}}` opens no HTML: no rehype-raw for it; a tag right after `<` does.
    expect(select('{{< youtube x >}}\n\n{{</* figure */>}}\n\na < b').rawHtml).toBe(false)
    expect(select('{{< youtube x >}} <b>bold</b>').rawHtml).toBe(true)
  })
})

describe('GFM feature selection', () => {
  const full = unified().use(remarkParse).use(remarkGfm)
  const strip = (tree: Root) => JSON.stringify(tree)

  it('parses every fixture exactly as full remark-gfm does', () => {
    for (const name of goldenCases()) {
      const body = readFileSync(join(GOLDEN_ROOT, name, 'input.md'), 'utf8')
      const selected = unified().use(remarkParse).use(remarkGfmFeatures, gfmFeaturesOf(body))
      expect(strip(selected.parse(body) as Root), name).toBe(strip(full.parse(body) as Root))
    }
  })

  it('needs no GFM extension for plain prose with ordinary links', () => {
    expect(gfmFeaturesOf('Some *text* with [a link](https://example.com) and <https://x.test>.')).toEqual({
      autolinkLiteral: false,
      footnote: false,
      strikethrough: false,
      table: false,
      taskListItem: false,
    })
  })

  it('gives each combination of features its own cache key', () => {
    const names: Array<keyof GfmFeatures> = ['autolinkLiteral', 'footnote', 'strikethrough', 'table', 'taskListItem']
    const keys = new Set<string>()
    for (let bits = 0; bits < 2 ** names.length; bits++) {
      keys.add(gfmFeaturesKey(Object.fromEntries(names.map((name, i) => [name, (bits & (1 << i)) !== 0])) as unknown as GfmFeatures))
    }
    expect(keys.size).toBe(2 ** names.length)
  })

  it('detects each construct by its marker', () => {
    expect(gfmFeaturesOf('see www.example.com').autolinkLiteral).toBe(true)
    expect(gfmFeaturesOf('mail me@example.com').autolinkLiteral).toBe(true)
    expect(gfmFeaturesOf('a|b').table).toBe(true)
    expect(gfmFeaturesOf('~~x~~').strikethrough).toBe(true)
    expect(gfmFeaturesOf('x[^1]').footnote).toBe(true)
    expect(gfmFeaturesOf('- [x] done').taskListItem).toBe(true)
  })
})

describe('Medium plugins, one construct each', () => {
  it('tables: aligned monospaced block, link URLs kept, one warning at the table line', () => {
    const { html } = render('x\n\n| a | bb |\n|--:|---|\n| [l](https://u.test) | 1 |')
    expect(html).toContain('<pre><code>                 a | bb\n-------------------|---\nl (https://u.test) | 1\n</code></pre>')
    expect(rules('x\n\n| a |\n|---|\n| 1 |')).toEqual(['3:table'])
  })

  it('tables: the warning says images in cells are not shown, only when a cell holds one', () => {
    const message = (body: string) => render(body).diagnostics.find((d) => d.ruleId === 'table')?.message ?? ''
    expect(message('| a |\n|---|\n| 1 |')).not.toMatch(/Images in its cells/)
    expect(message('| a |\n|---|\n| ![x](img/a.png) |')).toMatch(/Images in its cells are not shown/)
    expect(message('| a |\n|---|\n| <img src="img/a.png"> |')).toMatch(/Images in its cells are not shown/)
  })

  it('footnotes: [n] markers in order of first reference, a Notes section at the end', () => {
    const { html } = render('b[^b] a[^a]\n\n[^a]: A\n[^b]: B')
    expect(html).toContain('<p>b[1] a[2]</p>')
    expect(html.indexOf('[1] B')).toBeLessThan(html.indexOf('[2] A'))
    expect(html).toMatch(/<h3>Notes<\/h3>[^]*<\/p>$/)
  })

  it('task lists: box characters, no inputs, one warning per item', () => {
    expect(render('- [ ] a\n- [x] b').html).toContain('<li>☐ a</li>\n<li>☑ b</li>')
    expect(rules('- [ ] a\n- [x] b')).toEqual(['1:task-list', '2:task-list'])
  })

  it('code: the language is dropped without a warning (Medium highlights code; the API cannot set a language)', () => {
    expect(render('```py\nx\n```').html).toContain('<pre><code>x\n</code></pre>')
    expect(rules('```py\nx\n```\n\n`y`')).toEqual([])
  })

  it('strikethrough: U+0336 after each character (grapheme), line breaks left alone, a warning each', () => {
    expect(struck('a b')).toBe('a\u0336 \u0336b\u0336')
    expect(struck('e\u0301👍🏽\nx')).toBe('e\u0301\u0336👍🏽\u0336\nx\u0336')
    expect(render('~~no~~ yes').html).toContain('<p>n\u0336o\u0336 yes</p>')
    expect(rules('~~a~~ and <s>b</s>')).toEqual(['1:strikethrough', '1:strikethrough'])
  })

  it('ordered lists show the numbers the author wrote: numbered paragraphs when not from 1', () => {
    expect(render('2. b\n3. c').html).toBe('<h1>Fixture title</h1>\n<p>2. b</p>\n<p>3. c</p>')
    expect(render('1. a\n2. b').html).toBe('<h1>Fixture title</h1>\n<ol>\n<li>a</li>\n<li>b</li>\n</ol>')
    expect(rules('x\n\n0. zero')).toEqual(['3:list-numbers'])
  })

  it('embeds: an embed iframe alone in a paragraph becomes the URL in that paragraph; inside text, a paragraph after it', () => {
    expect(render('<p><iframe src="https://player.vimeo.com/video/1"></iframe></p>').html).toBe(
      '<h1>Fixture title</h1>\n<p><a href="https://vimeo.com/1">https://vimeo.com/1</a></p>',
    )
    expect(render('> See <iframe src="https://player.vimeo.com/video/1"></iframe> here').html).toBe(
      '<h1>Fixture title</h1>\n<blockquote>\n<p>See here</p>\n</blockquote>\n<p><a href="https://vimeo.com/1">https://vimeo.com/1</a></p>',
    )
  })

  it('raw HTML: iframe (not an embed), script and style removed with a warning each', () => {
    const result = render('<iframe src="https://v.test"></iframe>\n\n<script>x()</script>\n\n<style>p{}</style>\n\nok')
    expect(result.html).not.toMatch(/iframe|script|style|x\(\)/)
    expect(result.diagnostics.map((d) => `${d.line}:${d.ruleId}`)).toEqual(['1:html-removed', '3:html-removed', '5:html-removed'])
  })

  it('a link of only a query becomes text, with a message that says so (not "leaves the workspace")', () => {
    const result = render('[again](?x=1#top) and [up](../../x.md)')
    expect(result.html).toContain('<p>again and up</p>')
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['link-relative', 'link-relative'])
    expect(result.diagnostics[0]?.message).toMatch(/"\?x=1#top" has only a query/)
    expect(result.diagnostics[0]?.message).not.toMatch(/leaves the workspace/)
    expect(result.diagnostics[1]?.message).toMatch(/leaves the workspace/)
  })

  it('in-page anchors become text with a warning; absolute links stay', () => {
    expect(render('[top](#top) [x](https://x.test/#a)').html).toContain('<p>top <a href="https://x.test/#a">x</a></p>')
    expect(rules('[top](#top)')).toEqual(['1:link-anchor'])
  })
})

describe('a linked image with a title', () => {
  it('stays a linked image, and says its caption is not shown (never a silent drop)', () => {
    const { html, diagnostics } = render('[![badge](https://x.example/a.png "Build status")](https://ci.example)')
    expect(html).toContain('<a href="https://ci.example"><img src="https://x.example/a.png" alt="badge"></a>')
    expect(diagnostics.map((d) => [d.line, d.ruleId])).toContainEqual([expect.any(Number), 'image-caption-dropped'])
  })
})

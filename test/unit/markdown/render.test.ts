import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import remarkGfmFeatures, { gfmFeaturesKey, gfmFeaturesOf, type GfmFeatures } from '../../../src/markdown/gfm-features.js'
import { renderArticle } from '../../../src/markdown/render.js'
import { fixtureInput } from './fixture-input.js'

const render = (body: string, overrides: Partial<ReturnType<typeof fixtureInput>> = {}) =>
  renderArticle({ ...fixtureInput(body), ...overrides })
const rules = (body: string, overrides = {}) => render(body, overrides).diagnostics.map((d) => `${d.line}:${d.ruleId}`)
const fixtures = join(import.meta.dirname, '../../fixtures/render')

describe('renderArticle', () => {
  it('is deterministic: the same input gives the same output, across calls and interleaved articles', () => {
    const body = readFileSync(join(fixtures, 'interplay-everything/input.md'), 'utf8')
    const first = render(body)
    render('Other | article\n---|---\n1 | 2\n\n<iframe></iframe>')
    expect(render(body)).toEqual(first)
  })

  it('reports file lines: bodyStartLine + line in the body - 1, with the article path', () => {
    const [diagnostic] = render('text\n\n##### deep', { bodyStartLine: 10 }).diagnostics
    expect(diagnostic).toMatchObject({ path: 'content/post.md', line: 12, severity: 'warning', ruleId: 'heading-level' })
    expect(diagnostic?.message).toContain('"#####"')
  })

  it('marks image problems as errors and transformations as warnings', () => {
    const { diagnostics } = render('![x](img/missing.png)\n\n```js\nx\n```')
    expect(diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['image-unresolved', 'error'],
      ['code-language', 'warning'],
    ])
  })

  it('starts with the title unless the body starts with that h1; later h1 become h2', () => {
    expect(render('Text', { title: 'A & B' }).html).toMatch(/^<h1>A &#x26; B<\/h1>/)
    const html = render('# Same\n\n# Second', { title: ' Same ' }).html
    expect(html.match(/<h1>/g)).toHaveLength(1)
    expect(html).toContain('<h2>Second</h2>')
  })

  it('links an article to its Medium URL once published, else to the repository; warns when neither is possible', () => {
    expect(render('[a](published.md)').html).toContain('href="https://medium.com/@me/published-0123456789ab"')
    expect(render('[a](draft.md#x)').html).toContain('href="https://github.com/owner/repo/blob/0123abc/content/draft.md#x"')
    const without = render('[a](draft.md)', { repositoryBlobBase: undefined })
    expect(without.html).toContain('<p>a</p>')
    expect(without.diagnostics.map((d) => d.ruleId)).toEqual(['link-relative'])
  })

  it('maps local images through imageUrls (raw HTML included) and leaves remote ones alone', () => {
    const html = render('![a](img/a.png)\n\n<p>x <img src="/images/b.gif"></p>\n\n![r](https://r.test/r.png)').html
    expect(html).toContain('src="https://cdn.example/a.png"')
    expect(html).toContain('src="https://cdn.example/b.gif"')
    expect(html).toContain('src="https://r.test/r.png"')
  })

  it('never sends what Medium drops: no tables, inputs, sup, iframes, classes or ids', () => {
    const body = readdirSync(fixtures)
      .map((name) => readFileSync(join(fixtures, name, 'input.md'), 'utf8'))
      .join('\n\n')
    const { html } = render(body)
    expect(html).not.toMatch(/<(table|input|sup|iframe|script|style|section|del|h5|h6)\b|class=|id=/)
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

describe('GFM feature selection', () => {
  const full = unified().use(remarkParse).use(remarkGfm)
  const strip = (tree: Root) => JSON.stringify(tree)

  it('parses every fixture exactly as full remark-gfm does', () => {
    for (const name of readdirSync(fixtures)) {
      const body = readFileSync(join(fixtures, name, 'input.md'), 'utf8')
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

  it('code: language dropped with a warning, inline code kept, no warning without language', () => {
    expect(render('```py\nx\n```').html).toContain('<pre><code>x\n</code></pre>')
    expect(rules('```\nx\n```\n\n`y`')).toEqual([])
  })

  it('raw HTML: iframe, script and style removed with a warning each', () => {
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

import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

const mdx = { mdx: true, path: 'blog/2024-01-01-post/index.mdx', articlePaths: ['blog/2024-01-01-post/index.mdx'] }

describe('MDX', () => {
  it('drops imports, exports and comments; shows tabs one after the other with their labels', () => {
    // The Tabs example of wjsoj/DocusaurusTest, i18n/en/docusaurus-plugin-content-docs/current/self/markdown语法特性.md
    const body = [
      "import Tabs from '@theme/Tabs';",
      "import TabItem from '@theme/TabItem';",
      'export const meta = { hidden: true };',
      '',
      '<Tabs groupId="operating-systems">',
      '  <TabItem value="win" label="Windows">Use Ctrl + C to copy.</TabItem>',
      '  <TabItem value="mac" label="macOS">Use Command + C to copy.</TabItem>',
      '</Tabs>',
      '',
      '{/* truncate */}',
      '',
      'The end.',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, mdx)
    expect(html).toBe(
      [
        '<p><strong>Windows</strong></p>',
        '<p>Use Ctrl + C to copy.</p>',
        '<p><strong>macOS</strong></p>',
        '<p>Use Command + C to copy.</p>',
        '<p>The end.</p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual(['5:mdx-tabs'])
  })

  it('writes lowercase elements as HTML (className as class) with their Markdown children', () => {
    const body = [
      '<div className="note" style={{color: "red"}}>',
      '  Some **bold** text',
      '</div>',
      '',
      'Inline <span className="badge">new</span>.',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, mdx)
    expect(html).toBe(
      ['<div class="note">', '<p>Some <strong>bold</strong> text</p>', '</div>', '<p>Inline <span class="badge">new</span>.</p>'].join(
        '\n',
      ),
    )
    expect(diagnostics).toEqual([])
  })

  it('maps admonition, image and embed components', () => {
    const body = [
      '<Admonition type="tip" title="Pro tip">',
      '  Use it.',
      '</Admonition>',
      '',
      '<Callout type="warning">Check twice.</Callout>',
      '',
      '<Aside>Starlight note.</Aside>',
      '',
      '<Image src="/img/cat.png" alt="A cat" caption="The cat" />',
      '',
      '<YouTube id="dQw4w9WgXcQ" />',
      '',
      '<Tweet id="1453110110599868418" />',
      '',
      '<Gist id="spf13/7896402" />',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, mdx)
    expect(html).toBe(
      [
        '<blockquote>',
        '<p><strong>Pro tip:</strong> Use it.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Warning:</strong> Check twice.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Note:</strong> Starlight note.</p>',
        '</blockquote>',
        '<p><img src="/img/cat.png" alt="A cat" title="The cat"></p>',
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
        '<p><a href="https://twitter.com/i/status/1453110110599868418">https://twitter.com/i/status/1453110110599868418</a></p>',
        '<p><a href="https://gist.github.com/spf13/7896402">https://gist.github.com/spf13/7896402</a></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('reports custom components, computed attributes and expressions as errors at their lines', () => {
    // The Image of lobaro/iot, docs/knowledge-base/doc-playground/index.md: an image known only at build time.
    const body = [
      "<Image alt='Docusaurus'",
      "img={require('@site/static/img/docusaurus.png')}",
      "style={{width:'10%',paddingTop:'10px',paddingBottom:'20px'}}",
      '/>',
      '',
      'Go <Highlight color="#25c2a0">green</Highlight>.',
      '',
      'Version {props.version} is out.',
      '',
      '<img src={logo} alt="logo" />',
    ].join('\n')
    const { html, diagnostics, messages } = renderSyntax(body, mdx)
    expect(diagnostics).toEqual(['1:mdx-component!', '6:mdx-component!', '8:mdx-expression!', '10:mdx-expression!'])
    expect(messages[1]).toContain('<Highlight>')
    expect(html).not.toMatch(/Highlight|props|\{/)
  })

  it('reports an MDX syntax error at its line with the reason', () => {
    // An HTML comment is an error to MDX (and to Next's build), not to Docusaurus (below).
    const lines = ['# Title', '', 'Text', '', '<!-- truncate -->']
    const { html, diagnostics, messages } = renderSyntax(lines.join('\n'), { ...mdx, site: 'next' })
    expect(diagnostics).toEqual(['5:mdx-syntax!'])
    expect(messages[0]).toMatch(/^MDX syntax error: .+/)
    expect(html).toBe('')
  })

  it("reads Docusaurus's MDX 1 compatibility: HTML comments dropped, heading ids blanked, code untouched", () => {
    // facebook/docusaurus, website/blog/2021/11-21-algolia-docsearch-migration/index.mdx (lines 12 and 88).
    const body = [
      'Intro.',
      '',
      '<!--truncate-->',
      '',
      "### I'm using Docusaurus and DocSearch, can I migrate? {#im-using-docusaurus-and-docsearch-can-i-migrate}",
      '',
      '```md',
      '## Kept {#kept}',
      '<!-- kept -->',
      '```',
      '',
      'Text <!-- inline --> after.',
      '',
      '{x +}',
    ].join('\n')
    for (const site of ['docusaurus', undefined] as const) {
      const { html, diagnostics } = renderSyntax(body, { ...mdx, ...(site ? { site } : {}) })
      expect(diagnostics).toEqual(['14:mdx-syntax!'])
      expect(html).toBe('')
    }
    const { html, diagnostics } = renderSyntax(body.split('\n').slice(0, 12).join('\n'), { ...mdx, site: 'docusaurus' })
    expect(diagnostics).toEqual([])
    expect(html).toBe(
      [
        '<p>Intro.</p>',
        "<h3>I'm using Docusaurus and DocSearch, can I migrate?</h3>",
        '<pre><code class="language-md">## Kept {#kept}',
        '&#x3C;!-- kept -->',
        '</code></pre>',
        '<p>Text  after.</p>',
      ].join('\n'),
    )
  })

  it('leaves braces and tags in code alone', () => {
    const body = ['```jsx', '<Tabs>{x}</Tabs>', '```', '', 'Text `{y}` and `<Z />`.'].join('\n')
    const { html, diagnostics } = renderSyntax(body, mdx)
    expect(html).toBe(
      [
        '<pre><code class="language-jsx">&#x3C;Tabs>{x}&#x3C;/Tabs>',
        '</code></pre>',
        '<p>Text <code>{y}</code> and <code>&#x3C;Z /></code>.</p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })
})

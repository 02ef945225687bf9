import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

describe('kramdown attribute lists, heading ids, markdown="1", more-markers, Hashnode embeds', () => {
  it('removes the table of contents marker (warning), more-markers, and keeps the text', () => {
    // A Jekyll post of the "Create a site with Jekyll" kind: `* TOC` + `{:toc}`, then `<!--more-->`.
    const body = [
      '* TOC',
      '{:toc}',
      '',
      'The [Jekyll](https://jekyllrb.com/) site generator is a simple way.',
      '',
      '<!--more-->',
      '',
      '### Local development',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      ['<p>The <a href="https://jekyllrb.com/">Jekyll</a> site generator is a simple way.</p>', '<h3>Local development</h3>'].join('\n'),
    )
    expect(diagnostics).toEqual(['1:kramdown-toc'])
  })

  it('removes heading ids, block and span attribute lists', () => {
    const body = [
      '## Install {#install}',
      '',
      '### Other',
      '{: #other .x}',
      '',
      'Add content to `_tabs/about.md`{: .filepath } and it shows.',
      '',
      '![shot](/a.png){: width="300"}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<h2>Install</h2>',
        '<h3>Other</h3>',
        '<p>Add content to <code>_tabs/about.md</code> and it shows.</p>',
        '<p><img src="/a.png" alt="shot"></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('turns notice classes (Minimal Mistakes, Chirpy) into labelled quotes', () => {
    const body = [
      '**Watch out!** This paragraph has the `{: .notice}` class.',
      '{: .notice--warning}',
      '',
      'A paragraph.',
      '',
      '{: .notice}',
      '',
      '> Post file format: YYYY-MM-DD-title.md',
      '{: .prompt-tip }',
    ].join('\n')
    expect(renderSyntax(body).html).toBe(
      [
        '<blockquote>',
        '<p><strong>Warning:</strong> <strong>Watch out!</strong> This paragraph has the <code>{: .notice}</code> class.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Note:</strong> A paragraph.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Tip:</strong> Post file format: YYYY-MM-DD-title.md</p>',
        '</blockquote>',
      ].join('\n'),
    )
  })

  it('reads markdown="1" HTML as Markdown, a notice div as a labelled quote', () => {
    const body = [
      '<div class="notice--success" markdown="1">',
      '**Done** with [setup](setup.md)',
      '</div>',
      '',
      '<section markdown="1">',
      '*inner*',
      '</section>',
      '',
      '<aside markdown="1">',
      '',
      '# Not a heading in HTML',
      '',
      '</aside>',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<blockquote>',
        '<p><strong>Success:</strong> <strong>Done</strong> with <a href="setup.md">setup</a></p>',
        '</blockquote>',
        '<section>',
        '<p><em>inner</em></p>',
        '</section>',
        '<aside>',
        '<h1>Not a heading in HTML</h1>',
        '</aside>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('turns Hashnode embeds into the URL alone in its paragraph', () => {
    const body = ['%[https://www.youtube.com/watch?v=dQw4w9WgXcQ]', '', 'Text with %[not an embed] inside.'].join('\n')
    expect(renderSyntax(body).html).toBe(
      [
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
        '<p>Text with %[not an embed] inside.</p>',
      ].join('\n'),
    )
  })

  it("reads Hashnode's aligned images as images, and leaves the same text in code of every kind alone", () => {
    // rookieops/my-blogs, clrkcylof000308l2236meng2.md (lines 17 and 54)
    const image = '![](https://cdn.hashnode.com/res/a.gif align="center")'
    const body = [
      image,
      '',
      '![]( align="center")',
      '',
      `- item\n\n  \`\`\`md\n  ${image}\n  \`\`\``,
      '',
      `> \`\`\`\n> ${image}\n> \`\`\``,
      '',
      `    ${image}`,
      '',
      `Inline \`${image}\` code.`,
    ].join('\n')
    const { html } = renderSyntax(body)
    expect(html.split('\n')[0]).toBe('<p><img src="https://cdn.hashnode.com/res/a.gif" alt=""></p>')
    // Four copies in code (a fence in a list, a fence in a quote, indented, a span), each byte kept.
    expect(html.split(`align="center")`).length - 1).toBe(4)
    expect(html).toContain(`<code>${image.replace(/&/g, '&#x26;')}</code>`)
  })

  it('blanks a Docusaurus heading id, not the same text in code inside a list (MDX)', () => {
    const body = ['## Title {#title}', '', '- item', '', '  ```md', '  ## Kept {#kept}', '  ```'].join('\n')
    const { html, diagnostics } = renderSyntax(body, { mdx: true, site: 'docusaurus' })
    expect(diagnostics).toEqual([])
    expect(html).toContain('<h2>Title</h2>')
    expect(html).toContain('## Kept {#kept}')
  })

  it('leaves attribute lists and markers in code alone', () => {
    const body = ['```', '## Title {#id}', '{: .notice}', '<!--more-->', '%[https://x.test]', '```'].join('\n')
    expect(renderSyntax(body).html).toBe(
      ['<pre><code>## Title {#id}', '{: .notice}', '&#x3C;!--more-->', '%[https://x.test]', '</code></pre>'].join('\n'),
    )
  })
})

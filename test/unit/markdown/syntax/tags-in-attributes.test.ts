import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

/**
 * Template syntax where no node holds it: raw HTML over several lines, an image's alt text, a title.
 * Each generator ran it there, so it can never reach Medium as written: resolved, or an error at its line.
 */
describe('template tags in raw HTML, alt text and titles', () => {
  it('Hugo: a shortcode in multi-line HTML is an error at its own line; in alt text or a title too, and left out', () => {
    const body = ['<div>', '  <p>', '    {{< youtube x >}}', '  </p>', '</div>', '', '![A {{< param name >}}](a.png "T {{% x %}}")'].join(
      '\n',
    )
    const { html, diagnostics } = renderSyntax(body, { site: 'hugo' })
    expect(diagnostics).toEqual(['3:shortcode-invalid!', '7:shortcode-invalid!', '7:shortcode-invalid!'])
    expect(html).toContain('<img src="a.png" alt="A " title="T ">')
  })

  it('Liquid: an output Jekyll prints becomes its text in alt text and titles; any other tag is an error', () => {
    const body = ['![{{ page.title }} logo](a.png "{{ page.title }}")', '', '[x](https://a.example "{% include t.html %}")'].join('\n')
    const { html, diagnostics } = renderSyntax(body, { site: 'jekyll' })
    expect(html).toContain('<img src="a.png" alt="Post logo" title="Post">')
    expect(html).not.toContain('{%')
    expect(diagnostics).toEqual(['3:liquid-unsupported!'])
  })

  it('Zola: a call in raw HTML, alt text or a title is an error at its line; braces that call nothing stay', () => {
    const body = ['<figure>', '{{ image(src="a.png") }}', '</figure>', '', '![{{ x }} and {{ icon(name="a") }}](b.png)'].join('\n')
    const { html, diagnostics } = renderSyntax(body, { site: 'zola' })
    expect(diagnostics).toEqual(['2:shortcode-invalid!', '5:shortcode-invalid!'])
    expect(html).toContain('alt="{{ x }} and "')
  })
})

describe('admonitions inside a line of text', () => {
  it('are the label in bold and the content, punctuated once (Hugo), never a quote inside a paragraph (MDX)', () => {
    const hugo = renderSyntax('Read {{< notice warning "Careful!" >}}this{{< /notice >}} first.', { site: 'hugo' })
    expect(hugo.html).toBe('<p>Read <strong>Careful!</strong> this first.</p>')
    const mdx = renderSyntax('Read <Note>this</Note> first.', { mdx: true, site: 'docusaurus' })
    expect(mdx.html).toBe('<p>Read <strong>Note:</strong> this first.</p>')
  })
})

import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

const zola = { site: 'zola' as const, path: 'content/overview-math.md' }

describe('Zola shortcodes', () => {
  it('sends katex as math code, shows escaped shortcodes unescaped in code, and leaves live ones in code alone', () => {
    // Jieiku/abridge, content/overview-math.md (lines 74-96)
    const body = [
      '### Usage',
      '```rs',
      '{%/* katex(block=false) */%} e^{i\\pi}+1=0 {%/* end */%}',
      '```',
      '### Output',
      '```html',
      '{% katex(block=false) %} e^{i\\pi}+1=0 {% end %}',
      '```',
      '{% katex(block=false) %} e^{i\\pi}+1=0 {% end %}',
      '',
      'Some Mathematics in display mode is fair enough:',
      '',
      '{% katex(block=true) %} \\int_0^1 x^2 dx {% end %}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, zola)
    expect(html).toBe(
      [
        '<h3>Usage</h3>',
        '<pre><code class="language-rs">{% katex(block=false) %} e^{i\\pi}+1=0 {% end %}',
        '</code></pre>',
        '<h3>Output</h3>',
        '<pre><code class="language-html">{% katex(block=false) %} e^{i\\pi}+1=0 {% end %}',
        '</code></pre>',
        '<p><code>e^{i\\pi}+1=0</code></p>',
        '<p>Some Mathematics in display mode is fair enough:</p>',
        '<pre><code>\\int_0^1 x^2 dx',
        '</code></pre>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual(['9:math', '13:math'])
  })

  it('turns the built-in embeds into their URL alone in its paragraph, inline ones into a link', () => {
    const body = [
      '{{ youtube(id="dQw4w9WgXcQ", autoplay=true) }}',
      '',
      "{{ vimeo(id='124313553') }}",
      '',
      '{{ gist(url="https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57") }}',
      '',
      'Watch {{ streamable(id="92ok4") }} now.',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, zola)
    expect(html).toBe(
      [
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
        '<p><a href="https://vimeo.com/124313553">https://vimeo.com/124313553</a></p>',
        '<p><a href="https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57">https://gist.github.com/Keats/e5fb6aad409f28721c0ba14161644c57</a></p>',
        '<p>Watch <a href="https://streamable.com/92ok4">https://streamable.com/92ok4</a> now.</p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('reports an unknown shortcode, a body without its end and a stray end, each at its line; braces that call nothing stay text', () => {
    const body = [
      '{{ image(src="a.png") }}',
      '',
      'Text {{ page.title }} and {% end %}',
      '',
      '{{ youtube() }}',
      '',
      '{% quote(author="Vincent") %}',
      'A quote',
    ].join('\n')
    const { html, diagnostics, messages } = renderSyntax(body, zola)
    expect(diagnostics).toEqual(['1:shortcode-unknown!', '3:shortcode-invalid!', '5:shortcode-unknown!', '7:shortcode-invalid!'])
    expect(messages[0]).toBe(
      'Zola shortcode "{{ image(src="a.png") }}" has no Medium equivalent: replace it with Markdown, or keep the article off Medium (draft = true).',
    )
    expect(messages[2]).toContain('has no id: add it')
    expect(messages[3]).toContain('has no {% end %}')
    expect(html).toContain('<p>Text {{ page.title }} and </p>')
  })

  it('is read only on a Zola site: elsewhere the same braces are Liquid or text', () => {
    const body = '{{ youtube(id="x") }}'
    expect(renderSyntax(body, { site: 'hugo' }).html).toBe('<p>{{ youtube(id="x") }}</p>')
    expect(renderSyntax(body, { site: 'jekyll' }).diagnostics).toEqual(['1:liquid-unsupported!'])
  })
})

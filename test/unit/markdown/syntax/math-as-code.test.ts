import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

describe('Math', () => {
  it('sends block and inline math as code, each with a warning at its line', () => {
    const body = ['Euler: $e^{i\\pi} + 1 = 0$.', '', '$$', '\\int_0^1 x^2 \\, dx', '$$'].join('\n')
    const { html, diagnostics, messages } = renderSyntax(body)
    expect(html).toBe(['<p>Euler: <code>e^{i\\pi} + 1 = 0</code>.</p>', '<pre><code>\\int_0^1 x^2 \\, dx', '</code></pre>'].join('\n'))
    expect(diagnostics).toEqual(['1:math', '3:math'])
    expect(messages[1]).toContain('image')
  })

  it('keeps prices and shell variables as text', () => {
    const body = ['It costs $5 and $10, or $x$ in math.', '', 'Run `echo $HOME` and $ npm i.'].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      ['<p>It costs $5 and $10, or <code>x</code> in math.</p>', '<p>Run <code>echo $HOME</code> and $ npm i.</p>'].join('\n'),
    )
    expect(diagnostics).toEqual(['1:math'])
  })

  it('leaves dollars in code blocks alone', () => {
    const body = ['```sh', '$ echo $$', '```', '', 'A $y$ here.'].join('\n')
    expect(renderSyntax(body).html).toBe(
      ['<pre><code class="language-sh">$ echo $$', '</code></pre>', '<p>A <code>y</code> here.</p>'].join('\n'),
    )
  })
})

import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

/** Generator syntax as it would show if it reached Medium as text. */
const RAW_SYNTAX = /\{\{[<%]|[>%]\}\}|\{%|%\}|\{\{|\}\}|^:::|\[!(?:NOTE|TIP|WARNING)\]|\{:|%\[|\$\$|\{#/m

describe('no generator syntax reaches the HTML as text', () => {
  it('converts or reports every construct of a mixed article, CRLF line endings included', () => {
    const body = [
      '## Setup {#setup}',
      '',
      '{{< figure src="a.png" caption="A" >}}',
      '',
      '{{% notice warning %}}',
      'Careful with {{< param "x" >}}.',
      '{{% /notice %}}',
      '',
      '{% highlight sh %}',
      'make',
      '{% endhighlight %}',
      '',
      'Read [more]({% post_url 2014-01-01-gone %}) at {{ site.url }}.',
      '',
      '{% include note.html %}',
      '',
      ':::tip[Hint]',
      'Use $x$.',
      ':::',
      '',
      '> [!NOTE]',
      '> Noted.',
      '{: .prompt-info }',
      '',
      '%[https://www.youtube.com/watch?v=x]',
      '',
      '<!--more-->',
      '',
      '$$',
      'y',
      '$$',
    ].join('\r\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).not.toMatch(RAW_SYNTAX)
    // An alert with a Chirpy prompt class too is labelled once.
    expect(html).toContain('<p><strong>Note:</strong> Noted.</p>')
    expect(diagnostics).toEqual([
      '6:shortcode-unknown!',
      '13:liquid-invalid!',
      '13:liquid-site-url',
      '15:liquid-unsupported!',
      '18:math',
      '29:math',
    ])
  })
})

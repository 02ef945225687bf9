import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

const articles = { articlePaths: ['content/posts/post.md', 'content/posts/other.md', 'content/about/index.md', 'content/notes/setup.md'] }

describe('Hugo shortcodes', () => {
  it('turns real embeds into the video or post URL alone in its paragraph', () => {
    // From hongtaoh/hugo-tutorial, content/post/2020-06-05-another-markdown.md
    const body = [
      'You can also embed Vimeo and YouTube videos:',
      '',
      '',
      '{{< vimeo 146022717 >}}',
      '',
      'and',
      '',
      '{{< youtube id="w7Ft2ymGmfc" autoplay="true" >}}',
      '',
      'You can also show your Instagram here:',
      '',
      '{{< instagram BmuPJk2jX5- >}}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<p>You can also embed Vimeo and YouTube videos:</p>',
        '<p><a href="https://vimeo.com/146022717">https://vimeo.com/146022717</a></p>',
        '<p>and</p>',
        '<p><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">https://www.youtube.com/watch?v=w7Ft2ymGmfc</a></p>',
        '<p>You can also show your Instagram here:</p>',
        '<p><a href="https://www.instagram.com/p/BmuPJk2jX5-/">https://www.instagram.com/p/BmuPJk2jX5-/</a></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('turns figures into an image alone in its paragraph with the caption as title; escaped ones show unescaped, in code too', () => {
    // From Arizard/less-coffee-hugo, content/posts/markdown-syntax/index.md
    const body = [
      '```plain',
      '{{</* figure src="landscape.jpg" caption="this is a caption" */>}}',
      '```',
      '',
      '{{< figure src="landscape.jpg" caption="this is a caption" >}}',
      '',
      '{{< figure src="portrait.jpg" class="portrait" caption="A photo. `1/100s, f/8`" alt="a hand" >}}',
      '',
      'Write {{</* youtube id */>}} for a video.',
    ].join('\n')
    expect(renderSyntax(body).html).toBe(
      [
        '<pre><code class="language-plain">{{&#x3C; figure src="landscape.jpg" caption="this is a caption" >}}',
        '</code></pre>',
        '<p><img src="landscape.jpg" alt="" title="this is a caption"></p>',
        '<p><img src="portrait.jpg" alt="a hand" title="A photo. 1/100s, f/8"></p>',
        '<p>Write {{&#x3C; youtube id >}} for a video.</p>',
      ].join('\n'),
    )
  })

  it('reads a shortcode spread over several lines, title and caption together, and warns about a dropped link', () => {
    const body = [
      '{{< figure',
      '    src="/images/cat.png"',
      '    title="Cat"',
      '    caption="on a mat"',
      '    link="https://cats.test" >}}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe('<p><img src="/images/cat.png" alt="" title="Cat — on a mat"></p>')
    expect(diagnostics).toEqual(['1:shortcode-option'])
  })

  it('turns gist, tweet and x into their URLs; a gist file cannot be chosen (warning)', () => {
    const body = [
      '{{< gist spf13 7896402 >}}',
      '',
      '{{< gist spf13 7896402 "img.html" >}}',
      '',
      '{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}',
      '',
      '{{< tweet 1453110110599868418 >}}',
      '',
      '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    const links = [...html.matchAll(/<p><a href="([^"]+)">\1<\/a><\/p>/g)].map((match) => match[1])
    expect(links).toEqual([
      'https://gist.github.com/spf13/7896402',
      'https://gist.github.com/spf13/7896402',
      'https://twitter.com/SanDiegoZoo/status/1453110110599868418',
      'https://twitter.com/i/status/1453110110599868418',
      'https://twitter.com/SanDiegoZoo/status/1453110110599868418',
    ])
    expect(diagnostics).toEqual(['3:shortcode-option'])
  })

  it('turns highlight into a code block, blank lines and markup inside kept raw', () => {
    // The starter post of hugo themes ("Welcome to Hugo!"), as in many content/posts/ folders.
    const body = [
      '{{< highlight go >}}',
      'package main',
      '',
      '# not a heading',
      'func main() { *x* }',
      '{{< /highlight >}}',
      '',
      '{{< highlight go "linenos=table,hl_lines=2" >}}',
      'x := 1',
      '{{< /highlight >}}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      ['<pre><code>package main', '', '# not a heading', 'func main() { *x* }', '</code></pre>', '<pre><code>x := 1', '</code></pre>'].join(
        '\n',
      ),
    )
    expect(diagnostics).toEqual(['8:shortcode-option'])
  })

  it('resolves ref and relref to the article file as Hugo does (content/, this folder, unique name)', () => {
    const body = [
      'See [the other post]({{< ref "other.md" >}}), [setup]({{< relref "/notes/setup" >}}#install) and [about]({{< ref "about" >}}).',
      '',
      'Bare: {{< ref "other" >}}.',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, articles)
    expect(html).toBe(
      [
        '<p>See <a href="other.md">the other post</a>, <a href="../notes/setup.md#install">setup</a> and <a href="../about/index.md">about</a>.</p>',
        '<p>Bare: <a href="other.md">other</a>.</p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('reports a ref to no article as an error and keeps the link text', () => {
    const { html, diagnostics } = renderSyntax('Go [there]({{< ref "missing.md" >}}).', articles)
    expect(html).toBe('<p>Go there.</p>')
    expect(diagnostics).toEqual(['1:shortcode-invalid!'])
  })

  it('turns notice-style shortcodes into labelled quotes, nested, self-closing and with titles, content read as Markdown', () => {
    const body = [
      '{{% notice tip %}}',
      'Use **hugo server**.',
      '',
      '- one',
      '- two',
      '{{% /notice %}}',
      '',
      '{{< admonition type=warning title="Careful" >}}',
      'Outer',
      '{{< note >}}',
      'Inner',
      '{{< /note >}}',
      '{{< /admonition >}}',
      '',
      '{{< alert "circle-info" >}}Icon only{{< /alert >}}',
      '',
      '{{< details summary="More" >}}',
      'Hidden',
      '{{< /details >}}',
      '',
      '{{< collapse summary="Spoiler" >}}',
      'Folded',
      '{{< /collapse >}}',
      '',
      '{{< lead >}}',
      'Lead paragraph.',
      '{{< /lead >}}',
      '',
      '{{< tip "Self-closed" />}}',
      '',
      '{{< youtube w7Ft2ymGmfc />}}',
      '',
      '{{% comment %}}',
      'Not for readers.',
      '{{% /comment %}}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<blockquote>',
        '<p><strong>Tip:</strong> Use <strong>hugo server</strong>.</p>',
        '<ul>',
        '<li>one</li>',
        '<li>two</li>',
        '</ul>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Careful:</strong> Outer</p>',
        '<blockquote>',
        '<p><strong>Note:</strong> Inner</p>',
        '</blockquote>',
        '</blockquote>',
        '<p><strong>Note:</strong> Icon only</p>',
        '<blockquote>',
        '<p><strong>More:</strong> Hidden</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Spoiler:</strong> Folded</p>',
        '</blockquote>',
        '<p>Lead paragraph.</p>',
        '<blockquote>',
        '<p><strong>Self-closed:</strong></p>',
        '</blockquote>',
        '<p><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">https://www.youtube.com/watch?v=w7Ft2ymGmfc</a></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('leaves shortcodes in code blocks and code spans alone', () => {
    const body = [
      'Write `{{< youtube x >}}` inline.',
      '',
      '```',
      '{{< figure src="a.png" >}}',
      '{{% notice %}}',
      '```',
      '',
      '    {{< gist a b >}}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<p>Write <code>{{&#x3C; youtube x >}}</code> inline.</p>',
        '<pre><code>{{&#x3C; figure src="a.png" >}}',
        '{{% notice %}}',
        '</code></pre>',
        '<pre><code>{{&#x3C; gist a b >}}',
        '</code></pre>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('reports unknown shortcodes, missing arguments, unclosed and stray end tags as errors at their lines', () => {
    const body = [
      'Intro',
      '',
      '{{< cloudinary image="https://cdn.test/x.png" width="2" >}}',
      '',
      'Text {{< param "author" >}} here.',
      '',
      '{{< youtube >}}',
      '',
      '{{< notice info >}}',
      'Never closed',
      '',
      '{{< /tabs >}}',
      '',
      '<div>{{< figure src="a.png" >}}</div>',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(diagnostics).toEqual([
      '3:shortcode-unknown!',
      '5:shortcode-unknown!',
      '7:shortcode-invalid!',
      '9:shortcode-invalid!',
      '12:shortcode-invalid!',
      '14:shortcode-invalid!',
    ])
    expect(html).not.toMatch(/\{\{[<%] *(?:cloudinary|param|youtube|notice|\/tabs)/)
    expect(html).toContain('<p>Never closed</p>')
  })

  it('names the unknown shortcode and says what to do', () => {
    const { messages } = renderSyntax('{{< cloudinary image="x" >}}')
    expect(messages).toEqual([
      'Hugo shortcode "cloudinary" ("{{< cloudinary image="x" >}}") has no Medium equivalent: replace it with Markdown, or keep the article off Medium (publish: false).',
    ])
  })
})

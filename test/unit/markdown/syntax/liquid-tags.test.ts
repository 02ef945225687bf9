import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

const jekyll = {
  path: '_posts/2020-01-01-this-post.md',
  articlePaths: [
    '_posts/2020-01-01-this-post.md',
    '_posts/2010-07-21-name-of-post.markdown',
    '_posts/guides/2014-01-01-setup.md',
    'journal.md',
  ],
}

describe('Liquid tags', () => {
  it('turns highlight into a code block and keeps raw blocks literal (read as Markdown)', () => {
    // From jimathyp/pages, jekyll.md
    const body = [
      '{% highlight ruby %}',
      'def foo',
      "  puts 'foo'",
      'end',
      '{% endhighlight %}',
      '',
      '{% raw  %}',
      '{% this %}',
      '{% endraw %}',
      '',
      '## Includes',
      '',
      '{% raw  %}',
      '{% include footer.html %}',
      '{% endraw %}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<pre><code>def foo',
        "  puts 'foo'",
        'end',
        '</code></pre>',
        '<p>{% this %}</p>',
        '<h2>Includes</h2>',
        '<p>{% include footer.html %}</p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('removes raw marks inside code and keeps inline raw literal, code spans included', () => {
    // From lwu1822/CSP-fastpages, _posts/2022-08-31-jekyll-liquid.md
    const body = [
      'So what does {% raw %} `{{site.baseurl}}` {% endraw %} do?',
      '',
      '{% raw %}',
      '```',
      '{{ openTag }} raw %} {{site.baseurl}}',
      '```',
      '{% endraw %}',
      '',
      '```liquid',
      '{% raw %}{{ page.title }}{% endraw %}',
      '```',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<p>So what does <code>{{site.baseurl}}</code> do?</p>',
        '<pre><code>{{ openTag }} raw %} {{site.baseurl}}',
        '</code></pre>',
        '<pre><code class="language-liquid">{{ page.title }}',
        '</code></pre>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('links post_url and link to the article files, also inside a Markdown link or after site.baseurl', () => {
    // post_url as in scloud19/SECipedia, jekyll/jekyll_posts.md; `{{ site.baseurl }}{% link %}` as Jekyll 3 sites wrote it.
    const body = [
      '[Name of Link]({% post_url 2010-07-21-name-of-post %})',
      '',
      'Read [setup]({{ site.baseurl }}{% post_url guides/2014-01-01-setup %}#install) and the [journal]({{ site.baseurl }}{% link journal.md %}).',
      '',
      'Bare: {% post_url 2010-07-21-name-of-post %}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, jekyll)
    expect(html).toBe(
      [
        '<p><a href="2010-07-21-name-of-post.markdown">Name of Link</a></p>',
        '<p>Read <a href="guides/2014-01-01-setup.md#install">setup</a> and the <a href="../journal.md">journal</a>.</p>',
        '<p>Bare: <a href="2010-07-21-name-of-post.markdown">2010-07-21-name-of-post</a></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('reports a post_url that names no post as an error, the link text kept', () => {
    const { html, diagnostics, messages } = renderSyntax('See [it]({% post_url 2010-01-01-gone %}).', jekyll)
    expect(html).toBe('<p>See it.</p>')
    expect(diagnostics).toEqual(['1:liquid-invalid!'])
    expect(messages[0]).toContain('"2010-01-01-gone"')
  })

  it('resolves site.url, site.baseurl, relative_url and absolute_url with the site URL; images from the site root', () => {
    // From lwu1822/CSP-fastpages (the image) and scloud19/SECipedia (the PDF link).
    const body = [
      '![]({{site.baseurl}}/images/index_html_code.png "code in index.html to insert image")',
      '',
      '… you can [get the PDF]({{ site.url }}/assets/mydoc.pdf) directly, or [about]({{ "/about/" | relative_url }}).',
      '',
      'Feed: {{ "/feed.xml" | absolute_url }} on {{ site.url }}{{ site.baseurl }}.',
      '',
      '<a href="{{ site.baseurl }}/x/">x</a> <img src="{{ site.baseurl }}/a.png" alt="a">',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, { siteUrl: 'https://me.test/blog/' })
    expect(html).toBe(
      [
        '<p><img src="/images/index_html_code.png" alt="" title="code in index.html to insert image"></p>',
        '<p>… you can <a href="https://me.test/assets/mydoc.pdf">get the PDF</a> directly, or <a href="https://me.test/blog/about/">about</a>.</p>',
        '<p>Feed: https://me.test/blog/feed.xml on https://me.test/blog.</p>',
        '<p><a href="https://me.test/blog/x/">x</a> <img src="/a.png" alt="a"></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('without a site URL: links become text, text keeps the path, each with a warning naming site-url', () => {
    const body = [
      '[get the PDF]({{ site.url }}/assets/mydoc.pdf)',
      '',
      'Feed: {{ "/feed.xml" | absolute_url }}',
      '',
      '![a]({{ site.baseurl }}/a.png)',
    ].join('\n')
    const { html, diagnostics, messages } = renderSyntax(body)
    expect(html).toBe(['<p>get the PDF</p>', '<p>Feed: /feed.xml</p>', '<p><img src="/a.png" alt="a"></p>'].join('\n'))
    expect(diagnostics).toEqual(['1:liquid-site-url', '3:liquid-site-url'])
    expect(messages.every((message) => message.includes('`site-url`'))).toBe(true)
  })

  it('turns dev.to and Jekyll embeds into the URL alone in its paragraph', () => {
    const body = [
      '{% youtube dQw4w9WgXcQ %}',
      '',
      '{% vimeo 146022717 %}',
      '',
      '{% embed https://dev.to/ben/a-post-123 %}',
      '',
      '{% gist https://gist.github.com/ben/0123abcd %}',
      '',
      '{% gist parkr/931c1c8d465a04042403 jekyll-private-gist.markdown %}',
      '',
      '{% twitter 1453110110599868418 %}',
      '',
      '{% codepen https://codepen.io/ben/pen/abcd %}',
      '',
      '{% link https://dev.to/ben/another-456 %}',
      '',
      '{% github forem/forem %}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    const links = [...html.matchAll(/<p><a href="([^"]+)">\1<\/a><\/p>/g)].map((match) => match[1])
    expect(links).toEqual([
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://vimeo.com/146022717',
      'https://dev.to/ben/a-post-123',
      'https://gist.github.com/ben/0123abcd',
      'https://gist.github.com/parkr/931c1c8d465a04042403',
      'https://twitter.com/i/status/1453110110599868418',
      'https://codepen.io/ben/pen/abcd',
      'https://dev.to/ben/another-456',
      'https://github.com/forem/forem',
    ])
    expect(diagnostics).toEqual(['9:liquid-option'])
  })

  it('removes comments and turns an Octopress img into a figure', () => {
    const body = ['Text {% comment %}not shown{% endcomment %}here.', '', '{% img right /images/cat.png 300 "A cat" "cat photo" %}'].join(
      '\n',
    )
    expect(renderSyntax(body).html).toBe(
      ['<p>Text here.</p>', '<p><img src="/images/cat.png" alt="cat photo" title="A cat"></p>'].join('\n'),
    )
  })

  it('reports include, control flow, Eleventy shortcodes and unknown outputs as errors at their lines', () => {
    // `{% assign %}` and `{{ openTag }}` from lwu1822/CSP-fastpages; `{% include note.html %}` as Minimal Mistakes posts use it.
    const body = [
      "{% assign openTag = '{%' %}",
      '',
      '{% include note.html content="Read this" %}',
      '',
      'Use {{ openTag }} endraw %}.',
      '',
      '{% if page.comments %}',
      'Comments!',
      '{% endif %}',
      '',
      '{% callout "warn" %}',
      'Eleventy paired shortcode',
      '{% endcallout %}',
      '',
      'Title: {{ page.title }}',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(diagnostics).toEqual([
      '1:liquid-unsupported!',
      '3:liquid-unsupported!',
      '5:liquid-unsupported!',
      '7:liquid-unsupported!',
      '11:liquid-unsupported!',
    ])
    expect(html).not.toMatch(/\{%|\{\{/)
    expect(html).toContain('<p>Title: Post</p>')
  })

  it('leaves Liquid in code spans and code blocks alone', () => {
    const body = ['Write `{% include x.html %}` or `{{ site.url }}`.', '', '```', '{% include x.html %}', '{{ site.url }}', '```'].join(
      '\n',
    )
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<p>Write <code>{% include x.html %}</code> or <code>{{ site.url }}</code>.</p>',
        '<pre><code>{% include x.html %}',
        '{{ site.url }}',
        '</code></pre>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })

  it('reports an unclosed highlight at its line', () => {
    const { diagnostics } = renderSyntax(['Intro', '', '{% highlight js %}', 'let x'].join('\n'))
    expect(diagnostics).toEqual(['3:liquid-invalid!'])
  })

  it('keeps {% raw %} content as plain Markdown: no admonition, formula or tag in it is converted', () => {
    const body = [
      'Write a note:',
      '',
      '{% raw %}',
      ':::note',
      'Use $x+y$ and {{ page.title }}.',
      ':::',
      '{% endraw %}',
      '',
      ':::tip',
      'Real.',
      ':::',
    ].join('\n')
    const { html, diagnostics } = renderSyntax(body, { site: 'jekyll' })
    expect(html).toContain('<p>:::note\nUse $x+y$ and {{ page.title }}.\n:::</p>')
    expect(html).toContain('<strong>Tip:</strong> Real.')
    expect(diagnostics).toEqual([])
  })
})

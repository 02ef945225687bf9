import { describe, expect, it } from 'vitest'
import { renderSyntax } from './render-syntax.js'

describe('Admonitions and directives', () => {
  it('turns Docusaurus containers into labelled quotes, Markdown kept', () => {
    // From lobaro/iot, docs/knowledge-base/doc-playground/index.md
    const body = [
      ':::info',
      'Images get automatically resized by Docusaurus and must not resized manually.',
      ':::',
      '',
      ':::note',
      'Some **content** with _Markdown_ `syntax`.',
      ':::',
    ].join('\n')
    expect(renderSyntax(body).html).toBe(
      [
        '<blockquote>',
        '<p><strong>Info:</strong> Images get automatically resized by Docusaurus and must not resized manually.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Note:</strong> Some <strong>content</strong> with <em>Markdown</em> <code>syntax</code>.</p>',
        '</blockquote>',
      ].join('\n'),
    )
  })

  it('uses the title of every title syntax, and nests with more colons', () => {
    const body = [
      ':::tip[My title]',
      'Bracketed.',
      ':::',
      '',
      ':::warning Be careful',
      'Docusaurus legacy title.',
      ':::',
      '',
      '::: details Click me',
      'VitePress.',
      ':::',
      '',
      '::::danger Outer',
      ':::note',
      'Inner',
      ':::',
      '::::',
    ].join('\n')
    expect(renderSyntax(body).html).toBe(
      [
        '<blockquote>',
        '<p><strong>My title:</strong> Bracketed.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Be careful:</strong> Docusaurus legacy title.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Click me:</strong> VitePress.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Outer:</strong></p>',
        '<blockquote>',
        '<p><strong>Note:</strong> Inner</p>',
        '</blockquote>',
        '</blockquote>',
      ].join('\n'),
    )
  })

  it('labels GitHub alerts and Obsidian callouts', () => {
    const body = [
      '> [!NOTE]',
      '> Useful information.',
      '',
      '> [!WARNING]',
      '>',
      '> Second paragraph.',
      '',
      '> [!tip] Custom title',
      '> Text.',
    ].join('\n')
    expect(renderSyntax(body).html).toBe(
      [
        '<blockquote>',
        '<p><strong>Note:</strong> Useful information.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Warning:</strong> Second paragraph.</p>',
        '</blockquote>',
        '<blockquote>',
        '<p><strong>Custom title:</strong> Text.</p>',
        '</blockquote>',
      ].join('\n'),
    )
  })

  it('turns embed leaf directives into the URL alone and reports others at their line', () => {
    const body = ['Intro', '', '::youtube[dQw4w9WgXcQ]', '', '::vimeo{#146022717}', '', '::chart{data="x.csv"}'].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      [
        '<p>Intro</p>',
        '<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p>',
        '<p><a href="https://vimeo.com/146022717">https://vimeo.com/146022717</a></p>',
      ].join('\n'),
    )
    expect(diagnostics).toEqual(['7:directive-unknown!'])
  })

  it('keeps the label of text directives (kbd as code), reports unknown ones, and leaves key:value text alone', () => {
    const body = ['Press :kbd[Ctrl+C] to copy :abbr[HTML]{title="HyperText"}.', '', 'A :icon[star], key:value, a:b[0] at 10:30.'].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(['<p>Press <code>Ctrl+C</code> to copy HTML.</p>', '<p>A , key:value, a:b[0] at 10:30.</p>'].join('\n'))
    expect(diagnostics).toEqual(['3:directive-unknown!'])
  })

  it('leaves containers in code and colons in text alone', () => {
    const body = ['```md', ':::note', 'in code', ':::', '```', '', 'Ratio 1:::2 and a::b.'].join('\n')
    const { html, diagnostics } = renderSyntax(body)
    expect(html).toBe(
      ['<pre><code class="language-md">:::note', 'in code', ':::', '</code></pre>', '<p>Ratio 1:::2 and a::b.</p>'].join('\n'),
    )
    expect(diagnostics).toEqual([])
  })
})

import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import remarkGeneratorSyntax, { syntaxFeaturesKey, syntaxFeaturesOf, type SyntaxFeatures } from '../../../../src/markdown/syntax/index.js'

const on = (body: string, options: Parameters<typeof syntaxFeaturesOf>[1] = { mdx: false }) =>
  Object.entries(syntaxFeaturesOf(body, options))
    .filter(([, value]) => value)
    .map(([name]) => name)

describe('syntaxFeaturesOf', () => {
  it('selects nothing for plain Markdown, shell prompts and prices included', () => {
    const body = ['# Title', '', 'Costs $5 and $10.', '', '```sh', '$ npm i {x}', '```', '', '- a: b', '', '> quote'].join('\n')
    expect(on(body)).toEqual([])
  })

  it('selects each family by its marker', () => {
    expect(on('{{< youtube x >}}')).toEqual(['hugo'])
    expect(on('{{% notice %}}')).toEqual(['hugo'])
    expect(on('{% raw %}')).toEqual(['liquid'])
    expect(on('{{ site.url }}')).toEqual(['liquid'])
    expect(on(':::note\nx\n:::')).toEqual(['admonitions'])
    expect(on('> [!TIP]\n> x')).toEqual(['admonitions'])
    expect(on('::youtube[x]')).toEqual(['admonitions'])
    expect(on('## A {#a}')).toEqual(['attributeLists'])
    expect(on('x\n{: .notice}')).toEqual(['attributeLists'])
    expect(on('<div markdown="1">')).toEqual(['markdownInHtml'])
    expect(on('<!-- more -->')).toEqual(['moreMarkers'])
    expect(on('%[https://x.test]')).toEqual(['hashnodeEmbeds'])
    expect(on('$x$')).toEqual(['math'])
    expect(on('import A from "a"', { mdx: true })).toEqual(['mdx'])
    expect(on('<!-- truncate -->\n## A {#a}', { mdx: true, site: 'docusaurus' })).toEqual(['mdx', 'mdxCompat'])
    expect(on('<!-- truncate -->', { mdx: true, site: 'astro' })).toEqual(['mdx'])
  })

  it('never reads braces as Liquid or Hugo in MDX, and only for the generators that run them', () => {
    expect(on('{{ x }} {{< y >}}', { mdx: true })).toEqual(['mdx'])
    expect(on('{{ x }} {{< y >}}', { mdx: false, site: 'hugo' })).toEqual(['hugo'])
    expect(on('{{ x }} {{< y >}}', { mdx: false, site: 'jekyll' })).toEqual(['liquid'])
    expect(on('{{ x }} {{< y >}}', { mdx: false, site: 'astro' })).toEqual([])
    expect(on('{{ youtube(id="x") }}', { mdx: false, site: 'zola' })).toEqual(['zola'])
    expect(on('{{ youtube(id="x") }}', { mdx: false })).toEqual(['liquid'])
  })

  it('keys each combination with one character per family', () => {
    const none = syntaxFeaturesOf('plain', { mdx: false })
    expect(syntaxFeaturesKey(none)).toBe('00000000000')
    expect(syntaxFeaturesKey({ ...none, hugo: true, math: true })).toBe('10000000001')
  })

  it('adds no syntax extension and no transform when nothing is selected', () => {
    const none: SyntaxFeatures = syntaxFeaturesOf('plain', { mdx: false })
    const processor = unified().use(remarkParse).use(remarkGeneratorSyntax, none).freeze()
    expect(processor.data('micromarkExtensions') ?? []).toEqual([])
    expect(processor.data('fromMarkdownExtensions') ?? []).toEqual([])
    const tree = processor.parse('Text')
    expect(processor.runSync(tree)).toBe(tree)
  })
})

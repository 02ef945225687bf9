/**
 * findLocalImages (before rendering: what to upload, what is an error) and
 * rehypeMediumImages (while rendering) must see the same images. The pipeline
 * renders an article only when findLocalImages reported no error for it, with
 * a URL for each image it listed (the cover's too); so, given those URLs, the render may report
 * nothing about images that findLocalImages did not report already, word for
 * word (its `image-unresolved` is a safety net for the two disagreeing).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../../src/core/diagnostic.js'
import type { RenderInput } from '../../../src/markdown/render-types.js'
import { findLocalImages } from '../../../src/markdown/local-images.js'
import { renderArticle } from '../../../src/markdown/render.js'
import { fixtureInput, GOLDEN_ROOT, goldenCases, goldenInput } from './fixture-input.js'

const bodies: Array<[string, string]> = [
  [
    'comment and noscript',
    '<!-- <img src="img/old.png"> -->\n\nText <noscript><img src="img/n.png"></noscript> and <img src="img/x.png">.',
  ],
  ['entity in src', '<p>\n  <img src="img/a&#46;png" alt="a">\n</p>'],
  ['multi-line raw HTML', '<div>\n<p>one</p>\n<img\n  src="../../up.png">\n<img src="img/b.svg">\n</div>'],
  ['table cells', '| a |\n|---|\n| ![x](img/t.png) <img src="img/u.png"> |'],
  ['schemes', '![f](ftp://h/a.png)\n\n<img src="file:///a.png">\n\n![d](data:image/png;base64,AA)'],
  ['footnote and reference', 'A[^1] ![r][ref]\n\n[^1]: ![f](img/f.png)\n\n[ref]: img/r.gif'],
  ['in list and quote', '- ![a](img/l.png)\n  - <img src="img/m.png">\n\n> ![q](img/q.png)'],
]

/** Images that exist only once generator syntax is read (or that it hides), with what decides that syntax. */
const generatorBodies: Array<[string, string, Partial<RenderInput>]> = [
  [
    'Hugo figures, escaped and in code',
    [
      '{{< figure src="img/h.png" caption="Hugo" >}}',
      '',
      'Inline {{< figure src="/images/b.gif" alt="b" >}} figure.',
      '',
      '{{< figure src="../../out.png" >}}',
      '',
      '{{</* figure src="img/escaped.png" */>}}',
      '',
      '```',
      '{{< figure src="img/code.png" >}}',
      '```',
    ].join('\n'),
    { site: 'hugo' },
  ],
  [
    'Liquid images',
    [
      '{% img right /images/b.gif 100 100 "Title" "Alt" %}',
      '',
      '![a]({{ site.baseurl }}/images/site.png)',
      '',
      '<img src="{{ site.baseurl }}/images/raw.png">',
      '',
      '{% raw %}![r](img/raw.png){% endraw %}',
    ].join('\n'),
    { site: 'jekyll', siteUrl: 'https://me.test/blog/' },
  ],
  [
    'MDX images',
    [
      "import Cover from './cover.png'",
      '',
      '<Image src="img/m.png" alt="m" caption="M" />',
      '',
      '<Figure src="img/f.webp" />',
      '',
      '<img src="img/lower.png" />',
      '',
      '<Img src="data:image/png;base64,AA" />',
      '',
      '{/* ![c](img/comment.png) */}',
    ].join('\n'),
    { mdx: true, path: 'content/post.mdx' },
  ],
  ['kramdown markdown="1"', '<div markdown="1">\n![k](img/k.png)\n</div>', {}],
  ['an image inside math is code', 'Formula $![m](img/math.png)$ here.\n\n$$\n![n](img/math2.png)\n$$', {}],
  ['an image in an admonition', ':::note\n![n](img/note.png)\n:::\n\n> [!TIP]\n> ![t](img/tip.png)', {}],
]

const imageRule = (d: Diagnostic) => d.ruleId.startsWith('image-') && d.ruleId !== 'image-inline'
const essentials = (d: Diagnostic) => ({ line: d.line, ruleId: d.ruleId, severity: d.severity, message: d.message })

const covers: Array<[string, string, RenderInput['cover'], number | undefined]> = [
  ['local cover', 'Body ![b](img/b.png)', { src: 'img/cover.png', alt: 'c', caption: 'Caption' }, 3],
  ['root-absolute cover, no line', 'Body', { src: '/images/cover.jpg' }, undefined],
  ['remote cover', 'Body', { src: 'https://r.test/c.png' }, 2],
  ['cover outside the workspace', 'Body', { src: '../../c.png' }, 4],
  ['data: cover', 'Body', { src: 'data:image/png;base64,AA' }, 2],
  ['cover of a wrong type, no line', 'Body', { src: 'c.webp' }, undefined],
]

describe('findLocalImages and the renderer agree', () => {
  const cases: Array<[string, RenderInput]> = [
    // The golden cases, with their covers (input.json).
    ...goldenCases().map((name): [string, RenderInput] => [name, goldenInput(join(GOLDEN_ROOT, name))]),
    ...bodies.map(([name, body]): [string, RenderInput] => [name, fixtureInput(body)]),
    ...generatorBodies.map(([name, body, input]): [string, RenderInput] => [name, { ...fixtureInput(body), ...input }]),
    ...covers.map(([name, body, cover, coverLine]): [string, RenderInput] => [
      name,
      { ...fixtureInput(body), cover, bodyStartLine: 6, ...(coverLine === undefined ? {} : { coverLine }) },
    ]),
  ]
  for (const [name, input] of cases) {
    it(name, () => {
      const found = findLocalImages(input)
      const imageUrls = new Map(found.images.map((image) => [image.path, `https://cdn.example/${encodeURI(image.path)}`]))
      const rendered = renderArticle({ ...input, imageUrls })
      const fromRender = rendered.diagnostics.filter(imageRule).map(essentials)
      expect(fromRender.filter((d) => d.ruleId === 'image-unresolved')).toEqual([])
      expect(fromRender).toEqual(found.diagnostics.map(essentials))
      // Every listed image is shown; an article without image errors sends Medium no local path.
      for (const image of found.images) expect(rendered.html).toContain(`https://cdn.example/${encodeURI(image.path)}`)
      if (found.diagnostics.length > 0) return
      for (const [, src] of rendered.html.matchAll(/<img src="([^"]*)"/g)) expect(src).toMatch(/^(https?:)?\/\//)
    })
  }
})

describe('findLocalImages reads generator syntax as the renderer does', () => {
  const listed = (name: string) => {
    const [, body, input] = generatorBodies.find(([title]) => title === name)!
    const found = findLocalImages({ ...fixtureInput(body), ...input })
    return {
      paths: found.images.map((image) => `${image.line}:${image.path}`),
      errors: found.diagnostics.map((d) => `${d.line}:${d.ruleId}`),
    }
  }

  it('lists a Hugo figure, inline or not, and neither an escaped one nor one in code', () => {
    expect(listed('Hugo figures, escaped and in code')).toEqual({
      paths: ['1:content/img/h.png', '3:images/b.gif'],
      errors: ['5:image-outside-workspace'],
    })
  })

  it('lists Liquid images, site values read as the root path, and an image in {% raw %}', () => {
    expect(listed('Liquid images').paths).toEqual(['1:images/b.gif', '3:images/site.png', '5:images/raw.png', '7:content/img/raw.png'])
  })

  it('lists MDX images and components, not those in comments; reports a wrong type and a data: URI', () => {
    expect(listed('MDX images')).toEqual({
      paths: ['3:content/img/m.png', '7:content/img/lower.png'],
      errors: ['5:image-type', '9:image-data-uri'],
    })
  })

  it('lists an image that only kramdown markdown="1" makes an image, and none inside math', () => {
    expect(listed('kramdown markdown="1"').paths).toEqual(['2:content/img/k.png'])
    expect(listed('an image inside math is code').paths).toEqual([])
  })
})

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

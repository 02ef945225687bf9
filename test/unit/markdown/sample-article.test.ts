/**
 * The sample article `medium-publish doctor --sample-draft` posts: it renders
 * without errors where there is no repository, and shows every construct the
 * renderer transforms (one warning rule each, at least).
 */
import { describe, expect, it } from 'vitest'
import { renderArticle } from '../../../src/markdown/render.js'
import { sampleArticle } from '../../../src/markdown/sample-article.js'

const rendered = renderArticle({
  ...sampleArticle,
  path: 'medium-publish-sample.md',
  bodyStartLine: 1,
  articleUrls: new Map(),
  articlePaths: new Set(),
  imageUrls: new Map(),
})

describe('sample article', () => {
  it('renders without errors, with no repository and no uploaded image', () => {
    expect(rendered.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('shows every transformation that has a warning', () => {
    const rules = new Set(rendered.diagnostics.map((d) => d.ruleId))
    for (const rule of [
      'heading-level',
      'heading-in-quote',
      'table',
      'list-flattened',
      'list-numbers',
      'task-list',
      'footnote',
      'strikethrough',
      'unsupported-element',
      'embed',
      'html-removed',
      'image-inline',
      'link-anchor',
    ]) {
      expect(rules, rule).toContain(rule)
    }
  })

  it('starts with title, subtitle and cover, and ends with the footer', () => {
    expect(rendered.html).toMatch(/^<h1>medium-publish sample[^<]*<\/h1>\n<h2>Expected: [^<]*<\/h2>\n<figure><img src="https:[^"]*"/)
    expect(rendered.html).toMatch(/<h3>Notes<\/h3>[^]*<p><em>Expected: this italic line is the footer[^]*<\/p>$/)
  })

  it('says before each construct what Medium should show', () => {
    const labels = sampleArticle.body.match(/^Next: .*Medium should show .*$/gm) ?? []
    expect(labels.length).toBeGreaterThanOrEqual(20)
    // Every construct follows its label: no two labels in a row.
    expect(sampleArticle.body).not.toMatch(/^Next: .*\n\nNext: /m)
  })
})

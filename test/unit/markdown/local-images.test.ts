import { describe, expect, it } from 'vitest'
import { findLocalImages } from '../../../src/markdown/local-images.js'

const find = (body: string, path = 'content/posts/post.md', bodyStartLine = 5) => findLocalImages({ path, body, bodyStartLine })

describe('findLocalImages', () => {
  it('resolves relative images from the article folder and root-absolute ones from the workspace root, at their file line', () => {
    const { images, diagnostics } = find('Intro\n\n![a](img/a.png)\n\n![b](/images/b.JPG)\n')
    expect(diagnostics).toEqual([])
    expect(images).toEqual([
      { src: 'img/a.png', path: 'content/posts/img/a.png', line: 7 },
      { src: '/images/b.JPG', path: 'images/b.JPG', line: 9 },
    ])
  })

  it('ignores remote and protocol-relative images', () => {
    expect(find('![a](https://x.test/a.png) ![b](http://x.test/b.png) ![c](//cdn.test/c.png)').images).toEqual([])
  })

  it('URL-decodes the path and drops query and fragment', () => {
    expect(find('![a](my%20photo.png?v=2#x)').images[0]?.path).toBe('content/posts/my photo.png')
    expect(find('![a](<my photo.png>)').images[0]?.path).toBe('content/posts/my photo.png')
  })

  it('finds reference images and raw <img src> (with the line of the tag)', () => {
    const body = '![ref][logo]\n\n<div>\n  <img alt="x" src="../shared/x.gif">\n</div>\n\n[logo]: ./logo.png\n'
    const { images } = find(body, 'content/posts/post.md', 1)
    expect(images).toEqual([
      { src: './logo.png', path: 'content/posts/logo.png', line: 1 },
      { src: '../shared/x.gif', path: 'content/shared/x.gif', line: 4 },
    ])
  })

  it('reads raw <img> as the renderer does: entities decoded, the line of each image within the HTML', () => {
    const body = '<p>\n  <img src="a&#46;png" alt="a">\n  <img\n    src="/images/b.gif">\n</p>\n'
    expect(find(body, 'content/posts/post.md', 1).images).toEqual([
      { src: 'a.png', path: 'content/posts/a.png', line: 2 },
      { src: '/images/b.gif', path: 'images/b.gif', line: 3 },
    ])
  })

  it('skips raw <img> the render drops: in comments, <noscript>, <template> and elements removed with their content', () => {
    const body = [
      '<!-- <img src="old.png"> -->',
      'Text <!-- <img src="inline-old.png"> --> more.',
      '<noscript><img src="noscript.png"></noscript>',
      '<template><img src="template.png"></template>',
      '<video controls><img src="poster.png"></video>',
      '<div><img src="shown.png"></div>',
    ].join('\n\n')
    const { images, diagnostics } = find(body, 'content/posts/post.md', 1)
    expect(diagnostics).toEqual([])
    expect(images).toEqual([{ src: 'shown.png', path: 'content/posts/shown.png', line: 11 }])
  })

  it('skips images in table cells (the table becomes preformatted text, the images are not shown)', () => {
    const body =
      '| a | b |\n|---|---|\n| ![x](t.png) | <img src="u.png"> |\n| ![r][ref] | ![d](data:image/png;base64,AA) |\n\n![after](after.png)\n\n[ref]: r.png\n'
    const { images, diagnostics } = find(body, 'content/posts/post.md', 1)
    expect(diagnostics).toEqual([])
    expect(images.map((i) => [i.src, i.line])).toEqual([['after.png', 6]])
  })

  it('parses GFM as the renderer does: an image in a footnote is found', () => {
    expect(find('Text[^1]\n\n[^1]: See ![f](f.png)\n', 'content/posts/post.md', 1).images).toEqual([
      { src: 'f.png', path: 'content/posts/f.png', line: 3 },
    ])
  })

  it('does not report images inside code', () => {
    expect(find('```\n![a](a.png)\n<img src="b.png">\n```\n\n`![c](c.png)`').images).toEqual([])
  })

  it('reports a data: URI as an error suggesting to commit the file', () => {
    const { images, diagnostics } = find('text\n![x](data:image/png;base64,AAAA)')
    expect(images).toEqual([])
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ path: 'content/posts/post.md', line: 6, severity: 'error', ruleId: 'image-data-uri' })
    expect(diagnostics[0]?.message).toMatch(/commit the image/)
  })

  it('reports a URL scheme other than http(s) as an error naming the scheme (the schema would drop the src silently)', () => {
    const { images, diagnostics } = find('![x](ftp://host/a.png)\n\n<img src="file:///home/me/b.png">')
    expect(images).toEqual([])
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.severity])).toEqual([
      ['image-url-scheme', 5, 'error'],
      ['image-url-scheme', 7, 'error'],
    ])
    expect(diagnostics[0]?.message).toContain('"ftp:"')
    expect(diagnostics[0]?.message).toMatch(/only loads images over http\(s\)/)
    expect(diagnostics[1]?.message).toContain('"file:"')
  })

  it('refuses a path that leaves the workspace, but accepts ../ that stays inside', () => {
    const { images, diagnostics } = find('![up](../../../x.png)\n\n![ok](../../x.png)')
    expect(diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['image-outside-workspace', 5]])
    expect(diagnostics[0]?.message).toContain('"../../../x.png"')
    expect(images.map((i) => i.path)).toEqual(['x.png'])
  })

  it('refuses types Medium does not accept, naming the type', () => {
    const { images, diagnostics } = find('![a](a.svg)\n![b](b.webp)\n![c](c)\n![d](d.TIFF)')
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['image-type', 'image-type', 'image-type'])
    expect(diagnostics[0]?.message).toContain('".svg"')
    expect(images.map((i) => i.path)).toEqual(['content/posts/d.TIFF'])
  })

  it('lists a local cover first, at its front-matter line, and reports an unusable one there', () => {
    const cover = (src: string, coverLine?: number) =>
      findLocalImages({
        path: 'content/posts/post.md',
        body: '![a](a.png)',
        bodyStartLine: 8,
        cover: { src },
        ...(coverLine ? { coverLine } : {}),
      })
    expect(cover('img/cover.jpg', 3).images).toEqual([
      { src: 'img/cover.jpg', path: 'content/posts/img/cover.jpg', line: 3 },
      { src: 'a.png', path: 'content/posts/a.png', line: 8 },
    ])
    expect(cover('https://r.test/c.png', 3).images.map((i) => i.src)).toEqual(['a.png'])
    expect(cover('/c.webp', 4).diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['image-type', 4]])
    expect(cover('data:image/png;base64,AA').diagnostics[0]).not.toHaveProperty('line')
    expect(findLocalImages({ path: 'a.md', body: 'no image', bodyStartLine: 2, cover: { src: 'c.png' } }).images).toEqual([
      { src: 'c.png', path: 'c.png', line: 1 },
    ])
  })

  it('returns nothing, without parsing, for a body with no image syntax', () => {
    expect(find('Just [a link](a.png) and text.')).toEqual({ images: [], diagnostics: [] })
  })
})

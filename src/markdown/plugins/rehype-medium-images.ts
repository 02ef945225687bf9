/**
 * rehype plugin: images Medium can load, as Medium figures.
 *
 * - A local image (relative to the article, or root-absolute from the
 *   workspace root; Markdown or raw `<img>`) gets the URL the pipeline
 *   uploaded or linked it at (`imageUrls`, keyed by the workspace-relative
 *   path). `data:` URIs, URL schemes other than http(s) (`image-url-scheme`),
 *   paths leaving the workspace and types Medium refuses are errors, with the
 *   very diagnostic `findLocalImages` gives (same function, same line).
 * - `image-unresolved` is a safety net only: `findLocalImages` lists the
 *   images this plugin sees (test/unit/markdown/image-finders.test.ts), and
 *   the pipeline renders an article only once each listed image has a URL.
 *   It reports a local image with no URL, which only the two finders
 *   disagreeing (or a caller skipping an image) can produce, never an image
 *   `findLocalImages` rejected: one diagnostic per image at most.
 * - Remote images (http(s), `//host`) are untouched.
 * - An image alone in its paragraph becomes `<figure><img></figure>`, with a
 *   `<figcaption>` of its title, or else of its alt text, when it has one
 *   (Medium shows images as figures; the alt text is kept on the image too).
 * - A title on an image inside text cannot be shown by Medium: it is dropped
 *   with a warning (`image-title`).
 */
import type { Element, ElementContent, Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { mediumContext, report, sourceMayContain } from '../context.js'
import { classifyImageSource, imageSourceProblem } from '../local-images.js'

export default function rehypeMediumImages() {
  return function (tree: Root, file: VFile): void {
    if (!sourceMayContain(file, '![', /<img\b/i)) return
    const context = mediumContext(file)

    const resolve = (image: Element) => {
      const src = image.properties.src
      if (typeof src !== 'string') return
      const source = classifyImageSource(context.path, src)
      if (source.kind === 'remote') return
      if (source.kind === 'local') {
        const url = context.imageUrls.get(source.path)
        if (url !== undefined) {
          image.properties.src = url
          return
        }
        report(
          file,
          image,
          `Image "${src}" ("${source.path}") has no URL to give Medium: it was neither uploaded nor linked (check that the file exists and is committed).`,
          'image-unresolved',
          'error',
        )
        return
      }
      const problem = imageSourceProblem(source, src)
      if (problem) report(file, image, problem.message, problem.ruleId, 'error')
    }

    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'img') {
        if (parent?.type === 'root' && index !== undefined) {
          // A raw `<img>` on its own line: a figure, like a Markdown image alone in its paragraph.
          parent.children[index] = figure(node, resolve)
          return 'skip'
        }
        resolve(node)
        const title = node.properties.title
        if (typeof title === 'string' && title !== '') {
          report(
            file,
            node,
            `Image title "${title}" was dropped: Medium shows a caption only for an image alone in its paragraph (put the image on its own line to get the caption).`,
            'image-title',
          )
          delete node.properties.title
        }
        return undefined
      }
      if (node.tagName !== 'p' || !parent || index === undefined) return undefined
      const image = loneImage(node)
      if (!image) return undefined
      parent.children[index] = { ...figure(image, resolve), position: node.position }
      return 'skip'
    })
  }
}

/** `<figure><img><figcaption>` with the title, or else the alt text, as caption (none when both are empty). */
function figure(image: Element, resolve: (image: Element) => void): Element {
  resolve(image)
  const title = typeof image.properties.title === 'string' ? image.properties.title.trim() : ''
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt.trim() : ''
  delete image.properties.title
  const caption = title || alt
  const children: ElementContent[] = [image]
  if (caption) children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] })
  return { type: 'element', tagName: 'figure', properties: {}, children, position: image.position }
}

/** The `<img>` that is the only content of a paragraph (whitespace aside). */
function loneImage(paragraph: Element): Element | undefined {
  let image: Element | undefined
  for (const child of paragraph.children) {
    if (child.type === 'text' && child.value.trim() === '') continue
    if (child.type === 'element' && child.tagName === 'img' && !image) image = child
    else return undefined
  }
  return image
}

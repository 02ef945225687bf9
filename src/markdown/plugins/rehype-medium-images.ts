/**
 * rehype plugin: images as Medium shows them, figures at the top level.
 *
 * - A local image (relative to the article, or root-absolute from the
 *   workspace root; Markdown, raw `<img>` or the cover) gets the URL the
 *   pipeline uploaded or linked it at (`imageUrls`, keyed by the
 *   workspace-relative path). `data:` URIs, URL schemes other than http(s)
 *   (`image-url-scheme`), paths leaving the workspace and types Medium refuses
 *   are errors, with the very diagnostic `findLocalImages` gives (same
 *   function, same line).
 * - `image-unresolved` is a safety net only: `findLocalImages` lists the
 *   images this plugin sees (test/unit/markdown/image-finders.test.ts), and
 *   the pipeline renders an article only once each listed image has a URL.
 * - Remote images (http(s), `//host`) are untouched.
 * - An image with no URL (`![alt]()`, or Hashnode's `![]( align="center")`)
 *   shows nothing anywhere: it is left out, with a warning (`image-empty`).
 * - An image alone in a top-level paragraph, or a raw `<img>` at the top
 *   level, becomes `<figure><img></figure>`, with a `<figcaption>` of its
 *   title when it has one. The alt text stays `alt` and is never a caption
 *   (Medium keeps it apart, and GitHub never shows it either). An image in a
 *   raw `<figure>` keeps that figure (and its `<figcaption>`); a linked image
 *   alone in its paragraph stays a linked image.
 * - Medium has no inline images: any other image (inside a line of text, a
 *   list item, a quote, a heading) becomes a link to the image labelled with
 *   its alt text, or its title, or "image" (just the label inside a link):
 *   `image-inline`.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { mediumContext, report, type MediumRenderContext } from '../context.js'
import { h, isBlankText } from '../hast-nodes.js'
import { classifyImageSource, imageSourceProblem } from '../local-images.js'

export default function rehypeMediumImages() {
  return function (tree: Root, file: VFile): void {
    const images: Images = { file, context: mediumContext(file) }
    dropEmptyImages(tree, file)
    tree.children.forEach((node, index) => {
      if (node.type !== 'element') return
      if (node.tagName === 'img') {
        // A raw `<img>` on its own line: a figure, like a Markdown image alone in its paragraph.
        tree.children[index] = figure(images, node, node.position)
        return
      }
      if (node.tagName === 'p') {
        const only = onlyChild(node)
        if (only?.tagName === 'img') {
          tree.children[index] = figure(images, only, node.position)
          return
        }
        const linked = only?.tagName === 'a' ? onlyChild(only) : undefined
        if (linked?.tagName === 'img') {
          resolve(images, linked)
          const title = linked.properties.title
          if (typeof title === 'string' && title.trim() !== '') {
            const message = `The caption "${title.trim().slice(0, 80)}" of a linked image is not shown: Medium cannot caption an image that is a link. Remove the link to show the caption.`
            report(file, linked, message, 'image-caption-dropped')
          }
          delete linked.properties.title
          return
        }
      }
      walk(images, node, node.tagName === 'a')
    })
  }
}

/** Images with no URL, out of the tree (a paragraph left empty goes with rehype-medium-drop-empty). */
function dropEmptyImages(tree: Root, file: VFile): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return undefined
    const { src, alt } = node.properties
    if (src !== undefined && (typeof src !== 'string' || src.trim() !== '')) return undefined
    const label = typeof alt === 'string' && alt.trim() ? ` ("${alt.trim().slice(0, 80)}")` : ''
    report(
      file,
      node,
      `An image with no URL${label} shows nothing: it was left out. Give it the image's path or URL, or remove it.`,
      'image-empty',
    )
    parent.children.splice(index, 1)
    return index
  })
}

interface Images {
  file: VFile
  context: MediumRenderContext
}

/** The image's URL for Medium: the uploaded or linked one for a local image; an error for one Medium cannot load. */
function resolve({ file, context }: Images, image: Element): void {
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
    const message = `Image "${src}" ("${source.path}") has no URL to give Medium: it was neither uploaded nor linked (check that the file exists and is committed).`
    report(file, image, message, 'image-unresolved', 'error')
    return
  }
  const problem = imageSourceProblem(source, src)
  if (problem) report(file, image, problem.message, problem.ruleId, 'error')
}

/** `<figure><img><figcaption>` with the image's title as caption (none without one). */
function figure(images: Images, image: Element, position: Element['position']): Element {
  resolve(images, image)
  const caption = typeof image.properties.title === 'string' ? image.properties.title.trim() : ''
  delete image.properties.title
  const children: ElementContent[] = [image]
  if (caption) children.push(h('figcaption', [{ type: 'text', value: caption }]))
  return { ...h('figure', children), position }
}

/** An image Medium cannot show where it is: a link to it (or its label alone, inside a link). */
function inline(images: Images, image: Element, inLink: boolean): ElementContent {
  const written = image.properties.src
  resolve(images, image)
  const { src, alt, title } = image.properties
  const label = (typeof alt === 'string' && alt.trim()) || (typeof title === 'string' && title.trim()) || 'image'
  report(
    images.file,
    image,
    `Image "${typeof written === 'string' ? written.slice(0, 80) : ''}" is inside a line of text, a list, a quote or a heading, where Medium cannot show images: ` +
      `it was changed to ${inLink ? 'its label' : 'a link to it'} ("${label}"). Put the image on a line of its own to show it.`,
    'image-inline',
  )
  const text: ElementContent = { type: 'text', value: label }
  if (inLink || typeof src !== 'string' || !/^(?:https?:)?\/\//i.test(src)) return text
  return { ...h('a', [text], { href: src }), position: image.position }
}

function walk(images: Images, parent: Element, inLink: boolean): void {
  parent.children.forEach((node, index) => {
    if (node.type !== 'element') return
    if (node.tagName === 'img') {
      if (parent.tagName === 'figure') resolve(images, node)
      else parent.children[index] = inline(images, node, inLink)
      return
    }
    walk(images, node, inLink || node.tagName === 'a')
  })
}

/** The one element of a paragraph or link, whitespace aside; undefined if there is text or more. */
function onlyChild(parent: Element): Element | undefined {
  let only: Element | undefined
  for (const child of parent.children) {
    if (isBlankText(child)) continue
    if (child.type !== 'element' || only) return undefined
    only = child
  }
  return only
}

/**
 * rehype plugin: the post's head, before the body.
 *
 * Medium does not show the post's `title` field in the body ("the title must
 * be specified in the content field as well", Medium API docs), and its
 * importer reads an `<h2>` right under the title as the subtitle. So the
 * content starts with `<h1>` of the title, then `<h2>` of the subtitle when
 * there is one, then the cover image when there is one (Medium makes the
 * first image the post's featured image). The body's own copy of the title is
 * removed by rehypeMediumHeadings, which runs before this plugin.
 *
 * The cover is added as a paragraph holding only its image (its caption as the
 * image's title), so rehypeMediumImages resolves it and makes it a figure
 * exactly like a body image; its diagnostics point at the cover's
 * front-matter line (`coverPlace`).
 */
import type { ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { mediumContext } from '../context.js'
import { h } from '../hast-nodes.js'

export default function rehypeMediumTitle() {
  return function (tree: Root, file: VFile): void {
    const head = mediumContext(file).head
    if (!head) return
    const blocks: ElementContent[] = [h('h1', [{ type: 'text', value: head.title.trim() }])]
    const subtitle = head.subtitle?.trim()
    if (subtitle) blocks.push(h('h2', [{ type: 'text', value: subtitle }]))
    if (head.cover) {
      const { src, alt, caption } = head.cover
      const image = h('img', [], { src, alt: alt ?? '', ...(caption?.trim() ? { title: caption.trim() } : {}) })
      if (head.coverPlace) image.position = { start: head.coverPlace, end: head.coverPlace }
      blocks.push(h('p', [image]))
    }
    tree.children.unshift(...blocks.flatMap((block): ElementContent[] => [block, { type: 'text', value: '\n' }]))
  }
}

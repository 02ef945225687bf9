/**
 * remark plugin: map headings onto Medium's two heading sizes.
 *
 * Medium's editor has two heading sizes, the large "T" and the small "t"
 * (stored by Medium itself as `<h3>` and `<h4>`); the post title is the only
 * `<h1>`. Medium's HTML import maps `<h1>`/`<h2>` to the large heading and
 * `<h3>`/`<h4>` to the small one, and does not keep deeper levels as headings.
 * We send exactly what Medium will show:
 *
 * | Markdown            | sent to Medium              | Medium shows    | warning          |
 * |---------------------|-----------------------------|-----------------|------------------|
 * | title               | `<h1>` (first, once)        | post title      | no               |
 * | `#` (after title)   | `<h2>`                      | large heading   | no               |
 * | `##`                | `<h2>`                      | large heading   | no               |
 * | `###`, `####`       | `<h3>`                      | small heading   | no               |
 * | `#####`, `######`   | `<p><strong>…</strong></p>` | bold paragraph  | `heading-level`  |
 *
 * Later `#` headings become `<h2>` so the title stays the only `<h1>`
 * (a second `<h1>` could be taken as the title); since Medium shows h1 and h2
 * alike, the reader sees no change and no warning is given.
 */
import type { Paragraph, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import { INLINE_OR_LEAF } from '../blocks.js'
import type { VFile } from 'vfile'
import { report } from '../context.js'

export default function remarkMediumHeadings() {
  return function (tree: Root, file: VFile): void {
    // Headings are blocks: never look inside paragraphs, code or tables.
    visit(tree, (node, index, parent) => {
      if (node.type !== 'heading') return INLINE_OR_LEAF.has(node.type) ? SKIP : undefined
      if (node.data?.mediumTitle) return SKIP
      if (node.depth <= 2) node.depth = 2
      else if (node.depth <= 4) node.depth = 3
      else if (parent && index !== undefined) {
        report(
          file,
          node,
          `Heading level ${node.depth} ("${'#'.repeat(node.depth)}") was changed to a bold paragraph: Medium has only two heading sizes (use "##" for a large heading, "###" for a small one).`,
          'heading-level',
        )
        const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'strong', children: node.children }], position: node.position }
        parent.children[index] = paragraph
      }
      return SKIP
    })
  }
}

/**
 * remark plugin: task-list boxes as text.
 *
 * Medium drops `<input type="checkbox">`, so a GFM task item `- [ ] a` / `- [x] a`
 * starts with the text "☐ " / "☑ " instead, and is a plain list item (with a
 * warning per item, at its line).
 */
import type { Paragraph, Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import { INLINE_OR_LEAF } from '../blocks.js'
import type { VFile } from 'vfile'
import { report } from '../context.js'

export default function remarkMediumTaskLists() {
  return function (tree: Root, file: VFile): void {
    visit(tree, (node) => {
      if (node.type !== 'listItem') return INLINE_OR_LEAF.has(node.type) ? SKIP : undefined
      if (typeof node.checked !== 'boolean') return undefined
      const box = node.checked ? '☑' : '☐'
      report(file, node, `Task-list checkbox was changed to the text "${box}": Medium does not show checkboxes.`, 'task-list')
      const first = node.children[0]
      if (first?.type === 'paragraph') {
        first.children.unshift({ type: 'text', value: `${box} ` })
      } else {
        const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: box }] }
        node.children.unshift(paragraph)
      }
      node.checked = null
      return undefined
    })
  }
}

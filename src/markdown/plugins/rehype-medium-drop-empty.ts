/**
 * rehype plugin: no empty element reaches Medium.
 *
 * An element that shows nothing (no text but whitespace, no image, no rule)
 * is removed: `<p></p>` left by a removed `<iframe>`, an empty `<figcaption>`
 * or `<strong>`, a link without text, an empty code block or heading…, then
 * its parent if that leaves it empty too. A line break alone shows nothing.
 * No warning: the reader sees no difference. Runs after rehype-sanitize (which
 * can empty an element) and lays the top-level blocks out one per line.
 */
import type { Element, Root, RootContent } from 'hast'
import { isBlankText } from '../hast-nodes.js'

export default function rehypeMediumDropEmpty() {
  return function (tree: Root): void {
    dropEmpty(tree)
    const blocks = tree.children.filter((child) => !isBlankText(child))
    tree.children = blocks.flatMap((block, index): RootContent[] => (index === 0 ? [block] : [{ type: 'text', value: '\n' }, block]))
  }
}

/** Removes the empty elements inside `parent`; returns whether it still shows something. */
function dropEmpty(parent: Root | Element): boolean {
  let shows = false
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]!
    if (child.type === 'text') {
      if (child.value.trim() !== '') shows = true
    } else if (child.type === 'element') {
      if (child.tagName === 'img' || child.tagName === 'hr') shows = true
      else if (child.tagName === 'br') continue
      else if (dropEmpty(child)) shows = true
      else {
        // With the line break laid out before it, so no blank line is left.
        const before = index > 0 && isBlankText(parent.children[index - 1]!)
        parent.children.splice(before ? index - 1 : index, before ? 2 : 1)
        index -= before ? 2 : 1
      }
    }
  }
  return shows
}

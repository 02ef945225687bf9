/**
 * remark plugin: excerpt markers removed.
 *
 * `<!--more-->` (Hugo, Jekyll, Hexo), `<!-- more -->` and `<!--truncate-->`
 * (Docusaurus) cut a post's summary on the blog's index; a Medium post has
 * no such cut. Silent: nothing was ever shown there.
 */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'

const MARKER = /^<!--\s*(?:more|truncate)\s*-->$/

export default function remarkMoreMarkers() {
  return function (tree: Root): void {
    visit(tree, 'html', (node, index, parent) => {
      if (!parent || index === undefined || !MARKER.test(node.value.trim())) return undefined
      parent.children.splice(index, 1)
      return index
    })
  }
}

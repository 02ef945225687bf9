/**
 * remark plugin: code blocks without languages.
 *
 * Medium's code blocks have no syntax highlighting and drop the
 * `language-*` class, so we send a plain `<pre><code>` and warn when a fence
 * named a language (the name is not shown to the reader). Inline code is kept.
 */
import type { Root } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import { INLINE_OR_LEAF } from '../blocks.js'
import type { VFile } from 'vfile'
import { report, sourceMayContain } from '../context.js'

export default function remarkMediumCode() {
  return function (tree: Root, file: VFile): void {
    // Only fenced code can name a language.
    if (!sourceMayContain(file, '```', '~~~')) return
    visit(tree, (node) => {
      if (node.type !== 'code') return INLINE_OR_LEAF.has(node.type) ? SKIP : undefined
      if (!node.lang) return SKIP
      report(
        file,
        node,
        `Code block language "${node.lang}" was dropped: Medium code blocks have no syntax highlighting (the code itself is kept; remove the language to silence this).`,
        'code-language',
      )
      node.lang = null
      node.meta = null
      return SKIP
    })
  }
}

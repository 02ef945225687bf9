/**
 * remark plugin: Hashnode embeds `%[https://…]` as the URL alone in its
 * paragraph, which Medium embeds the same way (YouTube, Gist, tweets, CodePen…).
 */
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { embedParagraph } from './medium-equivalents.js'

const EMBED = /^%\[(https?:\/\/[^\s\]]+)\][ \t]*$/

export default function remarkHashnodeEmbeds() {
  return function (tree: Root, file: VFile): void {
    const source = String(file.value)
    visit(tree, 'paragraph', (node, index, parent) => {
      const { start, end } = node.position ?? {}
      if (!parent || index === undefined || start?.offset === undefined || end?.offset === undefined) return undefined
      const embed = source.startsWith('%[', start.offset) ? EMBED.exec(source.slice(start.offset, end.offset)) : null
      if (embed) parent.children[index] = embedParagraph(embed[1]!, node.position)
      return 'skip'
    })
  }
}

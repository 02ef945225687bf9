/**
 * remark plugin: HTML blocks marked `markdown="1"` (kramdown, Jekyll) read as Markdown.
 *
 * kramdown parses the content of `<div markdown="1">` as Markdown;
 * CommonMark keeps an HTML block's lines raw, so `**x**` inside would reach
 * Medium as asterisks. The content is parsed with this processor (so any
 * other generator syntax in it is handled too), between the element's own
 * tags; a Minimal Mistakes `notice` class makes it a labelled quote.
 */
import type { Html, Root, RootContent } from 'mdast'
import type { Processor } from 'unified'
import { visit } from 'unist-util-visit'
import { admonitionLabel, asBlocks, labelledQuote, shiftPositions } from './medium-equivalents.js'

const OPENING = /^<([A-Za-z][\w-]*)\b([^>]*?)\s+markdown\s*=\s*["']?(?:1|block|span)["']?([^>]*)>/

export default function remarkMarkdownInHtml(this: Processor) {
  const parseMarkdown = (value: string) => this.parse(value) as Root
  return function (tree: Root): void {
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined) return undefined
      const opening = OPENING.exec(node.value)
      if (!opening) return undefined
      const [tag, name, before, after] = opening as unknown as [string, string, string, string]
      const attributes = `${before}${after}`
      let rest = node.value.slice(tag.length)
      const closing = new RegExp(String.raw`</${name}\s*>\s*$`, 'i')
      const closed = closing.test(rest)
      if (closed) rest = rest.replace(closing, '')
      const lead = /^[ \t]*\r?\n/.exec(rest)?.[0] ?? ''
      const content = parseMarkdown(rest.slice(lead.length))
      const start = node.position?.start
      if (start) shiftPositions(content, start.line - 1 + (lead ? 1 : 0), (start.offset ?? 0) + tag.length + lead.length)

      // Up to the closing tag: this node's content, then siblings until a `</name>` block.
      let end = index
      const inside: RootContent[] = [...content.children]
      if (!closed) {
        for (let next = index + 1; next < parent.children.length; next++) {
          const sibling = parent.children[next]!
          if (sibling.type === 'html' && closing.test(sibling.value.trim())) {
            end = next
            break
          }
        }
        if (end !== index) inside.push(...parent.children.slice(index + 1, end))
      }
      const notice = /class\s*=\s*["'][^"']*\bnotice(?:--([\w-]+))?\b/.exec(attributes)
      const replacement: RootContent[] = notice
        ? [labelledQuote(admonitionLabel(notice[1] ?? 'note', undefined), asBlocks(inside), node.position)]
        : [
            { type: 'html', value: `<${name}${attributes}>`, position: node.position },
            ...inside,
            { type: 'html', value: `</${name}>`, position: node.position },
          ]
      parent.children.splice(index, end - index + 1, ...(replacement as never[]))
      return index + replacement.length
    })
  }
}

/**
 * remark plugin: kramdown attribute lists and heading ids, which only style
 * or name an element, removed.
 *
 * - Block attribute lists (`{: .class}`, `{:.notice--info}`, `{: #id}`) on a
 *   line of their own, and span ones after an element (`*x*{: .y}`) -> nothing;
 *   a notice class (Minimal Mistakes' `notice--info`, Chirpy's `prompt-tip` on
 *   a quote) makes the paragraph (or quote) a labelled quote (`**Info:** …`),
 *   as the theme shows it as a box;
 * - heading ids and classes (`## Install {#install}`, `{: #install}`) -> nothing;
 * - kramdown's table of contents (`* TOC` + `{:toc}`) -> nothing, with a
 *   warning (`kramdown-toc`): Medium has no table of contents.
 */
import type { Paragraph, PhrasingContent, Root, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { admonitionLabel, labelledQuote } from './medium-equivalents.js'

/** A kramdown attribute list: `{: …}` or `{:.x}`; `{::…}` is an extension, not an attribute list. */
const ATTRIBUTE_LIST = /\{:(?!:)[^}\n]*\}/g
const TRAILING_LIST = /[ \t]*(?:\r?\n)?[ \t]*\{:(?!:)([^}\n]*)\}[ \t\r]*$/
const HEADING_ATTRIBUTES = /[ \t]*\{(?::[ \t]*)?[#.][^}\n]*\}[ \t\r]*$/

/**
 * The admonition type of an attribute list, if any: Minimal Mistakes'
 * `.notice--info` (`.notice` alone: `note`), Chirpy's `.prompt-tip`.
 */
function noticeType(attributes: string): string | undefined {
  const match = /\.(?:notice(?:--([\w-]+))?|prompt-([\w-]+))(?![\w-])/.exec(attributes)
  if (!match) return undefined
  return match[1] ?? match[2] ?? 'note'
}

function lastText(children: PhrasingContent[]): Text | undefined {
  const last = children.at(-1)
  return last?.type === 'text' ? last : undefined
}

export default function remarkAttributeLists() {
  return function (tree: Root, file: VFile): void {
    visit(tree, (node, index, parent) => {
      if (node.type === 'heading') {
        const text = lastText(node.children)
        if (text) text.value = text.value.replace(HEADING_ATTRIBUTES, '')
        return undefined
      }
      if (node.type === 'list' && parent && index !== undefined) {
        // `* TOC` / `{:toc}`: kramdown writes a table of contents there.
        if (node.children.length === 1 && /^\s*(?:TOC|Table of contents)?\s*\{:\s*(?:\.no_toc\s*)?toc\s*\}\s*$/i.test(toString(node))) {
          report(file, node, 'The kramdown table of contents ({:toc}) was removed: Medium has none (its headings stay).', 'kramdown-toc')
          parent.children.splice(index, 1)
          return index
        }
        return undefined
      }
      if (node.type !== 'paragraph' || !parent || index === undefined) return undefined
      const paragraph = node as Paragraph
      const text = lastText(paragraph.children)
      const only = paragraph.children.length === 1 && text && /^\s*(?:\{:(?!:)[^}\n]*\}\s*)+$/.test(text.value)
      if (only) {
        // A block attribute list on its own line: applies to the block before it.
        const type = noticeType(text.value)
        const previous = parent.children[index - 1]
        parent.children.splice(index, 1)
        if (type && previous?.type === 'paragraph') {
          parent.children[index - 1] = labelledQuote(admonitionLabel(type, undefined), [previous], previous.position)
        }
        return index
      }
      let type: string | undefined
      const trailing = text ? TRAILING_LIST.exec(text.value) : null
      if (text && trailing) {
        type = noticeType(trailing[1]!)
        text.value = text.value.slice(0, trailing.index)
        if (text.value === '') paragraph.children.pop()
      }
      // Span attribute lists anywhere in the paragraph.
      visit(paragraph, 'text', (child: Text) => {
        if (child.value.includes('{:')) child.value = child.value.replace(ATTRIBUTE_LIST, '')
      })
      if (!type) return undefined
      if (parent.type === 'blockquote' && index === parent.children.length - 1) {
        // `> text` + `{: .prompt-tip }`: the quote itself is the admonition (once: an alert may have labelled it).
        if (parent.data?.labelled) return undefined
        const labelled = labelledQuote(admonitionLabel(type, undefined), parent.children, parent.position)
        parent.children = labelled.children
      } else parent.children[index] = labelledQuote(admonitionLabel(type, undefined), [paragraph], paragraph.position)
      return undefined
    })
  }
}

/**
 * remark plugin: admonitions and leaf directives as their Medium equivalents.
 *
 * - Containers (`:::note`, `:::tip[Title]`, `:::warning Title`, `::: info`,
 *   nested `::::`) -> a labelled quote (`**Tip:** …`, the title as label
 *   when given); VitePress `::: code-group` -> its content (code blocks);
 * - GitHub alerts (`> [!NOTE]`, `> [!TIP]`, `> [!IMPORTANT]`,
 *   `> [!WARNING]`, `> [!CAUTION]`, and Obsidian's `> [!info] Title`) -> the
 *   same blockquote, labelled;
 * - leaf directives `::youtube[id]`, `::vimeo{#id}`, `::gist[user/id]`,
 *   `::tweet[id]` -> the embed URL alone in its paragraph; any other leaf
 *   directive -> error `directive-unknown` naming it;
 * - text directives with a label: `:abbr[HTML]`, `:mark[x]`… -> the label,
 *   `:kbd[Ctrl]` -> code; any other -> error `directive-unknown`. Without a
 *   label (`key:value`) it is text, as Docusaurus keeps it.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import type { AdmonitionContainer } from './admonition-container-syntax.js'
import { admonitionLabel, embedParagraph, labelledQuote } from './medium-equivalents.js'

const ALERT = /^\[!([A-Za-z]+)\][+-]?[ \t]*([^\r\n]*)(?:\r?\n|$)/
const LEAF = /^::([A-Za-z][\w-]*)(?:\[([^\]\n]*)\])?(?:\{([^}\n]*)\})?[ \t]*$/

const LEAF_EMBEDS: Record<string, (id: string) => string> = {
  youtube: (id) => (/^https?:/.test(id) ? id : `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`),
  vimeo: (id) => (/^https?:/.test(id) ? id : `https://vimeo.com/${encodeURIComponent(id)}`),
  gist: (id) => (/^https?:/.test(id) ? id : `https://gist.github.com/${id}`),
  tweet: (id) => (/^https?:/.test(id) ? id : `https://twitter.com/i/status/${encodeURIComponent(id)}`),
  codepen: (id) => id,
  embed: (id) => id,
}

/** `tip[Title]{#x}`, `warning Title`, `info` -> type and title. */
function parseOpening(opening: string): { type: string; title: string | undefined } {
  const match = /^([A-Za-z][\w-]*)\s*(?:\[([^\]]*)\])?\s*(?:\{[^}]*\})?\s*(.*)$/.exec(opening.trim())
  if (!match) return { type: 'note', title: undefined }
  return { type: match[1]!, title: match[2] ?? (match[3]?.trim() || undefined) }
}

/** A text directive with a label (`:abbr[HTML]{title="…"}`); without one (`:x`) it is text, as in `key:value`. */
const TEXT_DIRECTIVE = /(?<![\w:]):([A-Za-z][\w-]*)\[([^\]\n]*)\](?:\{[^}\n]*\})?/g
/** Text directives whose label is all a reader needs (`kbd` as code). */
const TEXT_DIRECTIVES = new Set(['abbr', 'kbd', 'mark', 'sup', 'sub', 'span', 'badge', 'u', 'ins'])

export default function remarkAdmonitions() {
  return function (tree: Root, file: VFile): void {
    const source = String(file.value)
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return undefined
      if (node.type === 'text' && node.value.includes(':')) return textDirectives(node, index, parent as Parent)
      if (node.type === 'admonitionContainer') {
        const container = node as AdmonitionContainer
        const { type, title } = parseOpening(container.opening)
        const replacement: RootContent[] =
          type === 'code-group' ? container.children : [labelledQuote(admonitionLabel(type, title), container.children, container.position)]
        parent.children.splice(index, 1, ...(replacement as never[]))
        return index
      }
      if (node.type === 'blockquote') {
        const first = node.children[0]
        const text = first?.type === 'paragraph' ? first.children[0] : undefined
        const alert = text?.type === 'text' ? ALERT.exec(text.value) : null
        if (!first || first.type !== 'paragraph' || !text || text.type !== 'text' || !alert) return undefined
        text.value = text.value.slice(alert[0].length)
        if (text.value === '') first.children.shift()
        // A line break right after the marker (`[!NOTE]  ` + break) is not content either.
        if (first.children[0]?.type === 'break') first.children.shift()
        const rest = first.children.length === 0 ? node.children.slice(1) : node.children
        parent.children[index] = labelledQuote(admonitionLabel(alert[1]!.toLowerCase(), alert[2] || undefined), rest, node.position)
        return undefined
      }
      if (node.type === 'paragraph' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
        if (!source.startsWith('::', node.position.start.offset)) return undefined
        const written = source.slice(node.position.start.offset, node.position.end.offset)
        const leaf = LEAF.exec(written)
        if (!leaf) return undefined
        const name = leaf[1]!.toLowerCase()
        const attributes = leaf[3] ?? ''
        const id = leaf[2] || /#([\w-]+)/.exec(attributes)?.[1] || /\b(?:id|url|src)=["']?([^"'\s}]+)/.exec(attributes)?.[1]
        if (Object.hasOwn(LEAF_EMBEDS, name) && id) {
          parent.children[index] = embedParagraph(LEAF_EMBEDS[name]!(id), node.position) satisfies Paragraph
          return undefined
        }
        report(
          file,
          node,
          `Directive "${written.trim()}" has no Medium equivalent: replace it with Markdown (a link alone on its line embeds YouTube, Vimeo, Gist and tweets).`,
          'directive-unknown',
          'error',
        )
        parent.children.splice(index, 1)
        return index
      }
      return undefined
    })

    function textDirectives(node: Text, index: number, parent: Parent): number | undefined {
      const parts: PhrasingContent[] = []
      let last = 0
      for (const match of node.value.matchAll(TEXT_DIRECTIVE)) {
        const name = match[1]!.toLowerCase()
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) })
        last = match.index + match[0].length
        if (name === 'kbd') parts.push({ type: 'inlineCode', value: match[2]! })
        else if (TEXT_DIRECTIVES.has(name)) parts.push({ type: 'text', value: match[2]! })
        else {
          report(
            file,
            node,
            `Directive "${match[0]}" has no Medium equivalent: replace it with its text (or Markdown).`,
            'directive-unknown',
            'error',
          )
        }
      }
      if (last === 0) return undefined
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) })
      parent.children.splice(index, 1, ...(parts.map((part) => ({ ...part, position: node.position })) as never[]))
      return index + parts.length
    }
  }
}

/** Building and reading the hast nodes our rehype plugins produce. */
import type { Element, ElementContent, Nodes, Properties } from 'hast'

/** An element with the given children and no attributes unless given. */
export function h(tagName: string, children: ElementContent[] = [], properties: Properties = {}): Element {
  return { type: 'element', tagName, properties, children }
}

/** The text of a node, as a reader sees it (`<img>` alt text aside). */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (!('children' in node)) return ''
  let text = ''
  for (const child of node.children) text += textOf(child)
  return text
}

/** Text compared as a reader sees it: whitespace runs collapsed, ends trimmed. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Whether a node is a text node of whitespace only (the line breaks between blocks). */
export function isBlankText(node: Nodes): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/**
 * hast property marking a heading we generate as Medium's small heading (the
 * footnotes' "Notes"): the level mapping leaves it at `<h3>`. Set from mdast
 * through `data.hProperties`; removed by the level mapping (and by the schema).
 */
export const SMALL_HEADING_PROPERTY = 'dataMediumSmallHeading'

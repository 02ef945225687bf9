/**
 * remark plugin: footnotes as a numbered "Notes" section.
 *
 * Medium keeps neither `<sup>` nor in-page links (no `id`s survive), so GFM's
 * footnote markup would become stray numbers pointing nowhere. Instead each
 * reference becomes the plain text `[1]`, `[2]`… (numbered in order of first
 * reference) and the definitions go, in that order, to a "Notes" section at
 * the end: a small heading, then one paragraph per note starting with its
 * `[n]`, followed by any further blocks of the note (code, lists…). A warning
 * at the first reference of each footnote; a definition never referenced is
 * still listed (nothing is lost) with its own warning.
 */
import type { BlockContent, DefinitionContent, FootnoteDefinition, Heading, Paragraph, Root, RootContent, Text } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { SMALL_HEADING_PROPERTY } from '../hast-nodes.js'

export default function remarkMediumFootnotes() {
  return function (tree: Root, file: VFile): void {
    const definitions = new Map<string, FootnoteDefinition>()
    const numbers = new Map<string, number>()
    const order: string[] = []

    // Pass over the tree: lift the definitions out and number the references.
    // Both node types are rare; a document without either is left untouched.
    const replace = (root: Root | FootnoteDefinition) =>
      visit(root, (node, index, parent) => {
        if (node.type === 'footnoteDefinition' && parent && index !== undefined && node !== root) {
          if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
          parent.children.splice(index, 1)
          return [SKIP, index]
        }
        if (node.type === 'footnoteReference' && parent && index !== undefined) {
          let number = numbers.get(node.identifier)
          if (number === undefined) {
            number = order.push(node.identifier)
            numbers.set(node.identifier, number)
            report(
              file,
              node,
              `Footnote "[^${node.label ?? node.identifier}]" was changed to the marker "[${number}]" with its text in a "Notes" section at the end: Medium does not support footnotes.`,
              'footnote',
            )
          }
          const marker: Text = { type: 'text', value: `[${number}]`, position: node.position }
          parent.children[index] = marker
          return SKIP
        }
        return undefined
      })

    replace(tree)
    if (definitions.size === 0) return
    // Notes may reference further notes: number those as they are reached.
    for (let position = 0; position < order.length; position++) {
      const definition = definitions.get(order[position] ?? '')
      if (definition) replace(definition)
    }
    for (const [identifier, definition] of definitions) {
      if (numbers.has(identifier)) continue
      report(
        file,
        definition,
        `Footnote "[^${definition.label ?? identifier}]" is never referenced; it is listed in the "Notes" section anyway (reference it with "[^${definition.label ?? identifier}]" or delete it).`,
        'footnote-unused',
      )
      numbers.set(identifier, order.push(identifier))
      replace(definition)
    }

    // Medium's small heading whatever the body's levels are (rehypeMediumHeadings keeps it at <h3>).
    const heading: Heading = {
      type: 'heading',
      depth: 3,
      children: [{ type: 'text', value: 'Notes' }],
      data: { hProperties: { [SMALL_HEADING_PROPERTY]: true } },
    }
    const notes: RootContent[] = [{ type: 'thematicBreak' }, heading]
    order.forEach((identifier, position) => {
      const children: Array<BlockContent | DefinitionContent> = [...(definitions.get(identifier)?.children ?? [])]
      const marker: Text = { type: 'text', value: `[${position + 1}] ` }
      const first = children[0]
      if (first?.type === 'paragraph') {
        children[0] = { ...first, children: [marker, ...first.children] }
      } else {
        const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: `[${position + 1}]` }] }
        children.unshift(paragraph)
      }
      notes.push(...(children as RootContent[]))
    })
    tree.children.push(...notes)
  }
}

/**
 * remark plugin: lists as Medium shows them.
 *
 * Medium lists have one level, an item is one paragraph, and an ordered list
 * always counts from 1 (Medium drops `start`). A list of single-paragraph
 * items numbered from 1 (or a bullet list) is left alone. Any other list is
 * rewritten so nothing is lost and the structure stays visible in the text:
 *
 * - each top-level item stays an item of a one-level list (tight);
 * - the paragraphs of an item, and its nested items, become lines of that
 *   item separated by line breaks (`<br>`);
 * - a nested item starts with a marker showing its depth: `– ` under a bullet
 *   (`– – ` one level deeper), and the number path (`1.2. `) in ordered
 *   lists whose ancestors are all ordered;
 * - blocks that cannot live in a one-line item (code, quotes, tables turned
 *   into code, raw HTML) end the list there and follow it; what remains of the
 *   item follows as a paragraph, and the next items continue in a new list;
 * - an ordered list that starts at another number than 1, or that such a
 *   block splits, is sent as paragraphs that start with the item's number as
 *   text ("3. "): Medium would number each part from 1 again.
 *
 * One warning per rewritten list, at its line: `list-numbers` when only the
 * numbering needed it, else `list-flattened`.
 */
import type { Break, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import { SKIP, visit } from 'unist-util-visit'
import { INLINE_OR_LEAF } from '../blocks.js'
import type { VFile } from 'vfile'
import { report } from '../context.js'

export default function remarkMediumLists() {
  return function (tree: Root, file: VFile): void {
    // Lists are blocks: never look inside paragraphs, code or tables.
    visit(tree, (node, index, parent) => {
      if (node.type !== 'list') return INLINE_OR_LEAF.has(node.type) ? SKIP : undefined
      if (!parent || index === undefined) return SKIP
      const shape = listShape(node)
      const start = node.start ?? 1
      const numbered = node.ordered === true && (start !== 1 || shape.blocks)
      if (shape.simple && !numbered) return SKIP
      const replacement = flattenList(node, numbered)
      if (shape.simple) {
        report(
          file,
          node,
          `Ordered list starting at ${start} was sent as paragraphs numbered "${start}.", "${start + 1}."…: Medium numbers every list from 1.`,
          'list-numbers',
        )
      } else {
        const reasons = [
          shape.nested ? 'nested lists were flattened (nesting shown by "–" and "1.1." markers)' : '',
          shape.multiParagraph ? 'items with several paragraphs were joined with line breaks' : '',
          shape.blocks ? 'code blocks, quotes or tables inside items were moved after their item' : '',
          numbered ? 'items were sent as paragraphs starting with their number, since Medium numbers every list from 1' : '',
        ].filter(Boolean)
        report(
          file,
          node,
          `List was rewritten for Medium, which supports only one level of single-paragraph items: ${reasons.join('; ')}.`,
          'list-flattened',
        )
      }
      parent.children.splice(index, 1, ...(replacement as typeof parent.children))
      return [SKIP, index + replacement.length]
    })
  }
}

interface Shape {
  simple: boolean
  nested: boolean
  multiParagraph: boolean
  blocks: boolean
}

function listShape(list: List): Shape {
  const shape: Shape = { simple: true, nested: false, multiParagraph: false, blocks: false }
  const walk = (items: ListItem[]) => {
    for (const item of items) {
      let paragraphs = 0
      for (const child of item.children) {
        if (child.type === 'paragraph') paragraphs++
        else if (child.type === 'list') {
          shape.nested = true
          walk(child.children)
        } else shape.blocks = true
      }
      if (paragraphs > 1) shape.multiParagraph = true
    }
  }
  walk(list.children)
  shape.simple = !shape.nested && !shape.multiParagraph && !shape.blocks
  return shape
}

/**
 * Rewrite one list into a sequence of one-level lists, paragraphs and blocks;
 * `numbered`: each item a paragraph starting with its number instead of list items.
 */
function flattenList(list: List, numbered: boolean): RootContent[] {
  const out: RootContent[] = []
  const start = list.start ?? 1
  let currentList: List | undefined
  let target: Paragraph | undefined

  const line = (content: PhrasingContent[]) => {
    if (!target) {
      target = { type: 'paragraph', children: [] }
      out.push(target)
    }
    if (target.children.length > 0) target.children.push({ type: 'break' } satisfies Break)
    target.children.push(...content)
  }
  // An item with no text (before its first block, or at all) would be an empty bullet: drop it,
  // and its list when it was the only item.
  const dropEmptyTrailingItem = () => {
    if (!currentList || !target || target.children.length > 0) return
    currentList.children.pop()
    if (currentList.children.length === 0) out.splice(out.indexOf(currentList), 1)
  }
  const block = (node: RootContent) => {
    dropEmptyTrailingItem()
    currentList = undefined
    target = undefined
    out.push(node)
  }

  const flattenItem = (item: ListItem, depth: number, marker: string, path: number[] | undefined) => {
    let first = true
    for (const child of item.children) {
      if (child.type === 'paragraph') {
        line(first && marker ? [{ type: 'text', value: marker }, ...child.children] : child.children)
        first = false
      } else if (child.type === 'heading') {
        line([
          { type: 'text', value: first ? marker : '' },
          { type: 'strong', children: child.children },
        ])
        first = false
      } else if (child.type === 'list') {
        child.children.forEach((nested, position) => {
          const number = (child.start ?? 1) + position
          const nestedPath = child.ordered && path ? [...path, number] : undefined
          let nestedMarker: string
          if (nestedPath) nestedMarker = `${nestedPath.join('.')}. `
          else nestedMarker = '– '.repeat(depth - 1) + (child.ordered ? `${number}. ` : '– ')
          flattenItem(nested, depth + 1, nestedMarker, nestedPath)
        })
      } else {
        if (first && marker) line([{ type: 'text', value: marker.trimEnd() }])
        first = false
        block(child as RootContent)
      }
    }
  }

  list.children.forEach((item, position) => {
    const number = start + position
    target = { type: 'paragraph', children: [] }
    if (numbered) {
      out.push(target)
      flattenItem(item, 1, `${number}. `, [number])
      return
    }
    if (!currentList) {
      currentList = { type: 'list', ordered: list.ordered, spread: false, children: [], position: list.position }
      out.push(currentList)
    }
    currentList.children.push({ type: 'listItem', spread: false, children: [target] })
    flattenItem(item, 1, '', list.ordered ? [number] : undefined)
  })
  dropEmptyTrailingItem()
  return out
}

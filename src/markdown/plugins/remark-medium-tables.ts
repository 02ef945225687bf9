/**
 * remark plugin: tables as a readable monospaced block.
 *
 * Medium has no tables (it drops `<table>` markup and runs the cells together),
 * so a GFM table becomes a code block (`<pre>`) with aligned columns, the
 * column alignment of the Markdown respected, and a separator under the
 * header row. Cell formatting is lost, so a link keeps its URL in brackets
 * after its text, and an image shows only its alt text (`findLocalImages`
 * skips images in tables: nothing to upload). One warning per table, at its
 * line, saying so when a cell holds an image.
 */
import type { AlignType, Code, PhrasingContent, Root, RowContent, Table } from 'mdast'
import { EXIT, SKIP, visit } from 'unist-util-visit'
import { INLINE_OR_LEAF } from '../blocks.js'
import type { VFile } from 'vfile'
import { report } from '../context.js'

export default function remarkMediumTables() {
  return function (tree: Root, file: VFile): void {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'table') return INLINE_OR_LEAF.has(node.type) ? SKIP : undefined
      if (!parent || index === undefined) return SKIP
      const images = containsImage(node)
        ? ' Images in its cells are not shown (only their alt text is kept): move them out of the table.'
        : ''
      report(
        file,
        node,
        `Table was changed to a preformatted text block: Medium does not support tables (for rich tables, use an image or a list).${images}`,
        'table',
      )
      const code: Code = { type: 'code', lang: null, meta: null, value: tableToText(node), position: node.position }
      parent.children[index] = code
      return SKIP
    })
  }
}

/** Whether a cell holds an image (Markdown, reference or raw `<img>`), which preformatted text cannot show. */
function containsImage(table: Table): boolean {
  let found = false
  visit(table, (node) => {
    if (node.type === 'image' || node.type === 'imageReference' || (node.type === 'html' && /<img\b/i.test(node.value))) found = true
    return found ? EXIT : undefined
  })
  return found
}

/** The table as lines of aligned columns, header separated by dashes. */
function tableToText(table: Table): string {
  const rows = table.children.map((row) => row.children.map((cell) => cellText(cell.children)))
  const columns = Math.max(0, ...rows.map((row) => row.length))
  const widths: number[] = []
  for (let column = 0; column < columns; column++) {
    widths.push(Math.max(1, ...rows.map((row) => width(row[column] ?? ''))))
  }
  const line = (cells: string[]) =>
    widths
      .map((size, column) => pad(cells[column] ?? '', size, table.align?.[column] ?? null))
      .join(' | ')
      .trimEnd()
  const lines = rows.map(line)
  const separator = widths.map((size) => '-'.repeat(size)).join('-|-')
  lines.splice(1, 0, separator)
  return lines.join('\n')
}

function cellText(children: RowContent['children'] | PhrasingContent[]): string {
  let text = ''
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'inlineCode':
        text += child.value
        break
      case 'break':
        text += ' '
        break
      case 'image':
        text += child.alt ?? ''
        break
      case 'link': {
        const label = cellText(child.children)
        text += label === child.url || child.url.startsWith('#') ? label : `${label} (${child.url})`
        break
      }
      case 'html':
        break
      default:
        if ('children' in child) text += cellText(child.children as PhrasingContent[])
    }
  }
  return text.replace(/\s+/g, ' ').trim()
}

/** Display width in code points (good enough for monospaced Latin text). */
function width(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

function pad(text: string, size: number, align: AlignType): string {
  const gap = size - width(text)
  if (gap <= 0) return text
  if (align === 'right') return ' '.repeat(gap) + text
  if (align === 'center') {
    const left = Math.floor(gap / 2)
    return ' '.repeat(left) + text + ' '.repeat(gap - left)
  }
  return text + ' '.repeat(gap)
}

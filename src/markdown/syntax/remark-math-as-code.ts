/**
 * remark plugin: math as code, with a warning.
 *
 * Medium has no math. A formula (`$$…$$` block, `$…$` inline) is sent as a
 * code block or inline code, so its source stays readable, and a warning
 * (`math`) says how to show it as math: an image of the formula.
 * Prices are not math: `$5 and $10` stays text, with the rule Pandoc uses
 * (no space inside the dollars, no digit right after the closing one).
 */
import type { InlineMath, Math } from 'mdast-util-math'
import type { Code, InlineCode, Root } from 'mdast'
import type { Node } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { codeBlock } from './medium-equivalents.js'

/** A display formula as a code block, with the `math` warning (also Zola's `katex`). */
export function mathBlock(file: VFile, place: Node, formula: string): Code {
  report(
    file,
    place,
    'Math was sent as a code block: Medium has no math. To show the formula, use an image of it (and keep the source as alt text).',
    'math',
  )
  return codeBlock(formula, place.position)
}

/** An inline formula as inline code, with the `math` warning. */
export function mathInline(file: VFile, place: Node, formula: string): InlineCode {
  report(
    file,
    place,
    `Math "${formula.slice(0, 40)}" was sent as inline code: Medium has no math. To show the formula, use an image of it.`,
    'math',
  )
  return { type: 'inlineCode', value: formula, position: place.position }
}

export default function remarkMathAsCode() {
  return function (tree: Root, file: VFile): void {
    const source = String(file.value)
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return undefined
      if (node.type === 'math') {
        parent.children[index] = mathBlock(file, node, (node as Math).value)
        return undefined
      }
      if (node.type !== 'inlineMath') return undefined
      const math = node as InlineMath
      const end = math.position?.end.offset
      const written = end === undefined || math.position?.start.offset === undefined ? '' : source.slice(math.position.start.offset, end)
      const single = /^\$[^$]/.test(written)
      if (single && (/^\s|\s$/.test(math.value) || /\d/.test(source[end!] ?? ''))) {
        parent.children[index] = { type: 'text', value: written, position: math.position }
        return undefined
      }
      parent.children[index] = mathInline(file, math, math.value)
      return undefined
    })
  }
}

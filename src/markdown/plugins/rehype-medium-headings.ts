/**
 * rehype plugin: headings as Medium shows them.
 *
 * Medium has a title, a subtitle, a large and a small heading. Its importer
 * reads an `<h2>` right under the title as the subtitle, a later `<h1>` as the
 * large heading and `<h3>`/`<h4>` as the small one. So `<h2>` is only ever the
 * subtitle (added by rehypeMediumTitle), and the body's headings, Markdown and
 * raw HTML alike, are sent as:
 *
 * | body heading                                 | sent                           | Medium shows   | warning            |
 * |----------------------------------------------|--------------------------------|----------------|--------------------|
 * | the first top-level h1 whose text is the title | nothing (the title goes first, once) | the title | no             |
 * | the highest level the body uses (of h1–h4)   | `<h1>`                         | large heading  | no                 |
 * | deeper levels, down to h4                    | `<h3>`                         | small heading  | no                 |
 * | h5, h6                                       | `<p><strong>…</strong></p>`    | bold paragraph | `heading-level`    |
 * | a heading inside a quote                     | `<p><strong>…</strong></p>` in the quote | bold paragraph | `heading-in-quote` |
 *
 * So a `##`-sectioned article sends `##` as `<h1>` and `###` as `<h3>`. The
 * footnotes' "Notes" heading, marked `SMALL_HEADING_PROPERTY`, stays `<h3>`.
 * Runs after rehype-raw (raw headings are elements by then) and before
 * rehypeMediumTitle (the title and subtitle are not body headings).
 */
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { mediumContext, report } from '../context.js'
import { h, normalizeText, SMALL_HEADING_PROPERTY, textOf } from '../hast-nodes.js'

const LEVELS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }

export default function rehypeMediumHeadings() {
  return function (tree: Root, file: VFile): void {
    const source = String(file.value)
    const head = mediumContext(file).head
    let title = head ? normalizeText(head.title) : undefined
    const sections: Array<{ heading: Element; level: number }> = []

    const isRaw = (heading: Element) => source[heading.position?.start.offset ?? -1] === '<'
    const isTitle = (heading: Element) =>
      title !== undefined && (normalizeText(textOf(heading)) === title || atxSource(source, heading) === title)

    const walk = (parent: Root | Element, inQuote: boolean) => {
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index]!
        if (node.type !== 'element') continue
        const level = LEVELS[node.tagName]
        if (level === undefined) {
          walk(node, inQuote || node.tagName === 'blockquote')
          continue
        }
        if (node.properties[SMALL_HEADING_PROPERTY] !== undefined) {
          delete node.properties[SMALL_HEADING_PROPERTY]
          node.tagName = 'h3'
          continue
        }
        if (level >= 5) {
          report(
            file,
            node,
            isRaw(node)
              ? `Heading <${node.tagName}> was changed to a bold paragraph: Medium has only a large and a small heading (use <h1> to <h4>).`
              : `Heading level ${level} ("${'#'.repeat(level)}") was changed to a bold paragraph: Medium has only a large and a small heading ` +
                  '(the highest heading level of the article gives the large one, the levels below it down to "####" the small one).',
            'heading-level',
          )
          parent.children[index] = boldParagraph(node)
          continue
        }
        if (inQuote) {
          report(
            file,
            node,
            `Heading "${normalizeText(textOf(node)).slice(0, 60)}" inside a quote was changed to a bold line of the quote: Medium quotes cannot hold headings.`,
            'heading-in-quote',
          )
          parent.children[index] = boldParagraph(node)
          continue
        }
        if (level === 1 && parent.type === 'root' && isTitle(node)) {
          // The title is sent first (rehypeMediumTitle): the body's copy of it would show it twice.
          parent.children.splice(index, 1)
          index--
          title = undefined
          continue
        }
        sections.push({ heading: node, level })
      }
    }
    walk(tree, false)

    let highest = 4
    for (const { level } of sections) highest = Math.min(highest, level)
    for (const { heading, level } of sections) heading.tagName = level === highest ? 'h1' : 'h3'
  }
}

function boldParagraph(heading: Element): Element {
  return { ...h('p', [h('strong', heading.children)]), position: heading.position }
}

/** The text of an ATX heading as written (`# Hello *world*` gives `Hello *world*`), or undefined. */
function atxSource(source: string, heading: Element): string | undefined {
  const { start, end } = heading.position ?? {}
  if (start?.offset === undefined || end?.offset === undefined) return undefined
  const written = source.slice(start.offset, end.offset)
  if (!written.startsWith('#')) return undefined
  return normalizeText(written.replace(/^#+/, '').replace(/(?:^|[ \t])#+[ \t]*$/, ''))
}

/**
 * The mdast each generator construct becomes: the forms Medium shows.
 *
 * - an embed: the URL alone in its paragraph, as a link whose text is the URL
 *   (Medium turns such a line into a YouTube, Vimeo, Gist, Twitter or CodePen embed);
 * - a figure: an image alone in its paragraph, its caption as title
 *   (rehype-medium-images makes that `<figure>` + `<figcaption>`);
 * - a code block without language;
 * - a labelled quote: a blockquote whose first paragraph starts with the
 *   label in bold (`**Note:**`), for admonitions of every generator.
 */
import type { BlockContent, Blockquote, Code, DefinitionContent, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import type { Position } from 'unist'

/** Parents whose children are phrasing content: a construct there is inline (a block becomes its own paragraph elsewhere). */
const PHRASING_PARENTS: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'tableCell',
])

export function isPhrasingParent(type: string): boolean {
  return PHRASING_PARENTS.has(type)
}

/** The first line of a construct's source, at most 80 characters: how a message quotes it. */
export function firstLine(value: string): string {
  const line = value.split('\n', 1)[0]!
  return line.length > 80 ? `${line.slice(0, 80)}…` : line
}

export function embedParagraph(url: string, position: Position | undefined): Paragraph {
  return { type: 'paragraph', children: [{ type: 'link', url, title: null, children: [{ type: 'text', value: url }], position }], position }
}

export function figureParagraph(image: { src: string; alt: string; caption: string }, position: Position | undefined): Paragraph {
  const title = image.caption.trim() === '' ? null : image.caption.trim()
  return { type: 'paragraph', children: [{ type: 'image', url: image.src, alt: image.alt, title, position }], position }
}

export function codeBlock(value: string, position: Position | undefined): Code {
  return { type: 'code', lang: null, meta: null, value, position }
}

/** The label of an admonition: its title as written, else its type capitalised (`note` -> `Note`). */
export function admonitionLabel(type: string | undefined, title: string | undefined): string {
  const given = title?.trim()
  if (given) return given
  const word = type?.trim() || 'note'
  return word[0]!.toUpperCase() + word.slice(1).toLowerCase()
}

declare module 'mdast' {
  interface BlockquoteData {
    /** Made a labelled quote here (a second admonition syntax on it adds no second label). */
    labelled?: boolean
  }
}

/** The label in bold, with a colon unless it ends in punctuation (`Tip:`, `Careful!`). */
function labelStrong(label: string): PhrasingContent {
  return { type: 'strong', children: [{ type: 'text', value: /[.:!?]$/.test(label) ? label : `${label}:` }] }
}

/** An admonition inside a line of text: the label in bold, then its content (a quote cannot be inline). */
export function labelledInline(label: string, content: PhrasingContent[]): PhrasingContent[] {
  return [labelStrong(label), { type: 'text', value: ' ' }, ...content]
}

/** Blockquote starting with the label in bold: `**Tip:** first paragraph…`. */
export function labelledQuote(
  label: string,
  children: Array<BlockContent | DefinitionContent>,
  position: Position | undefined,
): Blockquote {
  const strong = labelStrong(label)
  const [first, ...rest] = children
  if (first?.type === 'paragraph') {
    return {
      type: 'blockquote',
      children: [{ ...first, children: [strong, { type: 'text', value: ' ' }, ...first.children] }, ...rest],
      position,
      data: { labelled: true },
    }
  }
  return { type: 'blockquote', children: [{ type: 'paragraph', children: [strong] }, ...children], position, data: { labelled: true } }
}

/** Children of a parent as block content (what a blockquote may hold). */
export function asBlocks(nodes: RootContent[]): Array<BlockContent | DefinitionContent> {
  return nodes as Array<BlockContent | DefinitionContent>
}

/**
 * Shift a tree parsed from a part of the body so its lines (and offsets) are
 * those of the body: `lines` and `offset` are where that part starts, minus one line.
 */
export function shiftPositions(tree: Root, lines: number, offset: number): void {
  const shift = (node: { position?: Position; children?: unknown[] }) => {
    if (node.position) {
      const move = (point: Position['start']) => ({
        line: point.line + lines,
        column: point.column,
        ...(point.offset === undefined ? {} : { offset: point.offset + offset }),
      })
      node.position = { start: move(node.position.start), end: move(node.position.end) }
    }
    for (const child of node.children ?? []) shift(child as typeof node)
  }
  for (const child of tree.children) shift(child)
}

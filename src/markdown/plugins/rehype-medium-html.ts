/**
 * rehype plugin: raw HTML and strikethrough down to what Medium shows, with a
 * warning for every change a reader would notice.
 *
 * Runs after `rehype-raw`, before `rehype-sanitize` (which enforces
 * `mediumSchema`):
 * - a YouTube, Vimeo, CodePen or Gist `<iframe>`, or a Gist `<script>`, becomes
 *   its page URL alone in a paragraph (`<p><a href="URL">URL</a></p>`), which
 *   Medium turns into an embed: `embed`. Inside a line of text, that paragraph
 *   follows the top-level block holding it;
 * - any other `<iframe>`, `<script>`, `<style>` (and other embeds or form
 *   controls) is removed with its content: `html-removed`;
 * - strikethrough (`~~text~~`, `<del>`, `<s>`, `<strike>`) stays visibly struck:
 *   U+0336 (combining long stroke overlay) after each character, the way Medium
 *   writers strike text, since Medium has no strikethrough: `strikethrough`;
 * - a raw `<ol start="3">` becomes numbered paragraphs (Medium numbers every
 *   list from 1): `list-numbers`;
 * - any other element Medium does not keep (`<table>`, `<sup>`, `<u>`…) is
 *   unwrapped, its text kept: `unsupported-element`. Pure wrappers (`<div>`,
 *   `<span>`, `<section>`…) are unwrapped silently: the reader sees the same
 *   text. Headings are left to rehypeMediumHeadings.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { embedOf } from '../embeds.js'
import { h, isBlankText, textOf } from '../hast-nodes.js'
import { MEDIUM_REMOVED_TAG_NAMES, MEDIUM_TAG_NAMES } from '../medium-schema.js'

const SILENT_WRAPPERS = new Set([
  'div',
  'span',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'html',
  'body',
  'center',
  'font',
])

const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'pre',
  'blockquote',
  'figure',
  'table',
  'hr',
  'section',
])

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
const STRUCK = new Set(['del', 's', 'strike'])

const DESCRIPTIONS: Record<string, string> = {
  table: 'An HTML table',
  sup: 'Superscript',
  sub: 'Subscript',
  u: 'Underline',
}

export default function rehypeMediumHtml() {
  return function (tree: Root, file: VFile): void {
    const walk: Walk = { file, after: new Map() }
    visitChildren(walk, tree, undefined, undefined)
    for (const [block, paragraphs] of walk.after) {
      const index = tree.children.indexOf(block)
      tree.children.splice(index + 1, 0, ...paragraphs.flatMap((p): RootContent[] => [{ type: 'text', value: '\n' }, p]))
    }
  }
}

interface Walk {
  file: VFile
  /** Embed paragraphs to insert after a top-level block (for embeds found inside a line of text). */
  after: Map<RootContent, Element[]>
}

/**
 * `top`: the top-level block holding `parent`; `line`: the nearest paragraph or heading holding it
 * (where a `<p>` cannot go).
 */
function visitChildren(walk: Walk, parent: Root | Element, top: RootContent | undefined, line: Element | undefined): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index]!
    if (node.type !== 'element') continue
    const name = node.tagName
    if (MEDIUM_REMOVED_TAG_NAMES.has(name)) {
      index = replaceRemoved(walk, parent, index, node, top, line)
      continue
    }
    if (STRUCK.has(name)) {
      report(
        walk.file,
        node,
        `Strikethrough "${textOf(node).slice(0, 40)}" was sent as struck characters (U+0336 after each one): Medium has no strikethrough formatting.`,
        'strikethrough',
      )
      strike(node)
      parent.children.splice(index, 1, ...node.children)
      index--
      continue
    }
    if (name === 'ol' && typeof node.properties.start === 'number' && node.properties.start !== 1) {
      const start = node.properties.start
      const message = `Ordered list starting at ${start} was sent as paragraphs numbered "${start}.", "${start + 1}."…: Medium numbers every list from 1.`
      report(walk.file, node, message, 'list-numbers')
      parent.children.splice(index, 1, ...numberedParagraphs(node, start))
      index--
      continue
    }
    if (
      name === 'div' &&
      parent.type === 'root' &&
      node.children.every((child) => child.type !== 'element' || !BLOCKS.has(child.tagName))
    ) {
      // A `<div>` of text at the top level reads as a paragraph; unwrapped it would be loose text.
      node.tagName = 'p'
    } else if (!MEDIUM_TAG_NAMES.has(name) && !HEADINGS.has(name) && !SILENT_WRAPPERS.has(name)) {
      const what = DESCRIPTIONS[name] ?? `HTML element <${name}>`
      report(
        walk.file,
        node,
        `${what} (<${name}>) is not supported by Medium: its formatting was removed and its text kept.`,
        'unsupported-element',
      )
    }
    visitChildren(walk, node, top ?? node, node.tagName === 'p' || HEADINGS.has(node.tagName) ? node : line)
  }
}

/** An element Medium removes: an embed becomes its page URL alone on a line, anything else goes with a warning. Returns the index to go on from. */
function replaceRemoved(
  walk: Walk,
  parent: Root | Element,
  index: number,
  node: Element,
  top: RootContent | undefined,
  line: Element | undefined,
): number {
  const name = node.tagName
  const src = node.properties.src
  const embed = typeof src === 'string' ? embedOf(name, src) : undefined
  if (!embed) {
    const message = `HTML element <${name}> was removed with its content: Medium does not accept it (for an embed, put its URL alone on a line, or link to it).`
    report(walk.file, node, message, 'html-removed')
    removeAt(parent, index)
    return index - 1
  }
  report(
    walk.file,
    node,
    `The ${embed.service} <${name}> was replaced by its page URL alone on a line (${embed.url}), which Medium turns into an embed.`,
    'embed',
  )
  const link = { ...h('a', [{ type: 'text', value: embed.url }], { href: embed.url }), position: node.position }
  if (!line) parent.children[index] = { ...h('p', [link]), position: node.position }
  else if (!hasOtherContent(line, node)) parent.children[index] = link
  else {
    removeAt(parent, index)
    const block = top ?? node
    walk.after.set(block, [...(walk.after.get(block) ?? []), { ...h('p', [link]), position: node.position }])
    return index - 1
  }
  return index
}

/** Remove a child; the text on either side keeps a single space between (`a <x></x> b` gives `a b`). */
function removeAt(parent: Root | Element, index: number): void {
  parent.children.splice(index, 1)
  const before = parent.children[index - 1]
  const after = parent.children[index]
  if (before?.type === 'text' && after?.type === 'text' && /\s$/.test(before.value)) after.value = after.value.replace(/^[ \t]+/, '')
}

/** Whether `block` shows anything besides `node`: text or an element such as `<img>`. */
function hasOtherContent(block: Element, node: Element): boolean {
  return block.children.some((child) => {
    if (child === node) return false
    if (child.type === 'text') return child.value.trim() !== ''
    if (child.type !== 'element') return false
    return child.children.length === 0 ? !SILENT_WRAPPERS.has(child.tagName) : hasOtherContent(child, node)
  })
}

/** U+0336 after each character (grapheme) of every text inside, line breaks left alone. */
function strike(node: Element): void {
  for (const child of node.children) {
    if (child.type === 'element') strike(child)
    else if (child.type === 'text') child.value = struck(child.value)
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

export function struck(text: string): string {
  let out = ''
  for (const { segment } of graphemes.segment(text)) out += /^\s+$/.test(segment) && segment.includes('\n') ? segment : `${segment}\u0336`
  return out
}

/** `<ol start>` as paragraphs starting "n. " (the number of each item as text). */
function numberedParagraphs(list: Element, start: number): ElementContent[] {
  const out: ElementContent[] = []
  let number = start
  for (const item of list.children) {
    if (item.type !== 'element' || item.tagName !== 'li') continue
    const marker: ElementContent = { type: 'text', value: `${number++}. ` }
    let inline: ElementContent[] = [marker]
    const flush = () => {
      if (inline.some((child) => !isBlankText(child))) out.push(h('p', inline))
      inline = []
    }
    for (const child of item.children) {
      if (child.type === 'element' && child.tagName === 'p') {
        inline.push(...child.children)
        flush()
      } else if (child.type === 'element' && BLOCKS.has(child.tagName)) {
        flush()
        out.push(child)
      } else inline.push(child)
    }
    flush()
  }
  return out.flatMap((block): ElementContent[] => [block, { type: 'text', value: '\n' }])
}

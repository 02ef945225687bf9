/**
 * rehype plugin: raw HTML down to what Medium accepts, with a warning for
 * every change a reader would notice.
 *
 * Runs after `rehype-raw`, before `rehype-sanitize` (which enforces
 * `mediumSchema`):
 * - `<iframe>`, `<script>`, `<style>` (and other embeds or form controls) are
 *   removed with their content: `html-removed`;
 * - `<h5>`/`<h6>` become `<p><strong>…</strong></p>`: `heading-level`;
 * - any other element Medium does not keep (`<del>` from `~~text~~`,
 *   `<table>`, `<sup>`, `<u>`…) is unwrapped, its text kept: `unsupported-element`.
 *   Pure wrappers (`<div>`, `<span>`, `<section>`…) are unwrapped silently: the
 *   reader sees the same text.
 */
import type { Element, Root } from 'hast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report, sourceMayContain } from '../context.js'
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

const DESCRIPTIONS: Record<string, string> = {
  del: 'Strikethrough',
  s: 'Strikethrough',
  table: 'An HTML table',
  sup: 'Superscript',
  sub: 'Subscript',
  u: 'Underline',
}

export default function rehypeMediumHtml() {
  return function (tree: Root, file: VFile): void {
    // Elements Medium lacks come from raw HTML or from `~~strikethrough~~` only.
    if (!sourceMayContain(file, '<', '~')) return
    visit(tree, 'element', (node: Element, index, parent) => {
      const name = node.tagName
      if (MEDIUM_TAG_NAMES.has(name)) return undefined
      if (!parent || index === undefined) return undefined
      if (MEDIUM_REMOVED_TAG_NAMES.has(name)) {
        report(
          file,
          node,
          `HTML element <${name}> was removed with its content: Medium does not accept it (for an embed, put its URL alone on a line, or link to it).`,
          'html-removed',
        )
        parent.children.splice(index, 1)
        return [SKIP, index]
      }
      if (name === 'h5' || name === 'h6') {
        report(
          file,
          node,
          `Heading <${name}> was changed to a bold paragraph: Medium has only two heading sizes (use <h2> or <h3>).`,
          'heading-level',
        )
        parent.children[index] = {
          type: 'element',
          tagName: 'p',
          properties: {},
          children: [{ type: 'element', tagName: 'strong', properties: {}, children: node.children }],
          position: node.position,
        }
        return [SKIP, index + 1]
      }
      if (
        name === 'div' &&
        parent.type === 'root' &&
        node.children.every((child) => child.type !== 'element' || !BLOCKS.has(child.tagName))
      ) {
        // A `<div>` of text at the top level reads as a paragraph; unwrapped it would be loose text.
        node.tagName = 'p'
        return undefined
      }
      if (!SILENT_WRAPPERS.has(name)) {
        const what = DESCRIPTIONS[name] ?? `HTML element <${name}>`
        report(
          file,
          node,
          `${what} (<${name}>) is not supported by Medium: its formatting was removed and its text kept.`,
          'unsupported-element',
        )
      }
      return undefined
    })
  }
}

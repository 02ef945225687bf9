/**
 * The GFM constructs an article can contain, decided by a cheap scan.
 *
 * remark-gfm costs more than the rest of the pipeline together (its
 * autolink-literal and table extensions run on every character), yet each
 * construct needs a marker character to exist at all: no `|`, no table; no
 * `~`, no strikethrough... `renderArticle` therefore loads only the GFM
 * extensions whose markers appear (one processor per combination, built once).
 * A false positive only costs time. The one construct the scan can miss is a
 * bare URL written right after `](` or `<` outside any link, which GitHub
 * itself would show as text in most such places.
 */
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import type { Data, Processor } from 'unified'

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number]
type FromMarkdownExtension = NonNullable<Data['fromMarkdownExtensions']>[number]

export interface GfmFeatures {
  autolinkLiteral: boolean
  footnote: boolean
  strikethrough: boolean
  table: boolean
  taskListItem: boolean
}

/**
 * Bare URLs (`www.`, `http://`, `https://`, `mailto:`, `xmpp:`) and e-mail addresses;
 * a URL right after `](`, `<` or `]: ` is a link destination, not a literal.
 */
const HTML_TAG = /<[A-Za-z][^<>]*>/g
const AUTOLINK_MARKER = /(?<!\]\(|<|\]: ?)(?:www\.|https?:\/\/|mailto:|xmpp:)|[\w.+-]@[\w-]/i

export function gfmFeaturesOf(markdown: string): GfmFeatures {
  return {
    // Raw HTML attributes (`<iframe src="https://…">`) are not bare URLs: look outside tags.
    autolinkLiteral: AUTOLINK_MARKER.test(markdown) && AUTOLINK_MARKER.test(markdown.replace(HTML_TAG, ' ')),
    footnote: markdown.includes('[^'),
    strikethrough: markdown.includes('~'),
    table: markdown.includes('|'),
    taskListItem: /\[[ xX\t]\]/.test(markdown),
  }
}

/**
 * Each feature's syntax (micromark) and tree (mdast) extension, in the order of
 * micromark-extension-gfm / mdast-util-gfm (the order the key follows too).
 */
const EXTENSIONS: ReadonlyArray<[keyof GfmFeatures, () => MicromarkExtension, () => FromMarkdownExtension]> = [
  ['autolinkLiteral', gfmAutolinkLiteral, gfmAutolinkLiteralFromMarkdown],
  ['footnote', gfmFootnote, gfmFootnoteFromMarkdown],
  ['strikethrough', gfmStrikethrough, gfmStrikethroughFromMarkdown],
  ['table', gfmTable, gfmTableFromMarkdown],
  ['taskListItem', gfmTaskListItem, gfmTaskListItemFromMarkdown],
]

/** One character per feature (`1` on, `0` off), to cache a processor per combination. */
export function gfmFeaturesKey(features: GfmFeatures): string {
  return EXTENSIONS.map(([feature]) => +features[feature]).join('')
}

/** remark plugin: the selected GFM syntax extensions (remark-gfm, in parts; parsing only). */
export default function remarkGfmFeatures(this: Processor, features: GfmFeatures): void {
  const data = this.data()
  const micromarkExtensions = (data.micromarkExtensions ??= [])
  const fromMarkdownExtensions = (data.fromMarkdownExtensions ??= [])
  for (const [feature, syntax, tree] of EXTENSIONS) {
    if (!features[feature]) continue
    micromarkExtensions.push(syntax())
    fromMarkdownExtensions.push(tree())
  }
}

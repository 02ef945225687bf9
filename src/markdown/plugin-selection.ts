/**
 * Which of our plugins an article's processor needs, decided by a cheap scan.
 *
 * Each plugin transforms constructs that need a marker in the Markdown to
 * exist at all: no `|`, no table; no `<`, no raw HTML; no `![`, no image.
 * `renderArticle` builds its processor from the plugins whose markers appear
 * (one processor per combination, built once and cached, like the GFM
 * extensions in gfm-features.ts), so an article pays only for what it
 * contains. A false positive only costs time; a marker list must never miss a
 * construct its plugin handles (test/unit/markdown/render.test.ts renders
 * every golden case with all plugins and with the selected ones).
 */
import { gfmFeaturesKey, gfmFeaturesOf, type GfmFeatures } from './gfm-features.js'

export interface PluginSelection {
  gfm: GfmFeatures
  /** `<`: rehype-raw parses raw HTML, and rehypeMediumHtml brings it down to what Medium keeps. */
  rawHtml: boolean
  /** A list item marker at the start of a line: rehypeMediumLists (nesting, several paragraphs, numbering). */
  lists: boolean
  /** `#`, `<h` or a setext underline: rehypeMediumHeadings (levels, title once, h5/h6, headings in quotes). */
  headings: boolean
  /** `]` (inline, reference and definition syntax) or raw `<a>`: rehypeMediumLinks. */
  links: boolean
  /** `![`, raw `<img>` or a cover: rehypeMediumImages. */
  images: boolean
  /** Title, subtitle and cover go first (the body; not the footer): rehypeMediumTitle. */
  head: boolean
}

const LIST_ITEM = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/m
const HEADING = /#|<h[1-6]|^[ \t>]*(?:=+|-+)[ \t]*$/im
const IMAGE = /!\[|<img\b/i

export function selectPlugins(markdown: string, options: { head: boolean; cover: boolean }): PluginSelection {
  const rawHtml = markdown.includes('<')
  const gfm = gfmFeaturesOf(markdown)
  return {
    gfm,
    rawHtml,
    lists: LIST_ITEM.test(markdown),
    // Footnotes add a "Notes" heading, marked for the level mapping.
    headings: gfm.footnote || HEADING.test(markdown),
    links: markdown.includes(']') || (rawHtml && /<a\b/i.test(markdown)),
    images: options.cover || IMAGE.test(markdown),
    head: options.head,
  }
}

/** One character per plugin (`1` on, `0` off) after the GFM key, to cache a processor per combination. */
export function selectionKey(selection: PluginSelection): string {
  const { rawHtml, lists, headings, links, images, head } = selection
  return `${gfmFeaturesKey(selection.gfm)}${+rawHtml}${+lists}${+headings}${+links}${+images}${+head}`
}

/** Every plugin on: what the selection must never differ from (tests compare the two). */
export function allPlugins(): PluginSelection {
  return {
    gfm: { autolinkLiteral: true, footnote: true, strikethrough: true, table: true, taskListItem: true },
    rawHtml: true,
    lists: true,
    headings: true,
    links: true,
    images: true,
    head: true,
  }
}

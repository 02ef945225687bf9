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
 *
 * Generator syntax (syntax/index.ts) is selected the same way, per family;
 * a family that can turn into an image or a link (a Hugo `figure`, a Liquid
 * `{% post_url %}`, an MDX `<Image>`) brings in the plugin that handles it.
 */
import { gfmFeaturesKey, gfmFeaturesOf, type GfmFeatures } from './gfm-features.js'
import type { RenderInput } from './render-types.js'
import type { SiteKind } from '../core/site.js'
import { allSyntaxFeatures, syntaxFeaturesKey, syntaxFeaturesOf, type SyntaxFeatures } from './syntax/index.js'

export interface PluginSelection {
  gfm: GfmFeatures
  /** The generator-syntax families (Hugo, Liquid, MDX…) whose markers appear. */
  syntax: SyntaxFeatures
  /** `<` that can open HTML: rehype-raw parses raw HTML, and rehypeMediumHtml brings it down to what Medium keeps. */
  rawHtml: boolean
  /** A list item marker at the start of a line: rehypeMediumLists (nesting, several paragraphs, numbering). */
  lists: boolean
  /** `#`, `<h` or a setext underline: rehypeMediumHeadings (levels, title once, h5/h6, headings in quotes). */
  headings: boolean
  /** `]` (inline, reference and definition syntax), raw `<a>`, or a Hugo `ref` or Liquid `post_url`: rehypeMediumLinks. */
  links: boolean
  /** `![`, raw `<img>`, a cover, or a Hugo `figure`, a Liquid `{% img %}`, an MDX `<Image>`: rehypeMediumImages. */
  images: boolean
  /** Title, subtitle and cover go first (the body; not the footer): rehypeMediumTitle. */
  head: boolean
}

/** What the scan cannot see in the Markdown: whether there is a cover, and the generator syntax it may hold. */
export interface SelectionOptions {
  head: boolean
  cover: boolean
  /**
   * The article is an `.mdx` file, on this site (absent: unknown). Absent altogether:
   * Markdown written for this action (the footer), with no generator syntax.
   */
  syntax?: { mdx: boolean; site?: SiteKind }
}

const LIST_ITEM = /^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/m
const HEADING = /#|<h[1-6]|^[ \t>]*(?:=+|-+)[ \t]*$/im
const IMAGE = /!\[|<img\b/i
/**
 * A `<` that can start raw HTML: HTML needs a letter, `/`, `!` or `?` right after it, so a `<`
 * before a space (`a < b`, Hugo's `{{< figure >}}`) or an escaped shortcode's `{{</*` opens none.
 */
const HTML_START = /<(?![\s*]|\/\*)/

export const NO_SYNTAX: SyntaxFeatures = Object.freeze({
  hugo: false,
  liquid: false,
  zola: false,
  mdx: false,
  mdxCompat: false,
  admonitions: false,
  attributeLists: false,
  markdownInHtml: false,
  moreMarkers: false,
  hashnodeEmbeds: false,
  math: false,
})

/**
 * Whether an article may show an image: image syntax, or a generator construct that becomes one
 * (Hugo `figure`, Liquid `{% img %}`, MDX `<Image>`). The image finder (local-images.ts) parses an
 * article only when this is true: a Hugo, Jekyll or MDX article without images is parsed once.
 */
export function mayHoldImages(markdown: string, syntax: SyntaxFeatures): boolean {
  return (
    IMAGE.test(markdown) ||
    (syntax.hugo && HUGO_FIGURE.test(markdown)) ||
    (syntax.liquid && LIQUID_IMG.test(markdown)) ||
    (syntax.mdx && MDX_IMAGE.test(markdown))
  )
}

/** The generator constructs that become an image (the image finder parses an article only when one may be there). */
const HUGO_FIGURE = /\{\{[<%]\s*figure\b/
const LIQUID_IMG = /\{%-?\s*img\b/
const MDX_IMAGE = /<(?:Image|Figure|Img)\b/

/** What decides the generator syntax an article can hold, besides its text. */
export function syntaxOptions(input: Pick<RenderInput, 'mdx' | 'site'>): { mdx: boolean; site?: SiteKind } {
  return { mdx: input.mdx ?? false, ...(input.site === undefined ? {} : { site: input.site }) }
}

export function selectPlugins(markdown: string, options: SelectionOptions): PluginSelection {
  const rawHtml = HTML_START.test(markdown)
  const gfm = gfmFeaturesOf(markdown)
  const syntax = options.syntax ? syntaxFeaturesOf(markdown, options.syntax) : NO_SYNTAX
  return {
    gfm,
    syntax,
    rawHtml,
    lists: LIST_ITEM.test(markdown),
    // Footnotes add a "Notes" heading, marked for the level mapping.
    headings: gfm.footnote || HEADING.test(markdown),
    // Hugo `ref` and Liquid `post_url`/`link` become relative links to other articles.
    links: markdown.includes(']') || (rawHtml && /<a\b/i.test(markdown)) || syntax.hugo || syntax.liquid || syntax.zola,
    // The image plugin's walk costs little; it stays on for every family with image constructs.
    images: options.cover || mayHoldImages(markdown, syntax) || syntax.hugo || syntax.liquid || syntax.mdx,
    head: options.head,
  }
}

/** One character per plugin (`1` on, `0` off) after the GFM and syntax keys, to cache a processor per combination. */
export function selectionKey(selection: PluginSelection): string {
  const { rawHtml, lists, headings, links, images, head } = selection
  return `${gfmFeaturesKey(selection.gfm)}${syntaxFeaturesKey(selection.syntax)}${+rawHtml}${+lists}${+headings}${+links}${+images}${+head}`
}

/**
 * Every plugin on: what the selection must never differ from (tests compare the two).
 * Generator syntax: every family this kind of article can hold (see `allSyntaxFeatures`).
 */
export function allPlugins(syntax: { mdx: boolean; site?: SiteKind } = { mdx: false }): PluginSelection {
  return {
    gfm: { autolinkLiteral: true, footnote: true, strikethrough: true, table: true, taskListItem: true },
    syntax: allSyntaxFeatures(syntax),
    rawHtml: true,
    lists: true,
    headings: true,
    links: true,
    images: true,
    head: true,
  }
}

/**
 * Generator syntax: what Hugo, Jekyll, Eleventy, MDX, Docusaurus, kramdown,
 * Hashnode and math-enabled blogs add to Markdown, turned into Medium's
 * equivalents before the rest of the pipeline sees the tree.
 *
 * Like the GFM features, each family is loaded only for an article that
 * shows its marker (`{{<`, `{%`, `:::`…), found by a cheap scan: an article
 * without generator syntax pays for nothing. A false positive only costs
 * time; the parser, not the scan, decides what is syntax (code stays code).
 */
import { mathFromMarkdown } from 'mdast-util-math'
import { mdxFromMarkdown } from 'mdast-util-mdx'
import { math } from 'micromark-extension-math'
import { mdxjs } from 'micromark-extension-mdxjs'
import { comment, commentFromMarkdown } from '@slorber/remark-comment'
import type { Root } from 'mdast'
import type { Data, Processor } from 'unified'
import type { VFile } from 'vfile'
import type { SiteKind } from '../../core/site.js'
import { admonitionContainerFromMarkdown, admonitionContainerSyntax } from './admonition-container-syntax.js'
import remarkAdmonitions from './remark-admonitions.js'
import remarkAttributeLists from './remark-attribute-lists.js'
import remarkHashnodeEmbeds from './remark-hashnode-embeds.js'
import remarkHugoShortcodes from './remark-hugo-shortcodes.js'
import remarkLiquidTags from './remark-liquid-tags.js'
import remarkMarkdownInHtml from './remark-markdown-in-html.js'
import remarkMathAsCode from './remark-math-as-code.js'
import { blankHeadingIds } from './mdx-compat.js'
import { parseMdxReportingErrors } from './mdx-parse-errors.js'
import { ALIGNED_IMAGE, blankImageAlignment } from './hashnode-images.js'
import { rewriteBeforeParsing } from './source-text.js'
import remarkMdxElements from './remark-mdx-elements.js'
import remarkMoreMarkers from './remark-more-markers.js'
import remarkZolaShortcodes from './remark-zola-shortcodes.js'
import { templateTagFromMarkdown, templateTagSyntax } from './template-tag-syntax.js'

export interface SyntaxFeatures {
  /** Hugo shortcodes `{{< >}}`, `{{% %}}`. */
  hugo: boolean
  /** Liquid `{% %}`, `{{ }}` (never in MDX, where braces are expressions). */
  liquid: boolean
  /** Zola shortcodes `{{ name() }}`, `{% name() %}…{% end %}` (only with `site: zola`: the delimiters are Liquid's). */
  zola: boolean
  /** The file is MDX: ESM, JSX and expressions (the caller says so, from the extension). */
  mdx: boolean
  /** Docusaurus's MDX 1 compatibility, on by default there: `<!-- -->` comments and `{#id}` heading ids in an `.mdx` file. */
  mdxCompat: boolean
  /** Containers `:::note`, GitHub alerts `> [!NOTE]`, directives `::youtube[id]`, `:abbr[x]`. */
  admonitions: boolean
  /** kramdown attribute lists `{: .x}`, heading ids `{#id}`. */
  attributeLists: boolean
  /** HTML blocks with `markdown="1"`. */
  markdownInHtml: boolean
  /** `<!--more-->`, `<!-- more -->`, `<!--truncate-->`. */
  moreMarkers: boolean
  /** Hashnode `%[url]` embeds, and `align="center"` inside an image's destination. */
  hashnodeEmbeds: boolean
  /** `$…$`, `$$…$$`. */
  math: boolean
}

const ALIGNED_IMAGE_MARKER = new RegExp(ALIGNED_IMAGE.source, 'i')
const hasAlignedImage = (body: string): boolean => ALIGNED_IMAGE_MARKER.test(body)

/** Generators that run Liquid over an article (Eleventy: Liquid or Nunjucks, same tags). */
const LIQUID_SITES: ReadonlySet<SiteKind> = new Set(['jekyll', 'eleventy', 'devto'])

/** A formula: `$$`, or `$x$` with no space inside the dollars and no digit after (so `$5 and $10` is no formula). */
const MATH_MARKER = /\$\$|\$[^\s$](?:[^$\n]*[^\s$])?\$(?!\d)/

/**
 * Which families an article can contain, decided by markers (see `SyntaxFeatures`).
 * `site` (when known) keeps out the template syntax its generator does not run;
 * unknown (or `auto` left unresolved), every family's markers count.
 */
export function syntaxFeaturesOf(body: string, options: { mdx: boolean; site?: SiteKind }): SyntaxFeatures {
  const braces = !options.mdx && body.includes('{')
  const site = options.site
  return {
    hugo: braces && (site === undefined || site === 'hugo') && /\{\{[<%]/.test(body),
    liquid: braces && (site === undefined || LIQUID_SITES.has(site)) && /(?<!\{)\{%|\{\{(?![<%])/.test(body),
    zola: braces && site === 'zola' && /\{[{%]/.test(body),
    mdx: options.mdx,
    mdxCompat: options.mdx && (site === undefined || site === 'docusaurus') && (body.includes('<!--') || body.includes('{#')),
    admonitions:
      body.includes(':::') ||
      /\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/i.test(body) ||
      /^[ \t]*::[A-Za-z]/m.test(body) ||
      /(?<![\w:]):[A-Za-z][\w-]*\[/.test(body),
    attributeLists: braces && /\{:|\{[ \t]*#[\w-]|\{\.[\w-]/.test(body),
    markdownInHtml: !options.mdx && /\bmarkdown\s*=\s*["']?(?:1|block|span)/.test(body),
    moreMarkers: !options.mdx && /<!--\s*(?:more|truncate)\s*-->/.test(body),
    hashnodeEmbeds: body.includes('%[') || (body.includes('align=') && hasAlignedImage(body)),
    math: body.includes('$') && MATH_MARKER.test(body),
  }
}

/**
 * Every family an article of this kind (MDX or not, on this site) can hold, as if
 * all markers were there: what the marker scan must never differ from (tests compare the two).
 */
export function allSyntaxFeatures(options: { mdx: boolean; site?: SiteKind }): SyntaxFeatures {
  const { mdx, site } = options
  return {
    hugo: !mdx && (site === undefined || site === 'hugo'),
    liquid: !mdx && (site === undefined || LIQUID_SITES.has(site)),
    zola: !mdx && site === 'zola',
    mdx,
    mdxCompat: mdx && (site === undefined || site === 'docusaurus'),
    admonitions: true,
    attributeLists: !mdx,
    markdownInHtml: !mdx,
    moreMarkers: !mdx,
    hashnodeEmbeds: true,
    math: true,
  }
}

const FEATURE_ORDER: ReadonlyArray<keyof SyntaxFeatures> = [
  'hugo',
  'liquid',
  'zola',
  'mdx',
  'mdxCompat',
  'admonitions',
  'attributeLists',
  'markdownInHtml',
  'moreMarkers',
  'hashnodeEmbeds',
  'math',
]

/** One character per family (`1` on, `0` off), to cache a processor per combination. */
export function syntaxFeaturesKey(features: SyntaxFeatures): string {
  return FEATURE_ORDER.map((feature) => +features[feature]).join('')
}

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number]
type FromMarkdownExtension = NonNullable<Data['fromMarkdownExtensions']>[number]
type Transformer = (tree: Root, file: VFile) => void

/**
 * `<!-- -->` in MDX, with the extension Docusaurus itself uses (dropped from the tree, as Medium
 * drops a comment). It is written against micromark 3's types (the runtime API is the same), and
 * its declaration names the mdast half a constant where it is a function of its options.
 */
function mdxComments(): [MicromarkExtension, FromMarkdownExtension] {
  return [comment as unknown as MicromarkExtension, (commentFromMarkdown as unknown as () => FromMarkdownExtension)()]
}

/**
 * remark plugin: the selected families' syntax extensions (micromark, mdast)
 * and their transforms, in an order where each sees what it needs: Markdown
 * inside HTML is parsed first (it may hold any other syntax), MDX elements
 * before the admonitions they may map to, math last.
 */
export default function remarkGeneratorSyntax(this: Processor, features: SyntaxFeatures): Transformer | undefined {
  const data = this.data()
  const micromarkExtensions = (data.micromarkExtensions ??= [])
  const fromMarkdownExtensions = (data.fromMarkdownExtensions ??= [])
  const add = (syntax: MicromarkExtension, tree: FromMarkdownExtension) => {
    micromarkExtensions.push(syntax)
    fromMarkdownExtensions.push(tree)
  }
  if (features.mdx) {
    add(mdxjs(), mdxFromMarkdown())
    // After MDX, as Docusaurus adds it: a comment is dropped from the tree, as Medium would drop it.
    if (features.mdxCompat) add(...mdxComments())
  }
  // Source rewrites first, so an MDX syntax error is reported on what MDX was given.
  rewriteBeforeParsing(this, [...(features.mdxCompat ? [blankHeadingIds] : []), ...(features.hashnodeEmbeds ? [blankImageAlignment] : [])])
  if (features.mdx) parseMdxReportingErrors(this)
  if (features.hugo || features.liquid || features.zola) {
    add(templateTagSyntax({ hugo: features.hugo, liquid: features.liquid, zola: features.zola }), templateTagFromMarkdown())
  }
  if (features.admonitions) add(admonitionContainerSyntax(), admonitionContainerFromMarkdown())
  if (features.math) add(math(), mathFromMarkdown())

  const transformers: Transformer[] = []
  if (features.markdownInHtml) transformers.push(remarkMarkdownInHtml.call(this))
  if (features.mdx) transformers.push(remarkMdxElements())
  if (features.hugo) transformers.push(remarkHugoShortcodes())
  if (features.liquid) transformers.push(remarkLiquidTags())
  if (features.zola) transformers.push(remarkZolaShortcodes())
  if (features.admonitions) transformers.push(remarkAdmonitions())
  if (features.attributeLists) transformers.push(remarkAttributeLists())
  if (features.moreMarkers) transformers.push(remarkMoreMarkers())
  if (features.hashnodeEmbeds) transformers.push(remarkHashnodeEmbeds())
  if (features.math) transformers.push(remarkMathAsCode())
  if (transformers.length === 0) return undefined
  return function (tree, file) {
    for (const transformer of transformers) transformer(tree, file)
  }
}

export { remarkGeneratorSyntax }

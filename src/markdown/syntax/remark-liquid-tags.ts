/**
 * remark plugin: Liquid (Jekyll, Eleventy, Octopress, dev.to) as its Medium equivalents.
 *
 * - `{% highlight lang %}…{% endhighlight %}`, `{% codeblock %}` -> a code block;
 * - `{% raw %}…{% endraw %}` -> its content, literal (a block is read as
 *   Markdown with its tags kept as text); `{% raw %}` marks inside code
 *   (the way Jekyll authors show Liquid in code) are removed;
 *   `{% comment %}…{% endcomment %}` -> nothing;
 * - `{% post_url 2014-01-01-slug %}` -> a link to that post's file (no such
 *   post: `liquid-invalid`); `{% link path %}` -> a link to that file;
 * - `{{ site.url }}`, `{{ site.baseurl }}`, `{{ "/x" | relative_url }}`,
 *   `| absolute_url`, `| prepend: site.baseurl` -> resolved with the site URL.
 *   In an image they give the root path (the image is then taken from the
 *   repository); without a site URL a link becomes its text and text keeps
 *   the path (`liquid-site-url`, naming the `site-url` input);
 * - `{% youtube %}`, `{% vimeo %}`, `{% embed %}`, `{% gist %}`,
 *   `{% twitter %}`/`{% tweet %}`, `{% codepen %}`, `{% instagram %}`,
 *   `{% github %}`, `{% codesandbox %}`, `{% stackblitz %}`, dev.to's
 *   `{% link https://… %}` -> the embed URL alone in its paragraph (a gist
 *   file cannot be chosen: `liquid-option`);
 *   `{% img %}` (Octopress) -> a figure;
 * - `{% include %}`, control flow, Eleventy shortcodes and any other tag or
 *   output -> error `liquid-unsupported` at its line naming it.
 */
import type { Definition, Html, Image, Link, Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import { mediumContext, report, type MediumRenderContext } from '../context.js'
import remarkGfmFeatures, { gfmFeaturesOf } from '../gfm-features.js'
import { isAbsoluteUrl } from '../workspace-paths.js'
import { jekyllPostTarget, jekyllSiteRoot, relativeArticleUrl } from './article-targets.js'
import { codeBlock, embedParagraph, figureParagraph, firstLine, isPhrasingParent, shiftPositions } from './medium-equivalents.js'
import { parseTagArguments, tagInner, type TagArguments } from './tag-arguments.js'
import { tagName, type GeneratorTag } from './template-tag-syntax.js'
import { FAMILY_TAGS, rebuildLinksIn, resolveTagsInAttributes, tagWithin, TEMPLATE_IN_URL } from './template-links.js'

type Children = RootContent[]

/** The site URL split as Jekyll's `url` and `baseurl`; empty when unknown. */
interface Site {
  origin: string
  base: string
  known: boolean
}

function siteOf(siteUrl: string | undefined): Site {
  if (!siteUrl) return { origin: '', base: '', known: false }
  try {
    const url = new URL(siteUrl)
    return { origin: url.origin, base: url.pathname.replace(/\/+$/, ''), known: true }
  } catch {
    return { origin: '', base: '', known: false }
  }
}

const withSlash = (path: string) => (path.startsWith('/') || isAbsoluteUrl(path) || path === '' ? path : `/${path}`)

/**
 * The value of a Liquid output this plugin understands (`site.url`,
 * `site.baseurl`, `page.title`, a string through `relative_url`,
 * `absolute_url`, `prepend: site.baseurl`/`site.url`), else `undefined`.
 */
function outputValue(inner: string, site: Site, title: string): { value: string; fromSite: boolean } | undefined {
  const [head, ...filters] = inner.trim().split(/\s*\|\s*/)
  const variables: Record<string, string> = { 'site.url': site.origin, 'site.baseurl': site.base, 'page.title': title }
  let value: string
  let fromSite = false
  const literal = /^(["'])(.*)\1$/.exec(head ?? '')
  if (literal) value = literal[2]!
  else if (head !== undefined && Object.hasOwn(variables, head)) {
    value = variables[head]!
    fromSite = head.startsWith('site.')
  } else return undefined
  for (const filter of filters) {
    const prepend = /^prepend:\s*(site\.url|site\.baseurl)$/.exec(filter)
    if (filter === 'relative_url') value = site.base + withSlash(value)
    else if (filter === 'absolute_url') value = site.origin + site.base + withSlash(value)
    else if (prepend) value = variables[prepend[1]!] + value
    else return undefined
    fromSite = true
  }
  return { value, fromSite }
}

const EMBEDS: Record<string, (argument: string) => string | undefined> = {
  youtube: (a) => (isAbsoluteUrl(a) ? a : `https://www.youtube.com/watch?v=${encodeURIComponent(a)}`),
  vimeo: (a) => (isAbsoluteUrl(a) ? a : `https://vimeo.com/${encodeURIComponent(a)}`),
  embed: (a) => (isAbsoluteUrl(a) ? a : undefined),
  gist: (a) => (isAbsoluteUrl(a) ? a : `https://gist.github.com/${a.replace(/^\/+/, '')}`),
  twitter: (a) => (isAbsoluteUrl(a) ? a : `https://twitter.com/i/status/${encodeURIComponent(a)}`),
  tweet: (a) => (isAbsoluteUrl(a) ? a : `https://twitter.com/i/status/${encodeURIComponent(a)}`),
  codepen: (a) => (isAbsoluteUrl(a) ? a : undefined),
  instagram: (a) => (isAbsoluteUrl(a) ? a : `https://www.instagram.com/p/${encodeURIComponent(a)}/`),
  github: (a) => (isAbsoluteUrl(a) ? a : `https://github.com/${a.replace(/^\/+/, '')}`),
  codesandbox: (a) => (isAbsoluteUrl(a) ? a : `https://codesandbox.io/s/${encodeURIComponent(a)}`),
  stackblitz: (a) => (isAbsoluteUrl(a) ? a : `https://stackblitz.com/edit/${encodeURIComponent(a)}`),
}

const RAW_MARK = /\{%-?\s*(?:raw|endraw)\s*-?%\}/g

/** What each step needs about the article being converted. */
interface LiquidRun {
  file: VFile
  context: MediumRenderContext
  site: Site
}

/** One Liquid tag (`{% %}`) being converted, in a block place (its own paragraph) or inline. */
interface TagCall extends LiquidRun {
  tag: GeneratorTag
  block: boolean
  name: string
  args: TagArguments
  /** The first positional argument, `''` without one. */
  argument: string
}

export default function remarkLiquidTags() {
  return function (tree: Root, file: VFile): void {
    const context = mediumContext(file)
    transform({ file, context, site: siteOf(context.siteUrl) }, tree)
  }
}

function isLiquid(node: Nodes): node is GeneratorTag {
  return node.type === 'generatorTag' && node.family !== 'shortcode'
}

function titleOf(run: LiquidRun): string {
  return run.context.head?.title ?? ''
}

function unsupported({ file }: LiquidRun, node: Nodes, tag: string): void {
  report(
    file,
    node,
    `Liquid "${firstLine(tag)}" has no Medium equivalent: replace it with Markdown (or its result), or keep the article off Medium (published: false).`,
    'liquid-unsupported',
    'error',
  )
}

function siteUrlMissing({ file }: LiquidRun, node: Nodes, tag: string, outcome: string): void {
  report(file, node, `Liquid "${tag}" needs the site's URL, which is unknown: set the \`site-url\` input. ${outcome}`, 'liquid-site-url')
}

function shownAs(value: string): string {
  return value === '' ? 'Medium gets nothing in its place.' : `Medium gets "${value}" in its place.`
}

/** A tag inside a URL, as the URL part it stands for; `undefined` when it cannot be. */
function urlPart(run: LiquidRun, node: Nodes, tag: string, kind: 'link' | 'image') {
  if (tag.startsWith('{%')) {
    const args = parseTagArguments(tagInner(tag))
    if (args.name === 'post_url' || args.name === 'link') return { value: articleUrl(run, node, tag), article: true, fromSite: false }
    unsupported(run, node, tag)
    return undefined
  }
  const output = outputValue(tagInner(tag), kind === 'image' ? { origin: '', base: '', known: false } : run.site, titleOf(run))
  if (!output) unsupported(run, node, tag)
  return output && { ...output, article: false }
}

/** The relative URL of the file a `post_url` or `link` tag names (reports a missing post). */
function articleUrl({ file, context }: LiquidRun, node: Nodes, tag: string): string | undefined {
  const args = parseTagArguments(tagInner(tag))
  const written = args.positional.join(' ')
  if (!written) {
    report(
      file,
      node,
      `Liquid "${tag}" names no file: add the post's name, e.g. {% post_url 2014-01-01-slug %}.`,
      'liquid-invalid',
      'error',
    )
    return undefined
  }
  if (args.name === 'link') return relativeArticleUrl(context.path, jekyllSiteRoot(context.path) + written.replace(/^\/+/, ''))
  const target = jekyllPostTarget(context.path, written, context.articlePaths)
  if (target) return relativeArticleUrl(context.path, target)
  report(
    file,
    node,
    `Liquid "${tag}" names "${written}", which is none of the articles' _posts/ files: check the name (YYYY-MM-DD-slug, no extension).`,
    'liquid-invalid',
    'error',
  )
  return undefined
}

/** A link, image or definition whose URL holds Liquid: resolved; `false` when a link must become its text. */
function resolveUrl(run: LiquidRun, node: Link | Image | Definition): boolean {
  if (!/\{[{%]/.test(node.url)) return true
  const { site } = run
  const kind = node.type === 'image' ? 'image' : 'link'
  let failed = false
  let siteTag: string | undefined
  // After a `post_url`/`link`, only what follows it counts (`{{ site.baseurl }}{% post_url x %}#y`).
  let articleUrlAt: number | undefined
  let url = ''
  let last = 0
  for (const match of node.url.matchAll(TEMPLATE_IN_URL)) {
    url += node.url.slice(last, match.index)
    last = match.index + match[0].length
    if (/^\{\{[<%]/.test(match[0])) {
      url += match[0]
      continue
    }
    const part = urlPart(run, node, match[0], kind)
    if (part?.value === undefined) failed = true
    if (part?.article) articleUrlAt = url.length
    if (part?.fromSite) siteTag ??= match[0]
    url += part?.value ?? ''
  }
  url += node.url.slice(last)
  if (articleUrlAt !== undefined) node.url = url.slice(articleUrlAt)
  else node.url = kind === 'link' && site.known && url.startsWith('/') && !url.startsWith('//') ? site.origin + url : url
  if (kind === 'link' && siteTag && articleUrlAt === undefined && !site.known && !failed) {
    siteUrlMissing(run, node, siteTag, 'The link was changed to plain text.')
    failed = true
  }
  return !failed
}

/** Raw HTML: site values resolved (`src` from the root), any other Liquid reported. */
function resolveHtml(run: LiquidRun, node: Html): void {
  if (!/\{[{%]/.test(node.value)) return
  const { site } = run
  node.value = node.value.replace(TEMPLATE_IN_URL, (tag, offset: number) => {
    if (/^\{\{[<%]/.test(tag)) return tag
    const inSrc = /\bsrc\s*=\s*["']?$/i.test(node.value.slice(Math.max(0, offset - 12), offset))
    const output = tag.startsWith('{{') ? outputValue(tagInner(tag), inSrc ? siteOf(undefined) : site, titleOf(run)) : undefined
    if (!output) {
      if (/^\{%-?\s*(?:raw|endraw)\b/.test(tag)) return ''
      unsupported(run, tagWithin(node, offset, tag), tag)
      return ''
    }
    if (output.fromSite && !inSrc && !site.known) siteUrlMissing(run, tagWithin(node, offset, tag), tag, shownAs(output.value))
    const inHref = /\bhref\s*=\s*["']?$/i.test(node.value.slice(Math.max(0, offset - 12), offset))
    return inHref && site.known && output.value.startsWith('/') ? site.origin + output.value : output.value
  })
}

/** Phrasing content in the tag's place: its own paragraph in a block place. */
function inPlace(block: boolean, tag: GeneratorTag, nodes: PhrasingContent[]): Children {
  return block ? [{ type: 'paragraph', children: nodes, position: tag.position }] : nodes
}

/** A Liquid output (`{{ site.url }}`) as its value. */
function convertOutput(run: LiquidRun, tag: GeneratorTag, block: boolean): Children {
  const output = outputValue(tagInner(tag.value), run.site, titleOf(run))
  if (!output) {
    unsupported(run, tag, tag.value)
    return []
  }
  if (output.fromSite && !run.site.known) siteUrlMissing(run, tag, tag.value, shownAs(output.value))
  return output.value === '' ? [] : inPlace(block, tag, [{ type: 'text', value: output.value, position: tag.position }])
}

/** `{% highlight %}`, `{% codeblock %}`: a code block. */
function codeTag(call: TagCall): Children {
  const { file, tag, name } = call
  const body = /^\{%[\s\S]*?%\}([\s\S]*)\{%-?\s*end(?:highlight|codeblock)\s*-?%\}$/.exec(tag.value)
  if (!body) {
    report(file, tag, `Liquid "${firstLine(tag.value)}" has no closing {% end${name} %}: add it after the code.`, 'liquid-invalid', 'error')
    return []
  }
  const code = body[1]!
    .replace(/^[ \t]*\r?\n/, '')
    .replace(/\r?\n[ \t]*$/, '')
    .replace(RAW_MARK, '')
  return call.block ? [codeBlock(code, tag.position)] : [{ type: 'inlineCode', value: code, position: tag.position }]
}

/** `{% raw %}`: its content, literal. */
function rawTag(call: TagCall): Children {
  const { file, tag } = call
  const body = /^\{%[\s\S]*?%\}([\s\S]*)\{%-?\s*endraw\s*-?%\}$/.exec(tag.value)
  if (!body) {
    report(
      file,
      tag,
      `Liquid "${firstLine(tag.value)}" has no closing {% endraw %}: add it after the literal text.`,
      'liquid-invalid',
      'error',
    )
    return []
  }
  const blocks = literalBlocks(body[1]!, tag)
  if (call.block) return blocks
  // Inline: `{% raw %}`{{ x }}`{% endraw %}` is Markdown too once Liquid is done.
  const [only] = blocks
  return blocks.length === 1 && only?.type === 'paragraph' ? only.children : [{ type: 'text', value: body[1]!, position: tag.position }]
}

/** `{% post_url %}`, `{% link path %}`: a link to the file; dev.to's `{% link https://… %}`: an embed. */
function articleLinkTag(call: TagCall): Children {
  const { tag, argument, block } = call
  if (call.name === 'link' && isAbsoluteUrl(argument)) {
    return block ? [embedParagraph(argument, tag.position)] : inPlace(block, tag, [linkTo(argument, tag)])
  }
  const url = articleUrl(call, tag, tag.value)
  return url === undefined
    ? []
    : inPlace(block, tag, [{ type: 'link', url, title: null, children: [{ type: 'text', value: argument }], position: tag.position }])
}

/** Octopress: {% img [class names] /path/to/image [width [height]] ["title text" ["alt text"]] %} -> a figure. */
function imgTag(call: TagCall): Children {
  const { file, tag } = call
  const src = call.args.positional.find((part) => part.includes('/') || part.includes('.'))
  if (!src) {
    report(file, tag, `Liquid "${tag.value}" names no image: add its path.`, 'liquid-invalid', 'error')
    return []
  }
  const quoted = [...tagInner(tag.value).matchAll(/"([^"]*)"|'([^']*)'/g)].map((match) => match[1] ?? match[2] ?? '')
  const figure = figureParagraph({ src, caption: quoted[0] ?? '', alt: quoted[1] ?? quoted[0] ?? '' }, tag.position)
  return call.block ? [figure] : figure.children
}

/** Any other tag: an embed (`{% youtube id %}`) when it is one, else reported (an end tag: its start tag was). */
function embedTag(call: TagCall): Children {
  const { file, tag, name, args, argument } = call
  const embed = Object.hasOwn(EMBEDS, name) ? EMBEDS[name]!(argument) : undefined
  if (embed && name === 'gist' && args.positional[1]) {
    report(file, tag, `Liquid "${tag.value}": Medium shows the whole gist, not only "${args.positional[1]}".`, 'liquid-option')
  }
  if (embed && argument) return call.block ? [embedParagraph(embed, tag.position)] : inPlace(call.block, tag, [linkTo(embed, tag)])
  if (name.startsWith('end') && name !== 'end') return [] // The start tag was reported.
  unsupported(call, tag, tag.value)
  return []
}

/** The converter of each tag with its own Medium equivalent (embeds and the rest: `embedTag`). */
const TAGS: Readonly<Record<string, (call: TagCall) => Children>> = {
  highlight: codeTag,
  codeblock: codeTag,
  raw: rawTag,
  comment: () => [],
  post_url: articleLinkTag,
  link: articleLinkTag,
  img: imgTag,
}

/** The nodes a single tag or output becomes. */
function convert(run: LiquidRun, tag: GeneratorTag, block: boolean): Children {
  if (tag.family === 'liquidOutput') return convertOutput(run, tag, block)
  const name = tagName(tag.value, 'liquidTag')
  const args = parseTagArguments(tagInner(tag.value))
  const call: TagCall = { ...run, tag, block, name, args, argument: args.positional[0] ?? '' }
  const converter = Object.hasOwn(TAGS, name) ? TAGS[name]! : embedTag
  return converter(call)
}

/**
 * A `{% raw %}` block: its content read as plain Markdown (GFM), as Jekyll hands it to kramdown: no
 * template tag, and no other generator syntax the article's markers brought in (an admonition or a
 * formula shown inside `{% raw %}` stays as written).
 */
function literalBlocks(content: string, tag: GeneratorTag): Children {
  const lead = /^[ \t]*\r?\n/.exec(content)?.[0] ?? ''
  const markdown = content.slice(lead.length)
  const inner = unified().use(remarkParse).use(remarkGfmFeatures, gfmFeaturesOf(markdown)).parse(markdown)
  const start = tag.position?.start
  if (start) {
    const before = (/^\{%[\s\S]*?%\}/.exec(tag.value)?.[0] ?? '') + lead
    shiftPositions(inner, start.line - 1 + (before.match(/\n/g)?.length ?? 0), (start.offset ?? 0) + before.length)
  }
  return inner.children
}

/** Replace a parent's Liquid by what it becomes; resolve Liquid in URLs and raw HTML; unmark `{% raw %}` in code. */
function transform(run: LiquidRun, parent: Parent): void {
  const block = !isPhrasingParent(parent.type)
  const out: Children = []
  // Links whose destination is Liquid (`[x]({% post_url y %})`), put back together first.
  rebuildLinksIn(parent)
  for (const child of parent.children as Children) {
    if (isLiquid(child)) {
      out.push(...convert(run, child, block))
      continue
    }
    if (child.type === 'code' || child.type === 'inlineCode') {
      if (child.value.includes('{%')) child.value = child.value.replace(RAW_MARK, '')
    } else if (child.type === 'html') resolveHtml(run, child)
    else if (child.type === 'link' || child.type === 'image' || child.type === 'definition') {
      resolveAttributes(run, child)
      // A link whose URL cannot be resolved becomes its text.
      if (!resolveUrl(run, child) && child.type === 'link') {
        transform(run, child)
        out.push(...child.children)
        continue
      }
    }
    if ('children' in child) transform(run, child)
    out.push(child)
  }
  parent.children = out as never
}

/** Liquid in an image's alt text or a title: an output Jekyll would print (`{{ page.title }}`) becomes its text; any other is an error. */
function resolveAttributes(run: LiquidRun, node: Link | Image | Definition): void {
  resolveTagsInAttributes(
    node,
    FAMILY_TAGS.liquid,
    (tag) => {
      const output = tag.startsWith('{{') ? outputValue(tagInner(tag), run.site, titleOf(run)) : undefined
      return output && !(output.fromSite && !run.site.known) ? output.value : undefined
    },
    (tag) => unsupported(run, node, tag),
  )
}

function linkTo(url: string, tag: GeneratorTag): PhrasingContent {
  return { type: 'link', url, title: null, children: [{ type: 'text', value: url }], position: tag.position }
}

/**
 * remark plugin: Hugo shortcodes as their Medium equivalents.
 *
 * - `figure` -> an image alone in its paragraph, its title and caption as
 *   caption (a `link` on the figure is dropped: `shortcode-option`);
 * - `youtube`, `vimeo`, `gist`, `tweet`/`x`, `instagram` (and Hugo's
 *   `vimeo_simple`, `twitter_simple`, `x_simple`) -> the embed URL alone in its paragraph (a gist `file` cannot be chosen: `shortcode-option`);
 * - `highlight` -> a code block (highlighted lines are lost: `shortcode-option`);
 * - `ref`/`relref` -> a link to the article, resolved as Hugo resolves the
 *   path (from the article's folder, from `content/`, else by unique name);
 *   no such article: `shortcode-invalid`;
 * - `notice`, `note`, `tip`, `warning`, `info`, `caution`, `important`,
 *   `danger`, `alert`, `callout`, `hint`, `admonition` -> a labelled quote
 *   (`**Tip:** …`), the title as label when given; `details`, `collapse`,
 *   `expand`, `spoiler` -> the same, unfolded, the summary as label;
 *   `lead` -> its content;
 * - `comment` -> nothing; an escaped shortcode (a comment inside the
 *   delimiters) -> its text without the comment marks, as Hugo shows it,
 *   in code too (the way Hugo authors show a shortcode in a code block);
 * - any other shortcode -> error `shortcode-unknown` at its line; a paired
 *   shortcode without its end tag (or an end tag without its start), a
 *   missing argument, a shortcode inside raw HTML -> error `shortcode-invalid`.
 */
import type { Definition, Html, Image, Link, Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import { mediumContext, report, type MediumRenderContext } from '../context.js'
import { hugoRefTarget, relativeArticleUrl } from './article-targets.js'
import {
  admonitionLabel,
  asBlocks,
  codeBlock,
  embedParagraph,
  figureParagraph,
  firstLine,
  isPhrasingParent,
  labelledInline,
  labelledQuote,
} from './medium-equivalents.js'
import { parseTagArguments, tagInner, type TagArguments } from './tag-arguments.js'
import type { GeneratorTag } from './template-tag-syntax.js'
import { FAMILY_TAGS, rebuildLinksIn, resolveTagsInAttributes, tagWithin, TEMPLATE_IN_URL } from './template-links.js'

/** Shortcodes whose content is Markdown shown in a labelled quote. */
const ADMONITIONS = new Set([
  'notice',
  'note',
  'tip',
  'warning',
  'info',
  'caution',
  'important',
  'danger',
  'alert',
  'callout',
  'hint',
  'admonition',
  'details',
  'collapse',
  'expand',
  'spoiler',
])
/** Shortcodes that fold their content under a summary (shown unfolded, the summary as label). */
const FOLDED = new Set(['details', 'collapse', 'expand', 'spoiler'])
/** Shortcodes named after their type (`{{< tip >}}`). */
const TYPED_BY_NAME = new Set(['note', 'tip', 'warning', 'info', 'caution', 'important', 'danger'])
/** Types a `notice`/`alert`/`callout`/`hint`/`admonition` may name positionally. */
const ADMONITION_TYPES = new Set([
  'note',
  'info',
  'tip',
  'hint',
  'success',
  'warning',
  'warn',
  'caution',
  'danger',
  'error',
  'important',
  'example',
  'question',
  'quote',
  'abstract',
  'summary',
  'bug',
  'failure',
  'primary',
  'secondary',
  'attention',
  'check',
])
const PAIRED = new Set([...ADMONITIONS, 'comment', 'lead'])
const ESCAPED_IN_CODE = /(\{\{[<%])\s*\/\*([\s\S]*?)\*\/\s*([>%]\}\})/g

type Children = RootContent[]

/** What each step needs about the article being converted: where to report, and the article's context. */
interface HugoRun {
  file: VFile
  context: MediumRenderContext
}

/** One shortcode being converted, in a block place (its own paragraph) or inline. */
interface ShortcodeCall extends HugoRun {
  tag: GeneratorTag
  args: TagArguments
  block: boolean
}

export default function remarkHugoShortcodes() {
  return function (tree: Root, file: VFile): void {
    transform({ file, context: mediumContext(file) }, tree)
  }
}

function isShortcode(node: Nodes): node is GeneratorTag {
  return node.type === 'generatorTag' && node.family === 'shortcode'
}

/** The relative URL of the article a `ref`/`relref` names (fragment kept); `undefined` when reported. */
function refUrl({ file, context }: HugoRun, args: TagArguments, tag: GeneratorTag): string | undefined {
  const written = args.named.get('path') ?? args.positional[0]
  if (!written) {
    report(
      file,
      tag,
      `Hugo shortcode "${tag.value}" names no page: write the path of the article, e.g. {{< ref "posts/other.md" >}}.`,
      'shortcode-invalid',
      'error',
    )
    return undefined
  }
  const cut = written.indexOf('#')
  const path = cut === -1 ? written : written.slice(0, cut)
  const fragment = cut === -1 ? '' : written.slice(cut)
  if (path === '') return fragment
  const target = hugoRefTarget(context.path, path, context.articlePaths)
  if (target) return relativeArticleUrl(context.path, target, fragment)
  report(
    file,
    tag,
    `Hugo shortcode "${tag.value}" names "${path}", which is none of the articles: link to the article's file (or its full https:// URL) instead.`,
    'shortcode-invalid',
    'error',
  )
  return undefined
}

/** A link, image or definition whose URL holds a `ref`: resolved; `false` when it cannot be (the link then becomes its text). */
function resolveUrl(run: HugoRun, node: Link | Image | Definition): boolean {
  if (!/\{\{[<%]/.test(node.url)) return true
  const { file } = run
  let resolvedAll = true
  node.url = node.url.replace(TEMPLATE_IN_URL, (tag) => {
    if (!/^\{\{[<%]/.test(tag)) return tag
    const args = parseTagArguments(tagInner(tag))
    if (args.name === 'ref' || args.name === 'relref') {
      const resolved = refUrl(run, args, { type: 'generatorTag', value: tag, family: 'shortcode', position: node.position })
      if (resolved !== undefined) return resolved
    } else {
      report(
        file,
        node,
        `Hugo shortcode "${tag}" in a link's URL has no Medium equivalent: write the URL itself.`,
        'shortcode-unknown',
        'error',
      )
    }
    resolvedAll = false
    return ''
  })
  return resolvedAll
}

/** A shortcode in an image's alt text or a title: Hugo runs it there, and what it would print is unknown here. */
function checkAttributes({ file }: HugoRun, node: Link | Image | Definition): void {
  resolveTagsInAttributes(
    node,
    FAMILY_TAGS.hugo,
    () => undefined,
    (tag) =>
      report(
        file,
        node,
        `Hugo shortcode "${tag}" in an image's alt text or a title cannot be sent to Medium: write its text instead.`,
        'shortcode-invalid',
        'error',
      ),
  )
}

function checkHtml({ file }: HugoRun, node: Html): void {
  for (const match of node.value.matchAll(FAMILY_TAGS.hugo)) {
    report(
      file,
      tagWithin(node, match.index, match[0]),
      `Hugo shortcode "${match[0]}" inside raw HTML cannot be converted for Medium: move it out of the HTML block (a blank line before and after it).`,
      'shortcode-invalid',
      'error',
    )
  }
}

/** Phrasing content in the shortcode's place: its own paragraph in a block place. */
function inPlace(call: ShortcodeCall, nodes: PhrasingContent[]): Children {
  return call.block ? [{ type: 'paragraph', children: nodes, position: call.tag.position }] : nodes
}

/** An embed URL alone in its paragraph (inline: the link alone). */
function embed(call: ShortcodeCall, url: string): Children {
  const paragraph = embedParagraph(url, call.tag.position)
  return call.block ? [paragraph] : (paragraph.children as Children)
}

/** The first of these named arguments that is given. */
function named(call: ShortcodeCall, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = call.args.named.get(name)
    if (value !== undefined) return value
  }
  return undefined
}

function missing({ file, tag }: ShortcodeCall, what: string): Children {
  report(
    file,
    tag,
    `Hugo shortcode "${tag.value}" has no ${what}: add it, or replace the shortcode with Markdown.`,
    'shortcode-invalid',
    'error',
  )
  return []
}

function dropped({ file, tag }: ShortcodeCall, what: string): void {
  report(file, tag, `Hugo shortcode "${tag.value}": ${what}`, 'shortcode-option')
}

function figureShortcode(call: ShortcodeCall): Children {
  const src = named(call, 'src')
  if (!src) return missing(call, 'src')
  const link = named(call, 'link')
  if (link !== undefined) dropped(call, `the link to "${link}" was dropped: Medium figures cannot link anywhere.`)
  const attribution = named(call, 'attr')
  const text = [named(call, 'title'), named(call, 'caption')].filter(Boolean).join(' — ') + (attribution ? ` (${attribution})` : '')
  const figure = figureParagraph({ src, alt: named(call, 'alt') ?? '', caption: plainCaption(text) }, call.tag.position)
  return call.block ? [figure] : figure.children
}

function youtubeShortcode(call: ShortcodeCall): Children {
  const id = named(call, 'id') ?? call.args.positional[0]
  if (!id) return missing(call, 'video id')
  const start = named(call, 'start')
  return embed(call, `https://www.youtube.com/watch?v=${encodeURIComponent(id)}${start ? `&t=${encodeURIComponent(start)}s` : ''}`)
}

function vimeoShortcode(call: ShortcodeCall): Children {
  const id = named(call, 'id') ?? call.args.positional[0]
  return id ? embed(call, `https://vimeo.com/${encodeURIComponent(id)}`) : missing(call, 'video id')
}

function gistShortcode(call: ShortcodeCall): Children {
  const { positional } = call.args
  const user = named(call, 'user') ?? positional[0]
  const id = named(call, 'id') ?? positional[1]
  const gistFile = named(call, 'file') ?? positional[2]
  if (!user || !id) return missing(call, 'user and gist id')
  if (gistFile) dropped(call, `Medium shows the whole gist, not only "${gistFile}".`)
  return embed(call, `https://gist.github.com/${encodeURIComponent(user)}/${encodeURIComponent(id)}`)
}

/** `tweet` and `x`: `/i/status/id` without a user. */
function tweetShortcode(call: ShortcodeCall): Children {
  const { positional } = call.args
  const id = named(call, 'id') ?? positional.at(-1)
  const user = named(call, 'user') ?? (positional.length > 1 ? positional[0] : undefined)
  if (!id) return missing(call, 'post id')
  return embed(call, `https://twitter.com/${encodeURIComponent(user ?? 'i')}/status/${encodeURIComponent(id)}`)
}

function instagramShortcode(call: ShortcodeCall): Children {
  const id = named(call, 'id') ?? call.args.positional[0]
  return id ? embed(call, `https://www.instagram.com/p/${encodeURIComponent(id)}/`) : missing(call, 'post id')
}

function highlightShortcode(call: ShortcodeCall): Children {
  const { file, tag } = call
  const body = /^(\{\{[<%][\s\S]*?[>%]\}\})([\s\S]*)\{\{[<%]\s*\/\s*highlight\s*[>%]\}\}$/.exec(tag.value)
  if (!body) {
    report(
      file,
      tag,
      `Hugo shortcode "${firstLine(tag.value)}" has no closing {{< /highlight >}}: add it after the code.`,
      'shortcode-invalid',
      'error',
    )
    return []
  }
  const options = call.args.positional[1] ?? ''
  if (/hl_lines/.test(options))
    dropped(call, `the highlighted lines (${options}) are not shown: Medium code blocks cannot highlight lines.`)
  const code = body[2]!.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '')
  return call.block ? [codeBlock(code, tag.position)] : [{ type: 'inlineCode', value: code, position: tag.position }]
}

/** `ref` and `relref`: a link to the article, its path as written for text. */
function refShortcode(call: ShortcodeCall): Children {
  const { args, tag } = call
  const url = refUrl(call, args, tag)
  if (url === undefined) return []
  const written = args.named.get('path') ?? args.positional[0] ?? url
  return inPlace(call, [{ type: 'link', url, title: null, children: [{ type: 'text', value: written }], position: tag.position }])
}

/** The converter of each single (unpaired) shortcode Medium has an equivalent for. */
const CONVERTERS: Readonly<Record<string, (call: ShortcodeCall) => Children>> = {
  figure: figureShortcode,
  youtube: youtubeShortcode,
  vimeo: vimeoShortcode,
  vimeo_simple: vimeoShortcode,
  gist: gistShortcode,
  tweet: tweetShortcode,
  x: tweetShortcode,
  twitter_simple: tweetShortcode,
  x_simple: tweetShortcode,
  instagram: instagramShortcode,
  highlight: highlightShortcode,
  ref: refShortcode,
  relref: refShortcode,
}

/** The nodes a single shortcode becomes (block or inline). */
function convert(run: HugoRun, tag: GeneratorTag, args: TagArguments, block: boolean): Children {
  const call: ShortcodeCall = { ...run, tag, args, block }
  if (/^\{\{[<%]\s*\/\*/.test(tag.value)) {
    // Escaped: Hugo shows the shortcode itself, without the comment marks.
    const shown = tag.value.replace(/^(\{\{[<%])\s*\/\*/, '$1').replace(/\*\/\s*([>%]\}\})$/, '$1')
    return inPlace(call, [{ type: 'text', value: shown }])
  }
  const converter = Object.hasOwn(CONVERTERS, args.name) ? CONVERTERS[args.name] : undefined
  if (converter) return converter(call)
  const { file } = run
  report(
    file,
    tag,
    `Hugo shortcode "${args.name}" ("${firstLine(tag.value)}") has no Medium equivalent: replace it with Markdown, or keep the article off Medium (publish: false).`,
    'shortcode-unknown',
    'error',
  )
  return []
}

/** A paired shortcode with its content: a labelled quote, or nothing for `comment`. */
function container(open: { tag: GeneratorTag; args: TagArguments }, content: Children, block: boolean): Children {
  if (open.args.name === 'comment') return []
  if (open.args.name === 'lead') return content // Blowfish: a larger first paragraph.
  const { args } = open
  const named = (name: string) => args.named.get(name)
  let type: string | undefined
  let title = named('title') ?? named('summary')
  if (TYPED_BY_NAME.has(args.name)) {
    type = args.name
    title ??= args.positional[0]
  } else if (FOLDED.has(args.name)) {
    type = 'details'
    title ??= args.positional[0]
  } else {
    const positional = args.positional[0]?.toLowerCase()
    type = named('type') ?? named('style') ?? named('color') ?? (positional && ADMONITION_TYPES.has(positional) ? positional : undefined)
    if (type === positional) title ??= args.positional[1]
  }
  const label = admonitionLabel(type, title)
  if (block) return [labelledQuote(label, asBlocks(content), open.tag.position)]
  return labelledInline(label, content as PhrasingContent[])
}

/**
 * A child that is no shortcode: its URL, HTML or code handled, then its own children.
 * Returns what takes its place (a link whose `ref` cannot be resolved: its text).
 */
function visitOther(run: HugoRun, child: RootContent): Children {
  if (child.type === 'html') checkHtml(run, child)
  else if (child.type === 'code' || child.type === 'inlineCode') {
    // Hugo runs shortcodes before Markdown, in code too: an escaped one shows there unescaped.
    if (child.value.includes('/*')) child.value = child.value.replace(ESCAPED_IN_CODE, '$1$2$3')
  } else if (child.type === 'link' || child.type === 'image' || child.type === 'definition') {
    checkAttributes(run, child)
    // A link whose `ref` cannot be resolved becomes its text.
    if (!resolveUrl(run, child) && child.type === 'link') {
      transform(run, child)
      return child.children
    }
  }
  if ('children' in child) transform(run, child)
  return [child]
}

/** Replace a parent's shortcodes by what they become, pairing start and end tags among its children. */
function transform(run: HugoRun, parent: Parent): void {
  const { file } = run
  const block = !isPhrasingParent(parent.type)
  const top: Children = []
  const frames: Array<{ tag: GeneratorTag; args: TagArguments; children: Children }> = []
  const current = () => frames.at(-1)?.children ?? top
  // Links whose destination is a `ref` (`[x]({{< ref "y" >}})`), put back together first.
  rebuildLinksIn(parent)
  for (const child of parent.children as Children) {
    if (!isShortcode(child)) {
      current().push(...visitOther(run, child))
      continue
    }
    const args = parseTagArguments(tagInner(child.value))
    const escaped = /^\{\{[<%]\s*\/\*/.test(child.value)
    if (args.name.startsWith('/') && !escaped) {
      const name = args.name.slice(1)
      const frame = frames.at(-1)
      if (frame?.args.name !== name) {
        report(
          file,
          child,
          `Hugo shortcode end "${child.value}" has no matching {{< ${name} >}} before it in the same block: remove it or add the start tag.`,
          'shortcode-invalid',
          'error',
        )
        continue
      }
      frames.pop()
      current().push(...container(frame, frame.children, block))
      continue
    }
    if (PAIRED.has(args.name) && !escaped) {
      // `{{< notice />}}`: a paired shortcode with no content.
      if (args.selfClosing) current().push(...container({ tag: child, args }, [], block))
      else frames.push({ tag: child, args, children: [] })
      continue
    }
    current().push(...convert(run, child, args, block))
  }
  // A start tag without its end: reported, its content kept in place.
  for (let frame = frames.pop(); frame; frame = frames.pop()) {
    report(
      file,
      frame.tag,
      `Hugo shortcode "${frame.tag.value}" has no end tag {{< /${frame.args.name} >}} in the same block: add it (Hugo needs it too).`,
      'shortcode-invalid',
      'error',
    )
    current().push(...frame.children)
  }
  parent.children = top as never
}

/** A caption as text: Markdown links and emphasis marks (Hugo renders captions as Markdown) removed. */
function plainCaption(caption: string): string {
  return caption.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/(\*\*|__|\*|`)(.+?)\1/g, '$2')
}

/**
 * remark plugin: Zola shortcodes as their Medium equivalents.
 *
 * Zola calls a shortcode like a function: `{{ name(key="value") }}`, or with
 * a body, `{% name(key="value") %}…{% end %}`. Its built-ins, `youtube`,
 * `vimeo`, `streamable` and `gist`, become the URL alone in its paragraph
 * (which Medium embeds); `katex` (from themes such as abridge) becomes math
 * as code, with the `math` warning Markdown math gets. Any other shortcode is
 * an error at its line (`shortcode-unknown`), a body without its `{% end %}`
 * one too (`shortcode-invalid`). An escaped shortcode (a `/*` comment just
 * inside its delimiters) shows without its comment marks, as Zola shows it, in
 * code too. Braces that call nothing (`{{ x }}`) are text to Zola, and stay text.
 */
import type { Html, PhrasingContent, Root, RootContent } from 'mdast'
import type { Node } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { embedParagraph, firstLine, isPhrasingParent } from './medium-equivalents.js'
import { mathBlock, mathInline } from './remark-math-as-code.js'
import type { GeneratorTag } from './template-tag-syntax.js'
import { FAMILY_TAGS, resolveTagsInAttributes, tagWithin } from './template-links.js'

/** `{{ name(args) }}`, or `{% name(args) %}` followed by its body and `{% end %}`. */
const CALL = /^\{([{%])-?\s*([A-Za-z_]\w*)\s*\(([\s\S]*?)\)\s*-?[}%]\}/
const BODY_END = /\{%-?\s*end\s*-?%\}$/
const ESCAPED = /\{([{%])\/\*\s*([\s\S]*?)\s*\*\/([}%])\}/g
const ARGUMENT = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`|([^,\s)]+))/g

const EMBEDS: Readonly<Record<string, (args: Map<string, string>) => string | undefined>> = {
  youtube: (args) => args.get('id') && `https://www.youtube.com/watch?v=${encodeURIComponent(args.get('id')!)}`,
  vimeo: (args) => args.get('id') && `https://vimeo.com/${encodeURIComponent(args.get('id')!)}`,
  streamable: (args) => args.get('id') && `https://streamable.com/${encodeURIComponent(args.get('id')!)}`,
  gist: (args) => args.get('url'),
}

type Children = RootContent[]

export default function remarkZolaShortcodes() {
  return function (tree: Root, file: VFile): void {
    visit(tree, (node, index, parent) => {
      if ((node.type === 'code' || node.type === 'inlineCode') && node.value.includes('/*'))
        node.value = node.value.replace(ESCAPED, '{$1 $2 $3}')
      if (node.type === 'html') checkHtml(file, node)
      if (node.type === 'image' || node.type === 'link' || node.type === 'definition') {
        const fail = (tag: string) => cannotSend(file, node, tag, "in an image's alt text or a title")
        resolveTagsInAttributes(node, FAMILY_TAGS.zola, () => undefined, fail)
      }
      if (node.type !== 'generatorTag' || !parent || index === undefined) return undefined
      const replacement = convert(file, node, !isPhrasingParent(parent.type))
      parent.children.splice(index, 1, ...(replacement as never[]))
      return index + replacement.length
    })
  }
}

function convert(file: VFile, tag: GeneratorTag, block: boolean): Children {
  const text = (value: string): Children => {
    const phrasing: PhrasingContent = { type: 'text', value, position: tag.position }
    return block ? [{ type: 'paragraph', children: [phrasing], position: tag.position }] : [phrasing]
  }
  if (/^\{[{%]\/\*/.test(tag.value)) return text(tag.value.replace(ESCAPED, '{$1 $2 $3}'))
  const call = CALL.exec(tag.value)
  if (!call) {
    if (/^\{%-?\s*end\s*-?%\}$/.test(tag.value)) {
      report(file, tag, 'Zola "{% end %}" closes no shortcode: remove it, or add the shortcode it ends.', 'shortcode-invalid', 'error')
      return []
    }
    return text(tag.value)
  }
  const [opening, delimiter, name, argumentText] = call as unknown as [string, string, string, string]
  const args = new Map([...argumentText.matchAll(ARGUMENT)].map((m) => [m[1]!, m[2] ?? m[3] ?? m[4] ?? m[5] ?? '']))
  const body = delimiter === '%' ? bodyOf(file, tag, opening) : ''
  if (body === undefined) return []
  if (name === 'katex') return math(file, tag, body, { display: block && args.get('block') === 'true', block })
  const url = Object.hasOwn(EMBEDS, name) ? EMBEDS[name]!(args) : undefined
  if (url) {
    const paragraph = embedParagraph(url, tag.position)
    return block ? [paragraph] : paragraph.children
  }
  const why = Object.hasOwn(EMBEDS, name)
    ? `has no ${name === 'gist' ? 'url' : 'id'}: add it`
    : 'has no Medium equivalent: replace it with Markdown'
  report(
    file,
    tag,
    `Zola shortcode "${opening.slice(0, 80)}" ${why}, or keep the article off Medium (draft = true).`,
    'shortcode-unknown',
    'error',
  )
  return []
}

/** A shortcode call inside raw HTML: Zola runs it, and what it prints is unknown here (an error at its line). */
function checkHtml(file: VFile, node: Html): void {
  for (const match of node.value.matchAll(FAMILY_TAGS.zola))
    cannotSend(file, tagWithin(node, match.index, match[0]), match[0], 'inside raw HTML')
}

function cannotSend(file: VFile, place: Node, tag: string, where: string): void {
  report(
    file,
    place,
    `Zola shortcode "${firstLine(tag)}" ${where} cannot be sent to Medium: write its result instead.`,
    'shortcode-invalid',
    'error',
  )
}

/** A body shortcode's content, or `undefined` (reported) when its `{% end %}` is missing. */
function bodyOf(file: VFile, tag: GeneratorTag, opening: string): string | undefined {
  if (!BODY_END.test(tag.value)) {
    report(
      file,
      tag,
      `Zola shortcode "${opening.slice(0, 80)}" has no {% end %}: add it after its body (Zola needs it too).`,
      'shortcode-invalid',
      'error',
    )
    return undefined
  }
  return tag.value.slice(opening.length).replace(BODY_END, '').trim()
}

/** `katex`: a code block for display math (`block=true` on a line of its own), else inline code. */
function math(file: VFile, tag: GeneratorTag, formula: string, place: { display: boolean; block: boolean }): Children {
  if (place.display) return [mathBlock(file, tag, formula)]
  const code = mathInline(file, tag, formula)
  return place.block ? [{ type: 'paragraph', children: [code], position: tag.position }] : [code]
}

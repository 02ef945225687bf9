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
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { codeBlock, embedParagraph } from './medium-equivalents.js'
import type { GeneratorTag } from './template-tag-syntax.js'

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
      if (node.type !== 'generatorTag' || !parent || index === undefined) return undefined
      const replacement = convert(file, node, !isPhrasingParent(parent))
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
  if (place.display) {
    report(
      file,
      tag,
      'Math was sent as a code block: Medium has no math. To show the formula, use an image of it (and keep the source as alt text).',
      'math',
    )
    return [codeBlock(formula, tag.position)]
  }
  report(
    file,
    tag,
    `Math "${formula.slice(0, 40)}" was sent as inline code: Medium has no math. To show the formula, use an image of it.`,
    'math',
  )
  const code: PhrasingContent = { type: 'inlineCode', value: formula, position: tag.position }
  return place.block ? [{ type: 'paragraph', children: [code], position: tag.position }] : [code]
}

function isPhrasingParent(parent: Parent): boolean {
  return ['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell'].includes(parent.type)
}

/**
 * Markdown links whose destination is a template tag, put back together.
 *
 * `[text]({% post_url 2014-01-01-x %})` and `![a]({{ site.baseurl }}/a.png)`
 * are no links to CommonMark (a destination has no spaces), so the parser
 * gives text `[text](`, the tag, text `)`. The generator replaced the tag
 * before Markdown saw it; we rebuild the link (or image) with the tag's
 * source as its URL, for the family's plugin to resolve. A destination
 * without spaces (`[a]({{site.baseurl}}/x)`) is already a link: its URL holds
 * the tag as text, and `TEMPLATE_IN_URL` finds it there.
 */
import type { Definition, Html, Image, Link, Parent, PhrasingContent, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'

/** Template tags written inside a URL or raw HTML (any family). */
export const TEMPLATE_IN_URL = /\{\{<[\s\S]*?>\}\}|\{\{%[\s\S]*?%\}\}|\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g

/** Template syntax each family runs over an article's text (Hugo: shortcodes only; Zola: calls only). */
export const FAMILY_TAGS = {
  hugo: /\{\{[<%][\s\S]*?[>%]\}\}/g,
  liquid: /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g,
  zola: /\{\{-?\s*[A-Za-z_]\w*\s*\([\s\S]*?\)\s*-?\}\}|\{%-?\s*[A-Za-z_]\w*\s*\([\s\S]*?%\}/g,
} as const

/**
 * The tag at `offset` in raw HTML, placed at its own line and column: a diagnostic names the tag's
 * line, not the first line of the HTML block.
 */
export function tagWithin(node: Html, offset: number, tag: string): Html {
  const start = node.position?.start
  if (!start) return node
  const before = node.value.slice(0, offset)
  const lineBreak = before.lastIndexOf('\n')
  const line = start.line + (before.match(/\n/g)?.length ?? 0)
  const column = lineBreak === -1 ? start.column + offset : offset - lineBreak
  return { type: 'html', value: tag, position: { start: { line, column }, end: { line, column: column + tag.length } } }
}

/**
 * Template tags in an image's alt text or in a link's or image's title, where the generator ran them
 * and we cannot send them as they are: `replace` gives each tag's text, or undefined for a tag it
 * cannot resolve (which `fail` reports, and which is then left out).
 */
export function resolveTagsInAttributes(
  node: Link | Image | Definition,
  pattern: RegExp,
  replace: (tag: string) => string | undefined,
  fail: (tag: string) => void,
): void {
  for (const attribute of ['alt', 'title'] as const) {
    const value = (node as { alt?: string | null; title?: string | null })[attribute]
    if (typeof value !== 'string' || !value.includes('{')) continue
    const resolved = value.replace(pattern, (tag) => {
      const text = replace(tag)
      if (text === undefined) fail(tag)
      return text ?? ''
    })
    ;(node as { alt?: string | null; title?: string | null })[attribute] = resolved
  }
}

/** The `[` that opens the label ending at the end of `text` (brackets balanced), or -1. */
function labelOpening(text: string, depth: { value: number }): number {
  for (let index = text.length - 1; index >= 0; index--) {
    const char = text[index]
    if (char === ']') depth.value++
    else if (char === '[') {
      if (depth.value === 0) return index
      depth.value--
    }
  }
  return -1
}

/** Rebuild, among a parent's children, the links and images whose destination holds a template tag. */
export function rebuildLinksIn(parent: Parent): void {
  const children = parent.children as PhrasingContent[]
  for (let index = 1; index < children.length; index++) {
    if (children[index]!.type === 'generatorTag') index = rebuildAt(parent as Parent & { children: PhrasingContent[] }, index)
  }
}

/** Try to rebuild a link around the tag at `index`; returns the index to continue from. */
function rebuildAt(parent: Parent & { children: PhrasingContent[] }, index: number): number {
  const children = parent.children
  const before = children[index - 1]
  if (before?.type !== 'text' || !before.value.endsWith('](')) return index

  // The destination: tags (as placeholders, since they hold spaces) and text up to the first `)`.
  const tags: string[] = []
  let destination = ''
  let end = index
  let closeAt = -1
  for (; end < children.length; end++) {
    const child = children[end]!
    if (child.type === 'generatorTag') {
      destination += `\uE000${tags.push(child.value) - 1}\uE000`
      continue
    }
    if (child.type !== 'text') return index
    closeAt = child.value.indexOf(')')
    if (closeAt !== -1) {
      destination += child.value.slice(0, closeAt)
      break
    }
    destination += child.value
  }
  if (closeAt === -1) return index
  const parts = /^\s*(\S+?)(?:\s+(["'])(.*)\2)?\s*$/.exec(destination)
  if (!parts) return index

  // The label: back to the `[` that balances the `](`.
  const depth = { value: 0 }
  let start = index - 1
  let openAt = -1
  for (; start >= 0; start--) {
    const child = children[start]!
    if (child.type !== 'text') continue
    const text = start === index - 1 ? child.value.slice(0, -2) : child.value
    openAt = labelOpening(text, depth)
    if (openAt !== -1) break
  }
  if (openAt === -1) return index
  const opener = children[start] as Text
  const isImage = opener.value[openAt - 1] === '!'

  const label: PhrasingContent[] = []
  const head = opener.value.slice(openAt + 1, start === index - 1 ? -2 : undefined)
  if (head) label.push({ type: 'text', value: head })
  if (start !== index - 1) {
    label.push(...(children.slice(start + 1, index - 1) as PhrasingContent[]))
    const tail = before.value.slice(0, -2)
    if (tail) label.push({ type: 'text', value: tail })
  }
  const position = children[index]!.position
  const url = parts[1]!.replace(/\uE000(\d+)\uE000/g, (_, tag: string) => tags[Number(tag)]!)
  const title = parts[3] ?? null
  const node: Link | Image = isImage
    ? { type: 'image', url, title, alt: toString(label), position }
    : { type: 'link', url, title, children: label, position }

  const replacement: PhrasingContent[] = []
  const prefix = opener.value.slice(0, isImage ? openAt - 1 : openAt)
  if (prefix) replacement.push({ ...opener, value: prefix })
  replacement.push(node)
  const closer = children[end] as Text
  const suffix = closer.value.slice(closeAt + 1)
  if (suffix) replacement.push({ ...closer, value: suffix })
  children.splice(start, end - start + 1, ...replacement)
  return start + replacement.length - 1
}

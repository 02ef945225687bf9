/**
 * remark plugin: MDX (`.mdx` articles) as Medium's equivalents.
 *
 * - `import`/`export` lines -> nothing (code for the site, nothing to read);
 * - `{/* comments *\/}` -> nothing; any other `{expression}` -> error
 *   `mdx-expression` (its value exists only when the site is built);
 * - JSX with a lowercase name (`<div className="x">`) -> the same HTML
 *   element (`className` as `class`), its children kept; the sanitizer then
 *   keeps what Medium keeps;
 * - known components: admonitions (`Admonition`, `Callout`, `Aside`, `Note`,
 *   `Tip`, `Info`, `Warning`, `Caution`, `Danger`, `Important`) -> a labelled
 *   quote; `Tabs`/`TabItem` -> each tab's content after its label in bold
 *   (`mdx-tabs`: the reader sees all tabs, one after the other);
 *   `Image`/`Figure` -> a figure; `YouTube`, `Vimeo`, `Tweet`, `Gist` -> the
 *   embed URL alone in its paragraph; any other component -> error
 *   `mdx-component` naming it;
 * (An MDX syntax error is reported by `parseMdxReportingErrors`, mdx-parse-errors.ts.)
 */
import type { BlockContent, DefinitionContent, PhrasingContent, Root, RootContent } from 'mdast'
import type { MdxFlowExpression, MdxJsxFlowElement, MdxJsxTextElement, MdxTextExpression } from 'mdast-util-mdx'
import type { VFile } from 'vfile'
import { report } from '../context.js'
import { admonitionLabel, embedParagraph, figureParagraph, isPhrasingParent, labelledInline, labelledQuote } from './medium-equivalents.js'

type Element = MdxJsxFlowElement | MdxJsxTextElement
type Children = RootContent[]

const ADMONITIONS = new Set(['Admonition', 'Callout', 'Aside', 'Alert', 'Note', 'Tip', 'Info', 'Warning', 'Caution', 'Danger', 'Important'])
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])

const EMBEDS: Record<string, { attributes: string[]; url: (id: string, element: Element) => string }> = {
  YouTube: {
    attributes: ['id', 'videoId', 'youTubeId', 'youtubeId', 'videoid', 'url'],
    url: (id) => (/^https?:/.test(id) ? id : `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`),
  },
  Vimeo: { attributes: ['id', 'videoId', 'url'], url: (id) => (/^https?:/.test(id) ? id : `https://vimeo.com/${encodeURIComponent(id)}`) },
  Tweet: {
    attributes: ['id', 'tweetId', 'url'],
    url: (id) => (/^https?:/.test(id) ? id : `https://twitter.com/i/status/${encodeURIComponent(id)}`),
  },
  Gist: {
    attributes: ['id', 'gistId', 'url'],
    url: (id, element) => {
      if (/^https?:/.test(id)) return id
      const user = stringAttribute(element, 'username') ?? stringAttribute(element, 'user')
      return `https://gist.github.com/${user && !id.includes('/') ? `${user}/` : ''}${id}`
    },
  },
}
EMBEDS.Youtube = EMBEDS.YouTube!
EMBEDS.LiteYouTubeEmbed = EMBEDS.YouTube!
EMBEDS.YouTubeEmbed = EMBEDS.YouTube!

function stringAttribute(element: Element, name: string): string | undefined {
  for (const attribute of element.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name === name && typeof attribute.value === 'string') return attribute.value
  }
  return undefined
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
}

export default function remarkMdxElements() {
  return function (tree: Root, file: VFile): void {
    tree.children = transformAll(file, tree.children, true) as never
  }
}

function componentError(file: VFile, element: Element, why: string): void {
  report(
    file,
    element,
    `MDX component <${element.name}> ${why}: replace it with Markdown, or keep the article off Medium (draft: true).`,
    'mdx-component',
    'error',
  )
}

/** One capitalised component being converted: its children already converted. */
interface ComponentCall {
  file: VFile
  element: Element
  name: string
  children: Children
  block: boolean
}

/** Nodes in the component's place: paragraphs unwrapped inline. */
function inPlace(call: ComponentCall, nodes: Children): Children {
  return call.block ? nodes : nodes.flatMap((node) => (node.type === 'paragraph' ? node.children : [node]))
}

/** `<Note>`, `<Callout type="tip">`…: a labelled quote. */
function admonition(call: ComponentCall): Children {
  const { element, name, children, block } = call
  const attribute = (attributeName: string) => stringAttribute(element, attributeName)
  const type = ['Admonition', 'Callout', 'Aside', 'Alert'].includes(name)
    ? (attribute('type') ?? attribute('kind') ?? attribute('variant') ?? attribute('severity') ?? 'note')
    : name.toLowerCase()
  const label = admonitionLabel(type, attribute('title'))
  if (!block) return labelledInline(label, children as PhrasingContent[])
  return [labelledQuote(label, children as Array<BlockContent | DefinitionContent>, element.position)]
}

function tabs({ file, element, children }: ComponentCall): Children {
  report(file, element, 'Tabs were shown one after the other, each after its label in bold: Medium has no tabs.', 'mdx-tabs')
  return children
}

/** `<TabItem label>`: its label in bold, then its content. */
function tabItem({ element, children }: ComponentCall): Children {
  const label = stringAttribute(element, 'label') ?? stringAttribute(element, 'title') ?? stringAttribute(element, 'value')
  if (!label) return children
  return [
    { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: label }] }], position: element.position },
    ...children,
  ]
}

/** `<Image>`, `<Figure>`, `<Img>`: a figure, from a plain-string `src`. */
function image(call: ComponentCall): Children {
  const { file, element } = call
  const attribute = (attributeName: string) => stringAttribute(element, attributeName)
  const src = attribute('src')
  if (!src) {
    componentError(file, element, 'has no src as a plain string (an imported image is known only when the site is built)')
    return []
  }
  const caption = attribute('caption') ?? attribute('title') ?? ''
  return inPlace(call, [figureParagraph({ src, alt: attribute('alt') ?? '', caption }, element.position)])
}

/** `<YouTube id>`…: the embed URL alone in its paragraph. */
function embed(call: ComponentCall): Children {
  const { file, element } = call
  const embed = EMBEDS[call.name]!
  const id = embed.attributes.map((name) => stringAttribute(element, name)).find((value) => value !== undefined)
  if (!id) {
    componentError(file, element, `has none of ${embed.attributes.join(', ')} as a plain string`)
    return []
  }
  return inPlace(call, [embedParagraph(embed.url(id, element), element.position)])
}

/** The converter of each component Medium has an equivalent for. */
const COMPONENTS: ReadonlyMap<string, (call: ComponentCall) => Children> = new Map([
  ...[...ADMONITIONS].map((name) => [name, admonition] as const),
  ['Tabs', tabs],
  ...['TabItem', 'Tab', 'Tabs.Tab'].map((name) => [name, tabItem] as const),
  ...['Image', 'Figure', 'Img'].map((name) => [name, image] as const),
  ...Object.keys(EMBEDS).map((name) => [name, embed] as const),
])

/** The nodes an element becomes, in a block (flow) or inline (text) place. */
function convert(file: VFile, element: Element, block: boolean): Children {
  const converted = transformAll(file, element.children as Children, block)
  const children = block ? inParagraphs(converted) : converted
  const name = element.name
  if (name === null) return children // Fragment `<>…</>`.
  if (/^[a-z]/.test(name)) return htmlElement(file, element, children)
  const converter = COMPONENTS.get(name)
  if (converter) return converter({ file, element, name, children, block })
  componentError(file, element, 'has no Medium equivalent')
  return []
}

/** A lowercase element: the same HTML element around its children (`className` as `class`). */
function htmlElement(file: VFile, element: Element, children: Children): Children {
  let attributes = ''
  for (const attribute of element.attributes) {
    if (attribute.type !== 'mdxJsxAttribute') {
      report(
        file,
        element,
        `MDX attribute expression "{${attribute.value}}" on <${element.name}> has no value outside the site's build: it was dropped.`,
        'mdx-expression',
        'error',
      )
      continue
    }
    const name = attribute.name === 'className' ? 'class' : attribute.name === 'htmlFor' ? 'for' : attribute.name
    if (attribute.value === null || attribute.value === undefined) attributes += ` ${name}`
    else if (typeof attribute.value === 'string') attributes += ` ${name}="${escapeAttribute(attribute.value)}"`
    else if (name !== 'style') {
      report(
        file,
        element,
        `MDX attribute ${name}={${attribute.value.value}} on <${element.name}> is computed when the site is built: write its value as a string.`,
        'mdx-expression',
        'error',
      )
    }
  }
  const name = element.name!
  const open = { type: 'html' as const, value: `<${name}${attributes}>`, position: element.position }
  if (VOID_ELEMENTS.has(name)) return [open]
  const close = { type: 'html' as const, value: `</${name}>`, position: element.position }
  return [open, ...children, close]
}

/** An expression: nothing for a comment, else reported. */
function checkExpression(file: VFile, node: MdxFlowExpression | MdxTextExpression): void {
  if (!/^\s*(?:\/\*[\s\S]*?\*\/\s*)+$/.test(node.value) && node.value.trim() !== '') {
    report(
      file,
      node,
      `MDX expression "{${node.value.trim().slice(0, 60)}}" has a value only when the site is built: replace it with its text.`,
      'mdx-expression',
      'error',
    )
  }
}

function transformAll(file: VFile, children: Children, block: boolean): Children {
  const out: Children = []
  for (const child of children) {
    switch (child.type) {
      case 'mdxjsEsm':
        continue
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        checkExpression(file, child)
        continue
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        out.push(...convert(file, child, child.type === 'mdxJsxFlowElement' && block))
        continue
      case 'paragraph':
        // A line of elements only (`<TabItem>…</TabItem>` in `<Tabs>`) is block structure, not text.
        if (
          block &&
          child.children.some(isElement) &&
          child.children.every((node) => isElement(node) || (node.type === 'text' && node.value.trim() === ''))
        ) {
          for (const node of child.children) if (isElement(node)) out.push(...convert(file, node, true))
          continue
        }
        child.children = transformAll(file, child.children, false) as never
        out.push(child)
        continue
      default:
        if ('children' in child) {
          child.children = transformAll(file, child.children as Children, block && !isPhrasingParent(child.type)) as never
        }
        out.push(child)
    }
  }
  return out
}

function isElement(node: RootContent): node is Element {
  return node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement'
}

const PHRASING = new Set([
  'text',
  'emphasis',
  'strong',
  'delete',
  'inlineCode',
  'break',
  'link',
  'linkReference',
  'image',
  'imageReference',
  'html',
  'footnoteReference',
  'inlineMath',
])

/** Children of a block element, runs of inline content (`<TabItem>text</TabItem>`) in paragraphs. */
function inParagraphs(children: Children): Children {
  const out: Children = []
  let run: PhrasingContent[] = []
  const flush = () => {
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) out.push({ type: 'paragraph', children: run })
    run = []
  }
  for (const child of children) {
    if (PHRASING.has(child.type)) run.push(child as PhrasingContent)
    else {
      flush()
      out.push(child)
    }
  }
  flush()
  return out
}

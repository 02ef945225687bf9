/**
 * Local images of an article, found without rendering it.
 *
 * The pipeline calls `findLocalImages` for every candidate article before
 * anything is rendered, so it can check the files exist, upload or link
 * them, and hand the URLs to `renderArticle` (`imageUrls`). Both use
 * `classifyImageSource`, so the paths they agree on are the same strings.
 */
import { posix } from 'node:path'
import type { Element } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { Definition, Html, Image, ImageReference, Root, RootContent } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { SKIP, visit } from 'unist-util-visit'
import type { Diagnostic } from '../core/diagnostic.js'
import { MEDIUM_IMAGE_TYPES } from '../core/settings.js'
import { VFile } from 'vfile'
import type { MediumRenderContext } from './context.js'
import remarkGfmFeatures, { gfmFeaturesKey, gfmFeaturesOf, type GfmFeatures } from './gfm-features.js'
import { MEDIUM_REMOVED_TAG_NAMES } from './medium-schema.js'
import { mayHoldImages, syntaxOptions } from './plugin-selection.js'
import type { LocalImageRef, RenderInput } from './render-types.js'
import { resolveWorkspacePath, urlPathPart } from './workspace-paths.js'
import remarkGeneratorSyntax, { syntaxFeaturesKey, syntaxFeaturesOf, type SyntaxFeatures } from './syntax/index.js'

type ImageSource =
  | { kind: 'empty' }
  | { kind: 'remote' }
  | { kind: 'data' }
  | { kind: 'scheme'; scheme: string }
  | { kind: 'local'; path: string }
  | { kind: 'outside'; path: string }
  | { kind: 'type'; path: string; extension: string }

/** What an image `src` is, for an article at `articlePath`. */
export function classifyImageSource(articlePath: string, src: string): ImageSource {
  const trimmed = src.trim()
  // `![alt]()`: shows nothing anywhere; the renderer leaves it out with a warning (image-empty).
  if (trimmed === '') return { kind: 'empty' }
  if (/^data:/i.test(trimmed)) return { kind: 'data' }
  // Medium fetches images over http(s) only; the schema would strip any other scheme's `src` silently.
  if (trimmed.startsWith('//') || /^https?:/i.test(trimmed)) return { kind: 'remote' }
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(trimmed)
  if (scheme) return { kind: 'scheme', scheme: `${scheme[1]!.toLowerCase()}:` }
  const written = urlPathPart(trimmed)
  const path = resolveWorkspacePath(articlePath, written)
  if (path === undefined) return { kind: 'outside', path: written }
  const extension = posix.extname(path).toLowerCase()
  if (!Object.hasOwn(MEDIUM_IMAGE_TYPES, extension)) return { kind: 'type', path, extension }
  return { kind: 'local', path }
}

/** The message for an image Medium cannot get, or `undefined` for a usable one. */
export function imageSourceProblem(source: ImageSource, src: string): { ruleId: string; message: string } | undefined {
  switch (source.kind) {
    case 'data':
      return {
        ruleId: 'image-data-uri',
        message: `Image "${shorten(src)}" is a data: URI, which Medium does not accept; commit the image as a file (png, jpg, gif or tiff) and reference it by its path.`,
      }
    case 'scheme':
      return {
        ruleId: 'image-url-scheme',
        message: `Image "${shorten(src)}" uses the "${source.scheme}" scheme, which Medium cannot load: Medium only loads images over http(s); use an https:// URL, or commit the image and reference it by its path.`,
      }
    case 'outside':
      return {
        ruleId: 'image-outside-workspace',
        message: `Image "${src}" resolves outside the workspace ("${source.path}"); move the image into the repository and reference it relative to the article or from the repository root ("/images/a.png").`,
      }
    case 'type':
      return {
        ruleId: 'image-type',
        message: `Image "${src}" has type "${source.extension || '(no extension)'}", which Medium does not accept; convert it to png, jpg, gif or tiff.`,
      }
    default:
      return undefined
  }
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}

/**
 * The `<img src>` in the raw HTML children of one mdast parent, read as the
 * renderer (rehype-raw) reads them: the HTML of all siblings parsed as one
 * string, since inline HTML is one node per tag (`<noscript>`, `<img>` and
 * `</noscript>` in a paragraph are three nodes); entities decoded
 * (`a&#46;png` is `a.png`); nothing from comments, and nothing inside
 * elements removed with their content (`<noscript>`, `<template>`,
 * `<script>`, `<video>`…), which Medium never shows. Each with its body line.
 */
function imagesInHtml(siblings: Html[]): Array<{ src: string; line: number | undefined }> {
  const first = siblings[0]?.position?.start.line
  let html = ''
  let line = first ?? 1
  for (const node of siblings) {
    // Pad with line breaks so each line of the string is a line of the body.
    const start = node.position?.start.line ?? line
    if (start > line) html += '\n'.repeat(start - line)
    html += node.value
    line = Math.max(line, start) + (node.value.match(/\n/g)?.length ?? 0)
  }
  const found: Array<{ src: string; line: number | undefined }> = []
  visit(fromHtml(html, { fragment: true }), 'element', (element: Element) => {
    if (MEDIUM_REMOVED_TAG_NAMES.has(element.tagName)) return SKIP
    const src = element.properties.src
    if (element.tagName !== 'img' || typeof src !== 'string') return undefined
    const within = element.position?.start.line
    found.push({ src, line: first === undefined || within === undefined ? first : first + within - 1 })
    return undefined
  })
  return found
}

/** Parsers by GFM features and generator syntax, as `renderArticle` selects them: the finder sees the tree the renderer sees. */
const parsers = new Map<string, ReturnType<typeof createParser>>()
function createParser(features: GfmFeatures, syntax: SyntaxFeatures) {
  return unified().use(remarkParse).use(remarkGfmFeatures, features).use(remarkGeneratorSyntax, syntax).freeze()
}
function parserFor(features: GfmFeatures, syntax: SyntaxFeatures): ReturnType<typeof createParser> {
  const key = gfmFeaturesKey(features) + syntaxFeaturesKey(syntax)
  let parser = parsers.get(key)
  if (!parser) {
    parser = createParser(features, syntax)
    parsers.set(key, parser)
  }
  return parser
}

/**
 * The article's tree as the renderer's remark side has it: parsed, then generator syntax
 * turned into Markdown (a Hugo `figure` into an image). Their diagnostics are the renderer's to give.
 */
function articleTree(input: FinderInput, syntax: SyntaxFeatures): Root {
  const parser = parserFor(gfmFeaturesOf(input.body), syntax)
  const medium: MediumRenderContext = {
    path: input.path,
    articleUrls: new Map(),
    articlePaths: input.articlePaths ?? new Set(),
    imageUrls: new Map(),
    ...(input.siteUrl === undefined ? {} : { siteUrl: input.siteUrl }),
  }
  const file = new VFile({ value: input.body, path: input.path, data: { medium } })
  return parser.runSync(parser.parse(file), file) as Root
}

/** What `findLocalImages` reads: the render input's article, body and cover, and what decides its generator syntax. */
export type FinderInput = Pick<RenderInput, 'path' | 'body' | 'bodyStartLine' | 'cover' | 'coverLine' | 'siteUrl' | 'mdx' | 'site'> &
  Partial<Pick<RenderInput, 'articlePaths'>>

/**
 * List the local images of an article, exactly those the render shows: the
 * cover (at `coverLine`), Markdown images, reference images and raw
 * `<img src>` (not those in comments, removed elements or tables); remote
 * (http(s) or `//host`) ones are ignored. Images inside text are listed too:
 * the render links to them. Usable local images become `images`; `data:` URIs, other URL schemes
 * (`ftp:`), paths leaving the workspace and types Medium does not accept
 * become error diagnostics. Existence on disk is for the caller.
 */
export function findLocalImages(input: FinderInput): {
  images: LocalImageRef[]
  diagnostics: Diagnostic[]
} {
  const images: LocalImageRef[] = []
  const diagnostics: Diagnostic[] = []
  // The cover first: it is shown first. Its line is its front-matter key's (the first line without one).
  if (input.cover) classify(input.cover.src, input.coverLine, input.coverLine ?? 1)
  // Cheap exit: no image syntax, and no generator syntax that can become an image (most articles have few images; none need no parse).
  const syntax = syntaxFeaturesOf(input.body, syntaxOptions(input))
  if (!mayHoldImages(input.body, syntax)) return { images, diagnostics }

  const tree = articleTree(input, syntax)
  const found: Array<{ src: string; line: number | undefined }> = []
  const references: Array<{ node: ImageReference; line: number | undefined }> = []
  const definitions = new Map<string, string>()

  visit(tree, (node) => {
    switch (node.type) {
      case 'image':
        found.push({ src: (node as Image).url, line: node.position?.start.line })
        break
      case 'imageReference':
        references.push({ node: node as ImageReference, line: node.position?.start.line })
        break
      case 'definition': {
        const definition = node as Definition
        if (!definitions.has(definition.identifier)) definitions.set(definition.identifier, definition.url)
        break
      }
      case 'table':
        // The renderer turns a table into preformatted text: images in its cells are not shown.
        return SKIP
    }
    if ('children' in node) {
      const html = (node.children as RootContent[]).filter((child): child is Html => child.type === 'html')
      if (html.some((child) => /<img\b/i.test(child.value))) found.push(...imagesInHtml(html))
    }
    return undefined
  })
  for (const { node, line } of references) {
    const url = definitions.get(node.identifier)
    if (url !== undefined) found.push({ src: url, line })
  }
  found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))

  for (const { src, line: bodyLine } of found) {
    const line = bodyLine === undefined ? input.bodyStartLine : input.bodyStartLine + bodyLine - 1
    classify(src, line, line)
  }
  return { images, diagnostics }

  /** List a usable local image, or report why Medium cannot get it (`line` undefined: a diagnostic without line). */
  function classify(src: string, line: number | undefined, imageLine: number): void {
    const source = classifyImageSource(input.path, src)
    if (source.kind === 'remote' || source.kind === 'empty') return
    if (source.kind === 'local') {
      images.push({ src, path: source.path, line: imageLine })
      return
    }
    const problem = imageSourceProblem(source, src)
    if (!problem) return
    const diagnostic: Diagnostic = { path: input.path, severity: 'error', message: problem.message, ruleId: problem.ruleId }
    if (line !== undefined) diagnostic.line = line
    diagnostics.push(diagnostic)
  }
}

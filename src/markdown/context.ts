/**
 * What the Medium plugins know about the article being rendered.
 *
 * Processors are built once per process and reused, so per-article facts
 * travel on `file.data.medium` (the unified way to pass data between the
 * caller and plugins), not through plugin options.
 */
import type { Node, Point } from 'unist'
import type { VFile } from 'vfile'
import type { CoverImage } from './render-types.js'

export interface MediumRenderContext {
  /** Workspace-relative path of the article, `/` separators. */
  path: string
  articleUrls: ReadonlyMap<string, string>
  articlePaths: ReadonlySet<string>
  repositoryBlobBase?: string
  imageUrls: ReadonlyMap<string, string>
  /** The author's site (`site-url` input), for generator syntax such as `{{ site.url }}`; absent when unknown. */
  siteUrl?: string
  /** Whether the article belongs to a generator's site: its root-relative links are pages of that site. */
  siteLinks?: boolean
  /** What comes before the body: title, subtitle, cover. Absent when rendering the footer. */
  head?: PostHead
}

export interface PostHead {
  title: string
  subtitle?: string
  cover?: CoverImage
  /**
   * Where the cover's diagnostics point, as a body line: the cover is written in the
   * front-matter, above the body, so this line is 0 or less; `renderArticle` turns
   * it back into the file line, as it does for every body line.
   */
  coverPlace?: Point
}

declare module 'vfile' {
  interface DataMap {
    medium: MediumRenderContext
  }
}

/** `source` of every message from our plugins (vfile-message convention). */
const MESSAGE_SOURCE = 'medium-publish'

/** Read the render context, failing loudly if a plugin runs outside `renderArticle`. */
export function mediumContext(file: VFile): MediumRenderContext {
  const context = file.data.medium
  if (!context) throw new Error('Medium plugins need `file.data.medium` (use renderArticle)')
  return context
}

/**
 * Report a transformation through the file (unified style: messages, not exceptions).
 * `severity: 'error'` marks the message fatal (vfile-message convention) without throwing.
 */
export function report(
  file: VFile,
  node: Node | undefined,
  reason: string,
  ruleId: string,
  severity: 'warning' | 'error' = 'warning',
): void {
  // A VFileMessage is an Error: capturing its stack costs more than the rest of the message, and
  // nobody reads it (diagnostics carry file and line). Skip the capture for this one construction.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const message = file.message(reason, { place: node?.position, ruleId, source: MESSAGE_SOURCE })
    if (severity === 'error') message.fatal = true
  } finally {
    Error.stackTraceLimit = limit
  }
}

/**
 * Whether the Markdown source contains one of these markers: a plugin that
 * `renderArticle` adds to every processor can skip its tree walk when the
 * construct it handles cannot be there. (Our own plugins are instead left out
 * of the processor when their markers are absent: plugin-selection.ts.)
 */
export function sourceMayContain(file: VFile, ...markers: Array<string | RegExp>): boolean {
  const source = String(file.value)
  return markers.some((marker) => (typeof marker === 'string' ? source.includes(marker) : marker.test(source)))
}

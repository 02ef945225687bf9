/**
 * What the Medium plugins know about the article being rendered.
 *
 * The processor is built once per process and reused, so per-article facts
 * travel on `file.data.medium` (the unified way to pass data between the
 * caller and plugins), not through plugin options.
 */
import type { Node } from 'unist'
import type { VFile } from 'vfile'

export interface MediumRenderContext {
  /** Workspace-relative path of the article, `/` separators. */
  path: string
  title: string
  articleUrls: ReadonlyMap<string, string>
  articlePaths: ReadonlySet<string>
  repositoryBlobBase?: string
  imageUrls: ReadonlyMap<string, string>
  /** The author's site (`site-url` input), for generator syntax such as `{{ site.url }}`; absent when unknown. */
  siteUrl?: string
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
 * Whether the Markdown source contains one of these markers. Plugins use it
 * to skip their tree walk when the construct they handle cannot be there
 * (no `|`, no table): rendering stays close to the bare pipeline's cost.
 */
export function sourceMayContain(file: VFile, ...markers: Array<string | RegExp>): boolean {
  const source = String(file.value)
  return markers.some((marker) => (typeof marker === 'string' ? source.includes(marker) : marker.test(source)))
}

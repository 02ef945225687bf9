import type { Diagnostic } from '../core/diagnostic.js'

/** Everything the renderer needs about one article; it does no I/O. */
export interface RenderInput {
  /** Workspace-relative path of the article, `/` separators. */
  path: string
  title: string
  /** The Markdown body (after the front-matter). */
  body: string
  /** 1-based line in the file where the body starts, to report file lines. */
  bodyStartLine: number
  /** Workspace-relative article path -> its Medium URL, for articles already published. */
  articleUrls: ReadonlyMap<string, string>
  /** Workspace-relative paths of all discovered articles (to tell an article link from another file). */
  articlePaths: ReadonlySet<string>
  /** `{server}/{owner}/{repo}/blob/{sha}/`, for relative links to files in the repository; absent when unknown. */
  repositoryBlobBase?: string
  /** Workspace-relative image path -> the URL Medium should load (uploaded or raw link). */
  imageUrls: ReadonlyMap<string, string>
}

export interface RenderResult {
  /** The HTML fragment sent as `content` with `contentFormat: "html"`. */
  html: string
  /** Warnings for every transformation a reader would notice, and errors (e.g. a `data:` image). */
  diagnostics: Diagnostic[]
}

/** A local image referenced by an article (found before rendering, so it can be uploaded or linked). */
export interface LocalImageRef {
  /** As written in the Markdown. */
  src: string
  /** Resolved workspace-relative path (`/images/a.png` from the repository root, `a.png` from the article's folder). */
  path: string
  /** 1-based line in the file. */
  line: number
}

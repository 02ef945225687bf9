import type { Diagnostic } from '../core/diagnostic.js'
import type { SiteKind } from '../core/site.js'

/** The image shown first, right after the title and subtitle (front-matter `cover` and its spellings). */
export interface CoverImage {
  /** As written: a local path (resolved like a body image, through `imageUrls`) or an http(s) URL. */
  src: string
  /** Alternative text, kept as `alt` (never shown as a caption). */
  alt?: string
  /** Shown under the image as its `<figcaption>`. */
  caption?: string
}

/** Everything the renderer needs about one article; it does no I/O. */
export interface RenderInput {
  /** Workspace-relative path of the article, `/` separators. */
  path: string
  title: string
  /** Shown by Medium under the title: sent as `<h2>` right after the title's `<h1>`. Absent or blank: none. */
  subtitle?: string
  /** An image shown after the title and subtitle, before the body (Medium makes it the featured image). */
  cover?: CoverImage
  /** 1-based line in the file of the front-matter key that gives the cover, for its diagnostics. */
  coverLine?: number
  /** The Markdown body (after the front-matter). */
  body: string
  /** 1-based line in the file where the body starts, to report file lines. */
  bodyStartLine: number
  /**
   * Markdown appended after the body (placeholders such as `{canonicalUrl}` already filled in).
   * Rendered on its own: its diagnostics have no line and start with "In the footer: ".
   */
  footer?: string
  /** Workspace-relative article path -> its Medium URL, for articles already published. */
  articleUrls: ReadonlyMap<string, string>
  /** Workspace-relative paths of all discovered articles (to tell an article link from another file). */
  articlePaths: ReadonlySet<string>
  /** `{server}/{owner}/{repo}/blob/{sha}/`, for relative links to files in the repository; absent when unknown. */
  repositoryBlobBase?: string
  /** Workspace-relative image path -> the URL Medium should load (uploaded or raw link); the cover's too. */
  imageUrls: ReadonlyMap<string, string>
  /** The author's site (`site-url` input), for `{{ site.url }}`, `{{ site.baseurl }}`, `relative_url`…; absent when unknown. */
  siteUrl?: string
  /** The article is an `.mdx` file: its body is MDX (imports, JSX, expressions), not Markdown. */
  mdx?: boolean
  /**
   * The generator the blog is built with (the `site` input, resolved), which decides the template syntax that is
   * live (`{{ x }}` is Liquid to Jekyll, text to Hugo); absent when unknown: every generator's syntax is read.
   */
  site?: SiteKind
}

export interface RenderResult {
  /** The HTML fragment sent as `content` with `contentFormat: "html"`. */
  html: string
  /** Warnings for every transformation a reader would notice, and errors (e.g. a `data:` image). */
  diagnostics: Diagnostic[]
}

/** A local image referenced by an article (found before rendering, so it can be uploaded or linked). */
export interface LocalImageRef {
  /** As written in the Markdown (or in the front-matter, for the cover). */
  src: string
  /** Resolved workspace-relative path (`/images/a.png` from the repository root, `a.png` from the article's folder). */
  path: string
  /** 1-based line in the file. */
  line: number
  /**
   * The file to upload or link when it is not `path`: a root-absolute image served from the site's
   * static folder (Hugo `static/`, Astro `public/`...), found by the pipeline.
   */
  file?: string
}

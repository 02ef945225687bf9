/**
 * Test support: a whole processor with the generator-syntax plugins, as
 * render.ts wires them (parse, GFM features, generator syntax, to HTML).
 */
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { SiteKind } from '../../../../src/core/site.js'
import type { MediumRenderContext } from '../../../../src/markdown/context.js'
import remarkGfmFeatures, { gfmFeaturesOf } from '../../../../src/markdown/gfm-features.js'
import remarkGeneratorSyntax, { syntaxFeaturesOf } from '../../../../src/markdown/syntax/index.js'

export interface SyntaxRenderOptions {
  mdx?: boolean
  site?: SiteKind
  path?: string
  siteUrl?: string
  articlePaths?: string[]
}

/** HTML, diagnostics (`line:ruleId`, errors marked `!`) and their messages, of one body. */
export function renderSyntax(body: string, options: SyntaxRenderOptions = {}): { html: string; diagnostics: string[]; messages: string[] } {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfmFeatures, gfmFeaturesOf(body))
    .use(remarkGeneratorSyntax, syntaxFeaturesOf(body, { mdx: options.mdx ?? false, ...(options.site ? { site: options.site } : {}) }))
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeStringify)
  const path = options.path ?? 'content/posts/post.md'
  const medium: MediumRenderContext = {
    path,
    head: { title: 'Post' },
    articleUrls: new Map(),
    articlePaths: new Set(options.articlePaths ?? [path]),
    imageUrls: new Map(),
    ...(options.siteUrl === undefined ? {} : { siteUrl: options.siteUrl }),
  }
  const file = new VFile({ value: body, path, data: { medium } })
  const html = String(processor.processSync(file)).trim()
  const diagnostics = file.messages.map((message) => `${message.line}:${message.ruleId}${message.fatal ? '!' : ''}`)
  diagnostics.sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
  return { html, diagnostics, messages: file.messages.map((message) => message.reason) }
}

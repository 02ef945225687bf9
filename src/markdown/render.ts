/**
 * Render an article's Markdown body to the HTML Medium gets.
 *
 * A unified processor, built on first use and reused for every article:
 * remark-parse, GFM, our remark plugins, remark-rehype + rehype-raw, our
 * rehype plugins, rehype-sanitize (`mediumSchema`), rehype-stringify. To keep
 * rendering close to the cost of a bare remark -> rehype pipeline, the GFM
 * extensions an article cannot use and rehype-raw (when the body has no `<`)
 * are left out; there is one cached processor per such combination.
 * Per-article facts travel on `file.data.medium`; every change a reader would
 * notice comes back as a diagnostic with the article's path and file line.
 */
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { Diagnostic } from '../core/diagnostic.js'
import type { MediumRenderContext } from './context.js'
import remarkGfmFeatures, { gfmFeaturesKey, gfmFeaturesOf, type GfmFeatures } from './gfm-features.js'
import { mediumSchema } from './medium-schema.js'
import rehypeMediumHtml from './plugins/rehype-medium-html.js'
import rehypeMediumImages from './plugins/rehype-medium-images.js'
import rehypeMediumLinks from './plugins/rehype-medium-links.js'
import remarkMediumCode from './plugins/remark-medium-code.js'
import remarkMediumFootnotes from './plugins/remark-medium-footnotes.js'
import remarkMediumHeadings from './plugins/remark-medium-headings.js'
import remarkMediumLists from './plugins/remark-medium-lists.js'
import remarkMediumTables from './plugins/remark-medium-tables.js'
import remarkMediumTaskLists from './plugins/remark-medium-task-lists.js'
import remarkMediumTitle from './plugins/remark-medium-title.js'
import type { RenderInput, RenderResult } from './render-types.js'

function createProcessor(gfm: GfmFeatures, rawHtml: boolean) {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfmFeatures, gfm)
    .use(remarkMediumTitle)
    .use(remarkMediumHeadings)
    .use(remarkMediumFootnotes)
    .use(remarkMediumTaskLists)
    .use(remarkMediumCode)
    .use(remarkMediumTables)
    .use(remarkMediumLists)
    .use(remarkRehype, { allowDangerousHtml: true })
  // Without a `<` in the body there is no raw HTML to parse: skip the costly re-parse.
  return (rawHtml ? processor.use(rehypeRaw) : processor)
    .use(rehypeMediumHtml)
    .use(rehypeMediumLinks)
    .use(rehypeMediumImages)
    .use(rehypeSanitize, mediumSchema)
    .use(rehypeStringify)
    .freeze()
}

/** Processors by GFM features and raw HTML, each built on first use and reused. */
const processors = new Map<string, ReturnType<typeof createProcessor>>()

function processorFor(body: string): ReturnType<typeof createProcessor> {
  const gfm = gfmFeaturesOf(body)
  const rawHtml = body.includes('<')
  const key = `${gfmFeaturesKey(gfm)}${+rawHtml}`
  let processor = processors.get(key)
  if (!processor) {
    processor = createProcessor(gfm, rawHtml)
    processors.set(key, processor)
  }
  return processor
}

/** Render one article for Medium. Pure and synchronous: no I/O, same input, same output. */
export function renderArticle(input: RenderInput): RenderResult {
  const processor = processorFor(input.body)
  const medium: MediumRenderContext = {
    path: input.path,
    title: input.title,
    articleUrls: input.articleUrls,
    articlePaths: input.articlePaths,
    imageUrls: input.imageUrls,
    ...(input.repositoryBlobBase === undefined ? {} : { repositoryBlobBase: input.repositoryBlobBase }),
  }
  const file = new VFile({ value: input.body, path: input.path, data: { medium } })
  const html = String(processor.processSync(file))
  const diagnostics: Diagnostic[] = file.messages.map((message) => {
    const diagnostic: Diagnostic = {
      path: input.path,
      severity: message.fatal === true ? 'error' : 'warning',
      message: message.reason,
      ruleId: message.ruleId ?? 'render',
    }
    if (typeof message.line === 'number') diagnostic.line = input.bodyStartLine + message.line - 1
    if (typeof message.column === 'number') diagnostic.column = message.column
    return diagnostic
  })
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  return { html, diagnostics }
}

/**
 * Render an article's Markdown body to the HTML Medium gets.
 *
 * One unified processor, built on first use and reused for every article:
 * remark-parse, remark-gfm, our remark plugins, remark-rehype + rehype-raw,
 * our rehype plugins, rehype-sanitize (`mediumSchema`), rehype-stringify.
 * Per-article facts travel on `file.data.medium`; every change a reader would
 * notice comes back as a diagnostic with the article's path and file line.
 */
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { Diagnostic } from '../core/diagnostic.js'
import type { MediumRenderContext } from './context.js'
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

function createProcessor() {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMediumTitle)
    .use(remarkMediumHeadings)
    .use(remarkMediumFootnotes)
    .use(remarkMediumTaskLists)
    .use(remarkMediumCode)
    .use(remarkMediumTables)
    .use(remarkMediumLists)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeMediumHtml)
    .use(rehypeMediumLinks)
    .use(rehypeMediumImages)
    .use(rehypeSanitize, mediumSchema)
    .use(rehypeStringify)
    .freeze()
}

let processor: ReturnType<typeof createProcessor> | undefined

/** Render one article for Medium. Pure and synchronous: no I/O, same input, same output. */
export function renderArticle(input: RenderInput): RenderResult {
  processor ??= createProcessor()
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

/**
 * Render an article's Markdown body to the HTML Medium gets.
 *
 * A unified processor: remark-parse, GFM, generator syntax (Hugo shortcodes,
 * Liquid, MDX…: syntax/index.ts), our remark plugins, remark-rehype +
 * rehype-raw, our rehype plugins, rehype-sanitize (`mediumSchema`), then
 * dropping empty elements, rehype-stringify. An article pays only for what it
 * contains: the GFM extensions, generator-syntax families and plugins whose
 * markers are absent from its Markdown are left out (plugin-selection.ts),
 * with one processor per combination, built on first use and reused. Per-article facts travel on
 * `file.data.medium`; every change a reader would notice comes back as a
 * diagnostic with the article's path and file line.
 *
 * The content is: the title (`<h1>`), the subtitle (`<h2>`), the cover, the
 * body, then the footer. The footer is rendered on its own, so nothing in the
 * body changes how it reads, and its diagnostics are not given body lines; it
 * is Markdown written for this action, so no generator syntax is read in it.
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
import remarkGfmFeatures from './gfm-features.js'
import { mediumSchema } from './medium-schema.js'
import { selectionKey, selectPlugins, syntaxOptions, type PluginSelection } from './plugin-selection.js'
import rehypeMediumDropEmpty from './plugins/rehype-medium-drop-empty.js'
import rehypeMediumHeadings from './plugins/rehype-medium-headings.js'
import rehypeMediumHtml from './plugins/rehype-medium-html.js'
import rehypeMediumImages from './plugins/rehype-medium-images.js'
import rehypeMediumLinks from './plugins/rehype-medium-links.js'
import rehypeMediumTitle from './plugins/rehype-medium-title.js'
import remarkMediumFootnotes from './plugins/remark-medium-footnotes.js'
import remarkMediumLists from './plugins/remark-medium-lists.js'
import remarkMediumTables from './plugins/remark-medium-tables.js'
import remarkMediumTaskLists from './plugins/remark-medium-task-lists.js'
import type { RenderInput, RenderResult } from './render-types.js'
import remarkGeneratorSyntax from './syntax/index.js'

/** The processor for one selection of plugins, in the order they must run. */
export function createProcessor(selection: PluginSelection) {
  const { gfm } = selection
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfmFeatures, gfm)
    // Before our plugins: they see the Medium equivalents (figures, code, quotes), never generator syntax.
    .use(remarkGeneratorSyntax, selection.syntax)
    .use(gfm.footnote ? [remarkMediumFootnotes] : [])
    .use(gfm.taskListItem ? [remarkMediumTaskLists] : [])
    .use(gfm.table ? [remarkMediumTables] : [])
    .use(selection.lists ? [remarkMediumLists] : [])
    .use(remarkRehype, { allowDangerousHtml: true })
    // Without a `<` that can open HTML there is no raw HTML to parse: skip the costly re-parse.
    .use(selection.rawHtml ? [rehypeRaw] : [])
    .use(selection.rawHtml || gfm.strikethrough ? [rehypeMediumHtml] : [])
    // Before the title goes in: the title and subtitle are not body headings.
    .use(selection.headings ? [rehypeMediumHeadings] : [])
    .use(selection.head ? [rehypeMediumTitle] : [])
    .use(selection.links ? [rehypeMediumLinks] : [])
    // After the title: the cover is resolved like a body image.
    .use(selection.images ? [rehypeMediumImages] : [])
    .use(rehypeSanitize, mediumSchema)
    .use(rehypeMediumDropEmpty)
    .use(rehypeStringify)
  return processor.freeze()
}

/** Processors by plugin selection, each built on first use and reused. */
const processors = new Map<string, ReturnType<typeof createProcessor>>()

function processorFor(selection: PluginSelection): ReturnType<typeof createProcessor> {
  const key = selectionKey(selection)
  let processor = processors.get(key)
  if (!processor) {
    processor = createProcessor(selection)
    processors.set(key, processor)
  }
  return processor
}

/** Render one article for Medium. Pure and synchronous: no I/O, same input, same output. */
export function renderArticle(input: RenderInput): RenderResult {
  const shared = {
    path: input.path,
    articleUrls: input.articleUrls,
    articlePaths: input.articlePaths,
    imageUrls: input.imageUrls,
    ...(input.repositoryBlobBase === undefined ? {} : { repositoryBlobBase: input.repositoryBlobBase }),
    ...(input.siteUrl === undefined ? {} : { siteUrl: input.siteUrl }),
    ...(input.site !== undefined && input.site !== 'plain' ? { siteLinks: true } : {}),
  }
  const body: MediumRenderContext = {
    ...shared,
    head: {
      title: input.title,
      ...(input.subtitle === undefined ? {} : { subtitle: input.subtitle }),
      ...(input.cover === undefined ? {} : { cover: input.cover }),
      // A body line (0 or less: the front-matter is above the body) that converts back to `coverLine` below.
      ...(input.coverLine === undefined ? {} : { coverPlace: { line: input.coverLine - input.bodyStartLine + 1, column: 1 } }),
    },
  }
  const selection = selectPlugins(input.body, { head: true, cover: input.cover !== undefined, syntax: syntaxOptions(input) })
  const file = new VFile({ value: input.body, path: input.path, data: { medium: body } })
  let html = String(processorFor(selection).processSync(file))
  const diagnostics = file.messages.map((message): Diagnostic => {
    const diagnostic = diagnosticOf(input.path, message)
    if (typeof message.line === 'number') diagnostic.line = input.bodyStartLine + message.line - 1
    if (typeof message.column === 'number') diagnostic.column = message.column
    return diagnostic
  })
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))

  if (input.footer !== undefined && input.footer.trim() !== '') {
    const footer = new VFile({ value: input.footer, path: input.path, data: { medium: shared } })
    const footerHtml = String(processorFor(selectPlugins(input.footer, { head: false, cover: false })).processSync(footer))
    if (footerHtml !== '') html += `\n${footerHtml}`
    for (const message of footer.messages) {
      const diagnostic = diagnosticOf(input.path, message)
      diagnostic.message = `In the footer: ${diagnostic.message}`
      diagnostics.push(diagnostic)
    }
  }

  return { html, diagnostics }
}

function diagnosticOf(path: string, message: VFile['messages'][number]): Diagnostic {
  return {
    path,
    severity: message.fatal === true ? 'error' : 'warning',
    message: message.reason,
    ruleId: message.ruleId ?? 'render',
  }
}

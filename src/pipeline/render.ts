/**
 * render: every valid candidate to the HTML Medium gets, before anything is sent to Medium (a render
 * that fails is that article's error, found while the run can still publish the others).
 */
import { hasErrors, type Diagnostic } from '../core/diagnostic.js'
import { errorMessage } from '../errors.js'
import { renderArticle } from '../markdown/render.js'
import type { ArticleReport } from './types.js'
import { sortByPlace, type ValidCandidate } from './validate.js'

export interface RenderedCandidate extends ValidCandidate {
  html: string
}

export interface RenderInput {
  valid: readonly ValidCandidate[]
  /** Every discovered article: a link to one of them is an article link. */
  articlePaths: ReadonlySet<string>
  /** Article path -> the Medium URL (or a placeholder resolved when publishing) its links become. */
  articleUrls: ReadonlyMap<string, string>
  /** `{server}/{owner}/{repo}/blob/{sha}/` for links to other repository files. */
  repositoryBlobBase?: string
  /** The URL each local image is given in the HTML. */
  imageUrl: (imagePath: string) => string
}

export interface RenderResult {
  rendered: RenderedCandidate[]
  /** Articles whose render failed (an error diagnostic, or a crash). */
  reports: ArticleReport[]
}

export function renderCandidates(input: RenderInput): RenderResult {
  const result: RenderResult = { rendered: [], reports: [] }
  for (const candidate of input.valid) {
    const { article, images } = candidate
    const path = article.source.path
    let html: string
    let diagnostics: Diagnostic[]
    try {
      const output = renderArticle({
        path,
        title: article.post.title,
        body: article.frontMatter.body,
        bodyStartLine: article.frontMatter.bodyStartLine,
        imageUrls: new Map(images.map((image) => [image.path, input.imageUrl(image.path)])),
        articlePaths: input.articlePaths,
        articleUrls: input.articleUrls,
        ...(input.repositoryBlobBase === undefined ? {} : { repositoryBlobBase: input.repositoryBlobBase }),
      })
      html = output.html
      diagnostics = sortByPlace([...article.diagnostics, ...output.diagnostics])
    } catch (error) {
      const crash: Diagnostic = { path, line: 1, severity: 'error', ruleId: 'render-failed', message: renderFailure(error) }
      result.reports.push({
        path,
        status: 'invalid',
        title: article.post.title,
        post: article.post,
        diagnostics: [...article.diagnostics, crash],
      })
      continue
    }
    if (hasErrors(diagnostics)) {
      result.reports.push({ path, status: 'invalid', title: article.post.title, post: article.post, html, diagnostics })
      continue
    }
    result.rendered.push({ ...candidate, article: { ...article, diagnostics }, html })
  }
  return result
}

function renderFailure(error: unknown): string {
  return `The article could not be rendered (${errorMessage(error)}). It is skipped; the other articles are not affected. Simplify the construct the message names, or report it as a bug.`
}

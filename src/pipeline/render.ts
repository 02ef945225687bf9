/**
 * render: every valid candidate to the HTML Medium gets, before anything is sent to Medium (a render
 * that fails is that article's error, found while the run can still publish the others).
 */
import { hasErrors, type Diagnostic } from '../core/diagnostic.js'
import { MAX_NESTING, nestingProblem } from '../markdown/nesting.js'
import type { Renderer } from './renderer.js'
import { fillFooter } from '../core/fields.js'
import type { LocalImageRef } from '../markdown/render-types.js'
import type { ArticleReport, SiteSettings } from './types.js'
import { finderFacts, sortByPlace, type ValidCandidate } from './validate.js'

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
  imageUrl: (image: LocalImageRef) => string
  site: SiteSettings
  /** The `footer` input, placeholders not filled in yet. */
  footer?: string
  /** An article's URL in the repository, for `{url}` in the footer; undefined when unknown. */
  articleUrl: (path: string) => string | undefined
  /** Where the rendering happens (a worker with a time limit, in the action and the CLI). */
  renderer: Renderer
  /** Aborted when the job is cancelled: the render under way stops, the rest are left for the next run. */
  signal?: AbortSignal
}

export interface RenderResult {
  rendered: RenderedCandidate[]
  /** Articles whose render failed (an error diagnostic, or a crash). */
  reports: ArticleReport[]
}

export async function renderCandidates(input: RenderInput): Promise<RenderResult> {
  const result: RenderResult = { rendered: [], reports: [] }
  for (const candidate of input.valid) {
    const { article, images } = candidate
    const path = article.source.path
    const facts = { path, title: article.post.title, post: article.post }
    if (input.signal?.aborted) {
      result.reports.push({ ...facts, status: 'left', left: 'cancelled', diagnostics: article.diagnostics })
      continue
    }
    const { body, bodyStartLine } = article.frontMatter
    const deep = nestingProblem(body, bodyStartLine)
    if (deep) {
      const message = `Quotes and lists nest ${deep.depth} levels deep here, more than the ${MAX_NESTING} this action renders: the article is not sent. Flatten the nesting.`
      result.reports.push({
        ...facts,
        status: 'invalid',
        diagnostics: [...article.diagnostics, { path, line: deep.line, severity: 'error', ruleId: 'nesting-too-deep', message }],
      })
      continue
    }
    const footer = footerFor(input, candidate)
    const { head } = article
    const outcome = await input.renderer.render(
      {
        ...finderFacts(path, input.site),
        title: article.post.title,
        body,
        bodyStartLine,
        ...(head.subtitle ? { subtitle: head.subtitle } : {}),
        ...(head.cover ? { cover: head.cover, coverLine: head.cover.line } : {}),
        ...(footer.text ? { footer: footer.text } : {}),
        imageUrls: new Map(images.map((image) => [image.path, input.imageUrl(image)])),
        articlePaths: input.articlePaths,
        articleUrls: input.articleUrls,
        ...(input.repositoryBlobBase === undefined ? {} : { repositoryBlobBase: input.repositoryBlobBase }),
      },
      input.signal,
    )
    if (!outcome.ok && outcome.reason === 'cancelled') {
      result.reports.push({ ...facts, status: 'left', left: 'cancelled', diagnostics: article.diagnostics })
      continue
    }
    if (!outcome.ok) {
      const crash: Diagnostic = {
        path,
        line: 1,
        severity: 'error',
        ruleId: outcome.reason === 'timeout' ? 'render-timeout' : 'render-failed',
        message: renderFailure(outcome.message),
      }
      result.reports.push({ ...facts, status: 'invalid', diagnostics: [...article.diagnostics, crash] })
      continue
    }
    const { html } = outcome.result
    const diagnostics = sortByPlace([...article.diagnostics, ...footer.diagnostics, ...outcome.result.diagnostics])
    if (hasErrors(diagnostics)) result.reports.push({ ...facts, status: 'invalid', html, diagnostics })
    else result.rendered.push({ ...candidate, article: { ...article, diagnostics }, html })
  }
  return result
}

/** The footer for one article, or a warning saying why it has none. */
function footerFor(input: RenderInput, candidate: ValidCandidate): { text?: string; diagnostics: Diagnostic[] } {
  if (!input.footer) return { diagnostics: [] }
  const { post, source } = candidate.article
  const url = input.articleUrl(source.path)
  const filled = fillFooter(input.footer, {
    title: post.title,
    ...(post.canonicalUrl ? { canonicalUrl: post.canonicalUrl } : {}),
    ...(url ? { url } : {}),
  })
  if ('text' in filled) return { text: filled.text, diagnostics: [] }
  const why =
    filled.missing === 'canonicalUrl'
      ? 'the article has no canonical URL (set canonicalUrl, or the canonical-url-template input)'
      : "the article's repository URL is unknown here"
  const message = `The footer was left out: it uses {${filled.missing}}, and ${why}.`
  return { diagnostics: [{ path: source.path, line: 1, severity: 'warning', ruleId: 'footer-skipped', message }] }
}

function renderFailure(why: string): string {
  return `The article could not be rendered (${why}). It is skipped; the other articles are not affected. Simplify the construct the message names, or report it as a bug.`
}

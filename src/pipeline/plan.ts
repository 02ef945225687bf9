/**
 * plan: what this run does with each article read: skip it (already on Medium, `publish: false`),
 * report it invalid, or take it on as a candidate (scheduled ones too: they are validated like any
 * other, so their errors show on the pull request that adds them).
 */
import type { ArticleSource, FrontMatter } from '../core/article.js'
import type { Diagnostic } from '../core/diagnostic.js'
import type { PlannedArticle } from '../core/plan.js'
import type { SiteKind } from '../core/site.js'
import type { ReadArticle } from './read.js'
import type { ArticleReport } from './types.js'

/** An article to validate, render and (unless scheduled or invalid) publish. */
export interface Candidate {
  source: ArticleSource
  frontMatter: FrontMatter
  /** A `date` later than now. */
  scheduledFor?: Date
  /** Errors the plan found (publish, date, url-key, an unresolved attempt): validation adds its own. */
  diagnostics: Diagnostic[]
}

export interface PlanInput {
  articles: readonly ReadArticle[]
  urlKey: string
  now: Date
  site: SiteKind
  since?: Date
  /** Files changed by the push or pull request: an edited published article gets a warning. */
  changedPaths?: ReadonlySet<string>
  /** Take every article whose front-matter parses as a candidate, whatever its state (`medium-publish preview`). */
  everything?: boolean
}

export interface PlanResult {
  /** Articles this run will not publish, for a reason that is no error (or an error that stops at the front-matter). */
  reports: ArticleReport[]
  candidates: Candidate[]
  /** Article path -> its recorded Medium URL: what links to those articles become. */
  recordedUrls: Map<string, string>
}

export async function planArticles(input: PlanInput): Promise<PlanResult> {
  const result: PlanResult = { reports: [], candidates: [], recordedUrls: new Map() }
  // The YAML parser and the planner are loaded only when an article is not settled by its url-key line.
  const core = input.articles.some((a) => a.kind === 'source') ? await loadCore() : undefined
  for (const article of input.articles) {
    if (article.kind === 'unreadable') {
      result.reports.push({ path: article.diagnostic.path, status: 'invalid', diagnostics: [article.diagnostic] })
    } else if (article.kind === 'recorded') {
      result.recordedUrls.set(article.path, article.url)
      result.reports.push(recordedReport(article.path, article.url, input.changedPaths))
    } else if (input.everything) {
      const options = core!.frontMatterOptions(input.site)
      const parsed = core!.parseFrontMatter(article.source, options)
      if (!parsed.ok) {
        result.reports.push({ path: article.source.path, status: 'invalid', diagnostics: [parsed.diagnostic] })
        continue
      }
      // Links to it resolve as in a publish run: to its Medium URL when it records one.
      const url = core!.recordedIn(parsed.frontMatter, input.urlKey, options)
      if (url !== undefined) result.recordedUrls.set(article.source.path, url)
      result.candidates.push({ source: article.source, frontMatter: parsed.frontMatter, diagnostics: [] })
    } else {
      try {
        planOne(
          core!.planArticle(article.source, { urlKey: input.urlKey, now: input.now, site: input.site, since: input.since }),
          input,
          result,
        )
      } catch (error) {
        // A bug met by one article costs that article only.
        const message = `The article's front-matter could not be read (${error instanceof Error ? error.message : String(error)}). It is skipped; report this as a bug.`
        result.reports.push({
          path: article.source.path,
          status: 'invalid',
          diagnostics: [{ path: article.source.path, line: 1, severity: 'error', ruleId: 'plan-failed', message }],
        })
      }
    }
  }
  return result
}

async function loadCore() {
  const [{ planArticle }, { parseFrontMatter }, { recordedIn }] = await Promise.all([
    import('../core/plan.js'),
    import('../core/frontmatter/index.js'),
    import('../core/records/index.js'),
  ])
  const { frontMatterOptions } = await import('../core/site.js')
  return { planArticle, parseFrontMatter, recordedIn, frontMatterOptions }
}

function planOne(planned: PlannedArticle, input: PlanInput, result: PlanResult): void {
  const { source } = planned
  switch (planned.kind) {
    case 'published':
      result.recordedUrls.set(source.path, planned.url)
      result.reports.push(recordedReport(source.path, planned.url, input.changedPaths))
      return
    case 'excluded':
      result.reports.push({ path: source.path, status: 'skipped', skip: { kind: 'excluded' }, diagnostics: [] })
      return
    case 'draft':
      result.reports.push({ path: source.path, status: 'skipped', skip: { kind: 'draft', marker: planned.key }, diagnostics: [] })
      return
    case 'before-since':
      result.reports.push({ path: source.path, status: 'skipped', skip: { kind: 'before-since', date: planned.date }, diagnostics: [] })
      return
    case 'scheduled':
      result.candidates.push({ source, frontMatter: planned.frontMatter, scheduledFor: planned.date, diagnostics: [] })
      return
    case 'candidate':
      result.candidates.push({ source, frontMatter: planned.frontMatter, diagnostics: [] })
      return
    case 'invalid':
      if (planned.frontMatter) result.candidates.push({ source, frontMatter: planned.frontMatter, diagnostics: planned.diagnostics })
      else result.reports.push({ path: source.path, status: 'invalid', diagnostics: planned.diagnostics })
  }
}

function recordedReport(path: string, url: string, changedPaths: ReadonlySet<string> | undefined): ArticleReport {
  const diagnostics: Diagnostic[] = []
  if (changedPaths?.has(path)) {
    diagnostics.push({
      path,
      line: 1,
      severity: 'warning',
      ruleId: 'published-article-edited',
      message: `'${path}' was changed, but it is already on Medium (${url}). Medium's API cannot update a post, so this edit will not reach Medium: edit the post on Medium too.`,
    })
  }
  return { path, status: 'skipped', skip: { kind: 'recorded' }, url, diagnostics }
}

/**
 * The pipeline of DESIGN.md, one step after the other:
 *   discover -> read -> plan -> check records on GitHub -> validate -> render -> publish -> write back
 * Each step is a function of its own module with a typed input and result; this file only wires them.
 * The report (outputs, summary, comment, CLI lines) is the caller's, from the `RunResult`.
 *
 * The steps after `plan` are imported when a run needs them: a run over already-published articles
 * loads no YAML parser, no renderer, no Medium or GitHub client.
 */
import { frontMatterOptions } from '../core/site.js'
import { blobBase, blobRawUrl, rawFileUrl } from '../repository.js'
import { STATUS_LABEL, outcomeReason } from '../report/outcome.js'
import { discoverArticles, type Discovered } from './discover.js'
import { lateUrl } from './late-urls.js'
import { planArticles, type Candidate, type PlanResult } from './plan.js'
import { readArticles } from './read.js'
import type { LocalImageRef } from '../markdown/render-types.js'
import type { RenderedCandidate } from './render.js'
import type { ArticleReport, PipelineEdges, PipelineSettings, RunResult } from './types.js'

export async function runPipeline(settings: PipelineSettings, edges: PipelineEdges): Promise<RunResult> {
  const { log } = edges
  const urlKey = settings.defaults.urlKey
  const discovered = await log.group('Discover articles', () => discoverStep(settings, log))
  const plan = await readAndPlan(settings, edges, discovered)
  log.info(planSummary(plan))
  const reports = [...plan.reports]
  const publishing = settings.mode.kind === 'publish'

  let candidates = settings.onlyPath === undefined ? plan.candidates : plan.candidates.filter((c) => c.source.path === settings.onlyPath)
  let head: string | undefined
  let fatal: string | undefined
  let held: string[] = []
  const github = edges.github && !('unavailable' in edges.github) ? edges.github : undefined
  if (publishing && github && candidates.length > 0) {
    const { checkRemoteRecords } = await import('./remote-records.js')
    const remote = await checkRemoteRecords({ candidates, urlKey, github })
    reports.push(...remote.reports)
    for (const report of remote.reports) if (report.status === 'skipped' && report.url) plan.recordedUrls.set(report.path, report.url)
    ;({ candidates, head, fatal } = remote)
  }

  const rendered = await validateAndRender(settings, edges, plan, candidates, discovered.paths)
  reports.push(...rendered.reports)
  if (edges.signal?.aborted) fatal = 'The run was cancelled before anything was published: the articles are left for the next run.'
  const toPublish: RenderedCandidate[] = []
  for (const candidate of rendered.rendered) {
    const { post, source, diagnostics } = candidate.article
    const facts = { path: source.path, title: post.title, post, html: candidate.html, diagnostics }
    if (candidate.scheduledFor) reports.push({ ...facts, status: 'scheduled', date: candidate.scheduledFor })
    else if (!publishing) reports.push({ ...facts, status: 'would-publish' })
    else toPublish.push(candidate)
  }

  const result: RunResult = { articles: [], edits: [], rateLimited: false, site: settings.site, ...(fatal ? { fatal } : {}) }
  if (toPublish.length > settings.maxArticles) {
    result.fatal = tooManyMessage(toPublish, settings.maxArticles)
    const why = `more than max-articles (${settings.maxArticles}) new articles`
    for (const c of toPublish) reports.push({ ...reportFacts(c), status: 'failed', failure: { kind: 'not-sent', why } })
  } else if (toPublish.length > 0) {
    const claims = await claimStep(settings, edges, toPublish)
    reports.push(...claims.reports)
    held = claims.held
    if (claims.fatal) result.fatal = claims.fatal
    const published = claims.claimed.length > 0 ? await publishStep(settings, edges, claims.claimed) : undefined
    if (published) {
      reports.push(...published.reports)
      result.edits = published.edits
      result.rateLimited = published.rateLimited
      if (published.fatal) result.fatal = published.fatal
    }
  }
  if (publishing) result.writeBack = await writeBackStep(settings, edges, result, toPublish, head)
  if (held.length > 0 && github && result.writeBack) {
    const { releaseClaims } = await import('./claims.js')
    await releaseClaims(github, held, result.edits, result.writeBack, log)
  }
  result.articles = inPathOrder(settings.onlyPath === undefined ? discovered.paths : [settings.onlyPath], reports)
  return result
}

async function discoverStep(settings: PipelineSettings, log: PipelineEdges['log']) {
  const found = await discoverArticles(settings.workspace, settings.patterns)
  const patterns = settings.patterns.map((p) => `'${p}'`).join(', ')
  if (found.paths.length === 0) log.warning(noMatchMessage(patterns))
  else log.info(`${found.paths.length} article file(s) match ${patterns}.`)
  const { kind, why, siteUrl } = settings.site
  log.info(`Read as a ${kind} site (${why})${siteUrl ? `, site URL ${siteUrl}` : ''}.`)
  return found
}

/** read, then plan: an article whose url-key line settles it is done after one line scan. */
async function readAndPlan(settings: PipelineSettings, edges: PipelineEdges, discovered: Discovered): Promise<PlanResult> {
  const urlKey = settings.defaults.urlKey
  const frontMatter = frontMatterOptions(settings.site.kind)
  const read = readArticles({
    workspace: settings.workspace,
    discovered,
    urlKey,
    keepRecorded: settings.previewEvenIfPublished,
    frontMatter,
  })
  return planArticles({
    articles: read,
    urlKey,
    now: settings.now,
    site: settings.site.kind,
    ...(settings.since ? { since: settings.since } : {}),
    changedPaths: edges.changedPaths,
    everything: settings.previewEvenIfPublished,
  })
}

/** validate, then render: every error of every candidate is known before anything is sent to Medium. */
async function validateAndRender(
  settings: PipelineSettings,
  edges: PipelineEdges,
  plan: PlanResult,
  candidates: Candidate[],
  paths: string[],
) {
  if (candidates.length === 0) return { rendered: [], reports: [] }
  const [{ validateCandidates }, { renderCandidates }, { inProcessRenderer }] = await Promise.all([
    import('./validate.js'),
    import('./render.js'),
    import('./renderer.js'),
  ])
  const validated = await edges.log.group('Validate new articles', () => validateCandidates({ ...settings, candidates }))
  if (validated.valid.length === 0) return { rendered: [], reports: validated.reports }
  const renderer = (edges.renderer ?? inProcessRenderer)()
  try {
    const rendered = await edges.log.group('Render the articles', () =>
      renderCandidates({
        valid: validated.valid,
        articlePaths: new Set(paths),
        articleUrls: articleUrlsForRender(settings, plan, validated.valid),
        ...(settings.repository ? { repositoryBlobBase: blobBase(settings.repository) } : {}),
        imageUrl: imageUrlForRender(settings),
        site: settings.site,
        ...(settings.footer ? { footer: settings.footer } : {}),
        articleUrl: (path) => (settings.repository ? blobBase(settings.repository) + encodeURI(path) : undefined),
        renderer,
        ...(edges.signal ? { signal: edges.signal } : {}),
      }),
    )
    return { rendered: rendered.rendered, reports: [...validated.reports, ...rendered.reports] }
  } finally {
    await renderer.close()
  }
}

/** In `commit` mode, each article is claimed before it is posted; without GitHub, every one goes to the publisher. */
async function claimStep(settings: PipelineSettings, edges: PipelineEdges, articles: RenderedCandidate[]) {
  if (edges.github && 'unavailable' in edges.github) {
    // No way to claim, nor to commit the URLs: publishing would post articles whose URLs could be lost.
    const fatal = `Nothing was published: 'write-back' is 'commit' but no commit can be made (${edges.github.unavailable}).`
    const why = 'no commit can be made'
    const reports: ArticleReport[] = articles.map((c) => ({ ...reportFacts(c), status: 'failed', failure: { kind: 'not-sent', why } }))
    return { claimed: [], reports, held: [] as string[], fatal }
  }
  const github = edges.github
  if (!github) return { claimed: articles, reports: [], held: [] as string[] }
  const { claimArticles } = await import('./claims.js')
  return edges.log.group('Claim the articles', () =>
    claimArticles({ articles, github, urlKey: settings.defaults.urlKey, now: settings.now, log: edges.log }),
  )
}

async function writeBackStep(
  settings: PipelineSettings,
  edges: PipelineEdges,
  result: RunResult,
  published: RenderedCandidate[],
  head: string | undefined,
) {
  if (result.edits.length === 0) return { kind: 'none' as const, reason: 'nothing to record' }
  const { writeBack } = await import('./write-back.js')
  const originals = new Map(published.map((c) => [c.article.source.path, c.article.source.text]))
  const { workspace, writeBack: mode } = settings
  const frontMatter = frontMatterOptions(settings.site.kind)
  return writeBack({ workspace, mode, edits: result.edits, originals, github: edges.github, head, log: edges.log, frontMatter })
}

async function publishStep(settings: PipelineSettings, edges: PipelineEdges, articles: RenderedCandidate[]) {
  if (!edges.medium) throw new Error('internal: a publish run needs a Medium client factory')
  const { publishArticles } = await import('./publish.js')
  const { repository } = settings
  return publishArticles({
    articles,
    workspace: settings.workspace,
    urlKey: settings.defaults.urlKey,
    images: settings.images,
    publicationId: settings.publicationId,
    now: settings.now,
    medium: edges.medium,
    // An article not published (yet) in this run is linked in the repository; an image never lacks its upload.
    fallbackUrl: (kind, path) =>
      repository ? (kind === 'article' ? blobBase(repository) + encodeURI(path) : rawFileUrl(repository, path)) : path,
    log: edges.log,
    ...(edges.signal ? { signal: edges.signal } : {}),
  })
}

/** What links to other articles become: their recorded Medium URL; in a publish run, a late URL for those published in it. */
function articleUrlsForRender(
  settings: PipelineSettings,
  plan: PlanResult,
  valid: ReadonlyArray<{ article: { source: { path: string } } }>,
) {
  const urls = new Map(plan.recordedUrls)
  if (settings.mode.kind === 'publish' && settings.repository) {
    for (const { article } of valid) urls.set(article.source.path, lateUrl('article', article.source.path))
  }
  return urls
}

/** The URL an image gets in the rendered HTML: its preview URL, its raw URL in the repository, or a late URL for its upload. */
function imageUrlForRender(settings: PipelineSettings): (image: LocalImageRef) => string {
  const { repository, previewImageUrl } = settings
  if (settings.mode.kind === 'preview') {
    return (image) => {
      const file = image.file ?? image.path
      return previewImageUrl ? previewImageUrl(file) : repository ? blobRawUrl(repository, file) : file
    }
  }
  if (settings.images === 'link' && repository) return (image) => rawFileUrl(repository, image.file ?? image.path)
  return (image) => lateUrl('image', image.path)
}

function reportFacts(candidate: RenderedCandidate) {
  const { post, source, diagnostics } = candidate.article
  return { path: source.path, title: post.title, post, html: candidate.html, diagnostics }
}

function tooManyMessage(articles: readonly RenderedCandidate[], maxArticles: number): string {
  return (
    `This run would publish ${articles.length} articles, more than 'max-articles' (${maxArticles}), so it publishes none. ` +
    `If that is intended, raise 'max-articles'; if old articles were matched by mistake, set 'publish: false' in their front-matter or narrow the 'articles' glob. ` +
    `The articles: ${articles.map((c) => c.article.source.path).join(', ')}.`
  )
}

function noMatchMessage(patterns: string): string {
  return `no file matches ${patterns} (relative to the repository root): nothing to publish. Check the 'articles' input; on the command line, quote globs so the shell does not expand them.`
}

function planSummary(plan: PlanResult): string {
  const counts = new Map<string, number>()
  for (const report of plan.reports) {
    const key = outcomeReason(report) ?? STATUS_LABEL[report.status]
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const rest = [...counts].map(([k, n]) => `${n} ${k}`).join(', ')
  return `${plan.candidates.length} new article(s) to consider; ${rest || 'nothing else'}.`
}

function inPathOrder(paths: readonly string[], reports: readonly ArticleReport[]): ArticleReport[] {
  const byPath = new Map(reports.map((r) => [r.path, r]))
  return paths.map((p) => byPath.get(p)).filter((r): r is ArticleReport => r !== undefined)
}

import type { ArticleSource, FrontMatter, FrontMatterEdit, PostFields, RemoteRecord, ValidArticle } from './core/article.js'
import { hasErrors, type Diagnostic } from './core/diagnostic.js'
import type { ArticleDefaults } from './core/settings.js'
import { peekRecordedUrl } from './core/frontmatter-peek.js'
import type { PlannedArticle } from './core/plan.js'
import { discoverArticles } from './files/discover.js'
import { readArticle } from './files/read-articles.js'
import type { Log } from './log.js'
import type { LocalImageRef } from './markdown/render-types.js'
import { errorMessage } from './errors.js'
import type { MediumClient } from './medium/client.js'

/** What happened to one article in this run. */
export type ArticleStatus =
  | 'published' // posted to Medium in this run
  | 'would-publish' // preview / dry run: valid and new
  | 'skipped' // already published, or `publish: false`
  | 'scheduled' // `date` in the future
  | 'invalid' // bad input: not sent to Medium
  | 'failed' // sent (or tried) and failed, or stopped by a run-wide problem
  | 'left' // Medium's daily limit: left for the next run

export interface ArticleReport {
  path: string
  status: ArticleStatus
  /** Why, in a few words: `already published`, `publish: false`, `scheduled for …`, Medium's message… */
  reason?: string
  title?: string
  post?: PostFields
  /** The Medium URL: from this run, or already recorded. */
  url?: string
  id?: string
  /** The rendered Medium HTML (preview runs and published articles). */
  html?: string
  diagnostics: Diagnostic[]
}

export interface PipelineOptions {
  workspace: string
  patterns: readonly string[]
  defaults: ArticleDefaults
  maxArticles: number
  /** `publish` sends to Medium; `preview` validates and renders only (pull requests, dry runs, the CLI). */
  mode: 'publish' | 'preview'
  now: Date
  /** How local images reach Medium (`auto` already resolved by the caller). */
  images: 'upload' | 'link'
  /** The repository and commit, for links to repository files and raw image URLs. */
  repository?: { serverUrl: string; owner: string; repo: string; sha: string }
  publicationId?: string
  /** Files changed by the push or pull request, to warn about edits to published articles. */
  changedPaths?: ReadonlySet<string>
  /** Creates the Medium client; called only when something will be published. */
  medium?: () => Promise<MediumClient>
  /** Image URLs for previews when there is no repository to link to (the CLI). */
  previewImageUrl?: (imagePath: string) => string
  /**
   * Publish mode: records of earlier runs that this checkout cannot see (on the branch head when it
   * moved, or in a write-back branch waiting to be merged). Called with the candidates' paths; a
   * URL or publish attempt found there means "do not publish".
   */
  remoteRecords?: (paths: string[]) => Promise<Map<string, RemoteRecord>>
  /** Aborted when the job is being cancelled: publishing stops before the next article, the write-back still runs. */
  signal?: AbortSignal
  /** Render every matched article whose front-matter parses, whatever its state (`medium-publish preview`); with mode `preview`. */
  previewEvenIfPublished?: boolean
  log: Log
}

export interface PipelineResult {
  articles: ArticleReport[]
  edits: FrontMatterEdit[]
  /** A problem with the run as a whole (token, publication, max-articles): the step fails. */
  fatal?: string
  /** Medium's daily limit was reached: some articles are left for the next run. */
  rateLimited: boolean
  /** The original text of each article that gets an edit, to apply edits without re-reading. */
  originals: Map<string, string>
}

/** config -> discover -> read -> plan -> validate -> render -> publish, with edits to record. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { log } = options
  const reports = new Map<string, ArticleReport>()
  const originals = new Map<string, string>()
  const result: PipelineResult = { articles: [], edits: [], rateLimited: false, originals }

  const { paths, symlinks } = await log.group('Discover articles', async () => {
    const found = await discoverArticles(options.workspace, options.patterns)
    log.info(`${found.paths.length} article file(s) match ${options.patterns.map((p) => `'${p}'`).join(', ')}.`)
    return found
  })

  // The hot path: an article whose url-key line is certain from a line scan is
  // published; only the others load the YAML parser and the planner.
  let planner: Awaited<ReturnType<typeof loadPlanner>> | undefined
  const candidates: Array<{ source: ArticleSource; frontMatter: FrontMatter }> = []
  const publishedUrls = new Map<string, string>()
  for (const path of paths) {
    const read = readArticle(options.workspace, path, symlinks.has(path))
    if (!read.ok) {
      reports.set(read.diagnostic.path, { path: read.diagnostic.path, status: 'invalid', diagnostics: [read.diagnostic] })
      continue
    }
    const { source } = read
    const peeked = options.previewEvenIfPublished ? undefined : peekRecordedUrl(source.text, options.defaults.urlKey)
    let planned: PlannedArticle
    if (peeked !== undefined) {
      planned = { kind: 'published', source, url: peeked }
    } else if (options.previewEvenIfPublished) {
      // `medium-publish preview`: render the article whatever its state; only its front-matter must parse.
      planner ??= await loadPlanner()
      const parsed = planner.parseFrontMatter(source)
      planned = parsed.ok
        ? { kind: 'candidate', source, frontMatter: parsed.frontMatter }
        : { kind: 'invalid', source, diagnostics: [parsed.diagnostic] }
    } else {
      planner ??= await loadPlanner()
      planned = planner.planArticle(source, { urlKey: options.defaults.urlKey, now: options.now })
    }
    switch (planned.kind) {
      case 'published': {
        // A copy, not a slice: a slice would keep the whole article text alive for the run.
        const url = Buffer.from(planned.url, 'utf8').toString('utf8')
        publishedUrls.set(source.path, url)
        const diagnostics: Diagnostic[] = []
        if (options.changedPaths?.has(source.path)) {
          diagnostics.push({
            path: source.path,
            line: 1,
            severity: 'warning',
            ruleId: 'published-article-edited',
            message: `'${source.path}' was changed, but it is already on Medium (${url}). Medium's API cannot update a post, so this edit will not reach Medium: edit the post on Medium too.`,
          })
        }
        reports.set(source.path, { path: source.path, status: 'skipped', reason: 'already published', url, diagnostics })
        break
      }
      case 'excluded':
        reports.set(source.path, { path: source.path, status: 'skipped', reason: 'publish: false', diagnostics: [] })
        break
      case 'scheduled':
        reports.set(source.path, {
          path: source.path,
          status: 'scheduled',
          reason: `scheduled for ${planned.date.toISOString()}`,
          diagnostics: [],
        })
        break
      case 'invalid':
        reports.set(source.path, { path: source.path, status: 'invalid', diagnostics: planned.diagnostics })
        break
      case 'candidate':
        candidates.push({ source, frontMatter: planned.frontMatter })
        break
    }
  }
  const counts = countBy([...reports.values()], (r) => r.reason ?? r.status)
  log.info(
    `${candidates.length} new article(s) to consider; ${
      Object.entries(counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'nothing else'
    }.`,
  )

  if (options.mode === 'publish' && options.remoteRecords && candidates.length > 0) {
    let remote: Map<string, RemoteRecord>
    try {
      remote = await options.remoteRecords(candidates.map((c) => c.source.path))
    } catch (error) {
      result.fatal = `Could not check GitHub for Medium URLs this checkout does not have yet (${errorMessage(error)}), so nothing was published: publishing now could post an article twice. The next run tries again.`
      for (const { source } of candidates) {
        reports.set(source.path, {
          path: source.path,
          status: 'failed',
          reason: 'not published: could not check the branch for newer records',
          diagnostics: [],
        })
      }
      candidates.length = 0
      remote = new Map()
    }
    for (const [path, record] of remote) {
      const index = candidates.findIndex((c) => c.source.path === path)
      if (index === -1) continue
      candidates.splice(index, 1)
      reports.set(path, remoteRecordReport(path, record, options.defaults.urlKey))
    }
  }

  // Validate every candidate before anything is sent (failure rule 1).
  const valid: Array<{ article: ValidArticle; images: LocalImageRef[] }> = []
  if (candidates.length > 0) {
    await log.group('Validate new articles', async () => {
      const [{ validateArticle }, { findLocalImages }, { checkLocalImages }] = await Promise.all([
        import('./core/validate.js'),
        import('./markdown/local-images.js'),
        import('./files/article-images.js'),
      ])
      for (const candidate of candidates) {
        const path = candidate.source.path
        const validated = validateArticle(candidate, options.defaults)
        const found = findLocalImages({
          path,
          body: candidate.frontMatter.body,
          bodyStartLine: candidate.frontMatter.bodyStartLine,
        })
        // `images` holds only usable local images; the unusable ones are already in `diagnostics`.
        const imageDiagnostics = [...found.diagnostics, ...(await checkLocalImages(options.workspace, path, found.images))]
        if (!validated.ok || hasErrors(imageDiagnostics)) {
          const diagnostics = [...(validated.ok ? validated.article.diagnostics : validated.diagnostics), ...imageDiagnostics]
          reports.set(path, { path, status: 'invalid', diagnostics: sortDiagnostics(diagnostics) })
          log.info(`${path}: invalid (${diagnostics.filter((d) => d.severity === 'error').length} error(s)).`)
          continue
        }
        validated.article.diagnostics.push(...imageDiagnostics)
        valid.push({ article: validated.article, images: found.images })
        reports.set(path, {
          path,
          status: options.mode === 'publish' ? 'failed' : 'would-publish',
          title: validated.article.post.title,
          post: validated.article.post,
          diagnostics: validated.article.diagnostics,
        })
        log.info(`${path}: valid, "${validated.article.post.title}" (${validated.article.post.publishStatus}).`)
      }
    })
  }

  if (valid.length > options.maxArticles) {
    result.fatal =
      `This run would publish ${valid.length} articles, more than 'max-articles' (${options.maxArticles}), so it publishes none. ` +
      `If that is intended, raise 'max-articles'; if old articles were matched by mistake, set 'publish: false' in their front-matter or narrow the 'articles' glob. ` +
      `The articles: ${valid.map((v) => v.article.source.path).join(', ')}.`
    for (const { article } of valid) {
      const report = reports.get(article.source.path)!
      report.status = 'failed'
      report.reason = `not published: more than max-articles (${options.maxArticles}) new articles`
    }
    result.articles = ordered(paths, reports)
    return result
  }

  if (valid.length > 0) {
    const { renderArticle } = await import('./markdown/render.js')
    const articlePaths = new Set(paths)
    const renderContext = {
      articleUrls: publishedUrls,
      articlePaths,
      repositoryBlobBase: options.repository
        ? `${options.repository.serverUrl}/${options.repository.owner}/${options.repository.repo}/blob/${options.repository.sha}/`
        : undefined,
    }
    const render = (article: ValidArticle, imageUrls: ReadonlyMap<string, string>) =>
      renderArticle({
        path: article.source.path,
        title: article.post.title,
        body: article.frontMatter.body,
        bodyStartLine: article.frontMatter.bodyStartLine,
        imageUrls,
        ...renderContext,
      })
    const { rawFileUrl } = await import('./files/article-images.js')
    const { repository } = options
    const linkUrl = (imagePath: string): string => (repository ? rawFileUrl(repository, imagePath) : imagePath)

    if (options.mode === 'preview') {
      await log.group('Render previews', async () => {
        for (const { article, images } of valid) {
          const previewUrl = options.previewImageUrl ?? linkUrl
          const imageUrls = new Map(images.map((image) => [image.path, previewUrl(image.path)]))
          const rendered = render(article, imageUrls)
          const report = reports.get(article.source.path)!
          report.html = rendered.html
          report.diagnostics = sortDiagnostics([...report.diagnostics, ...rendered.diagnostics])
          if (hasErrors(rendered.diagnostics)) report.status = 'invalid'
          log.info(`${article.source.path}: rendered ${rendered.html.length} characters of HTML.`)
        }
      })
    } else {
      const { publishArticles } = await import('./publish.js')
      await publishArticles({
        valid,
        reports,
        result,
        options,
        render,
        linkUrl,
        // Articles published earlier in this run: later articles link to their Medium URLs.
        publishedUrls,
      })
    }
  }

  result.articles = ordered(paths, reports)
  return result
}

/** How an article recorded outside this checkout is reported: skipped (with why), or invalid for an unresolved attempt. */
function remoteRecordReport(path: string, record: RemoteRecord, urlKey: string): ArticleReport {
  if (record.key === urlKey) {
    const message = record.pending
      ? `'${path}' is already on Medium (${record.value}), but its URL is only in branch '${record.branch}', whose pull request is not merged yet. Merge it so the URL is recorded; until then this article is skipped. If that pull request was closed, add '${record.key}: ${record.value}' to the article yourself and delete the branch.`
      : `'${path}' is already on Medium (${record.value}): the URL was recorded on '${record.branch}' after the commit this run checked out (a re-run of an older workflow run?). Skipped.`
    return {
      path,
      status: 'skipped',
      reason: record.pending ? `URL waiting in branch ${record.branch}` : 'already published',
      url: record.value,
      diagnostics: [
        {
          path,
          line: 1,
          severity: record.pending ? 'warning' : 'notice',
          ruleId: record.pending ? 'url-pending-merge' : 'url-on-branch',
          message,
        },
      ],
    }
  }
  return {
    path,
    status: 'invalid',
    diagnostics: [
      {
        path,
        line: 1,
        severity: 'error',
        ruleId: 'publish-attempt-unresolved',
        message: `An earlier run sent '${path}' to Medium at ${record.value} but could not confirm the result, and recorded that on '${record.branch}'${record.pending ? ' (not merged yet)' : ''}. Check your Medium drafts and posts: if the post exists, set '${urlKey}: <its URL>' in the article; if not, delete the '${record.key}' line${record.pending ? ' and the branch' : ''}. Until then it is not published again.`,
      },
    ],
  }
}

async function loadPlanner() {
  const [{ planArticle }, { parseFrontMatter }] = await Promise.all([import('./core/plan.js'), import('./core/frontmatter.js')])
  return { planArticle, parseFrontMatter }
}

function ordered(paths: readonly string[], reports: Map<string, ArticleReport>): ArticleReport[] {
  return paths.map((p) => reports.get(p)).filter((r): r is ArticleReport => r !== undefined)
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1
  return counts
}

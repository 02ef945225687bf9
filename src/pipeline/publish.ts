/**
 * publish: each rendered article to Medium, following DESIGN.md's failure rules: check the token
 * first, never retry a request whose outcome is unknown (record an attempt instead), stop at the daily
 * limit or a token problem, and keep going past one article's own failure. Returns what happened;
 * writes into nothing it was handed.
 */
import type { FrontMatterEdit } from '../core/article.js'
import type { Diagnostic } from '../core/diagnostic.js'
import { unknownOutcomeDiagnostic } from '../core/records/index.js'
import { PUBLISH_ATTEMPT_KEY } from '../core/settings.js'
import { errorMessage, InputError, MediumApiError } from '../errors.js'
import type { Log } from '../log.js'
import type { MediumClient } from '../medium/client.js'
import type { PostTarget } from '../medium/types.js'
import { imageContentType, readImage } from './images.js'
import { resolveLateUrls, type LateUrlKind } from './late-urls.js'
import type { RenderedCandidate } from './render.js'
import type { ArticleReport, FailureReason, LeftReason } from './types.js'

export interface PublishInput {
  articles: readonly RenderedCandidate[]
  workspace: string
  urlKey: string
  images: 'upload' | 'link'
  publicationId?: string
  now: Date
  medium: () => Promise<MediumClient>
  /** What a late URL (an image, an article published earlier in this run) becomes when it is not known. */
  fallbackUrl: (kind: LateUrlKind, path: string) => string
  log: Log
  signal?: AbortSignal
}

export interface PublishResult {
  reports: ArticleReport[]
  edits: FrontMatterEdit[]
  fatal?: string
  rateLimited: boolean
}

/** Kinds of Medium failure that stop the whole run's publishing (DESIGN.md "Independence"). */
const RUN_STOPPERS = new Set(['unauthorized', 'blocked', 'forbidden'])

export async function publishArticles(input: PublishInput): Promise<PublishResult> {
  const { articles, log } = input
  const session = await openSession(input)
  if ('fatal' in session) return notSent(articles, session.fatal)
  const late = new Map<string, string>()
  const result: PublishResult = { reports: [], edits: [], rateLimited: false }
  let stop: { left?: LeftReason; fatal?: string } | undefined
  for (const candidate of articles) {
    const path = candidate.article.source.path
    if (!stop && input.signal?.aborted) {
      stop = { left: 'cancelled', fatal: 'The run was cancelled while publishing: the articles not yet sent are left for the next run.' }
      log.warning(stop.fatal!)
    }
    if (stop) {
      result.reports.push(
        stop.left ? leftReport(candidate, stop.left) : failedReport(candidate, { kind: 'not-sent', why: stop.fatal! }, []),
      )
      continue
    }
    if (session.draftsOnly && candidate.article.post.publishStatus !== 'draft') {
      result.reports.push(draftOnlyReport(candidate, input.publicationId!))
      continue
    }
    const outcome = await log.group(`Publish ${path}`, () =>
      publishOne(candidate, session, late, input).catch((error) => crashed(candidate, error)),
    )
    result.reports.push(outcome.report)
    result.edits.push(...outcome.edits)
    if (outcome.report.status === 'published') late.set(`article:${path}`, outcome.report.url)
    if (outcome.stop) {
      stop = outcome.stop
      if (stop.left === 'daily-limit') result.rateLimited = true
    }
  }
  if (stop?.fatal) result.fatal = stop.fatal
  return result
}

interface Session {
  client: MediumClient
  target: PostTarget
  /** Image path -> its upload (once per run). */
  uploads: Map<string, Promise<string>>
  /** The token's user is a writer of the publication: Medium takes drafts only. */
  draftsOnly: boolean
}

/** The client, the token checked with `GET /me`, and the publication checked when there is one. */
async function openSession(input: PublishInput): Promise<Session | { fatal: string }> {
  let client: MediumClient
  let userId: string
  try {
    client = await input.medium()
    const user = await input.log.group('Check the Medium token', () => client.me())
    input.log.info(`Publishing as @${user.username} (Medium user ${user.id}).`)
    userId = user.id
  } catch (error) {
    return { fatal: tokenProblem(error) }
  }
  if (!input.publicationId) return { client, target: { userId }, uploads: new Map(), draftsOnly: false }
  const role = await publicationRole(client, input.publicationId, userId)
  if ('fatal' in role) return role
  return { client, target: { publicationId: input.publicationId }, uploads: new Map(), draftsOnly: role.role === 'writer' }
}

interface Outcome {
  report: ArticleReport
  edits: FrontMatterEdit[]
  stop?: { left?: LeftReason; fatal?: string }
}

async function publishOne(
  candidate: RenderedCandidate,
  session: Session,
  late: Map<string, string>,
  input: PublishInput,
): Promise<Outcome> {
  const { article } = candidate
  const path = article.source.path
  const diagnostics = [...article.diagnostics]
  const imageUrls = await uploadImages(candidate, session, input)
  if ('failed' in imageUrls) {
    diagnostics.push(imageUrls.failed.diagnostic)
    return {
      report: failedReport(candidate, { kind: 'image-upload', image: imageUrls.failed.image }, diagnostics),
      edits: [],
      stop: imageUrls.failed.stop,
    }
  }
  const content = resolveLateUrls(
    candidate.html,
    (kind, target) => (kind === 'image' ? imageUrls.get(target) : late.get(`article:${target}`)) ?? input.fallbackUrl(kind, target),
  )
  const { post } = article
  try {
    const created = await session.client.createPost(session.target, { ...post, contentFormat: 'html', content })
    input.log.info(`Published "${post.title}" as ${post.publishStatus}: ${created.url}`)
    const report: ArticleReport = {
      path,
      status: 'published',
      url: created.url,
      id: created.id,
      title: post.title,
      post,
      html: content,
      diagnostics,
    }
    return { report, edits: [{ path, key: input.urlKey, value: created.url }] }
  } catch (error) {
    return postFailure(candidate, error, diagnostics, input)
  }
}

function postFailure(candidate: RenderedCandidate, error: unknown, diagnostics: Diagnostic[], input: PublishInput): Outcome {
  const { article } = candidate
  const path = article.source.path
  const failure = error instanceof MediumApiError ? error : undefined
  const line = article.frontMatter.keyLines.title ?? 1
  if (failure?.kind === 'unknown') {
    // The post may exist: never retry, record the attempt so no later run publishes it twice.
    const at = input.now.toISOString()
    diagnostics.push(unknownOutcomeDiagnostic(path, line, failure.message, at, input.urlKey))
    input.log.warning(`${path}: outcome unknown; recorded ${PUBLISH_ATTEMPT_KEY}.`)
    return {
      report: failedReport(candidate, { kind: 'unknown-outcome' }, diagnostics),
      edits: [{ path, key: PUBLISH_ATTEMPT_KEY, value: at }],
    }
  }
  if (failure?.kind === 'rate-limited') {
    input.log.warning(`Medium's daily publishing limit was reached (${failure.message}). The remaining articles are left for the next run.`)
    return { report: leftReport(candidate, 'daily-limit'), edits: [], stop: { left: 'daily-limit' } }
  }
  const message = failure?.message ?? errorMessage(error)
  diagnostics.push({ path, line, severity: 'error', ruleId: 'publish-failed', message: `Medium did not publish this article: ${message}` })
  input.log.error(`${path}: ${message}`)
  const stop = failure && RUN_STOPPERS.has(failure.kind) ? { fatal: failure.message } : undefined
  return { report: failedReport(candidate, { kind: 'refused', message }, diagnostics), edits: [], ...(stop ? { stop } : {}) }
}

type ImageUrls = Map<string, string> | { failed: { image: string; diagnostic: Diagnostic; stop?: { fatal: string } } }

/** Local images: uploaded once per run, or linked (then the renderer already has their URLs). */
async function uploadImages(candidate: RenderedCandidate, session: Session, input: PublishInput): Promise<ImageUrls> {
  const urls = new Map<string, string>()
  if (input.images === 'link') return urls
  for (const image of candidate.images) {
    try {
      let upload = session.uploads.get(image.path)
      if (!upload) {
        upload = uploadImage(session.client, input.workspace, image.file ?? image.path)
        session.uploads.set(image.path, upload)
      }
      urls.set(image.path, await upload)
      input.log.info(`Uploaded ${image.path}.`)
    } catch (error) {
      // A refused upload fails this article only; a dead token or a blocked runner stops the run.
      const stops = error instanceof MediumApiError && (error.kind === 'unauthorized' || error.kind === 'blocked')
      const message =
        `Medium refused the upload of image '${image.src}': ${uploadProblem(error)} ` +
        `If this repository is public, set 'images: link' so Medium copies the image from the repository instead.`
      const diagnostic: Diagnostic = {
        path: candidate.article.source.path,
        line: image.line,
        severity: 'error',
        ruleId: 'image-upload',
        message,
      }
      return { failed: { image: image.path, diagnostic, ...(stops ? { stop: { fatal: (error as MediumApiError).message } } : {}) } }
    }
  }
  return urls
}

async function uploadImage(client: MediumClient, workspace: string, imagePath: string): Promise<string> {
  const contentType = imageContentType(imagePath) ?? 'application/octet-stream'
  const bytes = await readImage(workspace, imagePath)
  const uploaded = await client.uploadImage({ bytes, contentType, filename: imagePath.split('/').pop() ?? 'image' })
  return uploaded.url
}

async function publicationRole(client: MediumClient, publicationId: string, userId: string): Promise<{ role: string } | { fatal: string }> {
  let contributors: Array<{ userId: string; role: string }>
  try {
    contributors = await client.contributors(publicationId)
  } catch (error) {
    return {
      fatal: `Could not read the contributors of Medium publication '${publicationId}': ${sentence(errorMessage(error))} Check 'publication-id'.`,
    }
  }
  const me = contributors.find((c) => c.userId === userId)
  if (me) return { role: me.role }
  return {
    fatal: `The token's Medium user is not a contributor of publication '${publicationId}'. Ask an editor of the publication to add you as a writer or editor, or check 'publication-id'.`,
  }
}

/** A writer of a publication may only submit drafts: a non-draft article is an error, nothing is sent. */
function draftOnlyReport(candidate: RenderedCandidate, publicationId: string): ArticleReport {
  const { post, source, frontMatter } = candidate.article
  const diagnostic: Diagnostic = {
    path: source.path,
    line: frontMatter.keyLines.publishStatus ?? 1,
    severity: 'error',
    ruleId: 'publication-writer-draft-only',
    message: `publishStatus is '${post.publishStatus}', but you are a writer in publication '${publicationId}', and Medium lets writers submit drafts only. Set 'publishStatus: draft' (an editor publishes it), or ask for the editor role.`,
  }
  return {
    path: source.path,
    status: 'invalid',
    title: post.title,
    post,
    html: candidate.html,
    diagnostics: [...candidate.article.diagnostics, diagnostic],
  }
}

function uploadProblem(error: unknown): string {
  if (error instanceof MediumApiError && error.kind === 'forbidden') {
    return 'the token may not upload images (Medium answered 403; integration tokens need the uploadImage scope).'
  }
  return sentence(errorMessage(error))
}

/** A message as a sentence: one final full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`
}

function tokenProblem(error: unknown): string {
  if (error instanceof MediumApiError) {
    if (error.kind === 'refused') return `Could not reach Medium: ${error.message}. Nothing was published; the next run tries again.`
    return error.message
  }
  // No token at all (the client factory's own message says what to set): not a failed check.
  if (error instanceof InputError) return error.message
  return `Could not check the Medium token: ${errorMessage(error)}`
}

/** An unexpected error publishing one article costs that article, never the URLs already obtained. */
function crashed(candidate: RenderedCandidate, error: unknown): Outcome {
  const path = candidate.article.source.path
  const message = `Publishing this article failed unexpectedly (${errorMessage(error)}). If the post is on Medium, set its URL in the article; then report this as a bug.`
  const diagnostic: Diagnostic = { path, line: 1, severity: 'error', ruleId: 'publish-error', message }
  return {
    report: failedReport(candidate, { kind: 'error', message: errorMessage(error) }, [...candidate.article.diagnostics, diagnostic]),
    edits: [],
  }
}

function notSent(articles: readonly RenderedCandidate[], fatal: string): PublishResult {
  const reports = articles.map((candidate) => failedReport(candidate, { kind: 'not-sent', why: fatal }, candidate.article.diagnostics))
  return { reports, edits: [], fatal, rateLimited: false }
}

function failedReport(candidate: RenderedCandidate, failure: FailureReason, diagnostics: Diagnostic[]): ArticleReport {
  const { post, source } = candidate.article
  return { path: source.path, status: 'failed', failure, title: post.title, post, html: candidate.html, diagnostics }
}

function leftReport(candidate: RenderedCandidate, left: LeftReason): ArticleReport {
  const { post, source } = candidate.article
  return {
    path: source.path,
    status: 'left',
    left,
    title: post.title,
    post,
    html: candidate.html,
    diagnostics: candidate.article.diagnostics,
  }
}

import type { ValidArticle } from './core/article.js'
import { hasErrors, type Diagnostic } from './core/diagnostic.js'
import { PUBLISH_ATTEMPT_KEY } from './core/settings.js'
import { errorMessage, InputError, MediumApiError } from './errors.js'
import { imageContentType, readImage } from './files/article-images.js'
import type { LocalImageRef, RenderResult } from './markdown/render-types.js'
import type { MediumClient } from './medium/client.js'
import { sortDiagnostics, type ArticleReport, type PipelineOptions, type PipelineResult } from './pipeline.js'

interface PublishStep {
  valid: Array<{ article: ValidArticle; images: LocalImageRef[] }>
  reports: Map<string, ArticleReport>
  result: PipelineResult
  options: PipelineOptions
  render: (article: ValidArticle, imageUrls: ReadonlyMap<string, string>) => RenderResult
  linkUrl: (imagePath: string) => string
  /** Article path -> Medium URL, what links to other articles resolve to; grows as this run publishes. */
  publishedUrls: Map<string, string>
}

/** Kinds of Medium failure that stop the whole run's publishing (DESIGN.md "Independence"). */
const RUN_STOPPERS = new Set(['unauthorized', 'blocked', 'forbidden'])

/**
 * Publishes each valid article, following DESIGN.md's failure rules: check the
 * token first, never retry a request whose outcome is unknown (record an
 * attempt instead), stop at the daily limit, and keep going past one article's
 * own failure.
 */
export async function publishArticles(step: PublishStep): Promise<void> {
  const { valid, reports, result, options } = step
  const { log } = options
  if (!options.medium) throw new Error('publishArticles needs a Medium client factory')

  let client: MediumClient
  let userId: string
  try {
    client = await options.medium()
    const me = await log.group('Check the Medium token', async () => {
      const user = await client.me()
      log.info(`Publishing as @${user.username} (Medium user ${user.id}).`)
      return user
    })
    userId = me.id
  } catch (error) {
    stopAll(
      step,
      valid.map((v) => v.article),
      tokenProblem(error),
    )
    return
  }

  if (options.publicationId) {
    const problem = await checkPublication(step, client, userId)
    if (problem) {
      stopAll(
        step,
        valid.map((v) => v.article),
        problem,
      )
      return
    }
  }

  const target = options.publicationId ? { publicationId: options.publicationId } : { userId }
  const uploads = new Map<string, Promise<string>>()
  let stopped: { status: 'left' | 'failed'; reason: string } | undefined

  for (const { article, images } of valid) {
    const path = article.source.path
    const report = reports.get(path)!
    if (!stopped && options.signal?.aborted) {
      // The job is being cancelled: send nothing more, so the write-back can record what was sent.
      result.fatal = 'The run was cancelled while publishing: the articles not yet sent are left for the next run.'
      stopped = { status: 'left', reason: 'left for the next run (the run was cancelled)' }
      log.warning(result.fatal)
    }
    if (stopped) {
      report.status = stopped.status
      report.reason = stopped.reason
      continue
    }
    if (report.status === 'invalid') continue
    await log.group(`Publish ${path}`, async () => {
      // Local images: uploaded once per run, or linked.
      const imageUrls = new Map<string, string>()
      for (const image of images) {
        if (options.images === 'link') {
          imageUrls.set(image.path, step.linkUrl(image.path))
          continue
        }
        try {
          let upload = uploads.get(image.path)
          if (!upload) {
            upload = uploadImage(client, options.workspace, image.path)
            uploads.set(image.path, upload)
          }
          imageUrls.set(image.path, await upload)
          log.info(`Uploaded ${image.path}.`)
        } catch (error) {
          // A refused upload fails this article only; a dead token or a blocked runner stops the run.
          if (error instanceof MediumApiError && (error.kind === 'unauthorized' || error.kind === 'blocked')) {
            stopped = { status: 'failed', reason: `not published: ${error.message}` }
            result.fatal = error.message
          }
          report.status = 'failed'
          report.reason = `image '${image.path}' could not be uploaded`
          report.diagnostics.push(
            errorAt(
              path,
              image.line,
              'image-upload',
              `Medium refused the upload of image '${image.src}': ${uploadProblem(error)} ` +
                `If this repository is public, set 'images: link' so Medium copies the image from the repository instead.`,
            ),
          )
          return
        }
      }

      const rendered = step.render(article, imageUrls)
      report.diagnostics = sortDiagnostics([...report.diagnostics, ...rendered.diagnostics])
      report.html = rendered.html
      if (hasErrors(rendered.diagnostics)) {
        report.status = 'invalid'
        return
      }

      const { post } = article
      try {
        const created = await client.createPost(target, {
          title: post.title,
          contentFormat: 'html',
          content: rendered.html,
          tags: post.tags,
          publishStatus: post.publishStatus,
          ...(post.canonicalUrl !== undefined ? { canonicalUrl: post.canonicalUrl } : {}),
          ...(post.license !== undefined ? { license: post.license } : {}),
          ...(post.notifyFollowers !== undefined ? { notifyFollowers: post.notifyFollowers } : {}),
        })
        report.status = 'published'
        report.url = created.url
        report.id = created.id
        step.publishedUrls.set(path, created.url)
        result.edits.push({ path, key: options.defaults.urlKey, value: created.url })
        result.originals.set(path, article.source.text)
        log.info(`Published "${post.title}" as ${post.publishStatus}: ${created.url}`)
      } catch (error) {
        const failure = error instanceof MediumApiError ? error : undefined
        const line = article.frontMatter.keyLines.title ?? 1
        if (failure?.kind === 'unknown') {
          // The post may exist: never retry, record the attempt so no later run publishes it twice.
          const at = options.now.toISOString()
          result.edits.push({ path, key: PUBLISH_ATTEMPT_KEY, value: at })
          result.originals.set(path, article.source.text)
          report.status = 'failed'
          report.reason = 'outcome unknown: check Medium'
          report.diagnostics.push(
            errorAt(
              path,
              line,
              'publish-outcome-unknown',
              `Medium did not confirm the post (${failure.message}). It may or may not have been created, so it is not retried. ` +
                `'${PUBLISH_ATTEMPT_KEY}: ${at}' is recorded in the front-matter and later runs skip this article: ` +
                `check your Medium drafts and posts, then set '${options.defaults.urlKey}: <the post's URL>' if it exists, or delete the '${PUBLISH_ATTEMPT_KEY}' line to publish again.`,
            ),
          )
          log.warning(`${path}: outcome unknown; recorded ${PUBLISH_ATTEMPT_KEY}.`)
          return
        }
        if (failure?.kind === 'rate-limited') {
          result.rateLimited = true
          stopped = { status: 'left', reason: "left for the next run (Medium's daily limit)" }
          report.status = 'left'
          report.reason = stopped.reason
          log.warning(`Medium's daily publishing limit was reached (${failure.message}). The remaining articles are left for the next run.`)
          return
        }
        if (failure && isRunStopper(failure)) {
          result.fatal = failure.message
          stopped = { status: 'failed', reason: `not published: ${failure.message}` }
        }
        report.status = 'failed'
        report.reason = failure?.message ?? errorMessage(error)
        report.diagnostics.push(
          errorAt(path, line, 'publish-failed', `Medium did not publish this article: ${failure?.message ?? errorMessage(error)}`),
        )
        log.error(`${path}: ${report.reason}`)
      }
    })
  }
}

async function uploadImage(client: MediumClient, workspace: string, imagePath: string): Promise<string> {
  const contentType = imageContentType(imagePath) ?? 'application/octet-stream'
  const bytes = await readImage(workspace, imagePath)
  const uploaded = await client.uploadImage({ bytes, contentType, filename: imagePath.split('/').pop() ?? 'image' })
  return uploaded.url
}

async function checkPublication(step: PublishStep, client: MediumClient, userId: string): Promise<string | undefined> {
  const { options, valid, reports } = step
  const publicationId = options.publicationId!
  let contributors: Array<{ userId: string; role: string }>
  try {
    contributors = await client.contributors(publicationId)
  } catch (error) {
    return `Could not read the contributors of Medium publication '${publicationId}': ${sentence(errorMessage(error))} Check 'publication-id'.`
  }
  const me = contributors.find((c) => c.userId === userId)
  if (!me) {
    return `The token's Medium user is not a contributor of publication '${publicationId}'. Ask an editor of the publication to add you as a writer or editor, or check 'publication-id'.`
  }
  if (me.role === 'writer') {
    for (const { article } of valid) {
      if (article.post.publishStatus === 'draft') continue
      const report = reports.get(article.source.path)!
      report.status = 'invalid'
      report.diagnostics.push(
        errorAt(
          article.source.path,
          article.frontMatter.keyLines.publishStatus ?? 1,
          'publication-writer-draft-only',
          `publishStatus is '${article.post.publishStatus}', but you are a writer in publication '${publicationId}', and Medium lets writers submit drafts only. Set 'publishStatus: draft' (an editor publishes it), or ask for the editor role.`,
        ),
      )
    }
  }
  return undefined
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

function isRunStopper(error: MediumApiError): boolean {
  return RUN_STOPPERS.has(error.kind)
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

function stopAll(step: PublishStep, articles: ValidArticle[], message: string): void {
  step.result.fatal = message
  for (const article of articles) {
    const report = step.reports.get(article.source.path)!
    report.status = 'failed'
    report.reason = `not published: ${message}`
  }
}

function errorAt(path: string, line: number, ruleId: string, message: string): Diagnostic {
  return { path, line, severity: 'error', ruleId, message }
}

/**
 * validate: Medium's rules for every candidate (core/validate.ts), and its local images: found as the
 * renderer will see them, and checked on disk. Every error of an article is reported in one run: the
 * plan's, the front-matter's and the images'.
 */
import type { ValidArticle } from '../core/article.js'
import { hasErrors, type Diagnostic } from '../core/diagnostic.js'
import type { ArticleDefaults } from '../core/fields.js'
import { frontMatterEditProblem } from '../core/frontmatter/index.js'
import { PUBLISH_ATTEMPT_KEY } from '../core/settings.js'
import { validateArticle } from '../core/validate.js'
import { errorMessage } from '../errors.js'
import { findLocalImages } from '../markdown/local-images.js'
import type { LocalImageRef } from '../markdown/render-types.js'
import { frontMatterOptions, SITE_RULES, type SiteKind } from '../core/site.js'
import { checkLocalImages, locateImages } from './images.js'
import type { Candidate } from './plan.js'
import type { ArticleReport, SiteSettings } from './types.js'

/** A candidate that passed validation: what the renderer and the publisher need. */
export interface ValidCandidate {
  article: ValidArticle
  /** Its usable local images (each exists, inside the workspace). */
  images: LocalImageRef[]
  scheduledFor?: Date
}

export interface ValidateInput {
  workspace: string
  candidates: readonly Candidate[]
  defaults: ArticleDefaults
  site: SiteSettings
  now: Date
  backdate: boolean
}

/** Values shaped like the ones a run writes: a post URL, and the time of an attempt whose outcome is unknown. */
const SAMPLE_RECORDS = (urlKey: string): Array<[string, string]> => [
  [urlKey, 'https://medium.com/@someone/a-title-0123456789ab'],
  [PUBLISH_ATTEMPT_KEY, '2024-06-01T12:00:00.000Z'],
]

/**
 * An article whose URL (or, after an unknown outcome, its attempt) could not be written back is never
 * sent: it would be published again on every run.
 */
function recordProblem(candidate: Candidate, urlKey: string, site: SiteKind): Diagnostic[] {
  const options = frontMatterOptions(site)
  let problem: string | undefined
  for (const [key, sample] of SAMPLE_RECORDS(urlKey)) problem ??= frontMatterEditProblem(candidate.source, key, sample, options)
  if (problem === undefined) return []
  const message = `The Medium URL could not be recorded in this article (${problem}), so it is not published: it would be published again on every run. Write the front-matter as "key: value" lines.`
  return [{ path: candidate.source.path, line: 1, severity: 'error', ruleId: 'url-key-unwritable', message }]
}

export interface ValidateResult {
  valid: ValidCandidate[]
  /** The invalid ones. */
  reports: ArticleReport[]
}

export async function validateCandidates(input: ValidateInput): Promise<ValidateResult> {
  const { candidates } = input
  const result: ValidateResult = { valid: [], reports: [] }
  for (const candidate of candidates) {
    const path = candidate.source.path
    let outcome: ValidCandidate | Diagnostic[]
    try {
      outcome = await validateOne(input, candidate)
    } catch (error) {
      // A bug met by one article costs that article only.
      const message = `The article could not be validated (${errorMessage(error)}). It is skipped; the other articles are not affected. Report this as a bug.`
      outcome = [...candidate.diagnostics, { path, line: 1, severity: 'error', ruleId: 'validate-failed', message }]
    }
    if (Array.isArray(outcome)) result.reports.push({ path, status: 'invalid', diagnostics: sortByPlace(outcome) })
    else result.valid.push(outcome)
  }
  return result
}

/** The valid candidate, or every error it has (the plan's, the front-matter's, the record's, the images'). */
async function validateOne(input: ValidateInput, candidate: Candidate): Promise<ValidCandidate | Diagnostic[]> {
  const { workspace, defaults, site } = input
  const { source, frontMatter } = candidate
  const context = { site: site.kind, now: input.now, backdate: input.backdate, ...(site.siteUrl ? { siteUrl: site.siteUrl } : {}) }
  const validated = validateArticle(candidate, defaults, context)
  const cover = validated.ok ? validated.article.head.cover : undefined
  const found = findLocalImages({
    ...finderFacts(source.path, site),
    body: frontMatter.body,
    bodyStartLine: frontMatter.bodyStartLine,
    ...(cover ? { cover, coverLine: cover.line } : {}),
  })
  const images = locateImages(workspace, found.images, { root: site.root, staticDirs: SITE_RULES[site.kind].staticDirs })
  // `images` holds only usable local images; the unusable ones are already in `diagnostics`.
  const imageDiagnostics = [...found.diagnostics, ...(await checkLocalImages(workspace, source.path, images))]
  const diagnostics = [
    ...candidate.diagnostics,
    ...(validated.ok ? validated.article.diagnostics : validated.diagnostics),
    ...recordProblem(candidate, defaults.urlKey, site.kind),
    ...imageDiagnostics,
  ]
  if (!validated.ok || hasErrors(diagnostics)) return diagnostics
  const article = { ...validated.article, diagnostics }
  return { article, images, ...(candidate.scheduledFor ? { scheduledFor: candidate.scheduledFor } : {}) }
}

/** What the image finder and the renderer both need to read an article's syntax as its generator does. */
export function finderFacts(path: string, site: SiteSettings) {
  return { path, mdx: isMdx(path), site: site.kind, ...(site.siteUrl ? { siteUrl: site.siteUrl } : {}) }
}

/** An `.mdx` article is read as MDX (imports, JSX, expressions). */
export function isMdx(path: string): boolean {
  return /\.mdx$/i.test(path)
}

export function sortByPlace(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

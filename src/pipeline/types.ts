/**
 * The types the pipeline's steps hand each other, and the report they end in. The report modules and
 * the CLI import these, never the steps.
 */
import type { FrontMatterEdit } from '../core/article.js'
import type { Diagnostic } from '../core/diagnostic.js'
import type { ArticleDefaults, PostFields } from '../core/fields.js'
import type { WriteBack } from '../core/settings.js'
import type { Log } from '../log.js'
import type { MediumClient } from '../medium/client.js'
import type { Repository } from '../repository.js'
import type { CommitResult } from '../github/commit.js'
import type { RemoteRecords } from '../github/branch-records.js'
import type { ClaimOutcome } from '../github/claims.js'
import type { Renderer } from './renderer.js'
import type { SiteKind } from '../core/site.js'

/** What a run may do: publish (a branch push, dispatch or schedule) or only validate and render. */
export type RunMode = { kind: 'publish' } | { kind: 'preview'; reason: string }

/** Why an article is not sent in this run, although nothing is wrong with it. */
export type SkipReason =
  /** Its url-key holds its Medium URL. */
  | { kind: 'recorded' }
  /** Its URL was committed on the branch after the commit this run checked out. */
  | { kind: 'recorded-on-branch'; branch: string }
  /** Its URL waits in a write-back branch whose pull request is not merged. */
  | { kind: 'pending-merge'; branch: string }
  /** `publish: false`. */
  | { kind: 'excluded' }
  /** Another run claimed it and may be publishing it now (failure rule 10). */
  | { kind: 'claimed-elsewhere' }
  /** A draft, marked the way its generator marks one (`draft: true`, `published: false`…). */
  | { kind: 'draft'; marker: string }
  /** Dated before the `since` input. */
  | { kind: 'before-since'; date: Date }

/** Why an article that was to be published was not. */
export type FailureReason =
  /** Medium refused it (a definite 4xx): Medium's message. */
  | { kind: 'refused'; message: string }
  /** The request's outcome is unknown: the attempt is recorded, never retried. */
  | { kind: 'unknown-outcome' }
  /** A local image could not be uploaded. */
  | { kind: 'image-upload'; image: string }
  /** Nothing was sent: a problem with the run as a whole stopped it (the run's `fatal` says which). */
  | { kind: 'not-sent'; why: string }
  /** An unexpected error while publishing it (a bug): reported, and the run goes on. */
  | { kind: 'error'; message: string }

/** Why an article is left for a later run. */
export type LeftReason = 'daily-limit' | 'cancelled'

interface ArticleFacts {
  /** Workspace-relative, `/` separators. */
  path: string
  diagnostics: Diagnostic[]
  title?: string
  /** The fields sent (or that would be sent) to Medium. */
  post?: PostFields
  /** The rendered Medium HTML (previews and published articles). */
  html?: string
}

/** What happened to one article, by status. */
export type ArticleReport = ArticleFacts &
  (
    | { status: 'published'; url: string; id: string }
    | { status: 'would-publish' }
    /** `url` is the Medium URL it records, when it records one. */
    | { status: 'skipped'; skip: SkipReason; url?: string }
    | { status: 'scheduled'; date: Date }
    | { status: 'invalid' }
    | { status: 'failed'; failure: FailureReason }
    | { status: 'left'; left: LeftReason }
  )

export type ArticleStatus = ArticleReport['status']

/** How the write-back ended. */
export type WriteBackOutcome =
  | { kind: 'none'; reason: string }
  | { kind: 'files' }
  | { kind: 'committed'; sha: string; url?: string; branch: string; unrecorded: FrontMatterEdit[] }
  | { kind: 'pull-request'; sha: string; number: number; url: string; branch: string; unrecorded: FrontMatterEdit[] }
  | { kind: 'failed'; message: string; edits: FrontMatterEdit[] }

/** Everything a run found and did: what the report shows and the exit status is computed from. */
export interface RunResult {
  /** One report per matched article, in path order. */
  articles: ArticleReport[]
  /** The front-matter edits this run made (URLs and publish attempts), to record. */
  edits: FrontMatterEdit[]
  /** A problem with the run as a whole (token, publication, max-articles, records check): the step fails. */
  fatal?: string
  /** Medium's daily limit was reached: some articles are left for the next run. */
  rateLimited: boolean
  /** Publish runs: how the edits were recorded. */
  writeBack?: WriteBackOutcome
  /** The generator the articles were read as, and why (for the summary). */
  site?: SiteSettings
}

/** The settings of one run, from the action's inputs and the runner, or from the CLI. */
export interface PipelineSettings {
  workspace: string
  patterns: readonly string[]
  defaults: ArticleDefaults
  maxArticles: number
  mode: RunMode
  now: Date
  /** How local images reach Medium (`auto` already resolved). */
  images: 'upload' | 'link'
  /** The repository and commit, for links to repository files and raw image URLs. */
  repository?: Repository
  publicationId?: string
  writeBack: WriteBack
  /** Image URLs for previews (summary, comment, CLI page); the repository's raw URLs when absent. */
  previewImageUrl?: (imagePath: string) => string
  /** Render every matched article whose front-matter parses, whatever its state (`medium-publish preview`). */
  previewEvenIfPublished?: boolean
  /**
   * Validate and render only this article (`medium-publish preview`); the other matched articles are
   * still read, so links to them resolve as in a publish run.
   */
  onlyPath?: string
  /** The generator (resolved from `site: auto`), where its site is, and its base URL. */
  site: SiteSettings
  /** Articles dated before it are never candidates. */
  since?: Date
  /** Send a past `date` as Medium's `publishedAt`. */
  backdate: boolean
  /** Markdown appended to every article, placeholders not filled in yet. */
  footer?: string
}

export interface SiteSettings {
  kind: SiteKind
  /** The site's folder, workspace-relative ('' for the repository root). */
  root: string
  /** Why this kind (the config file found, or the `site` input). */
  why: string
  /** From the `site-url` input, else from the site's config. */
  siteUrl?: string
}

/** What GitHub offers a publish run in `commit` mode. */
export interface GitHubAccess {
  /** Records of earlier runs this checkout cannot see (branch head, write-back branches). */
  recordsOnBranch(paths: readonly string[]): Promise<RemoteRecords>
  /** One commit with every edit, on the branch head (`head`: as seen before publishing). */
  commit(edits: readonly FrontMatterEdit[], originals: ReadonlyMap<string, string>, head: string | undefined): Promise<CommitResult>
  /** `{server}/{owner}/{repo}/commit/{sha}` and the branch, for the report. */
  commitUrl(sha: string): string
  branch: string
  /** Claims an article before it is posted: of two runs at once, one gets it (failure rule 10). */
  claim(path: string): Promise<ClaimOutcome>
  /** Releases claims; the paths whose claim could not be released. */
  release(paths: readonly string[]): Promise<string[]>
  /** The command that releases an article's claim by hand. */
  releaseCommand(path: string): string
}

/** The outside world, as the pipeline's steps reach it. */
export interface PipelineEdges {
  log: Log
  /** Creates the Medium client; called only when something will be published. */
  medium?: () => Promise<MediumClient>
  /** Publish runs in `commit` mode: the GitHub API, or why there is none (no token, no branch). */
  github?: GitHubAccess | { unavailable: string }
  /** Files changed by the push or pull request, to warn about edits to published articles. */
  changedPaths?: ReadonlySet<string>
  /** Aborted when the job is being cancelled: publishing stops before the next article; the write-back still runs. */
  signal?: AbortSignal
  /** Where articles are rendered; in this thread, without a time limit, when absent. */
  renderer?: () => Renderer
}

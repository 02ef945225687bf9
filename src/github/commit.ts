/**
 * The write-back commit (DESIGN.md, failure rule 6): every front-matter edit of the run in ONE
 * commit on the branch's current head, through the Git Data API.
 *
 * Normal case, whatever the number of files: 4 requests (the head is known from the check before
 * publishing, or assumed to be the triggering commit; a wrong guess is refused as not a fast forward).
 *   GET   git/trees/{head}?recursive=1     -> root tree SHA, each file's mode and blob SHA
 *   POST  git/trees   (base_tree, inline content, modes kept)
 *   POST  git/commits (parents: [head])
 *   PATCH git/refs/heads/{branch}          (no force: GitHub refuses a non-fast-forward)
 * A workspace file is used only when its git blob SHA equals the one at head (same bytes); any
 * other file is read at head (GET git/blobs). When the branch moved in between, the edits are
 * re-applied on the new head and the commit is retried (bounded); an article renamed on the branch
 * in the meantime gets its edit at the new path (GET compare/{trigger}...{head}, only then), so the
 * next run does not publish it again. A protected branch gets the commit on a new branch and a pull
 * request instead.
 *
 * API failures are returned (`kind: 'failed'`), never thrown: the caller reports them with the URLs.
 */
import { createHash } from 'node:crypto'
import type { Octokit } from '@octokit/rest'
import { groupByPath, type FrontMatterEdit } from '../core/article.js'
import { applyFrontMatterKey, type FrontMatterOptions } from '../core/frontmatter/index.js'
import { recordedValue } from '../core/records/index.js'
import { writeBackBranchPrefix } from './branch-records.js'
import { tokenRedactor } from './octokit.js'
import type { Log } from '../log.js'

export interface CommitFrontMatterEditsOptions {
  octokit: Octokit
  owner: string
  repo: string
  /** Branch name without `refs/heads/`. */
  branch: string
  /** The SHA the run started from (`GITHUB_SHA`): the first attempt builds on it, or on `expectedHead`. */
  triggerSha: string
  /** The branch head as seen earlier in the run (before publishing), if known. */
  expectedHead?: string
  edits: readonly FrontMatterEdit[]
  message: string
  /**
   * The file as this run read it (e.g. `ArticleSource.text`), used instead of a download when its
   * git blob SHA equals the file's at head. Pass the text from before any workspace edit: an
   * already-edited file never matches, and is then read from GitHub (one request per file).
   */
  readWorkspaceFile?: (path: string) => Promise<string | Uint8Array | undefined>
  /** How the site's front-matter is written (Pelican metadata lines, Zola's `[extra]`). */
  frontMatter?: FrontMatterOptions
  /** Commits tried before giving up when the branch keeps moving (default 5). */
  maxAttempts?: number
  log: Log
}

export type CommitResult =
  /** `sha` is empty when there was nothing left to commit (every file skipped or already up to date). */
  | { kind: 'committed'; sha: string; attempts: number; skipped: string[] }
  | { kind: 'pull-request'; sha: string; branch: string; number: number; url: string; skipped: string[] }
  | { kind: 'failed'; message: string }

interface TreeFile {
  mode: string
  type: string
  sha: string
}

/** Modes of a regular file; the edit keeps the one the file has (an executable article stays executable). */
type BlobMode = '100644' | '100755'
const isBlobMode = (mode: string): mode is BlobMode => mode === '100644' || mode === '100755'

interface Prepared {
  baseTree: string
  entries: { path: string; mode: BlobMode; type: 'blob'; content: string }[]
  skipped: string[]
}

/** An API failure, already described for the user (token removed). */
class GitHubCallError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly apiMessage: string,
  ) {
    super(message)
  }
}

export async function commitFrontMatterEdits(options: CommitFrontMatterEditsOptions): Promise<CommitResult> {
  const { octokit, owner, repo, branch, triggerSha, expectedHead, edits, message, readWorkspaceFile, log } = options
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5)
  const redact = await tokenRedactor(octokit)
  const gh = new Calls(octokit, owner, repo, redact)
  const where = `branch "${branch}" of ${owner}/${repo}`

  if (edits.length === 0) return { kind: 'committed', sha: '', attempts: 0, skipped: [] }
  try {
    // Optimistic first attempt: the branch is almost always still at the commit the run started
    // from, so build on it without asking (one request fewer). If it moved, the ref update is
    // refused as not a fast forward, and the loop re-reads the head and tries again.
    let head = expectedHead ?? triggerSha
    let optimistic = /^[0-9a-f]{40}$/.test(head)
    if (!optimistic) head = await gh.head(branch)
    for (let attempt = 1; ; attempt++) {
      let prepared: Prepared
      try {
        prepared = await prepare(gh, { head, triggerSha }, edits, readWorkspaceFile, log, where, options.frontMatter)
      } catch (error) {
        if (!(optimistic && error instanceof GitHubCallError && (error.status === 404 || error.status === 422))) throw error
        // The triggering commit is not in the repository (a test, a deleted fork commit): ask for the head.
        optimistic = false
        head = await gh.head(branch)
        prepared = await prepare(gh, { head, triggerSha }, edits, readWorkspaceFile, log, where, options.frontMatter)
      }
      optimistic = false
      if (prepared.entries.length === 0) {
        log.info(`Nothing to commit on ${where}: every edit was skipped or is already there`)
        return { kind: 'committed', sha: '', attempts: attempt, skipped: prepared.skipped }
      }
      const tree = await gh.createTree(prepared.baseTree, prepared.entries)
      const commit = await gh.createCommit(message, tree, head)
      try {
        await gh.updateBranch(branch, commit)
        log.info(`Committed ${prepared.entries.length} file(s) to ${where}: ${commit}`)
        return { kind: 'committed', sha: commit, attempts: attempt, skipped: prepared.skipped }
      } catch (error) {
        if (!(error instanceof GitHubCallError)) throw error
        if (isProtected(error)) {
          log.info(`${where} is protected (${error.apiMessage}); putting the commit on a new branch and opening a pull request`)
          return await pullRequestInstead(gh, { branch, head, commit, message, skipped: prepared.skipped, where, log })
        }
        const retriable = isNotFastForward(error) || error.status === undefined || error.status >= 500
        if (!retriable) throw error
        // The update may have landed even though the answer was lost (5xx, dropped connection).
        const now = await gh.head(branch)
        if (now === commit) {
          log.info(`Committed ${prepared.entries.length} file(s) to ${where}: ${commit}`)
          return { kind: 'committed', sha: commit, attempts: attempt, skipped: prepared.skipped }
        }
        if (attempt >= maxAttempts) {
          return {
            kind: 'failed',
            message: `could not commit the front-matter edits to ${where} after ${attempt} attempts: ${error.message}. The branch kept moving or GitHub kept failing; the Medium URLs are listed in the log and the job summary, add them to the articles by hand`,
          }
        }
        log.info(
          `Updating ${where} failed (${error.apiMessage}); re-reading the files at ${short(now)} and trying again (attempt ${attempt + 1} of ${maxAttempts})`,
        )
        head = now
      }
    }
  } catch (error) {
    return { kind: 'failed', message: redact(`could not commit the front-matter edits to ${where}: ${describe(error)}`) }
  }
}

// ---------------------------------------------------------------------------

async function prepare(
  gh: Calls,
  { head, triggerSha }: { head: string; triggerSha: string },
  edits: readonly FrontMatterEdit[],
  readWorkspaceFile: CommitFrontMatterEditsOptions['readWorkspaceFile'],
  log: Log,
  where: string,
  frontMatter: FrontMatterOptions = {},
): Promise<Prepared> {
  const { sha: baseTree, files, truncated } = await gh.tree(head)
  const byPath = groupByPath(edits)

  const prepared: Prepared = { baseTree, entries: [], skipped: [] }
  const skip = (path: string, why: string): void => {
    prepared.skipped.push(path)
    log.warning(`"${path}": not updated in ${where}: ${why}`)
  }
  const lookUp = async (path: string): Promise<TreeFile | undefined> =>
    files.get(path) ?? (truncated ? await gh.findInTree(baseTree, path) : undefined)
  let renames: Map<string, string> | undefined
  for (const [path, fileEdits] of byPath) {
    let target = path
    let file = await lookUp(path)
    if (!file && head !== triggerSha) {
      // Renamed on the branch since the run started? Then the URL belongs at the new path.
      renames ??= await gh.renames(triggerSha, head).catch(() => new Map<string, string>())
      const renamed = renames.get(path)
      if (renamed !== undefined && !byPath.has(renamed)) {
        file = await lookUp(renamed)
        if (file) {
          target = renamed
          log.info(
            `"${path}" was renamed to "${renamed}" at ${short(head)}; recording ${fileEdits.map((e) => `"${e.key}"`).join(', ')} there`,
          )
        }
      }
    }
    if (!file || file.type !== 'blob' || !isBlobMode(file.mode)) {
      skip(path, `the file no longer exists at ${short(head)} (deleted, renamed or replaced by a directory or symlink)`)
      continue
    }
    const mode = file.mode
    // The workspace holds the file under its old path; the blob SHA check tells whether its bytes still fit.
    const bytes = await readFile(gh, path, file.sha, readWorkspaceFile)
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      skip(path, `the file at ${short(head)} is not UTF-8 text`)
      continue
    }
    // Never overwrite a record another run made meanwhile: both values are real, the user decides.
    const conflict = fileEdits
      .map((edit) => ({ edit, existing: recordedValue(path, text, edit.key, frontMatter) }))
      .find((c) => c.existing !== undefined && c.existing !== c.edit.value)
    if (conflict) {
      skip(
        path,
        `it already records "${conflict.edit.key}: ${conflict.existing}" at ${short(head)}, and this run got "${conflict.edit.value}"; keeping the branch's value`,
      )
      continue
    }
    let edited = text
    try {
      for (const edit of fileEdits) edited = applyFrontMatterKey(edited, edit.key, edit.value, frontMatter)
    } catch (error) {
      skip(path, `its front-matter at ${short(head)} could not be edited: ${error instanceof Error ? error.message : String(error)}`)
      continue
    }
    if (edited === text) {
      log.info(`"${target}" already has ${fileEdits.map((e) => `"${e.key}"`).join(', ')} at ${short(head)}`)
      continue
    }
    prepared.entries.push({ path: target, mode, type: 'blob', content: edited })
  }
  return prepared
}

async function readFile(
  gh: Calls,
  path: string,
  blobSha: string,
  readWorkspaceFile: CommitFrontMatterEditsOptions['readWorkspaceFile'],
): Promise<Uint8Array> {
  if (readWorkspaceFile) {
    try {
      const local = await readWorkspaceFile(path)
      if (local !== undefined) {
        const bytes = typeof local === 'string' ? Buffer.from(local, 'utf8') : local
        if (gitBlobSha(bytes) === blobSha) return bytes
      }
    } catch {
      // Unreadable here: read it from GitHub.
    }
  }
  return gh.blob(blobSha)
}

/** The SHA git gives these bytes as a blob. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

async function pullRequestInstead(
  gh: Calls,
  p: { branch: string; head: string; commit: string; message: string; skipped: string[]; where: string; log: Log },
): Promise<CommitResult> {
  const base = `${writeBackBranchPrefix(p.branch)}${short(p.head)}`
  let created: string | undefined
  for (const name of [base, `${base}-${short(p.commit)}`]) {
    try {
      await gh.createBranch(name, p.commit)
      created = name
      break
    } catch (error) {
      if (!(error instanceof GitHubCallError && error.status === 422 && /already exists/i.test(error.apiMessage))) {
        return {
          kind: 'failed',
          message: `${p.where} is protected, and creating branch "${name}" for the commit failed: ${error instanceof Error ? error.message : String(error)}`,
        }
      }
    }
  }
  if (!created) {
    return {
      kind: 'failed',
      message: `${p.where} is protected, and branches "${base}" and "${base}-${short(p.commit)}" already exist; delete them and run again`,
    }
  }
  const title = p.message.split(/\r?\n/)[0]!.trim() || 'Record Medium URLs'
  const body = [
    `The branch \`${p.branch}\` is protected against direct pushes, so medium-publish-action put the Medium URLs it recorded on \`${created}\` (${p.commit}).`,
    '',
    'Merge this pull request so the articles keep their URLs and are never published twice.',
  ].join('\n')
  try {
    const pr = await gh.createPullRequest(title, created, p.branch, body)
    p.log.info(`Opened pull request #${pr.number} (${pr.url}) from "${created}" into "${p.branch}"`)
    return { kind: 'pull-request', sha: p.commit, branch: created, number: pr.number, url: pr.url, skipped: p.skipped }
  } catch (error) {
    return {
      kind: 'failed',
      message: `${p.where} is protected; the commit ${p.commit} with the Medium URLs is on branch "${created}", but opening a pull request failed: ${error instanceof Error ? error.message : String(error)}. Open a pull request from "${created}" by hand, or allow GitHub Actions to create pull requests (Settings > Actions > General) and give the workflow "pull-requests: write"`,
    }
  }
}

function isProtected(error: GitHubCallError): boolean {
  if ((error.status === 422 || error.status === 403) && /protected/i.test(error.apiMessage)) return true
  return error.status === 409 && /rule violation/i.test(error.apiMessage)
}

function isNotFastForward(error: GitHubCallError): boolean {
  return error.status === 422 && /fast.forward/i.test(error.apiMessage)
}

function short(sha: string): string {
  return sha.slice(0, 7)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** What a status usually means for this action, and what to do. */
function hint(status: number | undefined, apiMessage: string): string {
  if (status === 401) return '; the github-token is invalid or expired'
  if (status === 403 && /not accessible by integration|permission/i.test(apiMessage)) {
    return '; the token may not write to the repository: give the workflow "permissions: contents: write"'
  }
  if (status === 404) return '; check that the repository and branch exist and that the token can read them'
  return ''
}

/** The Git Data calls, each turning an Octokit error into a GitHubCallError with a safe message. */
class Calls {
  constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
    private readonly redact: (text: string) => string,
  ) {}

  private async call<T>(what: string, run: () => Promise<{ data: T }>): Promise<T> {
    try {
      return (await run()).data
    } catch (error) {
      const e = error as { status?: unknown; response?: { data?: unknown }; message?: unknown }
      const status = typeof e.status === 'number' ? e.status : undefined
      const data = e.response?.data as { message?: unknown } | undefined
      const apiMessage = this.redact(
        typeof data?.message === 'string' ? data.message : typeof e.message === 'string' ? e.message : String(error),
      )
      const answered = status === undefined ? `failed: "${apiMessage}"` : `answered ${status} "${apiMessage}"`
      throw new GitHubCallError(this.redact(`GitHub ${answered} to ${what}${hint(status, apiMessage)}`), status, apiMessage)
    }
  }

  async head(branch: string): Promise<string> {
    const data = await this.call(`GET git/ref/heads/${branch}`, () =>
      this.octokit.rest.git.getRef({ owner: this.owner, repo: this.repo, ref: `heads/${branch}` }),
    )
    return data.object.sha
  }

  async tree(commit: string): Promise<{ sha: string; files: Map<string, TreeFile>; truncated: boolean }> {
    const data = await this.call(`GET git/trees/${commit}?recursive=1`, () =>
      this.octokit.rest.git.getTree({ owner: this.owner, repo: this.repo, tree_sha: commit, recursive: '1' }),
    )
    const files = new Map<string, TreeFile>()
    for (const e of data.tree) if (e.path && e.sha && e.mode && e.type) files.set(e.path, { mode: e.mode, type: e.type, sha: e.sha })
    return { sha: data.sha, files, truncated: data.truncated }
  }

  /** One directory level at a time, for trees too big for one recursive listing. */
  async findInTree(rootTree: string, path: string): Promise<TreeFile | undefined> {
    let tree = rootTree
    const parts = path.split('/')
    for (let i = 0; i < parts.length; i++) {
      const data = await this.call(`GET git/trees/${tree}`, () =>
        this.octokit.rest.git.getTree({ owner: this.owner, repo: this.repo, tree_sha: tree }),
      )
      const entry = data.tree.find((e) => e.path === parts[i])
      if (!entry?.sha || !entry.mode || !entry.type) return undefined
      if (i === parts.length - 1) return { mode: entry.mode, type: entry.type, sha: entry.sha }
      if (entry.type !== 'tree') return undefined
      tree = entry.sha
    }
    return undefined
  }

  /** Files renamed between two commits (old path -> new path), as GitHub's compare reports them (at most 300 files). */
  async renames(base: string, head: string): Promise<Map<string, string>> {
    const data = await this.call(`GET compare/${short(base)}...${short(head)}`, () =>
      this.octokit.rest.repos.compareCommitsWithBasehead({
        owner: this.owner,
        repo: this.repo,
        basehead: `${base}...${head}`,
        per_page: 1,
      }),
    )
    const renames = new Map<string, string>()
    for (const f of data.files ?? []) if (f.status === 'renamed' && f.previous_filename) renames.set(f.previous_filename, f.filename)
    return renames
  }

  async blob(sha: string): Promise<Uint8Array> {
    const data = await this.call(`GET git/blobs/${sha}`, () =>
      this.octokit.rest.git.getBlob({ owner: this.owner, repo: this.repo, file_sha: sha }),
    )
    return data.encoding === 'base64' ? Buffer.from(data.content, 'base64') : Buffer.from(data.content, 'utf8')
  }

  async createTree(baseTree: string, entries: Prepared['entries']): Promise<string> {
    const data = await this.call('POST git/trees', () =>
      this.octokit.rest.git.createTree({ owner: this.owner, repo: this.repo, base_tree: baseTree, tree: entries }),
    )
    return data.sha
  }

  async createCommit(message: string, tree: string, parent: string): Promise<string> {
    const data = await this.call('POST git/commits', () =>
      this.octokit.rest.git.createCommit({ owner: this.owner, repo: this.repo, message, tree, parents: [parent] }),
    )
    return data.sha
  }

  async updateBranch(branch: string, sha: string): Promise<void> {
    await this.call(`PATCH git/refs/heads/${branch}`, () =>
      this.octokit.rest.git.updateRef({ owner: this.owner, repo: this.repo, ref: `heads/${branch}`, sha, force: false }),
    )
  }

  async createBranch(name: string, sha: string): Promise<void> {
    await this.call('POST git/refs', () =>
      this.octokit.rest.git.createRef({ owner: this.owner, repo: this.repo, ref: `refs/heads/${name}`, sha }),
    )
  }

  async createPullRequest(title: string, head: string, base: string, body: string): Promise<{ number: number; url: string }> {
    const data = await this.call('POST pulls', () =>
      this.octokit.rest.pulls.create({ owner: this.owner, repo: this.repo, title, head, base, body }),
    )
    return { number: data.number, url: data.html_url }
  }
}

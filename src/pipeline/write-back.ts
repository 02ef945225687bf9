/**
 * write back: every URL (and publish attempt) obtained is recorded (failure rule 5): in the workspace
 * files and, in `commit` mode, in one commit on the branch through the GitHub API.
 */
import { formatEdit, type FrontMatterEdit } from '../core/article.js'
import type { WriteBack } from '../core/settings.js'
import type { Log } from '../log.js'
import type { FrontMatterOptions } from '../core/frontmatter/block.js'
import { recordInWorkspace } from './record-files.js'
import type { GitHubAccess, WriteBackOutcome } from './types.js'

export interface WriteBackInput {
  workspace: string
  mode: WriteBack
  edits: readonly FrontMatterEdit[]
  /** Each edited article's text as this run read it: the commit uses it instead of a download when it is unchanged at head. */
  originals: ReadonlyMap<string, string>
  /** `commit` mode: the GitHub API, or why there is none. */
  github: GitHubAccess | { unavailable: string } | undefined
  /** The branch head seen before publishing. */
  head?: string
  /** How this site's front-matter is written (Pelican metadata lines, Zola's `[extra]`). */
  frontMatter?: FrontMatterOptions
  log: Log
}

export async function writeBack(input: WriteBackInput): Promise<WriteBackOutcome> {
  const { edits, log } = input
  if (edits.length === 0) return { kind: 'none', reason: 'nothing to record' }
  const listing = edits.map(formatEdit).join('\n')
  if (input.mode === 'none') {
    log.warning(`'write-back' is 'none': record these in the articles yourself, or the next run publishes them again:\n${listing}`)
    return { kind: 'none', reason: "'write-back' is 'none': the URLs are only in the outputs" }
  }
  return log.group('Write back the Medium URLs', async () => {
    const failures = await recordInWorkspace(input.workspace, edits, input.frontMatter)
    for (const failure of failures) log.error(`Could not edit ${failure.path} in the workspace: ${failure.message}`)
    if (input.mode === 'files') {
      if (failures.length > 0) return { kind: 'failed', message: 'some workspace files could not be edited', edits: [...edits] }
      log.info(`Recorded ${edits.length} URL(s) in the workspace files.`)
      return { kind: 'files' }
    }
    const github = input.github ?? { unavailable: 'the runner did not say which repository and branch to commit to' }
    if ('unavailable' in github) {
      log.error(`No commit can be made (${github.unavailable}). Record these lines in the articles by hand:\n${listing}`)
      return { kind: 'failed', message: github.unavailable, edits: [...edits] }
    }
    return commitEdits(github, input, listing)
  })
}

async function commitEdits(github: GitHubAccess, input: WriteBackInput, listing: string): Promise<WriteBackOutcome> {
  const { edits, log } = input
  const outcome = await github.commit(edits, input.originals, input.head)
  if (outcome.kind === 'failed') {
    log.error(
      `The write-back commit failed: ${outcome.message}. Record these lines in the articles by hand, or the next run publishes them again:\n${listing}`,
    )
    return { kind: 'failed', message: outcome.message, edits: [...edits] }
  }
  // An article deleted or renamed on the branch during the run: its record could not be committed.
  const unrecorded = edits.filter((e) => outcome.skipped.includes(e.path))
  if (unrecorded.length > 0) {
    log.error(
      `These records were not committed to '${github.branch}' (the article was deleted there, or already records a different URL: see the warnings above). ` +
        `Add them where the articles now live, or check Medium for a duplicate post, or the next run publishes them again:\n${unrecorded.map(formatEdit).join('\n')}`,
    )
  }
  if (outcome.kind === 'pull-request') {
    log.warning(
      `'${github.branch}' is protected, so the URLs were committed to '${outcome.branch}' and pull request #${outcome.number} was opened: ${outcome.url}. Merge it.`,
    )
    return { kind: 'pull-request', sha: outcome.sha, number: outcome.number, url: outcome.url, branch: outcome.branch, unrecorded }
  }
  const url = github.commitUrl(outcome.sha)
  if (outcome.sha) log.info(`Committed ${outcome.sha} to '${github.branch}': ${url}`)
  return { kind: 'committed', sha: outcome.sha, url, branch: github.branch, unrecorded }
}

/**
 * `medium-publish doctor`: checks the Medium token from this machine (`GET /me`, then the user's
 * publications) and prints a short report, one fact per line, that names the cause of any failure.
 * With `--sample-draft`, once the checks pass, it posts ONE draft on the user's profile: the sample
 * article (src/markdown/sample-article.ts), rendered as the pipeline renders an article, so the user can
 * compare each construct with what its label says Medium should show.
 *
 * The draft is sent once: a refused connection (nothing sent) is retried by the client, an unknown
 * outcome never is, and the status is always `draft`.
 */
import { MediumApiError } from '../errors.js'
import { sampleArticle } from '../markdown/sample-article.js'
import type { MediumClient } from '../medium/client.js'
import { mediumClientFactory } from '../medium/connect.js'
import type { MediumUser } from '../medium/types.js'
import { terminalLog, type Terminal } from '../report/terminal.js'
import type { CommandContext } from './commands.js'
import { failureCause, type FailureCause } from './doctor-causes.js'

export interface DoctorOptions {
  /** Post the sample article as one draft once the token works. */
  sampleDraft: boolean
}

const NO_TOKEN =
  'MEDIUM_TOKEN is not set. Set it to your Medium integration token (Medium → Settings → Security and apps → Integration tokens) for this command, e.g. MEDIUM_TOKEN=… npx medium-publish doctor'
const LABEL_WIDTH = 15
const SAMPLE_PATH = 'medium-publish-sample.md'
const DRAFTS_PAGE = 'https://medium.com/me/stories/drafts'

/** One line of the report: `Label:         value`. */
function line(term: Terminal, label: string, value: string): void {
  term.out(`${`${label}:`.padEnd(LABEL_WIDTH)}${value}`)
}

/** A failed step: what came back, the problem, what to do, and the client's message when it says more. */
function printFailure(term: Terminal, step: string, outcome: string, cause: FailureCause): void {
  line(term, step, `${outcome}: ${cause.answer}`)
  line(term, 'Problem', cause.problem)
  line(term, 'What to do', cause.fix)
  if (cause.details !== undefined) line(term, 'Details', cause.details)
}

/** Text from Medium (names, URLs) on one line. */
function oneLine(text: unknown): string {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}

export async function doctor(context: CommandContext, options: DoctorOptions): Promise<number> {
  const { inputs, term } = context
  const log = terminalLog(term)
  // No token: an InputError, exit 2. A bad --medium-api-url too.
  const client = await mediumClientFactory({ token: inputs.mediumToken, apiUrl: inputs.mediumApiUrl, log, missingToken: NO_TOKEN })()
  const host = new URL(inputs.mediumApiUrl).host
  line(term, 'Medium API', inputs.mediumApiUrl)
  line(term, 'Token', 'from MEDIUM_TOKEN')
  const failed = (step: string, error: unknown): number => {
    if (!(error instanceof MediumApiError)) throw error
    printFailure(term, step, 'failed', failureCause(error, host))
    let result = 'the token does not work from this machine.'
    if (error.kind !== 'unauthorized') result = 'the token could not be checked from this machine.'
    if (step !== 'GET /me') result = 'Medium accepted the token, but the check did not finish.'
    line(term, 'Result', result)
    return 1
  }

  let user: MediumUser
  try {
    user = await client.me()
  } catch (error) {
    return failed('GET /me', error)
  }
  line(term, 'GET /me', 'OK')
  line(term, 'User', `@${oneLine(user.username)} (${oneLine(user.name)})`)
  line(term, 'User id', oneLine(user.id))
  line(term, 'Profile', oneLine(user.url))
  try {
    const publications = await client.publications(user.id)
    line(term, 'Publications', publications.length === 0 ? 'none' : String(publications.length))
    for (const p of publications) line(term, 'Publication', `${oneLine(p.name)} (id ${oneLine(p.id)}) ${oneLine(p.url)}`)
  } catch (error) {
    return failed('Publications', error)
  }
  if (!options.sampleDraft) {
    line(term, 'Result', `the token works from this machine: medium-publish can post as @${oneLine(user.username)}.`)
    return 0
  }
  return postSampleDraft(context, client, user, host)
}

/** Renders the sample article and posts it as one draft on the user's profile. */
async function postSampleDraft(context: CommandContext, client: MediumClient, user: MediumUser, host: string): Promise<number> {
  const { term } = context
  const renderer = context.renderer()
  let outcome
  try {
    outcome = await renderer.render({
      ...sampleArticle,
      path: SAMPLE_PATH,
      bodyStartLine: 1,
      articleUrls: new Map(),
      articlePaths: new Set(),
      imageUrls: new Map(),
    })
  } finally {
    await renderer.close()
  }
  const errors = outcome.ok ? outcome.result.diagnostics.filter((d) => d.severity === 'error') : []
  if (!outcome.ok || errors.length > 0) {
    const why = outcome.ok ? errors.map((d) => d.message).join(' ') : outcome.message
    line(term, 'Sample draft', `not sent: the sample article did not render (${why}). Please open an issue with this output.`)
    return 1
  }
  const { html, diagnostics } = outcome.result
  line(term, 'Sample', `rendered; ${diagnostics.length} warnings name the constructs we transform (expected)`)
  try {
    const post = await client.createPost(
      { userId: user.id },
      { title: sampleArticle.title, tags: [], publishStatus: 'draft', contentFormat: 'html', content: html },
    )
    line(term, 'Sample draft', post.url)
    term.out(
      'Open it on Medium (a draft: only you see it) and compare each labelled construct with what the line before it says Medium should show. Then delete the draft.',
    )
    return 0
  } catch (error) {
    if (!(error instanceof MediumApiError)) throw error
    if (error.kind !== 'unknown') {
      printFailure(term, 'Sample draft', 'not created', failureCause(error, host))
      return 1
    }
    line(term, 'Sample draft', 'outcome unknown: Medium may have created it')
    line(term, 'Details', error.message)
    line(
      term,
      'What to do',
      `Look in your drafts (${DRAFTS_PAGE}) before running --sample-draft again. It was not retried, so there is at most one.`,
    )
    return 1
  }
}

/** The exit status of a run, for the action and the CLI alike: why it failed, or nothing when it did not. */
import type { RunResult } from './types.js'

/** The reasons the step fails (DESIGN.md "Exit status"); empty when every article was published, skipped or scheduled. */
export function failureReasons(result: RunResult): string[] {
  const reasons: string[] = []
  if (result.fatal) reasons.push(result.fatal)
  const failed = result.articles.filter((a) => a.status === 'invalid' || a.status === 'failed')
  if (failed.length > 0) reasons.push(`${failed.length} article(s) invalid or failed: ${failed.map((a) => a.path).join(', ')}.`)
  const writeBack = result.writeBack
  if (writeBack?.kind === 'failed') reasons.push(`The Medium URLs could not be committed or written: ${writeBack.message}`)
  if ((writeBack?.kind === 'committed' || writeBack?.kind === 'pull-request') && writeBack.unrecorded.length > 0) {
    const paths = writeBack.unrecorded.map((e) => e.path).join(', ')
    reasons.push(
      `${writeBack.unrecorded.length} record(s) could not be committed (the article was deleted, or another run recorded a different URL): ${paths}.`,
    )
  }
  return reasons
}

/** report, in a terminal: the CLI's lines. Every line written goes through `redact`, like the action's output. */
import type { Diagnostic } from '../core/diagnostic.js'
import type { Log } from '../log.js'
import type { ArticleStatus, RunResult } from '../pipeline/types.js'
import { redact } from '../redact.js'
import { logText, terminalText } from './escape.js'
import { outcomeReason } from './outcome.js'

export interface Terminal {
  out(line: string): void
  err(line: string): void
}

/**
 * stdout and stderr, redacted of `secrets`, never a workflow command (the CLI may run in a workflow
 * step) and never a terminal control sequence (titles, paths and Medium's answers are untrusted).
 */
export function terminal(secrets: readonly string[]): Terminal {
  const safe = (line: string) => `${logText(terminalText(redact(line, secrets)))}\n`
  return {
    out: (line) => process.stdout.write(safe(line)),
    err: (line) => process.stderr.write(safe(line)),
  }
}

/** The pipeline's log in a terminal: warnings and errors on stderr; per-article diagnostics are printed with the result. */
export function terminalLog(term: Terminal): Log {
  return {
    info: () => {},
    debug: () => {},
    warning: (m) => term.err(`warning: ${m}`),
    error: (m) => term.err(`error: ${m}`),
    diagnostic: () => {},
    group: (_name, fn) => fn(),
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line ?? 1}${d.column ? `:${d.column}` : ''}: ${d.severity}: ${d.message} [${d.ruleId}]`
}

/** (An empty match is the pipeline's own warning.) Diagnostics on stderr (`path:line: severity: message [rule]`), one line per article that is not skipped, and a count. */
export function printResult(term: Terminal, result: RunResult): void {
  for (const article of result.articles) for (const d of article.diagnostics) term.err(formatDiagnostic(d))
  const counts = new Map<ArticleStatus, number>()
  for (const a of result.articles) counts.set(a.status, (counts.get(a.status) ?? 0) + 1)
  for (const a of result.articles) {
    if (a.status === 'skipped') continue
    // Why it failed, was left or is scheduled; a run-wide problem is printed once, below.
    const reason = a.status === 'published' ? undefined : outcomeReason(a)
    const why = reason && !(a.status === 'failed' && a.failure.kind === 'not-sent' && result.fatal) ? `  (${reason})` : ''
    const url = 'url' in a && a.url ? `  ${a.url}` : ''
    term.out(`${a.status.padEnd(13)} ${a.path}${a.title ? `  "${a.title}"` : ''}${url}${why}`)
  }
  const line = [...counts].map(([status, n]) => `${n} ${status}`).join(', ')
  term.out(`${result.articles.length} article(s): ${line || 'none'}`)
  if (result.fatal) term.err(`error: ${result.fatal}`)
}

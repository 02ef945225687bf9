import type { Diagnostic } from '../core/diagnostic.js'
import { formatEdit, type FrontMatterEdit } from '../core/article.js'
import type { ArticleStatus, RunMode, RunResult, WriteBackOutcome } from '../pipeline/types.js'
import { isPlainHttpsUrl, markdownCell as cell, markdownCode, markdownFence, markdownText } from './escape.js'
import { STATUS_LABEL, isQuietlyPublished, outcomeReason } from './outcome.js'

export interface SummaryInput {
  result: RunResult
  mode: RunMode
  /** HTML preview sections, one per article that would be published (preview runs). */
  previews?: string[]
  /** Where posts go: the token owner's profile, or a publication. */
  target?: string
}

/** The job summary (and pull-request comment) in GitHub-flavoured Markdown. */
export function renderSummary({ result, mode, previews, target }: SummaryInput): string {
  const lines: string[] = []
  const writeBack = result.writeBack
  const published = result.articles.filter((a) => a.status === 'published')
  const problems = result.articles.filter((a) => a.status === 'invalid' || a.status === 'failed')
  const quiet = result.articles.filter(isQuietlyPublished)

  lines.push(`## Medium publish: ${headline(result, mode)}`, '')
  if (mode.kind === 'preview') {
    lines.push(`Nothing was published or written (${mode.reason}).`, '')
    if (target) lines.push(`When published, the articles go to ${target}.`, '')
  }
  if (result.site) {
    const url = result.site.siteUrl ? `; site URL ${markdownText(result.site.siteUrl)}` : ''
    lines.push(`Articles read as a **${result.site.kind}** site (${markdownText(result.site.why)})${url}.`, '')
  }
  if (result.fatal) lines.push(`> [!CAUTION]`, `> ${markdownText(result.fatal)}`, '')
  if (result.rateLimited) {
    lines.push(
      `> [!WARNING]`,
      `> Medium's daily publishing limit was reached. The articles marked "left for the next run" will be published by a later run (the example workflow runs daily).`,
      '',
    )
  }

  const shown = result.articles.filter((a) => !isQuietlyPublished(a))
  if (shown.length > 0) {
    lines.push('| Article | Status | Medium |', '|---|---|---|')
    for (const article of shown) {
      const title = article.title ? ` ${cell(article.title)}` : ''
      const reason = article.status === 'failed' ? undefined : outcomeReason(article)
      const status =
        STATUS_LABEL[article.status] +
        (article.post && (article.status === 'published' || article.status === 'would-publish') ? ` (${article.post.publishStatus})` : '') +
        (reason ? `: ${cell(reason)}` : '')
      const url = 'url' in article ? article.url : undefined
      const link = url ? (isPlainHttpsUrl(url) ? `[${cell(url)}](${url})` : markdownCode(url)) : ''
      lines.push(`| ${markdownCode(article.path)}${title} | ${status} | ${link} |`)
    }
    lines.push('')
  }
  if (quiet.length > 0) lines.push(`${quiet.length} article(s) already on Medium, unchanged.`, '')
  if (published.length === 0 && shown.length === 0 && quiet.length === 0) {
    lines.push('No article matched the `articles` glob.', '')
  }

  const diagnostics = result.articles.flatMap((a) => a.diagnostics)
  if (diagnostics.length > 0) {
    lines.push(`### Errors and warnings`, '')
    for (const d of diagnostics) lines.push(`- ${diagnosticLine(d)}`)
    lines.push('')
  }

  if (writeBack) lines.push(...writeBackLines(writeBack, result))
  if (problems.length > 0) {
    lines.push(`${problems.length} article(s) invalid or failed: the step fails. Fix them and push again; the others are not affected.`, '')
  }
  if (previews && previews.length > 0) {
    lines.push('### Previews', '', ...previews, '')
  }
  return lines.join('\n')
}

function headline(result: RunResult, mode: RunMode): string {
  const count = (status: ArticleStatus) => result.articles.filter((a) => a.status === status).length
  if (mode.kind === 'preview') {
    const would = count('would-publish')
    return `${would} article(s) would be published${count('invalid') ? `, ${count('invalid')} invalid` : ''}`
  }
  const parts = [`${count('published')} published`]
  for (const status of ['failed', 'invalid', 'left', 'scheduled'] as const) {
    if (count(status)) parts.push(`${count(status)} ${STATUS_LABEL[status]}`)
  }
  return parts.join(', ')
}

function writeBackLines(outcome: WriteBackOutcome, result: RunResult): string[] {
  switch (outcome.kind) {
    case 'none':
      return result.edits.length > 0 ? [`Write-back: ${outcome.reason}.`, ''] : []
    case 'files':
      return [`Write-back: the URLs were written to the articles in the workspace (not committed).`, '']
    case 'committed':
      return [
        ...(outcome.sha
          ? [
              `Write-back: committed ${outcome.url ? `[${outcome.sha.slice(0, 7)}](${outcome.url})` : outcome.sha.slice(0, 7)} to \`${outcome.branch}\`.`,
              '',
            ]
          : []),
        ...unrecordedLines(
          outcome.unrecorded,
          'These records were not committed: the article was deleted on the branch during the run, or another run recorded a different URL meanwhile (check Medium for a duplicate post)',
        ),
      ]
    case 'pull-request':
      return [
        `Write-back: \`${outcome.branch}\` is protected, so the URLs are in pull request [#${outcome.number}](${outcome.url}). Merge it so the branch records these articles as published (until then, runs skip them).`,
        '',
        ...unrecordedLines(
          outcome.unrecorded,
          'These records were not committed: the article was deleted on the branch during the run, or another run recorded a different URL meanwhile (check Medium for a duplicate post)',
        ),
      ]
    case 'failed':
      return unrecordedLines(outcome.edits, `The URLs could not be committed: ${markdownText(outcome.message)}`)
  }
}

function unrecordedLines(edits: FrontMatterEdit[], why: string): string[] {
  if (edits.length === 0) return []
  return [
    `> [!CAUTION]`,
    `> ${markdownText(why).replace(/\.$/, '')}.`,
    `> Add these lines to the front-matter of each article by hand, or the next run will publish them again:`,
    '',
    ...markdownFence(edits.map(formatEdit)),
    '',
  ]
}

export function diagnosticLine(d: Diagnostic): string {
  const where = `${d.path}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''}`
  return `**${d.severity}** ${markdownCode(where)} ${markdownText(d.message)} (${d.ruleId})`
}

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Diagnostic } from './core/diagnostic.js'
import { errorMessage, InputError } from './errors.js'
import { articleDefaults, INPUT_DEFAULTS, parseInputs, type Inputs } from './inputs.js'
import type { Log } from './log.js'
import { runPipeline, type ArticleReport, type PipelineResult } from './pipeline.js'
import { recordInWorkspace } from './record.js'
import { redact } from './redact.js'

const HELP = `medium-publish: the medium-publish-action pipeline on your machine

Usage:
  medium-publish validate [globs...]          check articles against Medium's rules
  medium-publish preview <file> [--out page.html]
                                              render one article as Medium would show it
  medium-publish publish [globs...]           publish new articles (token from MEDIUM_TOKEN)
                                              and write their URLs into the files

Globs default to '${INPUT_DEFAULTS.articles}'; a glob starting with '!' excludes.

Options:
  --cwd <dir>                 the repository root (default: the current directory)
  --url-key <key>             front-matter key holding the Medium URL (default: mediumUrl)
  --publish-status <status>   draft | public | unlisted, for articles without one (default: draft)
  --license <license>         default license
  --canonical-url-template <template>
                              e.g. https://example.com/blog/{slug}/
  --notify-followers <bool>   true | false, for articles without notifyFollowers (default: false)
  --max-articles <n>          publish none if more than n are new (default: 10)
  --publication-id <id>       publish into a Medium publication
  --medium-api-url <url>      Medium API base URL (default: ${INPUT_DEFAULTS.mediumApiUrl})
  --out <file>                preview: write the page here (default: <article>.preview.html)
  -h, --help                  show this help

Exit status: 0 when every article is valid (and, for publish, published or skipped);
1 when any article is invalid or failed; 2 for a usage error.
`

const OPTIONS = {
  cwd: { type: 'string' },
  'url-key': { type: 'string' },
  'publish-status': { type: 'string' },
  license: { type: 'string' },
  'canonical-url-template': { type: 'string' },
  'max-articles': { type: 'string' },
  'publication-id': { type: 'string' },
  'medium-api-url': { type: 'string' },
  'notify-followers': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n\n${HELP}`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || !command) {
    process.stdout.write(HELP)
    return values.help ? 0 : 2
  }
  const workspace = path.resolve(values.cwd ?? process.cwd())
  const secrets: string[] = []
  try {
    const inputs = parseInputs(
      (name) => {
        if (name === 'medium-token') return env.MEDIUM_TOKEN || undefined
        if (name === 'articles') return rest.length > 0 ? rest.join('\n') : undefined
        if (name === 'write-back') return 'files'
        return (values as Record<string, string | boolean | undefined>)[name] as string | undefined
      },
      (secret) => secrets.push(secret),
    )
    const log = terminalLog(secrets)
    switch (command) {
      case 'validate':
        return await validate(workspace, inputs, log)
      case 'preview':
        if (rest.length !== 1) throw new InputError('preview takes exactly one article file: medium-publish preview content/my-article.md')
        return await preview(workspace, inputs, rest[0]!, values.out, log)
      case 'publish':
        return await publish(workspace, inputs, log)
      default:
        process.stderr.write(`Unknown command '${command}'.\n\n${HELP}`)
        return 2
    }
  } catch (error) {
    process.stderr.write(`medium-publish: ${redact(errorMessage(error), secrets)}\n`)
    return error instanceof InputError ? 2 : 1
  }
}

function pipelineOptions(workspace: string, inputs: Inputs, log: Log, mode: 'publish' | 'preview') {
  return {
    workspace,
    patterns: inputs.articles,
    defaults: articleDefaults(inputs),
    maxArticles: inputs.maxArticles,
    mode,
    now: new Date(),
    images: 'upload' as const,
    publicationId: inputs.publicationId,
    log,
  }
}

async function validate(workspace: string, inputs: Inputs, log: Log): Promise<number> {
  const result = await runPipeline(pipelineOptions(workspace, inputs, log, 'preview'))
  printResult(result, inputs.articles)
  return exitCode(result)
}

async function preview(workspace: string, inputs: Inputs, file: string, out: string | undefined, log: Log): Promise<number> {
  const relative = path.relative(workspace, path.resolve(workspace, file)).split(path.sep).join('/')
  if (relative.startsWith('..')) throw new InputError(`'${file}' is outside '${workspace}'. Run from the repository root or pass --cwd.`)
  const target = path.resolve(out ?? path.join(workspace, relative.replace(/\.[^./]+$/, '') + '.preview.html'))
  const result = await runPipeline({
    ...pipelineOptions(workspace, { ...inputs, articles: [relative] }, log, 'preview'),
    previewEvenIfPublished: true,
    // Local images as URLs relative to the page (the renderer keeps only http(s) and relative `src`).
    previewImageUrl: (imagePath: string) =>
      path.relative(path.dirname(target), path.join(workspace, imagePath)).split(path.sep).map(encodeURIComponent).join('/'),
  })
  const article = result.articles[0]
  if (!article) throw new InputError(`'${file}' was not found.`)
  for (const d of article.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n')
  const { previewInputOf, renderPreviewPage } = await import('./report/preview-page.js')
  const input = previewInputOf(article)
  if (!input) {
    process.stderr.write(`${article.path}: cannot preview: ${article.status}${article.reason ? ` (${article.reason})` : ''}.\n`)
    return 1
  }
  const page = renderPreviewPage(input)
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, page, 'utf8')
  process.stdout.write(`Preview of "${input.title}" written to ${target}\n`)
  return exitCode(result)
}

async function publish(workspace: string, inputs: Inputs, log: Log): Promise<number> {
  const result = await runPipeline({
    ...pipelineOptions(workspace, inputs, log, 'publish'),
    medium: async () => {
      if (!inputs.mediumToken) throw new InputError('Set MEDIUM_TOKEN to your Medium integration token to publish.')
      const { createMediumClient } = await import('./medium/client.js')
      return createMediumClient({ baseUrl: inputs.mediumApiUrl, token: inputs.mediumToken, debug: (message) => log.warning(message) })
    },
  })
  const failures = await recordInWorkspace(workspace, result.edits)
  for (const failure of failures) log.error(`Could not write to ${failure.path}: ${failure.message}`)
  for (const edit of result.edits) process.stdout.write(`${edit.path}: recorded ${edit.key}: ${edit.value}\n`)
  printResult(result, inputs.articles)
  return failures.length > 0 ? 1 : exitCode(result)
}

function printResult(result: PipelineResult, patterns: readonly string[]): void {
  if (result.articles.length === 0) {
    process.stderr.write(
      `warning: no file matches ${patterns.map((p) => `'${p}'`).join(', ')} (relative to the repository root; quote globs so the shell does not expand them).\n`,
    )
  }
  for (const article of result.articles) {
    for (const d of article.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n')
  }
  const counts = new Map<ArticleReport['status'], number>()
  for (const a of result.articles) counts.set(a.status, (counts.get(a.status) ?? 0) + 1)
  for (const a of result.articles.filter((x) => x.status !== 'skipped')) {
    // Why it failed, was left or is scheduled; a run-wide problem is printed once, below.
    const why = a.reason && a.status !== 'published' && !(result.fatal && a.reason.includes(result.fatal)) ? `  (${a.reason})` : ''
    process.stdout.write(`${a.status.padEnd(13)} ${a.path}${a.title ? `  "${a.title}"` : ''}${a.url ? `  ${a.url}` : ''}${why}\n`)
  }
  const line = [...counts].map(([status, n]) => `${n} ${status}`).join(', ')
  process.stdout.write(`${result.articles.length} article(s): ${line || 'none'}\n`)
  if (result.fatal) process.stderr.write(`error: ${result.fatal}\n`)
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line ?? 1}${d.column ? `:${d.column}` : ''}: ${d.severity}: ${d.message} [${d.ruleId}]`
}

function exitCode(result: PipelineResult): number {
  return result.fatal || result.articles.some((a) => a.status === 'invalid' || a.status === 'failed') ? 1 : 0
}

function terminalLog(secrets: readonly string[]): Log {
  const safe = (s: string) => redact(s, secrets)
  return {
    info: () => {},
    debug: () => {},
    warning: (m) => process.stderr.write(`warning: ${safe(m)}\n`),
    error: (m) => process.stderr.write(`error: ${safe(m)}\n`),
    diagnostic: () => {},
    group: (_name, fn) => fn(),
  }
}

process.exitCode = await main(process.argv.slice(2))

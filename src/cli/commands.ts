/** The CLI's commands: each builds the pipeline's settings, runs it, and prints the result. */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { InputError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import { mediumClientFactory } from '../medium/connect.js'
import { failureReasons } from '../pipeline/exit.js'
import { runPipeline } from '../pipeline/run.js'
import { settingsFromInputs } from '../pipeline/settings.js'
import type { Renderer } from '../pipeline/renderer.js'
import type { PipelineSettings, RunMode } from '../pipeline/types.js'
import { formatDiagnostic, printResult, terminalLog, type Terminal } from '../report/terminal.js'

export interface CommandContext {
  workspace: string
  inputs: Inputs
  term: Terminal
  renderer: () => Renderer
}

const PREVIEW: RunMode = { kind: 'preview', reason: 'the CLI validates and previews' }
const DRY_RUN: RunMode = { kind: 'preview', reason: "'--dry-run'" }

function settings({ workspace, inputs }: CommandContext, mode: RunMode): PipelineSettings {
  return { ...settingsFromInputs(inputs, workspace), mode, images: 'upload', writeBack: 'files' }
}

export async function validate(context: CommandContext): Promise<number> {
  const result = await runPipeline(settings(context, PREVIEW), { log: terminalLog(context.term), renderer: context.renderer })
  printResult(context.term, result)
  return failureReasons(result).length > 0 ? 1 : 0
}

export async function publish(context: CommandContext, dryRun: boolean): Promise<number> {
  const { inputs, term } = context
  const log = terminalLog(term)
  const missingToken = 'Set MEDIUM_TOKEN to your Medium integration token to publish.'
  const result = await runPipeline(settings(context, dryRun ? DRY_RUN : { kind: 'publish' }), {
    log,
    renderer: context.renderer,
    medium: mediumClientFactory({ token: inputs.mediumToken, apiUrl: inputs.mediumApiUrl, log, missingToken }),
  })
  // Only what the files now hold: a failed write-back has printed its error and the lines to record by hand.
  const recorded = result.writeBack?.kind === 'files' ? result.edits : []
  for (const edit of recorded) term.out(`${edit.path}: recorded ${edit.key}: ${edit.value}`)
  printResult(term, result)
  return failureReasons(result).length > 0 ? 1 : 0
}

/** Globs for the articles beside `relative`: all Markdown under its top folder (none for a file at the root). */
function neighbours(relative: string): string[] {
  const top = relative.split('/')[0]!
  return top === relative ? [] : [`${top}/**/*.md`, `${top}/**/*.mdx`]
}

export async function preview(context: CommandContext, file: string, out: string | undefined): Promise<number> {
  const { workspace, term } = context
  const relative = path.relative(workspace, path.resolve(workspace, file)).split(path.sep).join('/')
  if (relative.startsWith('..')) throw new InputError(`'${file}' is outside '${workspace}'. Run from the repository root or pass --cwd.`)
  const target = path.resolve(out ?? path.join(workspace, relative.replace(/\.[^./]+$/, '') + '.preview.html'))
  const result = await runPipeline(
    {
      // The other articles are read too, so links to them resolve as in a publish run: the default
      // globs, and every Markdown file of the folder the article is in at the top (`posts/`, `blog/`).
      ...settings(
        { ...context, inputs: { ...context.inputs, articles: [...context.inputs.articles, ...neighbours(relative), relative] } },
        PREVIEW,
      ),
      previewEvenIfPublished: true,
      onlyPath: relative,
      // Local images as URLs relative to the page, so they show when the file is opened.
      previewImageUrl: (imagePath) =>
        path.relative(path.dirname(target), path.join(workspace, imagePath)).split(path.sep).map(encodeURIComponent).join('/'),
    },
    { log: terminalLog(term), renderer: context.renderer },
  )
  const article = result.articles[0]
  if (!article) throw new InputError(`'${file}' was not found.`)
  for (const d of article.diagnostics) term.err(formatDiagnostic(d))
  const { previewInputOf, renderPreviewPage } = await import('../report/preview-page.js')
  const input = previewInputOf(article)
  if (!input) {
    term.err(`${article.path}: cannot preview: ${article.status}.`)
    return 1
  }
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, renderPreviewPage(input), 'utf8')
  term.out(`Preview of "${input.post.title}" written to ${target}`)
  return failureReasons(result).length > 0 ? 1 : 0
}

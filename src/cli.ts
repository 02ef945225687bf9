/** `medium-publish`: the action's pipeline on your machine (validate | preview | publish), and a check of the Medium token (doctor). */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { isMainThread, workerData } from 'node:worker_threads'
import * as commands from './cli/commands.js'
import { backfill } from './cli/backfill.js'
import { doctor } from './cli/doctor.js'
import { helpText, PARSE_OPTIONS } from './cli/options.js'
import { errorMessage, InputError } from './errors.js'
import { parseInputs } from './inputs.js'
import { RENDER_WORKER_ROLE, workerRenderer } from './pipeline/render-worker.js'
import { logText } from './report/escape.js'
import { terminal } from './report/terminal.js'

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: PARSE_OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    process.stderr.write(`${logText(errorMessage(error))}\n\n${helpText()}`)
    return 2
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  const [command, ...rest] = parsed.positionals
  if (values.help || !command) {
    process.stdout.write(helpText())
    return values.help ? 0 : 2
  }
  const secrets: string[] = []
  const term = terminal(secrets)
  try {
    const inputs = parseInputs(
      (name) => {
        if (name === 'medium-token') return env.MEDIUM_TOKEN || undefined
        if (name === 'articles') return command !== 'preview' && rest.length > 0 ? rest.join('\n') : undefined
        const value = values[name]
        return typeof value === 'string' ? value : undefined
      },
      (secret) => secrets.push(secret),
    )
    const context = {
      workspace: path.resolve(typeof values.cwd === 'string' ? values.cwd : process.cwd()),
      inputs,
      term,
      // Renders run in a worker of this very file, with a time limit (see pipeline/render-worker.ts).
      renderer: () => workerRenderer(fileURLToPath(import.meta.url)),
    }
    switch (command) {
      case 'validate':
        return await commands.validate(context)
      case 'preview':
        if (rest.length !== 1) throw new InputError('preview takes exactly one article file: medium-publish preview content/my-article.md')
        return await commands.preview(context, rest[0]!, typeof values.out === 'string' ? values.out : undefined)
      case 'publish':
        return await commands.publish(context, values['dry-run'] === true)
      case 'backfill':
        return await backfill(context, typeof values.feed === 'string' ? values.feed : undefined)
      case 'doctor':
        if (rest.length > 0) throw new InputError('doctor takes no file or glob: MEDIUM_TOKEN=… medium-publish doctor [--sample-draft]')
        return await doctor(context, { sampleDraft: values['sample-draft'] === true })
      default:
        process.stderr.write(`${logText(`Unknown command '${command}'.`)}\n\n${helpText()}`)
        return 2
    }
  } catch (error) {
    term.err(`medium-publish: ${errorMessage(error)}`)
    return error instanceof InputError ? 2 : 1
  }
}

// The same bundle serves as the render worker (see pipeline/render-worker.ts).
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === RENDER_WORKER_ROLE) {
  ;(await import('./pipeline/renderer.js')).serveRenders()
} else {
  process.exitCode = await main(process.argv.slice(2))
}

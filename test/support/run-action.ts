import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, writeFile, mkdir, cp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnNode } from './spawn.js'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const actionEntry = path.join(repoRoot, 'dist/index.js')

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  file?: string
  line?: number
  col?: number
  title?: string
  message: string
}

export interface ActionRun {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
}

export interface RunOptions {
  workspace: string
  /** Input names as in action.yml (`medium-token`); become INPUT_MEDIUM-TOKEN like the runner does. */
  inputs?: Record<string, string>
  eventName?: string
  event?: Record<string, unknown>
  env?: Record<string, string>
  timeoutMs?: number
  /** Called with the running process, e.g. to send it a signal as the runner does when a job is cancelled. */
  onSpawn?: (child: ChildProcess) => void
}

export interface RunnerEnvironment {
  env: Record<string, string>
  outputFile: string
  summaryFile: string
  eventFile: string
}

/**
 * The files and variables the runner gives an action's process, in `runnerDir`: an empty GITHUB_OUTPUT
 * and job summary, the event payload, GITHUB_* and INPUT_* variables (input `medium-token` becomes
 * INPUT_MEDIUM-TOKEN as on the runner). Shared by runAction and the benchmarks (bench/processes.ts).
 */
export async function runnerEnvironment(
  runnerDir: string,
  options: Pick<RunOptions, 'workspace' | 'inputs' | 'eventName' | 'event' | 'env'>,
): Promise<RunnerEnvironment> {
  const outputFile = path.join(runnerDir, 'output')
  const summaryFile = path.join(runnerDir, 'summary.md')
  const eventFile = path.join(runnerDir, 'event.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  await writeFile(
    eventFile,
    JSON.stringify(options.event ?? { ref: 'refs/heads/main', repository: { private: true, full_name: 'acme/blog' } }),
  )

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerDir,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/blog',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9', // nothing listens there unless a test sets an emulator
    RUNNER_TEMP: runnerDir,
    ...options.env,
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  return { env, outputFile, summaryFile, eventFile }
}

/** Runs dist/index.js exactly as the runner does: INPUT_* variables, GITHUB_* files, an event payload. */
export async function runAction(options: RunOptions): Promise<ActionRun> {
  const runnerDir = await mkdtemp(path.join(tmpdir(), 'mpa-runner-'))
  const { env, outputFile, summaryFile } = await runnerEnvironment(runnerDir, options)
  const { exitCode, stdout, stderr } = await spawnNode([actionEntry], {
    cwd: options.workspace,
    env,
    timeoutMs: options.timeoutMs,
    onSpawn: options.onSpawn,
  })
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, 'utf8')),
    summary: await readFile(summaryFile, 'utf8'),
    annotations: parseAnnotations(stdout),
  }
}

export type Published = Array<{ path: string; title: string; id: string; url: string; publishStatus: string }>

/** The `published` output, parsed (no vitest here: scripts/demo.ts uses it too). */
export const publishedOf = (run: Pick<ActionRun, 'outputs'>): Published => JSON.parse(run.outputs.published ?? '[]') as Published

/** The runner's GITHUB_OUTPUT format: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (match) {
      const [, name, delimiter] = match
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!)
      outputs[name!] = value.join('\n')
    } else if (lines[i]!.includes('=')) {
      const at = lines[i]!.indexOf('=')
      outputs[lines[i]!.slice(0, at)] = lines[i]!.slice(at + 1)
    }
  }
  return outputs
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

/** `::error file=a.md,line=3,title=x::message` workflow commands from stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!match) continue
    const annotation: Annotation = { level: match[1] as Annotation['level'], message: unescapeData(match[3]!) }
    for (const pair of (match[2] ?? '').trim().split(',').filter(Boolean)) {
      const at = pair.indexOf('=')
      const key = pair.slice(0, at)
      const value = unescapeProperty(pair.slice(at + 1))
      if (key === 'file') annotation.file = value
      if (key === 'line') annotation.line = Number(value)
      if (key === 'col') annotation.col = Number(value)
      if (key === 'title') annotation.title = value
    }
    annotations.push(annotation)
  }
  return annotations
}

/** Inputs of a run publishing to a Medium emulator with `token` and writing the URLs into the files (no commit), then `over`. */
export function filesModeInputs(medium: { url: string }, token: string, over: Record<string, string> = {}): Record<string, string> {
  return { 'medium-token': token, 'medium-api-url': medium.url, 'write-back': 'files', ...over }
}

/** Method and path of each request a Medium emulator received, with the user id replaced: `POST /v1/users/:id/posts`. */
export function requestLines(medium: { requests: ReadonlyArray<{ method: string; path: string }> }): string[] {
  return medium.requests.map((r) => `${r.method} ${r.path.replace(/\/users\/[0-9a-f]+\//, '/users/:id/')}`)
}

/** A temporary workspace holding the given files (paths relative to it). */
export async function makeWorkspace(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpa-workspace-'))
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), content)
  }
  return dir
}

/** A temporary copy of the repository's own content/ folder. */
export async function copyExampleContent(into: string): Promise<void> {
  await cp(path.join(repoRoot, 'content'), path.join(into, 'content'), { recursive: true })
}

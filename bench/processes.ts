/**
 * Child processes for the benchmarks: the action run as the runner runs it (INPUT_* variables,
 * GITHUB_* files, an event payload), timed from spawn to exit, optionally with its peak RSS.
 * Setup (runner files, workspaces) happens before the clock starts.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseOutputs } from '../test/e2e/run-action.js'

export interface ProcessRun {
  exitCode: number
  /** Wall time from spawn to the `close` event, in ms. */
  ms: number
  /** Peak resident set size in bytes (only with `measureRss`). */
  peakRss?: number
  stdout: string
  stderr: string
}

/** A preload that records the process's peak RSS (`maxRSS`, KiB) in a file when it exits. */
const RSS_PROBE = `'use strict'
const { writeFileSync } = require('node:fs')
process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024))
})
`

export interface SpawnOptions {
  args: string[]
  env: Record<string, string>
  cwd: string
  /** Record peak RSS through a `--require` preload (a few ms; use it for both sides of a comparison). */
  measureRss?: { probeDir: string }
  timeoutMs?: number
}

export async function timedNode(options: SpawnOptions): Promise<ProcessRun> {
  const args = [...options.args]
  const env = { ...options.env }
  let rssFile: string | undefined
  if (options.measureRss) {
    const probe = path.join(options.measureRss.probeDir, 'rss-probe.cjs')
    await writeFile(probe, RSS_PROBE)
    rssFile = path.join(options.measureRss.probeDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
    env.BENCH_RSS_FILE = rssFile
    args.unshift('--require', probe)
  }
  const started = performance.now()
  const child = spawn(process.execPath, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exitCode = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`node ${options.args.join(' ')} did not finish in ${options.timeoutMs ?? 600_000} ms\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`))
    }, options.timeoutMs ?? 600_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve(code ?? -1)
    })
  })
  const ms = performance.now() - started
  const run: ProcessRun = { exitCode, ms, stdout, stderr }
  if (rssFile) run.peakRss = Number(await readFile(rssFile, 'utf8'))
  return run
}

export interface ActionEnvOptions {
  workspace: string
  /** Where the runner files (GITHUB_OUTPUT, summary, event) go. */
  runnerDir: string
  inputs: Record<string, string>
  event?: Record<string, unknown>
  eventName?: string
  env?: Record<string, string>
}

export interface ActionEnv {
  env: Record<string, string>
  outputFile: string
  summaryFile: string
  /** Empties GITHUB_OUTPUT and the summary (between runs, before the clock starts). */
  reset(): Promise<void>
  outputs(): Promise<Record<string, string>>
}

/** The environment the runner gives `node dist/index.js` (see test/e2e/run-action.ts). */
export async function actionEnv(options: ActionEnvOptions): Promise<ActionEnv> {
  await mkdir(options.runnerDir, { recursive: true })
  const dir = await mkdtemp(path.join(options.runnerDir, 'runner-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary.md')
  const eventFile = path.join(dir, 'event.json')
  await writeFile(eventFile, JSON.stringify(options.event ?? { ref: 'refs/heads/main', repository: { private: true, full_name: 'acme/blog' } }))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
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
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: dir,
    ...options.env,
  }
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const reset = async () => {
    await writeFile(outputFile, '')
    await writeFile(summaryFile, '')
  }
  await reset()
  return { env, outputFile, summaryFile, reset, outputs: async () => parseOutputs(await readFile(outputFile, 'utf8')) }
}

/** The environment for a baseline process: the same PATH and HOME, nothing else. */
export function plainEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }
}

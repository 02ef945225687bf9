/**
 * Child processes for the benchmarks: the action run as the runner runs it (INPUT_* variables,
 * GITHUB_* files, an event payload), timed from spawn to exit, optionally with its peak RSS.
 * Setup (runner files, workspaces) happens before the clock starts.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseOutputs, runnerEnvironment } from '../test/support/run-action.js'
import { spawnNode } from '../test/support/spawn.js'

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
  const { exitCode, stdout, stderr } = await spawnNode(args, { cwd: options.cwd, env, timeoutMs: options.timeoutMs ?? 600_000 })
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

/** The environment the runner gives `node dist/index.js`: test/support/run-action.ts's, in a new directory under `runnerDir`. */
export async function actionEnv(options: ActionEnvOptions): Promise<ActionEnv> {
  await mkdir(options.runnerDir, { recursive: true })
  const dir = await mkdtemp(path.join(options.runnerDir, 'runner-'))
  const { env, outputFile, summaryFile } = await runnerEnvironment(dir, options)
  const reset = async () => {
    await writeFile(outputFile, '')
    await writeFile(summaryFile, '')
  }
  return { env, outputFile, summaryFile, reset, outputs: async () => parseOutputs(await readFile(outputFile, 'utf8')) }
}

/** The environment for a baseline process: the same PATH and HOME, nothing else. */
export function plainEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }
}

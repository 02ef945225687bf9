import { spawn, type ChildProcess } from 'node:child_process'

export interface NodeRun {
  exitCode: number
  stdout: string
  stderr: string
}

export interface SpawnNodeOptions {
  cwd: string
  /** The child's whole environment (nothing is inherited). */
  env: Record<string, string>
  /** Killed (SIGKILL) and rejected after this long; 60 s by default. */
  timeoutMs?: number
  /** Called with the running process, e.g. to send it a signal. */
  onSpawn?: (child: ChildProcess) => void
}

/**
 * `node <args>` with stdout and stderr collected, resolved with its exit status (-1 when killed by a
 * signal); rejected when it cannot be spawned or does not finish in time. The one way the e2e tests,
 * the CLI tests and the benchmarks run a node process.
 */
export async function spawnNode(args: string[], options: SpawnNodeOptions): Promise<NodeRun> {
  const timeoutMs = options.timeoutMs ?? 60_000
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  options.onSpawn?.(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exitCode = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`node ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`))
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve(code ?? -1)
    })
  })
  return { exitCode, stdout, stderr }
}

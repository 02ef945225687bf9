/**
 * The renderer in a worker thread. The worker runs the same bundle as the action (or the CLI): its
 * entry sees `workerData.role` and serves renders (renderer.ts `serveRenders`) instead of running.
 * This module loads nothing of the renderer itself: the main thread of a run with nothing to render
 * never evaluates it. One worker renders the articles
 * one after the other; a render over the time limit terminates it, and the next article gets a new one.
 */
import { Worker } from 'node:worker_threads'
import type { RenderRequest, RenderOutcome, Renderer } from './renderer.js'

export const RENDER_WORKER_ROLE = 'medium-publish-render'

/** The most one article may take to render; no real article comes near it (the benchmark renders 1000 in about 3 s). */
export const RENDER_TIME_LIMIT_MS = 20_000

/** A renderer backed by a worker running `entry` (the bundle's own file). */
export function workerRenderer(entry: string, timeLimitMs = RENDER_TIME_LIMIT_MS): Renderer {
  let worker: Worker | undefined
  let nextId = 0
  const start = (): Worker => {
    const created = new Worker(entry, { workerData: { role: RENDER_WORKER_ROLE }, stdout: true, stderr: true })
    created.unref()
    return created
  }
  return {
    render(input, signal) {
      if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'cancelled', message: 'the run was cancelled' })
      const current = (worker ??= start())
      const id = nextId++
      return new Promise<RenderOutcome>((resolve) => {
        const done = (outcome: RenderOutcome) => {
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
          current.off('message', onMessage)
          current.off('error', onError)
          current.off('exit', onExit)
          resolve(outcome)
        }
        const onMessage = (message: { id: number; outcome: RenderOutcome }) => {
          if (message.id === id) done(message.outcome)
        }
        const onError = (error: Error) => {
          worker = undefined
          done({ ok: false, reason: 'crash', message: error.message })
        }
        const onExit = (code: number) => {
          worker = undefined
          done({ ok: false, reason: 'crash', message: `the render worker stopped (exit code ${code})` })
        }
        const stop = (outcome: RenderOutcome) => {
          worker = undefined
          void current.terminate()
          done(outcome)
        }
        const timer = setTimeout(
          () => stop({ ok: false, reason: 'timeout', message: `it took longer than ${timeLimitMs / 1000} s` }),
          timeLimitMs,
        )
        // The runner cancels the job: the render stops at once, so the run can report and end in time.
        const onAbort = () => stop({ ok: false, reason: 'cancelled', message: 'the run was cancelled' })
        signal?.addEventListener('abort', onAbort)
        current.on('message', onMessage)
        current.on('error', onError)
        current.on('exit', onExit)
        current.postMessage({ id, input } satisfies RenderRequest)
      })
    },
    async close() {
      await worker?.terminate()
      worker = undefined
    },
  }
}

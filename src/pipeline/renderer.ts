/**
 * Where articles are rendered. In the action and the CLI: in a worker thread (render-worker.ts), so a
 * render that runs too long is stopped and the main thread stays free to handle the runner's cancel
 * signals. In process (tests of the pipeline from source): the same renderer, without the time limit.
 */
import { parentPort } from 'node:worker_threads'
import { errorMessage } from '../errors.js'
import { renderArticle } from '../markdown/render.js'
import type { RenderInput, RenderResult } from '../markdown/render-types.js'

export type RenderOutcome = { ok: true; result: RenderResult } | { ok: false; reason: 'timeout' | 'crash' | 'cancelled'; message: string }

export interface Renderer {
  /** Renders one article; a render under way when `signal` aborts ends as `cancelled` (in a worker). */
  render(input: RenderInput, signal?: AbortSignal): Promise<RenderOutcome>
  close(): Promise<void>
}

/** The renderer in this thread: a crash is an outcome, a long render is waited for. */
export function inProcessRenderer(): Renderer {
  return {
    render: async (input) => renderSafely(input),
    close: async () => {},
  }
}

export function renderSafely(input: RenderInput): RenderOutcome {
  try {
    return { ok: true, result: renderArticle(input) }
  } catch (error) {
    return { ok: false, reason: 'crash', message: errorMessage(error) }
  }
}

/** A render request from the main thread to the worker. */
export interface RenderRequest {
  id: number
  input: RenderInput
}

/** In the worker: answer each render request with its outcome. */
export function serveRenders(): void {
  parentPort?.on('message', (request: RenderRequest) => {
    parentPort?.postMessage({ id: request.id, outcome: renderSafely(request.input) })
  })
}

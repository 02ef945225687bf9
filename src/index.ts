import { isMainThread, workerData } from 'node:worker_threads'
import { RENDER_WORKER_ROLE } from './pipeline/render-worker.js'

// The same bundle serves as the render worker (see pipeline/render-worker.ts).
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === RENDER_WORKER_ROLE) {
  ;(await import('./pipeline/renderer.js')).serveRenders()
} else {
  await (await import('./main.js')).run()
}

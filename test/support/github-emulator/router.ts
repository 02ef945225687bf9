// The GitHub emulator's route table and its request/response plumbing: patterns under the repository's
// prefix, the token check, JSON bodies in, GitHub's headers and error bodies out.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const DOCS = 'https://docs.github.com/rest'

/** Thrown by a route (or by the repository) to answer with `status` and GitHub's error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export interface RequestRecord {
  method: string
  /** The raw path without the query string, as sent (may contain %2F). */
  path: string
  /** The query string without `?`, '' when none. */
  query: string
  /** Response status, set when the response is sent. */
  status?: number
}

export interface RouteContext {
  method: string
  /** The pattern's placeholders, in order, URL-decoded. */
  params: string[]
  query: URLSearchParams
  body: Record<string, unknown>
}

export type Handler = (ctx: RouteContext) => Promise<[number, unknown] | [number, unknown, Record<string, string>]>

/** Adds a route: `{x}` matches one segment, `{x+}` the rest of the path (refs, file paths), `{x*}` the rest or nothing. */
export type Route = (method: string, pattern: string, handler: Handler) => void

export interface RouterOptions {
  /** `/repos/{owner}/{repo}`: every pattern is under it. */
  prefix: string
  /** The one token the emulator accepts (`token` or `bearer`). */
  token: string
  /** A refusal for a matched request before its body is read (a denied permission, failing writes), or undefined. */
  refuse(method: string, path: string): { status: number; message: string } | undefined
}

export interface Router {
  route: Route
  /** Answers `req` through the matching route and sets `record.status`. */
  handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void>
}

export function createRouter(options: RouterOptions): Router {
  const routes: [string, RegExp, Handler][] = []
  const route: Route = (method, pattern, handler) => {
    const source = pattern
      .replace(/\{[a-z_]+\+\}/g, '(.+)')
      .replace(/\{[a-z_]+\*\}/g, '(.*)')
      .replace(/\{[a-z_]+\}/g, '([^/]+)')
    routes.push([method, new RegExp(`^${options.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${source}$`), handler])
  }

  async function handle(req: IncomingMessage, res: ServerResponse, record: RequestRecord): Promise<void> {
    const send = (status: number, json: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      if (status === 204) {
        res.writeHead(204, headers)
        res.end()
        return
      }
      const payload = JSON.stringify(json)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
        'x-github-media-type': 'github.v3; format=json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        ...headers,
      })
      res.end(payload)
    }
    const fail = (status: number, message: string, extra: Record<string, unknown> = {}): void =>
      send(status, { message, documentation_url: DOCS, status: String(status), ...extra })

    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    try {
      const auth = req.headers.authorization ?? ''
      const m = /^(?:token|bearer)\s+(.+)$/i.exec(auth)
      if (!m || m[1] !== options.token) return fail(401, 'Bad credentials')

      const method = req.method ?? 'GET'
      const query = new URLSearchParams(record.query)
      const matching = routes.filter(([, re]) => re.test(record.path))
      const found = matching.find(([m2]) => m2 === method)
      if (!found) return fail(404, 'Not Found')
      const [, re, handler] = found
      const params = (re.exec(record.path) ?? []).slice(1).map((p) => decodeURIComponent(p))

      const refusal = options.refuse(method, record.path)
      if (refusal) return fail(refusal.status, refusal.message)

      let body: Record<string, unknown> = {}
      if (chunks.length > 0) {
        try {
          const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>
          else return fail(400, 'Problems parsing JSON')
        } catch {
          return fail(400, 'Problems parsing JSON')
        }
      }
      const [status, json, headers] = await handler({ method, params, query, body })
      send(status, json, headers)
    } catch (error) {
      if (error instanceof HttpError) return fail(error.status, error.message, error.extra)
      const message = error instanceof Error ? error.message : String(error)
      fail(500, `Emulator error: ${message}`)
    }
  }

  return { route, handle }
}

/** A tiny HTTP server on 127.0.0.1 (random port) serving fixed bodies, remembering what was asked. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StaticFile {
  type: string
  body: string | Buffer
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** Request paths in order of arrival. */
  requests: string[]
  close(): Promise<void>
}

export async function serveStatic(files: Record<string, StaticFile>): Promise<StaticServer> {
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    requests.push(path)
    const file = files[path]
    if (!file || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

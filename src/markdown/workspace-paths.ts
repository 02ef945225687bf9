/**
 * Paths and URLs written in an article, read against the workspace: what
 * the image finder, the link and image plugins and generator syntax share.
 */
import { posix } from 'node:path'

/** Whether a URL has a scheme (`https:`, `mailto:`, `data:`) or is protocol-relative (`//host`). */
export function isAbsoluteUrl(url: string): boolean {
  return url.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(url)
}

/** Drop `?query` and `#fragment`, then percent-decode (`my%20photo.png` -> `my photo.png`). */
export function urlPathPart(url: string): string {
  const cut = url.search(/[?#]/)
  const raw = cut === -1 ? url : url.slice(0, cut)
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/**
 * Resolve a path written in an article to a workspace-relative path:
 * `/a/b.png` from the workspace (repository) root, anything else from the
 * article's folder. Returns `undefined` when it leaves the workspace.
 */
export function resolveWorkspacePath(articlePath: string, written: string): string | undefined {
  const joined = written.startsWith('/') ? written.slice(1) : posix.join(posix.dirname(articlePath), written)
  const normalized = posix.normalize(joined === '' ? '.' : joined)
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized)) return undefined
  return normalized
}

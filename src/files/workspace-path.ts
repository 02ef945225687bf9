import path from 'node:path'
import { realpath } from 'node:fs/promises'

/** The absolute path of a workspace-relative path, or undefined when it leaves the workspace. */
export function resolveInWorkspace(workspace: string, relative: string): string | undefined {
  const absolute = path.resolve(workspace, relative)
  return isInside(workspace, absolute) ? absolute : undefined
}

export function isInside(root: string, absolute: string): boolean {
  const rel = path.relative(root, absolute)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** Whether the path, with every symlink resolved, is still inside the (resolved) workspace. */
export async function realPathInside(workspace: string, absolute: string): Promise<boolean> {
  try {
    const [root, real] = await Promise.all([realpath(workspace), realpath(absolute)])
    return isInside(root, real)
  } catch {
    return false
  }
}

/** `a\\b` -> `a/b`, for paths shown to users and used as keys. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}

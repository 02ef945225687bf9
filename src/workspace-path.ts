import path from 'node:path'
import { realpath } from 'node:fs/promises'

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

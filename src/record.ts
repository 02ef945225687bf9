import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { errorMessage } from './errors.js'
import { groupByPath, type FrontMatterEdit } from './core/article.js'

export interface RecordFailure {
  path: string
  message: string
}

/**
 * Applies each edit to the article in the workspace, changing only the key's
 * line (DESIGN.md failure rule 7). Returns the edits that could not be applied.
 */
export async function recordInWorkspace(workspace: string, edits: readonly FrontMatterEdit[]): Promise<RecordFailure[]> {
  const failures: RecordFailure[] = []
  if (edits.length === 0) return failures
  const { applyFrontMatterKey } = await import('./core/frontmatter.js')
  for (const [file, fileEdits] of groupByPath(edits)) {
    const absolute = path.join(workspace, file)
    try {
      const original = await readFile(absolute, 'utf8')
      let text = original
      for (const edit of fileEdits) text = applyFrontMatterKey(text, edit.key, edit.value)
      if (text !== original) await writeFile(absolute, text, 'utf8')
    } catch (error) {
      failures.push({ path: file, message: errorMessage(error) })
    }
  }
  return failures
}

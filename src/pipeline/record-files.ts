/** Record edits in the workspace files, changing only the key's line (DESIGN.md failure rule 7). */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { groupByPath, type FrontMatterEdit } from '../core/article.js'
import { applyFrontMatterKey, type FrontMatterOptions } from '../core/frontmatter/index.js'
import { errorMessage } from '../errors.js'
import { insideWorkspace } from './read.js'

export interface RecordFailure {
  path: string
  message: string
}

/** Applies each edit to its article in the workspace; returns the files that could not be edited. */
export async function recordInWorkspace(
  workspace: string,
  edits: readonly FrontMatterEdit[],
  options: FrontMatterOptions = {},
): Promise<RecordFailure[]> {
  const failures: RecordFailure[] = []
  const inside = insideWorkspace(workspace)
  for (const [file, fileEdits] of groupByPath(edits)) {
    const absolute = path.join(workspace, file)
    try {
      // Failure rule 9, for writing too: never through a symlinked folder to outside the workspace.
      if (!inside(file)) throw new Error('its folder leads outside the workspace (a symbolic link)')
      const original = await readFile(absolute, 'utf8')
      let text = original
      for (const edit of fileEdits) text = applyFrontMatterKey(text, edit.key, edit.value, options)
      if (text !== original) await writeFile(absolute, text, 'utf8')
    } catch (error) {
      failures.push({ path: file, message: errorMessage(error) })
    }
  }
  return failures
}

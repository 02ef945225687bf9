/**
 * The fast half of the records module (see ./index.ts): the line scan alone, so the no-op path of a run
 * loads no YAML parser.
 */
import type { FrontMatterOptions } from '../frontmatter/block.js'
import { peekFrontMatterValue } from '../frontmatter/peek.js'

/**
 * The Medium URL an article records under `urlKey` when a line scan is certain of it, else undefined
 * (also for a blank value: `mediumUrl: " "` is not a URL). The fast path of every run: an article for
 * which this answers is skipped without loading a YAML parser.
 */
export function peekRecordedUrl(text: string, urlKey: string, options: FrontMatterOptions = {}): string | undefined {
  const url = peekFrontMatterValue(text, urlKey, options)?.trim()
  return url ? url : undefined
}

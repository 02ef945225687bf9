/**
 * Pelican / MultiMarkdown metadata lines (`Title: My post` at the top of the file, up to the first blank
 * line), read as Pelican does (metadata-scan.ts): keys are case-insensitive, so `data` has them
 * lower-cased (`title`, `date`, `tags`, `status`…), except the keys the action reads, which get the
 * spelling the field readers look for (`PublishStatus:` and `publishstatus:` are `publishStatus`), and
 * `keyLines` has each under that name. Values are
 * strings (a comma-separated `Tags:` stays one string; continuation lines are joined with `\n`).
 * Edited without rewriting: `key: value` is added after the last metadata line, or the key's line is
 * replaced.
 */
import type { Block } from './block.js'
import { pythonStrip, scanMetadata, type MetadataEntry } from './metadata-scan.js'
import { FrontMatterProblem } from './problem.js'
import { setOwn } from './own.js'
import { SPELLINGS } from '../spellings.js'

/** Each spelling the field readers look for, by its lower-cased form (`publishstatus` -> `publishStatus`). */
const READ_SPELLINGS: ReadonlyMap<string, string> = new Map(
  Object.values(SPELLINGS)
    .flat()
    .reverse()
    .map((spelling) => [spelling.toLowerCase(), spelling]),
)

export interface MetadataParsed {
  data: Record<string, unknown>
  keyLines: Record<string, number>
  entries: MetadataEntry[]
}

/** Reads the metadata lines of the block; a key written twice (in any case) is an error at its second line. */
export function parseMetadataBlock(text: string, block: Block): MetadataParsed {
  const { entries } = scanMetadata(text, block.matterStart)
  const data: Record<string, unknown> = {}
  const keyLines: Record<string, number> = {}
  for (const entry of entries) {
    const lower = entry.key.toLowerCase()
    const name = READ_SPELLINGS.get(lower) ?? lower
    if (Object.hasOwn(keyLines, name)) {
      throw new FrontMatterProblem(
        'frontmatter-duplicate-key',
        `metadata key "${entry.key}" appears more than once (keys are case-insensitive); keep one "${entry.key}:" line and delete the other`,
        entry.start - block.matterStart,
      )
    }
    setOwn(data, name, entry.value)
    setOwn(keyLines, name, entry.line)
  }
  return { data, keyLines, entries }
}

/** The entry of `key` (case-insensitive), if any. */
function entryOf(parsed: MetadataParsed, key: string): MetadataEntry | undefined {
  const name = key.toLowerCase()
  return parsed.entries.find((e) => e.key.toLowerCase() === name)
}

/** Why `key` cannot be written into these metadata lines, or undefined when it can. */
export function metadataEditProblem(parsed: MetadataParsed, key: string): string | undefined {
  if (entryOf(parsed, key)?.continued) {
    return `cannot set "${key}": its metadata value continues on the next (indented) lines; write "${key}: <value>" on one line`
  }
  return undefined
}

/** The value as a metadata line writes it: one line, no blanks around it (Pelican strips them). */
export function metadataLineValue(key: string, value: string): string {
  if (/[\r\n]/.test(value) || pythonStrip(value) !== value) {
    throw new Error(
      `cannot write "${key}" as a metadata line: the value has a line break or blanks around it, which Pelican would not keep`,
    )
  }
  return value
}

/** The text with `key: value` set: the key's line replaced, or the line added after the last metadata line. */
export function setMetadataKey(text: string, block: Block, parsed: MetadataParsed, key: string, value: string): string {
  const problem = metadataEditProblem(parsed, key)
  if (problem) throw new Error(problem)
  const line = `${key}: ${metadataLineValue(key, value)}`
  const entry = entryOf(parsed, key)
  if (entry) return text.slice(0, entry.start) + line + text.slice(entry.end)
  const at = block.matterEnd
  if (at === text.length && !text.endsWith('\n')) return text + block.eol + line
  return text.slice(0, at) + line + block.eol + text.slice(at)
}

/**
 * JSON front-matter (Hugo): the JSON object at the top of the file, read with JSON.parse plus a scan of
 * its top-level members for their lines, and edited without re-serialising: a member's value replaced,
 * or a `"key": value` member added after the last one (a comma added after that member's value, the new
 * member on its own line with the same indentation, before the closing `}`).
 */
import type { Block } from './block.js'
import { stringEnd } from './json-scan.js'
import { jsonSyntaxError } from './json-syntax.js'
import { positionOf } from './lines.js'
import { setOwn } from './own.js'
import { FrontMatterProblem } from './problem.js'

export interface JsonMember {
  key: string
  /** Offsets in the file's text. */
  keyStart: number
  valueStart: number
  valueEnd: number
  /** 1-based line of the key in the file. */
  line: number
}

export interface JsonParsed {
  data: Record<string, unknown>
  keyLines: Record<string, number>
  members: JsonMember[]
}

/** Parses the object between `block.matterStart` and `block.matterEnd`. Offsets in its problems are relative to matterStart. */
export function parseJsonBlock(text: string, block: Block): JsonParsed {
  const matterText = text.slice(block.matterStart, block.matterEnd)
  let data: unknown
  try {
    data = JSON.parse(matterText)
  } catch (cause) {
    const found = jsonSyntaxError(matterText)
    const reason = found?.reason ?? (cause instanceof Error ? cause.message : String(cause))
    throw new FrontMatterProblem(
      'frontmatter-json',
      `front-matter is not valid JSON: ${reason}; fix the JSON on this line (names and strings in double quotes, a comma between members, none after the last)`,
      found?.offset ?? matterText.length,
    )
  }
  const members = jsonMembers(text, block.matterStart)
  const keyLines: Record<string, number> = {}
  for (const member of members) {
    if (Object.hasOwn(keyLines, member.key)) {
      throw new FrontMatterProblem(
        'frontmatter-duplicate-key',
        `front-matter key "${member.key}" appears more than once; keep one "${member.key}" member and delete the other`,
        member.keyStart - block.matterStart,
      )
    }
    setOwn(keyLines, member.key, member.line)
  }
  return { data: data as Record<string, unknown>, keyLines, members }
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13

function skipBlank(text: string, i: number): number {
  while (i < text.length && isBlank(text.charCodeAt(i))) i++
  return i
}

/** The top-level members of the (valid) object that opens at `from`. */
function jsonMembers(text: string, from: number): JsonMember[] {
  const members: JsonMember[] = []
  let i = skipBlank(text, from + 1)
  while (text.charCodeAt(i) === 34) {
    const keyEnd = stringEnd(text, i) + 1
    const key = JSON.parse(text.slice(i, keyEnd)) as string
    const valueStart = skipBlank(text, skipBlank(text, keyEnd) + 1)
    const valueEnd = valueEndAt(text, valueStart)
    members.push({ key, keyStart: i, valueStart, valueEnd, line: positionOf(text, i).line })
    i = skipBlank(text, valueEnd)
    if (text.charCodeAt(i) !== 44) break
    i = skipBlank(text, i + 1)
  }
  return members
}

/** Just after the (valid) JSON value that starts at `from`. */
function valueEndAt(text: string, from: number): number {
  const first = text.charCodeAt(from)
  if (first === 34) return stringEnd(text, from) + 1
  if (first !== 123 && first !== 91) {
    let i = from
    while (i < text.length && !isBlank(text.charCodeAt(i)) && !',}]'.includes(text[i]!)) i++
    return i
  }
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) i = stringEnd(text, i)
    else if (c === 123 || c === 91) depth++
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1
  }
  return text.length
}

/** Why `key` cannot be written into this object, or undefined when it can. */
export function jsonEditProblem(text: string, parsed: JsonParsed, key: string): string | undefined {
  const member = parsed.members.find((m) => m.key === key)
  if (member && text.slice(member.valueStart, member.valueEnd).includes('\n')) {
    return `cannot set "${key}": its value in the JSON front-matter spans several lines; write "${key}": "<value>" on one line`
  }
  return undefined
}

/** The indentation of the member's line when the member starts it, else undefined. */
function memberIndent(text: string, member: JsonMember | undefined): string | undefined {
  if (!member) return undefined
  const lineStart = text.lastIndexOf('\n', member.keyStart - 1) + 1
  const indent = text.slice(lineStart, member.keyStart)
  return /^[ \t]*$/.test(indent) && lineStart > 0 ? indent : undefined
}

/** The text with `"key": value` set in the object: the member's value replaced, or a member added after the last one. */
export function setJsonKey(text: string, block: Block, parsed: JsonParsed, key: string, value: string): string {
  const problem = jsonEditProblem(text, parsed, key)
  if (problem) throw new Error(problem)
  const json = JSON.stringify(value)
  const member = parsed.members.find((m) => m.key === key)
  if (member) return text.slice(0, member.valueStart) + json + text.slice(member.valueEnd)
  const pair = `${JSON.stringify(key)}: ${json}`
  const closeBrace = block.matterEnd - 1
  const last = parsed.members[parsed.members.length - 1]
  const after = last ? last.valueEnd : block.matterStart + 1
  if (!text.slice(after, closeBrace).includes('\n')) {
    // `{"title": "T"}` on one line: the member goes in on that line.
    return text.slice(0, after) + (last ? `, ${pair}` : pair) + text.slice(after)
  }
  const indent = memberIndent(text, last) ?? memberIndent(text, parsed.members[0]) ?? '  '
  const nextLine = text.indexOf('\n', after) + 1
  return text.slice(0, after) + (last ? ',' : '') + text.slice(after, nextLine) + indent + pair + block.eol + text.slice(nextLine)
}

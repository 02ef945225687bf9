/**
 * The cheap half of front-matter reading: finds a top-level key's value by
 * scanning lines, without loading a YAML parser. A run over thousands of
 * already-published articles needs nothing more, so this module has no
 * dependencies and frontmatter.ts (gray-matter + yaml) is loaded only when an
 * article may need publishing.
 */

export const OPENING = /^---(?:[ \t]*([A-Za-z][A-Za-z0-9_+.-]*))?[ \t]*$/
export const CLOSING = /^(?:---|\.\.\.)[ \t]*$/

/** Plain scalars the core schema reads as something other than a string. */
const NON_STRING_PLAIN =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/

export function lineEndAt(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end === -1 ? text.length : end
}

/** The line's content without its `\r\n`/`\n`. */
export function lineContent(text: string, start: number, end: number): string {
  return end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end)
}

/**
 * Cheap check without a YAML parse: the non-empty value of a top-level `key:` line in the
 * front-matter block, else undefined. Scans line by line and stops at the closing delimiter.
 * Plain values and single-line quoted values are returned unquoted (an ISO timestamp is returned
 * as its text). Whenever the answer is not certain (block scalar, flow collection, a plain value
 * continued on the next line, an escape JSON does not know, the key twice, an unclosed block, a
 * language other than YAML) it returns undefined, so the caller falls back to parseFrontMatter.
 */
export function peekFrontMatterValue(text: string, key: string): string | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let end = lineEndAt(text, bom)
  const opening = OPENING.exec(lineContent(text, bom, end))
  if (!opening || end === text.length) return undefined
  const language = (opening[1] ?? '').toLowerCase()
  if (language !== '' && language !== 'yaml' && language !== 'yml') return undefined
  const prefix = key + ':'
  let found: { rest: string; nextStart: number } | undefined
  let seen = false
  let start = end + 1
  for (;;) {
    end = lineEndAt(text, start)
    const line = lineContent(text, start, end)
    if (CLOSING.test(line)) break
    if (line.startsWith(prefix) && (line.length === prefix.length || line[prefix.length] === ' ' || line[prefix.length] === '\t')) {
      if (seen) return undefined // the key twice: a YAML error, let the full parse say so
      seen = true
      found = { rest: line.slice(prefix.length), nextStart: end + 1 }
    }
    if (end === text.length) return undefined // never closed
    start = end + 1
  }
  if (!found) return undefined
  const value = peekScalar(found.rest.replace(/^[ \t]+/, ''))
  if (value === undefined || value.text === '') return undefined
  if (value.plain && continuesOnNextLine(text, found.nextStart)) return undefined
  return value.text
}

/**
 * The Medium URL an article already records under `urlKey`, when a line scan is certain of it:
 * the value trimmed, undefined when blank (`mediumUrl: " "` is not a URL) or uncertain. The
 * pipeline's fast path and the planner both decide "already published" with this one function.
 */
export function peekRecordedUrl(text: string, urlKey: string): string | undefined {
  const url = peekFrontMatterValue(text, urlKey)?.trim()
  return url ? url : undefined
}

function peekScalar(rest: string): { text: string; plain: boolean } | undefined {
  const first = rest.charAt(0)
  if (first === '' || first === '#') return undefined // empty here; a value may follow on the next lines
  if (first === '"') {
    let i = 1
    while (i < rest.length && rest[i] !== '"') i += rest[i] === '\\' ? 2 : 1
    if (i >= rest.length || !isLineEnd(rest.slice(i + 1))) return undefined
    try {
      const decoded: unknown = JSON.parse(rest.slice(0, i + 1))
      return typeof decoded === 'string' ? { text: decoded, plain: false } : undefined
    } catch {
      return undefined // a YAML-only escape (\x41, \e, ...) or a raw control character
    }
  }
  if (first === "'") {
    let out = ''
    let i = 1
    for (;;) {
      const quote = rest.indexOf("'", i)
      if (quote === -1) return undefined // continues on the next line
      out += rest.slice(i, quote)
      if (rest[quote + 1] === "'") {
        out += "'"
        i = quote + 2
        continue
      }
      return isLineEnd(rest.slice(quote + 1)) ? { text: out, plain: false } : undefined
    }
  }
  if ('[]{}&*!|>%@`,'.includes(first)) return undefined
  if ('-?:'.includes(first) && (rest.length === 1 || rest[1] === ' ' || rest[1] === '\t')) return undefined
  const comment = /[ \t]#/.exec(rest)
  const text = (comment ? rest.slice(0, comment.index) : rest).replace(/[ \t]+$/, '')
  if (/:(?:[ \t]|$)/.test(text) || NON_STRING_PLAIN.test(text)) return undefined
  return { text, plain: true }
}

function isLineEnd(after: string): boolean {
  return /^(?:[ \t]*|[ \t]+#.*)$/.test(after)
}

/** Whether the next non-blank line is indented, i.e. may continue a plain scalar. */
function continuesOnNextLine(text: string, from: number): boolean {
  let start = from
  while (start < text.length) {
    const end = lineEndAt(text, start)
    const line = lineContent(text, start, end)
    if (line.trim() !== '') return line[0] === ' ' || line[0] === '\t'
    start = end + 1
  }
  return false
}

/**
 * Where a JSON front-matter object ends: the `}` that closes the `{` at `from`, found by counting
 * braces and brackets outside strings (as Hugo finds the end of JSON front-matter). Whether the object
 * is valid JSON is JSON.parse's to say (json.ts); this only finds where it would end.
 */

const QUOTE = 34
const BACKSLASH = 92

/** Offset of the `}` closing the object that opens at `from`, or -1 when it is never closed. */
export function jsonObjectEnd(text: string, from: number): number {
  let depth = 0
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      const end = stringEnd(text, i)
      if (end === -1) return -1
      i = end
    } else if (c === 123 || c === 91) depth++
    else if (c === 125 || c === 93) {
      depth--
      if (depth === 0) return c === 125 ? i : -1
    }
  }
  return -1
}

/**
 * Offset of the closing quote of the string opening at `from`, or -1 when the text ends first. JSON
 * strings never span lines: one still open at a line break ends there (JSON.parse reports it).
 */
export function stringEnd(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === BACKSLASH) i++
    else if (c === QUOTE) return i
    else if (c === 10) return i - 1
  }
  return -1
}

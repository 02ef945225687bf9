/**
 * Where a JSON text is wrong, and why: JSON.parse does not always say where (Node 20's "Unexpected
 * token" messages have no position), and an error must point at its line. Called only after JSON.parse
 * failed, so it needs to be right, not fast.
 */

export interface JsonSyntaxError {
  /** Offset of the error in the text. */
  offset: number
  reason: string
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const MAX_DEPTH = 1000

/** The first syntax error of the JSON value in `text`, or undefined when there is none. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    const end = skipBlank(text, value(text, skipBlank(text, 0), 0))
    if (end < text.length) throw new Stop(end, 'unexpected text after the end of the object')
    return undefined
  } catch (cause) {
    if (cause instanceof Stop) return { offset: cause.offset, reason: cause.reason }
    throw cause
  }
}

function skipBlank(text: string, i: number): number {
  while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++
  return i
}

function expect(text: string, i: number, char: string, reason: string): number {
  if (text[i] !== char) throw new Stop(i, reason)
  return i + 1
}

/** Just after the value at `i`. */
function value(text: string, i: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new Stop(i, 'nested too deep')
  const c = text[i]
  if (c === '{') return object(text, i, depth)
  if (c === '[') return array(text, i, depth)
  if (c === '"') return string(text, i)
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length
  NUMBER.lastIndex = i
  if (NUMBER.test(text)) return NUMBER.lastIndex
  throw new Stop(
    i,
    i >= text.length
      ? 'the text ends where a value is expected'
      : `unexpected ${JSON.stringify(c)} where a value is expected (strings need double quotes)`,
  )
}

function object(text: string, i: number, depth: number): number {
  i = skipBlank(text, i + 1)
  if (text[i] === '}') return i + 1
  for (;;) {
    if (text[i] !== '"') throw new Stop(i, text[i] === '}' ? 'a comma after the last member' : 'expected a member name in double quotes')
    i = skipBlank(text, string(text, i))
    i = skipBlank(text, expect(text, i, ':', 'expected ":" after the member name'))
    i = skipBlank(text, value(text, i, depth + 1))
    if (text[i] === '}') return i + 1
    i = skipBlank(text, expect(text, i, ',', 'expected "," or "}" after a member'))
  }
}

function array(text: string, i: number, depth: number): number {
  i = skipBlank(text, i + 1)
  if (text[i] === ']') return i + 1
  for (;;) {
    if (text[i] === ']') throw new Stop(i, 'a comma after the last item')
    i = skipBlank(text, value(text, i, depth + 1))
    if (text[i] === ']') return i + 1
    i = skipBlank(text, expect(text, i, ',', 'expected "," or "]" after an item'))
  }
}

/** Just after the string at `i`. */
function string(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 34) return j + 1
    if (c === 92) {
      const escape = text[j + 1] ?? ''
      if (escape === 'u' ? !/^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6)) : !'"\\/bfnrt'.includes(escape) || escape === '') {
        throw new Stop(j, 'an escape JSON does not have')
      }
      j += escape === 'u' ? 5 : 1
    } else if (c < 32) throw new Stop(j, c === 10 || c === 13 ? 'a string not closed on its line' : 'a control character in a string')
  }
  throw new Stop(i, 'a string that is never closed')
}

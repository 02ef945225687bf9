/**
 * How deeply a body nests quotes and lists, found by a line scan before anything is parsed. The Markdown
 * parser's cost grows with nesting and our tree walks recurse, so an article nested deeper than
 * MAX_NESTING (no real article comes near it) is refused with an error at its line instead of being
 * rendered.
 */

/** Quote markers and list items stacked at the start of one line, and indentation in steps of two. */
export const MAX_NESTING = 100

const PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/

export function nestingProblem(body: string, bodyStartLine: number): { line: number; depth: number } | undefined {
  let line = bodyStartLine
  for (let start = 0; start <= body.length; line++) {
    const end = body.indexOf('\n', start)
    const text = body.slice(start, end === -1 ? body.length : end)
    const depth = depthOf(text)
    if (depth > MAX_NESTING) return { line, depth }
    if (end === -1) break
    start = end + 1
  }
  return undefined
}

function depthOf(line: string): number {
  const prefix = PREFIX.exec(line)?.[0] ?? ''
  let markers = 0
  for (const c of prefix) if (c === '>' || c === '-' || c === '*' || c === '+' || c === '.' || c === ')') markers++
  const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length
  return markers + Math.floor(indent / 2)
}

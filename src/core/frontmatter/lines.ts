/** Line helpers shared by the front-matter readers: offsets into the file's text, BOM and CRLF aware. */

/** Offset of the `\n` ending the line that starts at `from`, or the text's length for the last line. */
export function lineEndAt(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end === -1 ? text.length : end
}

/** The line's content without its `\r\n`/`\n`. */
export function lineContent(text: string, start: number, end: number): string {
  return end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end)
}

/** 1 when the text starts with a BOM (U+FEFF), else 0. */
export function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0
}

/** 1-based line and column of an offset of the text (a BOM adds no column, CRLF is one break). */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1
    lineStart = i + 1
  }
  const bom = lineStart === 0 ? bomLength(text) : 0
  return { line, column: offset - lineStart - bom + 1 }
}

/** The offset of the line break at `lineEnd`, stepping back over a `\r`. */
export function lineEndTrim(text: string, lineEnd: number): number {
  return lineEnd > 0 && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd
}

/** The line (trimmed, at most 80 characters) that holds `offset`, for quoting in a message. */
export function quotedLineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  const line = lineContent(text, start, lineEndAt(text, start))
    .replace(/^\ufeff/, '')
    .trim()
  return line.length > 80 ? `${line.slice(0, 77)}...` : line
}

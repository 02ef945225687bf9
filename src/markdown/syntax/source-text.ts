/**
 * Rewrites of an article's source before it is parsed, for syntax a generator reads and
 * CommonMark cannot (Docusaurus's `{#id}` in MDX, Hashnode's `align="center"` in an image).
 * Each rewrite blanks characters, a space for each, so every line and column the parser and
 * our diagnostics give is still the author's; fenced code blocks are left as they are.
 */
import type { Processor } from 'unified'

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** The Markdown with `rewrite` applied to each line outside fenced code (a line without its line ending). */
export function rewriteOutsideFences(markdown: string, rewrite: (line: string) => string): string {
  let fence: string | undefined
  return markdown
    .split(/(?<=\n)/)
    .map((line) => {
      const eol = /\r?\n$/.exec(line)?.[0] ?? ''
      const text = line.slice(0, line.length - eol.length)
      const marker = FENCE.exec(text)?.[1]
      if (fence !== undefined) {
        if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && text.trim() === marker) fence = undefined
        return line
      }
      if (marker !== undefined) {
        fence = marker
        return line
      }
      return rewrite(text) + eol
    })
    .join('')
}

/** `text` with `part` replaced by as many spaces. */
export const blank = (part: string): string => ' '.repeat(part.length)

/** Wrap the processor's parser (set by remark-parse) so the source is rewritten first. */
export function rewriteBeforeParsing(processor: Processor, rewrites: ReadonlyArray<(markdown: string) => string>): void {
  const parse = processor.parser
  if (!parse || rewrites.length === 0) return
  processor.parser = (document, file) =>
    parse(
      rewrites.reduce((text, rewrite) => rewrite(text), document),
      file,
    )
}

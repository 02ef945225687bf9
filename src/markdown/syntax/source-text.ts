/**
 * Rewrites of an article's source before it is parsed, for syntax a generator reads and CommonMark
 * cannot (Docusaurus's `{#id}` in MDX, Hashnode's `align="center"` in an image). A rewrite blanks
 * characters, a space for each, so every line and column the parser and our diagnostics give is
 * still the author's; and never inside code or raw HTML, as CommonMark reads them (fenced or
 * indented, in a quote or a list, or a code span): a code block keeps its code.
 */
import { fromMarkdown } from 'mdast-util-from-markdown'
import type { Processor } from 'unified'
import { visit } from 'unist-util-visit'

/** The offsets [start, end) of code blocks, code spans and raw HTML in CommonMark's reading of `markdown`. */
function codeRanges(markdown: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  visit(fromMarkdown(markdown), (node) => {
    if (node.type !== 'code' && node.type !== 'inlineCode' && node.type !== 'html') return
    const { start, end } = node.position ?? {}
    if (start?.offset !== undefined && end?.offset !== undefined) ranges.push([start.offset, end.offset])
  })
  return ranges
}

/**
 * `markdown` with group `group` of each match of `pattern` (global, with indices: the `d` flag)
 * blanked, except where the match starts inside code or raw HTML. The source is parsed only when
 * `pattern` matches.
 */
export function blankOutsideCode(markdown: string, pattern: RegExp, group: number): string {
  const matches = [...markdown.matchAll(pattern)]
  if (matches.length === 0) return markdown
  const code = codeRanges(markdown)
  let result = markdown
  for (const match of matches) {
    const [start, end] = match.indices![group]!
    if (code.some(([from, to]) => match.index >= from && match.index < to)) continue
    result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end)
  }
  return result
}

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

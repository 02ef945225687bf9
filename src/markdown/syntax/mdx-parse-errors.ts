/**
 * MDX syntax errors as diagnostics: `mdx-syntax`, an error at the line the
 * MDX parser names, with its reason, instead of an exception that would stop
 * the run. The article gets an empty tree (nothing of it is sent).
 */
import type { Root } from 'mdast'
import type { Processor } from 'unified'
import type { Node } from 'unist'
import { report } from '../context.js'

/** Wrap the processor's parser (set by remark-parse) so an MDX syntax error becomes a diagnostic. */
export function parseMdxReportingErrors(processor: Processor): void {
  const parse = processor.parser
  if (!parse) return
  processor.parser = function (document, file) {
    try {
      return parse(document, file)
    } catch (error) {
      const message = error as { reason?: string; message?: string; line?: number; column?: number }
      const line = typeof message.line === 'number' ? message.line : 1
      const column = typeof message.column === 'number' ? message.column : 1
      const place: Node = { type: 'mdx', position: { start: { line, column }, end: { line, column } } }
      report(
        file,
        place,
        `MDX syntax error: ${message.reason ?? message.message ?? String(error)} (fix the MDX, or rename the file to .md if it is plain Markdown).`,
        'mdx-syntax',
        'error',
      )
      return { type: 'root', children: [] } satisfies Root
    }
  }
}

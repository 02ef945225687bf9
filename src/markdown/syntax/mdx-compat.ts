/**
 * Docusaurus's MDX 1 compatibility (`markdown.mdx1Compat`, on by default): in an `.mdx` file a
 * heading may end in an explicit id, `## Heading {#id}` (what `docusaurus write-heading-id`
 * writes), which MDX alone reads as a JavaScript expression and refuses. Medium has no heading
 * ids, so the id is blanked (source-text.ts). Like Docusaurus's own escape, only ATX heading
 * lines are read. (Its other half, `<!-- -->` comments, is a syntax extension: see index.ts.)
 */
import { blankOutsideCode } from './source-text.js'

const HEADING_ID = /^ {0,3}#{1,6}[ \t].*?(\{#[^\s{}]+\})[ \t]*\r?$/dgm

/** The Markdown with each heading's trailing `{#id}` blanked. */
export function blankHeadingIds(markdown: string): string {
  return markdown.includes('{#') ? blankOutsideCode(markdown, HEADING_ID, 1) : markdown
}

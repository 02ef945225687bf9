/**
 * The HTML we send Medium in a post's `content` (`contentFormat: "html"`), as
 * a rehype-sanitize schema: everything else is unwrapped (its text kept) or,
 * for the `strip` elements, removed with its content. Our plugins warn about
 * each such change before sanitizing, so nothing is dropped silently.
 * `<h2>` is only the subtitle and `<h4>` is never sent (rehypeMediumHeadings
 * maps body headings to `<h1>`/`<h3>`); `start` is not kept on `<ol>`
 * (Medium ignores it: lists that need it are sent as numbered paragraphs).
 */
import type { Options as SanitizeSchema } from 'rehype-sanitize'

export const MEDIUM_TAG_NAMES: ReadonlySet<string> = new Set([
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'strong',
  'b',
  'em',
  'i',
  'a',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'figure',
  'figcaption',
  'img',
  'hr',
])

/** Elements removed with their content (a warning each, from `rehypeMediumHtml`). */
export const MEDIUM_REMOVED_TAG_NAMES: ReadonlySet<string> = new Set([
  'iframe',
  'script',
  'style',
  'noscript',
  'object',
  'embed',
  'video',
  'audio',
  'canvas',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'template',
  'head',
  'title',
  'link',
  'meta',
])

export const mediumSchema: SanitizeSchema = {
  tagNames: [...MEDIUM_TAG_NAMES],
  attributes: { a: ['href'], img: ['src', 'alt'] },
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
  strip: [...MEDIUM_REMOVED_TAG_NAMES],
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
  ancestors: { li: ['ol', 'ul'], figcaption: ['figure'] },
  required: {},
}

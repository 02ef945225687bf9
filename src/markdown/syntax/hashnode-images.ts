/**
 * Hashnode writes an image's alignment inside its Markdown destination:
 * `![](https://cdn.hashnode.com/….png align="center")`. CommonMark reads no
 * image there (`align="center"` is not a title), so the line would reach
 * Medium as text. Medium has no image alignment: the attribute is blanked
 * (source-text.ts) and the image is an image. An export with no URL left,
 * `![]( align="center")`, becomes `![]()`, an image with no URL, which the
 * renderer leaves out with a warning (`image-empty`).
 */
import { blankOutsideCode } from './source-text.js'

/** `![alt](url align="center")`: the marker that selects this rewrite, and the rewrite's pattern. */
export const ALIGNED_IMAGE = /!\[[^\]\n]*\]\([ \t]*[^\s()]*([ \t]+align=(["'])(?:left|right|center)\2)(?=[ \t]*\))/dgi

/** The Markdown with Hashnode's `align="…"` blanked inside image destinations. */
export function blankImageAlignment(markdown: string): string {
  return blankOutsideCode(markdown, ALIGNED_IMAGE, 1)
}

/**
 * Hashnode writes an image's alignment inside its Markdown destination:
 * `![](https://cdn.hashnode.com/….png align="center")`. CommonMark reads no
 * image there (`align="center"` is not a title), so the line would reach
 * Medium as text. Medium has no image alignment: the attribute is blanked
 * (source-text.ts) and the image is an image. An export with no URL left,
 * `![]( align="center")`, becomes `![]()`, an image with no URL, which the
 * renderer leaves out with a warning (`image-empty`).
 */
import { blank, rewriteOutsideFences } from './source-text.js'

const ALIGNED_IMAGE = /(!\[[^\]\n]*\]\([ \t]*[^\s()]*)([ \t]+align=(["'])(?:left|right|center)\3)(?=[ \t]*\))/gi

/** The Markdown with Hashnode's `align="…"` blanked inside image destinations. */
export function blankImageAlignment(markdown: string): string {
  if (!/align=/i.test(markdown)) return markdown
  return rewriteOutsideFences(markdown, (line) => line.replace(ALIGNED_IMAGE, (_, image: string, align: string) => image + blank(align)))
}

/**
 * The one title finder: where an article's title comes from, and which body heading repeats it (so
 * the renderer shows the title once).
 */
import type { FrontMatter } from './article.js'
import { fileNameDate } from './dates.js'
import { SPELLINGS } from './spellings.js'

export type TitleSource =
  /** `title:` in the front-matter (value not yet checked). */
  | { from: 'front-matter'; key: string; value: unknown; line: number }
  /** The first `# ` heading of the body. */
  | { from: 'heading'; text: string; line: number }
  /** Jekyll: a post's file name (`2014-09-02-hello-world.md` is "Hello World"); line 1. */
  | { from: 'file-name'; text: string; line: number }
  | { from: 'none' }

/** The keys a blog may write the title under, first found wins. */

export function findTitle(frontMatter: FrontMatter, path = '', fromFileName = false): TitleSource {
  for (const key of SPELLINGS.title) {
    if (Object.hasOwn(frontMatter.data, key))
      return { from: 'front-matter', key, value: frontMatter.data[key], line: frontMatter.keyLines[key] ?? 1 }
  }
  const named = fromFileName ? jekyllTitle(path) : undefined
  if (named !== undefined) return { from: 'file-name', text: named, line: 1 }
  const heading = firstTitleHeading(frontMatter.body, frontMatter.bodyStartLine)
  return heading ? { from: 'heading', ...heading } : { from: 'none' }
}

/** The first ATX `# ` heading of the body, outside fenced code, with its line in the file. */
export function firstTitleHeading(body: string, bodyStartLine: number): { text: string; line: number } | undefined {
  const lines = body.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  let fence: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence !== undefined) {
      const closes = fenceMatch?.[1] && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length
      if (closes && /^ {0,3}[`~]+[ \t]*$/.test(line)) fence = undefined
      continue
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1]
      continue
    }
    const heading = /^ {0,3}#(?:[ \t]+(.*?))?[ \t]*$/.exec(line)
    if (heading) return { text: (heading[1] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim(), line: bodyStartLine + i }
  }
  return undefined
}

/**
 * The title Jekyll gives a post without one: its file name's slug, each word capitalized the way Ruby's
 * `capitalize` does (`2014-09-02-hello-world.md` is "Hello World"). Only for `YYYY-MM-DD-slug` names.
 */
export function jekyllTitle(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '')
  const slug = fileNameDate(name)?.rest
  if (!slug) return undefined
  return slug
    .split('-')
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ')
}

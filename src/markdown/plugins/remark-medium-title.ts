/**
 * remark plugin: start the content with the title as `<h1>`.
 *
 * Medium does not show the post's `title` field in the body ("the title must
 * be specified in the content field as well", Medium API docs), so the
 * content starts with `# title` unless the body already starts with a
 * level-1 heading of the same text (compared after trimming). The heading is
 * marked `data.mediumTitle` so `remarkMediumHeadings` leaves it alone.
 */
import type { Heading, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { mediumContext } from '../context.js'

declare module 'mdast' {
  interface HeadingData {
    /** This heading is the post title (the only `<h1>` sent to Medium). */
    mediumTitle?: boolean
  }
}

export default function remarkMediumTitle() {
  return function (tree: Root, file: VFile): void {
    const { title } = mediumContext(file)
    const first = tree.children[0]
    if (first?.type === 'heading' && first.depth === 1 && toString(first).trim() === title.trim()) {
      first.data = { ...first.data, mediumTitle: true }
      return
    }
    const heading: Heading = { type: 'heading', depth: 1, children: [{ type: 'text', value: title.trim() }], data: { mediumTitle: true } }
    tree.children.unshift(heading)
  }
}

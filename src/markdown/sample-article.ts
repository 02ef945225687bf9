/**
 * A sample article with every construct the renderer transforms, each
 * introduced by a line saying what Medium should show.
 * `medium-publish doctor --sample-draft` renders it with `renderArticle` and
 * posts it as ONE draft, so a user can see in a minute how Medium shows each
 * construct.
 *
 * It needs no repository: its images are remote and it has no relative links,
 * so it renders without errors anywhere (test/unit/markdown/sample-article.test.ts).
 */
import type { RenderInput } from './render-types.js'

/** A small PNG that Medium can fetch (the Markdown logo, from Wikimedia Commons). */
const IMAGE = 'https://upload.wikimedia.org/wikipedia/commons/thumb/4/48/Markdown-mark.svg/320px-Markdown-mark.svg.png'

export type SampleArticle = Pick<RenderInput, 'title' | 'subtitle' | 'cover' | 'body' | 'footer'>

export const sampleArticle: SampleArticle = {
  title: 'medium-publish sample: how Medium shows each construct',
  subtitle: 'Expected: this line is the subtitle, shown in grey under the title.',
  cover: { src: IMAGE, alt: 'The Markdown logo', caption: 'Expected: this image is the cover, first in the post, with this caption.' },
  footer: '_Expected: this italic line is the footer, the last line of the post (the `footer` input)._',
  body: `This draft was created by \`medium-publish doctor --sample-draft\`. Each construct comes after a line that says what Medium should show. If Medium shows something else, please open an issue with a screenshot. You can delete this draft.

Next: a top-level section heading (\`#\`, the body's highest level). Medium should show it as a large heading.

# A large heading

Next: a heading one level deeper (\`##\`). Medium should show it as a small heading.

## A small heading

Next: a level-5 heading. Medium has no third heading size, so it should show a bold paragraph.

##### A level-5 heading

Next: a quote that contains a heading. Medium quotes cannot hold headings, so it should show a quote whose first line is bold.

> ### A heading inside a quote
>
> The quoted text.

Next: a table. Medium should show a grey preformatted block with aligned columns, the numbers aligned right.

| Plan | Posts a day | Price |
|:-----|------------:|------:|
| Free | 10 | 0 |
| Team | 100 | 12 |

Next: a nested list. Medium should show a single-level list of two items. The nested items should be lines of their item, starting with "– " and "1.1. ".

1. First item
   1. A nested item
   2. Another one
2. Second item
   - A nested bullet

Next: an ordered list written to start at 3. Medium should show three paragraphs numbered 3., 4. and 5.

3. Three
4. Four
5. Five

Next: an ordered list split by a code block. Medium should show "1. Install:", the code, then "2. Run it.", all as paragraphs.

1. Install:

   \`\`\`sh
   npm install --save-dev medium-publish-action
   \`\`\`
2. Run it.

Next: a task list. Medium should show a list whose items start with ☐ and ☑.

- [ ] A task to do
- [x] A task done

Next: a footnote. Medium should show the marker [1] here, and a "Notes" section with a small heading at the end of the post.

A sentence with a footnote.[^note]

Next: a code block written with a language (TypeScript). Medium should show a code block. The API cannot set the language, so Medium may guess one for highlighting.

\`\`\`ts
const greeting: string = 'Hello, Medium'
console.log(greeting)
\`\`\`

Next: strikethrough. Medium should show "old" visibly struck through and "new" plain.

The ~~old~~ new way.

Next: subscript, superscript and underline. Medium should show "H2O", "x2" and "underlined" as plain text.

H<sub>2</sub>O, x<sup>2</sup> and <u>underlined</u>.

Next: a YouTube video written as an \`<iframe>\`. Medium should show the embedded YouTube player.

<iframe width="560" height="315" src="https://www.youtube.com/embed/jNQXAC9IVRw" allowfullscreen></iframe>

Next: a Vimeo video written as an \`<iframe>\`. Medium should show the embedded Vimeo player.

<iframe src="https://player.vimeo.com/video/76979871" width="640" height="360"></iframe>

Next: a GitHub Gist written as a \`<script>\`. Medium should show the embedded gist.

<script src="https://gist.github.com/octocat/6cad326836d38bd3a7ae.js"></script>

Next: a YouTube URL alone on a line. Medium should show the embedded YouTube player.

https://www.youtube.com/watch?v=jNQXAC9IVRw

Next: an \`<iframe>\` from a site Medium cannot embed. Medium should show nothing between this line and the next one.

<iframe src="https://maps.example.com/embed?q=here"></iframe>

Next: an image alone on its line, with a title. Medium should show the image with the caption "A caption from the image title".

![The Markdown logo](${IMAGE} "A caption from the image title")

Next: an image alone on its line with alt text but no title. Medium should show the image with no caption.

![Alt text, never shown as a caption](${IMAGE})

Next: an image inside a line of text. Medium has no inline images, so it should show a link labelled "the Markdown logo" in the sentence.

The sentence shows ![the Markdown logo](${IMAGE}) in the middle.

Next: a link to a heading of this page (\`#a-large-heading\`). Medium should show plain text, not a link.

Go back to [the large heading](#a-large-heading).

Next: raw HTML with classes and styles. Medium should show a plain paragraph with **bold** text.

<div class="note" style="color: red"><span>A <b>bold</b> word in a styled div.</span></div>

That is all. The footnote's "Notes" section and the footer come last.

[^note]: Expected: this note is listed under "Notes", starting with [1].
`,
}

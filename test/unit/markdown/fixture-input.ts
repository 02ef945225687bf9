import type { RenderInput } from '../../../src/markdown/render-types.js'

/** The repository every fixture lives in: `content/post.md` with neighbours and images. */
export function fixtureInput(body: string): RenderInput {
  const heading = /^# (.+)$/m.exec(body.split('\n', 1)[0] ?? '')
  return {
    path: 'content/post.md',
    title: heading?.[1]?.trim() ?? 'Fixture title',
    body,
    bodyStartLine: 1,
    articleUrls: new Map([['content/published.md', 'https://medium.com/@me/published-0123456789ab']]),
    articlePaths: new Set(['content/published.md', 'content/draft.md', 'content/series/part-2.md']),
    repositoryBlobBase: 'https://github.com/owner/repo/blob/0123abc/',
    imageUrls: new Map([
      ['content/img/a.png', 'https://cdn.example/a.png'],
      ['content/img/photo one.jpg', 'https://cdn.example/photo-one.jpg'],
      ['images/b.gif', 'https://cdn.example/b.gif'],
    ]),
  }
}

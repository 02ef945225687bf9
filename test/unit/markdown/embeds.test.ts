import { describe, expect, it } from 'vitest'
import { embedOf } from '../../../src/markdown/embeds.js'

describe('embedOf: the page URL Medium embeds, for a player iframe or a Gist script', () => {
  it.each([
    ['iframe', 'https://www.youtube.com/embed/dQw4w9WgXcQ', 'YouTube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    [
      'iframe',
      '//www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90&rel=0',
      'YouTube',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s',
    ],
    ['iframe', 'https://youtube.com/embed/abc?list=PL1', 'YouTube', 'https://www.youtube.com/watch?v=abc&list=PL1'],
    ['iframe', 'https://www.youtube.com/embed/videoseries?list=PL1', 'YouTube', 'https://www.youtube.com/playlist?list=PL1'],
    ['iframe', 'https://player.vimeo.com/video/76979871', 'Vimeo', 'https://vimeo.com/76979871'],
    ['iframe', 'https://player.vimeo.com/video/76979871?h=abc123&badge=0', 'Vimeo', 'https://vimeo.com/76979871/abc123'],
    ['iframe', 'https://codepen.io/chris/embed/abcDEF?default-tab=result', 'CodePen', 'https://codepen.io/chris/pen/abcDEF'],
    ['iframe', 'https://codepen.io/chris/embed/preview/abcDEF', 'CodePen', 'https://codepen.io/chris/pen/abcDEF'],
    ['iframe', 'https://gist.github.com/octocat/0123abcd.pibb', 'GitHub Gist', 'https://gist.github.com/octocat/0123abcd'],
    ['script', 'https://gist.github.com/octocat/0123abcd.js?file=a.ts', 'GitHub Gist', 'https://gist.github.com/octocat/0123abcd'],
  ])('%s %s', (tag, src, service, url) => {
    expect(embedOf(tag, src)).toEqual({ service, url })
  })

  it.each([
    ['iframe', 'https://maps.example/embed?q=x'],
    ['iframe', 'https://www.youtube.com/embed/videoseries'],
    ['iframe', 'https://player.vimeo.com/video/not-a-number'],
    ['iframe', 'embed/relative'],
    ['iframe', 'javascript:alert(1)'],
    ['script', 'https://platform.twitter.com/widgets.js'],
    ['script', 'https://www.youtube.com/embed/x'],
    ['video', 'https://www.youtube.com/embed/x'],
  ])('nothing for %s %s', (tag, src) => {
    expect(embedOf(tag, src)).toBeUndefined()
  })
})

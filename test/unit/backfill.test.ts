import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MEDIUM_FEED_MAX_ITEMS, linkedUrls, matchFeedToArticles, normaliseTitle, normaliseUrl } from '../../src/core/backfill.js'
import type { BackfillArticle, BackfillFeedItem } from '../../src/core/backfill.js'
import { parseMediumFeed } from '../../src/medium/feed.js'

function item(title: string, id: string, contentHtml = '<p>Body</p>'): BackfillFeedItem {
  return { title, url: `https://medium.com/@a/${id}`, contentHtml }
}

function originallyAt(url: string): string {
  return `<p>Body.</p><p><em>Originally published at </em><a href="${url}"><em>example.com</em></a><em> on March 3, 2024.</em></p>`
}

describe('normaliseTitle', () => {
  it.each([
    ['Let’s “Go” — fast', `Let's "Go" - fast`],
    ['LET’S GO – FAST', 'lets go fast'],
    ['Ｆｕｌｌｗｉｄｔｈ Title', 'fullwidth title'],
    ['Straße', 'STRASSE'],
    ['  Many   spaces\tand\nlines ', 'many spaces and lines'],
    ['A title that was cut…', 'A title that was cut'],
    ['A title that was cut...', 'a title that was cut'],
    ['Why? Because: yes!', 'why because yes'],
    ['Week 1 (of 100)', 'week 1 of 100'],
    ['ΟΔΟΣ', 'οδοσ'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseTitle(a)).toBe(normaliseTitle(b))
    expect(normaliseTitle(a)).not.toBe('')
  })

  it.each([
    ['Week 1', 'Week 2'],
    ['Part 1', 'Part 11'],
    ['C++ tips', 'C tips'],
    ['Hello world', 'Hello, world and more'],
  ])('%s ≢ %s', (a, b) => {
    expect(normaliseTitle(a)).not.toBe(normaliseTitle(b))
  })

  it('gives the exact normal form', () => {
    expect(normaliseTitle('  Let’s  Build — a “Medium” API client… ')).toBe('lets build a medium api client')
    expect(normaliseTitle('...')).toBe('')
    expect(normaliseTitle('—')).toBe('')
  })
})

describe('normaliseUrl and linkedUrls', () => {
  it.each([
    ['https://www.Example.COM/blog/post/', 'http://example.com/blog/post'],
    ['https://example.com/blog/post#comments', 'https://example.com/blog/post'],
    ['https://example.com:443/blog/post', 'https://example.com/blog/post'],
    ['https://example.com/', 'https://example.com'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseUrl(a)).toBe(normaliseUrl(b))
  })

  it.each([
    ['https://example.com/Blog/Post', 'https://example.com/blog/post'],
    ['https://example.com/?p=1', 'https://example.com/?p=2'],
    ['https://blog.example.com/post', 'https://example.com/post'],
  ])('%s ≢ %s', (a, b) => {
    expect(normaliseUrl(a)).not.toBe(normaliseUrl(b))
  })

  it('refuses what is not an http(s) URL', () => {
    expect(normaliseUrl('mailto:a@example.com')).toBeUndefined()
    expect(normaliseUrl('/relative')).toBeUndefined()
  })

  it('finds link targets and URLs written as text, with entities decoded', () => {
    const html = `<p>See <a href="https://example.com/a?x=1&amp;y=2">a</a>, <a href='http://www.example.com/b/'>b</a> and https://example.com/c.</p>`
    expect([...linkedUrls(html)]).toEqual(['example.com/a?x=1&y=2', 'example.com/b', 'example.com/c'])
  })
})

describe('matchFeedToArticles', () => {
  it('matches by normalised title and gives the story URL to record', () => {
    const result = matchFeedToArticles(
      [item('Let’s build a CLI — part 1…', '1a'), item('Something else', '2b')],
      [
        { path: 'posts/cli.md', title: `Let's build a CLI - Part 1` },
        { path: 'posts/other.md', title: 'Not on Medium' },
      ],
    )
    expect(result.matched).toEqual([
      {
        path: 'posts/cli.md',
        url: 'https://medium.com/@a/1a',
        title: `Let's build a CLI - Part 1`,
        itemTitle: 'Let’s build a CLI — part 1…',
        by: 'title',
      },
    ])
    expect(result.unmatchedItems).toEqual([{ title: 'Something else', url: 'https://medium.com/@a/2b' }])
    expect(result.unmatchedArticles).toEqual(['posts/other.md'])
    expect(result.ambiguous).toEqual([])
    expect(result.alreadyRecorded).toEqual([])
  })

  it('matches by canonical URL when the story links to it, whatever the titles', () => {
    const result = matchFeedToArticles(
      [item('A new title on Medium', '1a', originallyAt('http://www.example.com/2024/03/old-title/'))],
      [
        { path: 'posts/old.md', title: 'The old title', canonicalUrl: 'https://example.com/2024/03/old-title' },
        { path: 'posts/new.md', title: 'Something unrelated' },
      ],
    )
    expect(result.matched).toEqual([
      {
        path: 'posts/old.md',
        url: 'https://medium.com/@a/1a',
        title: 'The old title',
        itemTitle: 'A new title on Medium',
        by: 'canonical-url',
      },
    ])
  })

  it('prefers the canonical URL over a title that points elsewhere', () => {
    const result = matchFeedToArticles(
      [item('Shared title', '1a', originallyAt('https://example.com/b'))],
      [
        { path: 'a.md', title: 'Shared title', canonicalUrl: 'https://example.com/a' },
        { path: 'b.md', title: 'Another title', canonicalUrl: 'https://example.com/b' },
      ],
    )
    expect(result.matched.map((m) => [m.path, m.by])).toEqual([['b.md', 'canonical-url']])
    expect(result.ambiguous).toEqual([])
  })

  it('uses the title to pick among several linked articles, and never guesses without it', () => {
    const cites = originallyAt('https://example.com/this-one') + '<p>See also <a href="https://example.com/that-one">my last post</a>.</p>'
    const articles: BackfillArticle[] = [
      { path: 'this.md', title: 'This one', canonicalUrl: 'https://example.com/this-one' },
      { path: 'that.md', title: 'That one', canonicalUrl: 'https://example.com/that-one' },
    ]
    const picked = matchFeedToArticles([item('This one', '1a', cites)], articles)
    expect(picked.matched.map((m) => [m.path, m.by])).toEqual([['this.md', 'canonical-url']])

    const unsure = matchFeedToArticles([item('Retitled on Medium', '1a', cites)], articles)
    expect(unsure.matched).toEqual([])
    expect(unsure.ambiguous).toEqual([
      {
        reason: '1 story matches 2 articles',
        stories: [{ title: 'Retitled on Medium', url: 'https://medium.com/@a/1a', by: 'canonical-url' }],
        articles: [
          { path: 'this.md', title: 'This one' },
          { path: 'that.md', title: 'That one' },
        ],
      },
    ])
    expect(unsure.unmatchedArticles).toEqual([])
  })

  it('reports one story matching two articles as ambiguous', () => {
    const result = matchFeedToArticles(
      [item('Week 1', '1a')],
      [
        { path: 'en/week-1.md', title: 'Week 1' },
        { path: 'drafts/week-1.md', title: 'Week 1!' },
      ],
    )
    expect(result.matched).toEqual([])
    expect(result.ambiguous).toEqual([
      {
        reason: '1 story matches 2 articles',
        stories: [{ title: 'Week 1', url: 'https://medium.com/@a/1a', by: 'title' }],
        articles: [
          { path: 'en/week-1.md', title: 'Week 1' },
          { path: 'drafts/week-1.md', title: 'Week 1!' },
        ],
      },
    ])
    expect(result.unmatchedItems).toEqual([])
  })

  it('reports one article matching two stories as ambiguous', () => {
    const result = matchFeedToArticles(
      [item('Hello', '1a'), item('hello.', '2b'), item('Other', '3c')],
      [
        { path: 'hello.md', title: 'Hello' },
        { path: 'other.md', title: 'Other' },
      ],
    )
    expect(result.matched.map((m) => m.path)).toEqual(['other.md'])
    expect(result.ambiguous).toEqual([
      {
        reason: '2 stories match 1 article',
        stories: [
          { title: 'Hello', url: 'https://medium.com/@a/1a', by: 'title' },
          { title: 'hello.', url: 'https://medium.com/@a/2b', by: 'title' },
        ],
        articles: [{ path: 'hello.md', title: 'Hello' }],
      },
    ])
  })

  it('does not match a story whose other candidate makes its article ambiguous', () => {
    // "Intro" links to a.md and b.md; "Intro for a" alone would be a.md, but a.md is already in doubt.
    const result = matchFeedToArticles(
      [
        item('Intro', '1a', originallyAt('https://example.com/a') + originallyAt('https://example.com/b')),
        item('Intro for a', '2b', originallyAt('https://example.com/a')),
      ],
      [
        { path: 'a.md', title: 'A', canonicalUrl: 'https://example.com/a' },
        { path: 'b.md', title: 'B', canonicalUrl: 'https://example.com/b' },
      ],
    )
    expect(result.matched).toEqual([])
    expect(result.ambiguous).toHaveLength(1)
    expect(result.ambiguous[0]?.reason).toBe('2 stories and 2 articles match each other')
  })

  it('reports articles that already record a URL and never matches them again', () => {
    const result = matchFeedToArticles(
      [item('Recorded here', '1a'), item('Recorded elsewhere', '2b'), item('Recorded by URL only', '3c')],
      [
        { path: 'same.md', title: 'Recorded here', recordedUrl: 'https://medium.com/@a/1a' },
        { path: 'differs.md', title: 'Recorded elsewhere', recordedUrl: 'https://medium.com/@a/old-0000' },
        { path: 'renamed.md', title: 'A title Medium does not have', recordedUrl: 'http://medium.com/@a/3c/' },
        { path: 'old.md', title: 'Not in the feed any more', recordedUrl: 'https://medium.com/@a/very-old' },
        { path: 'empty.md', title: 'Recorded here', recordedUrl: '   ' },
      ],
    )
    expect(result.matched).toEqual([])
    expect(result.alreadyRecorded).toEqual([
      { path: 'same.md', title: 'Recorded here', recordedUrl: 'https://medium.com/@a/1a', inFeed: true, otherStories: [] },
      {
        path: 'differs.md',
        title: 'Recorded elsewhere',
        recordedUrl: 'https://medium.com/@a/old-0000',
        inFeed: false,
        otherStories: [{ title: 'Recorded elsewhere', url: 'https://medium.com/@a/2b' }],
      },
      {
        path: 'renamed.md',
        title: 'A title Medium does not have',
        recordedUrl: 'http://medium.com/@a/3c/',
        inFeed: true,
        otherStories: [],
      },
      { path: 'old.md', title: 'Not in the feed any more', recordedUrl: 'https://medium.com/@a/very-old', inFeed: false, otherStories: [] },
    ])
    // The story whose URL same.md records is accounted for: empty.md (same title, no URL) does not get it.
    expect(result.unmatchedItems).toEqual([])
    expect(result.unmatchedArticles).toEqual(['empty.md'])
  })

  it('treats a story matching a recorded article and an unrecorded one as ambiguous', () => {
    const result = matchFeedToArticles(
      [item('Twins', '1a')],
      [
        { path: 'one.md', title: 'Twins', recordedUrl: 'https://medium.com/@a/other' },
        { path: 'two.md', title: 'Twins' },
      ],
    )
    expect(result.matched).toEqual([])
    expect(result.ambiguous.map((a) => a.articles.map((x) => x.path))).toEqual([['one.md', 'two.md']])
  })

  it('says how many stories the feed had, and when older ones may be missing', () => {
    const ten = Array.from({ length: MEDIUM_FEED_MAX_ITEMS }, (_, i) => item(`Story ${i}`, `${i}`))
    expect(matchFeedToArticles(ten, [])).toMatchObject({ feedItemCount: 10, feedMayBeIncomplete: true })
    expect(matchFeedToArticles(ten.slice(0, 9), [])).toMatchObject({ feedItemCount: 9, feedMayBeIncomplete: false })
    expect(matchFeedToArticles([], [{ path: 'a.md', title: 'A' }])).toEqual({
      matched: [],
      alreadyRecorded: [],
      unmatchedItems: [],
      unmatchedArticles: ['a.md'],
      ambiguous: [],
      feedItemCount: 0,
      feedMayBeIncomplete: false,
    })
  })

  it('matches the stories of a real Medium feed to a blog laid out like its author’s', () => {
    const feed = parseMediumFeed(readFileSync(new URL('../fixtures/medium-feed/liyicky.xml', import.meta.url), 'utf8'))
    const result = matchFeedToArticles(feed.items, [
      { path: '_posts/2022-02-20-medium-api-rails.md', title: 'How to Connect to the Medium API in Rails' },
      { path: '_posts/2022-02-20-week-4.md', title: 'Becoming a Swift developer: week 4' },
      { path: '_posts/2022-02-13-week-3.md', title: 'Becoming a Swift Developer (Week 3)', recordedUrl: feed.items[2]?.url ?? '' },
      // Week 1 on Medium links to the author's Stack Overflow profile: as a canonical URL, it is found in the real HTML.
      { path: '_posts/2022-01-29-week-1.md', title: 'Week one', canonicalUrl: 'https://stackoverflow.com/users/1895804/jason-cheladyn/' },
      { path: '_posts/2021-12-01-about.md', title: 'About me' },
    ])
    expect(result.matched).toEqual([
      {
        path: '_posts/2022-02-20-medium-api-rails.md',
        url: 'https://medium.com/@liyicky/how-to-connect-to-the-medium-api-in-rails-4c57cf14bce5',
        title: 'How to Connect to the Medium API in Rails',
        itemTitle: 'How to connect to the Medium API in Rails',
        by: 'title',
      },
      {
        path: '_posts/2022-02-20-week-4.md',
        url: 'https://medium.com/@liyicky/becoming-a-swift-developer-week-4-63e9ef6b7595',
        title: 'Becoming a Swift developer: week 4',
        itemTitle: 'Becoming a Swift Developer (Week 4)',
        by: 'title',
      },
      {
        path: '_posts/2022-01-29-week-1.md',
        url: 'https://medium.com/@liyicky/becoming-a-swift-developer-week-1-1904eb7936c6',
        title: 'Week one',
        itemTitle: 'Becoming a Swift Developer (Week 1)',
        by: 'canonical-url',
      },
    ])
    expect(result.alreadyRecorded.map((r) => [r.path, r.inFeed])).toEqual([['_posts/2022-02-13-week-3.md', true]])
    expect(result.unmatchedItems).toEqual([
      { title: 'Becoming a Swift Developer (Week 2)', url: 'https://medium.com/@liyicky/becoming-a-swift-developer-week-2-e6db6138af78' },
    ])
    expect(result.unmatchedArticles).toEqual(['_posts/2021-12-01-about.md'])
    expect(result).toMatchObject({ feedItemCount: 5, feedMayBeIncomplete: false, ambiguous: [] })
  })
})

import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { parseInputs } from '../../src/inputs.js'

const reader = (values: Record<string, string>) => (name: string) => values[name]

describe('parseInputs', () => {
  it('applies the documented defaults', () => {
    const inputs = parseInputs(reader({}), () => {})
    expect(inputs).toMatchObject({
      articles: ['content/**/*.md'],
      publishStatus: 'draft',
      notifyFollowers: false,
      images: 'auto',
      writeBack: 'commit',
      urlKey: 'mediumUrl',
      commitMessage: 'docs: record Medium URLs [skip ci]',
      dryRun: false,
      commentOnPr: true,
      maxArticles: 10,
      mediumApiUrl: 'https://api.medium.com/v1',
    })
    expect(inputs.mediumToken).toBeUndefined()
    expect(Object.isFrozen(inputs)).toBe(true)
  })

  it('masks both tokens before anything else', () => {
    const masked: string[] = []
    const inputs = parseInputs(reader({ 'medium-token': ' m-secret ', 'github-token': 'g-secret' }), (s) => masked.push(s))
    expect(masked).toEqual(['m-secret', 'g-secret'])
    expect(inputs.mediumToken).toBe('m-secret')
  })

  it('masks tokens even when a later input is invalid', () => {
    const masked: string[] = []
    expect(() =>
      parseInputs(reader({ 'medium-token': 'm-secret', 'github-token': 'g-secret', 'publish-status': 'bogus' }), (s) => masked.push(s)),
    ).toThrow(InputError)
    expect(masked).toEqual(['m-secret', 'g-secret'])
  })

  it('splits articles into lines, keeps ! excludes, drops blanks and comments', () => {
    const inputs = parseInputs(reader({ articles: 'posts/**/*.md\n\n# old ones\n!posts/archive/**\r\n' }), () => {})
    expect(inputs.articles).toEqual(['posts/**/*.md', '!posts/archive/**'])
  })

  it.each([
    ['publish-status', 'published', /'publish-status' is 'published'.*'draft', 'public', 'unlisted'/],
    ['images', 'inline', /'images' is 'inline'/],
    ['write-back', 'push', /'write-back' is 'push'/],
    ['dry-run', 'yes', /'dry-run' is 'yes': expected 'true' or 'false'/],
    ['max-articles', '0', /'max-articles' is '0'/],
    ['max-articles', 'ten', /'max-articles' is 'ten'/],
    ['license', 'MIT', /'license' is 'MIT'.*cc-40-by/],
    ['url-key', 'medium url', /'url-key' is 'medium url'/],
    ['canonical-url-template', 'example.com/{slug}', /absolute http\(s\) URL/],
    ['medium-api-url', 'http://api.medium.com/v1', /https/],
    ['articles', '!content/**', /no pattern to include/],
  ])('refuses %s: %s with a message quoting it', (name, value, message) => {
    expect(() => parseInputs(reader({ [name]: value }), () => {})).toThrow(message)
  })

  it('accepts loopback http for the Medium API (tests, the demo)', () => {
    expect(parseInputs(reader({ 'medium-api-url': 'http://127.0.0.1:4000/v1/' }), () => {}).mediumApiUrl).toBe('http://127.0.0.1:4000/v1')
  })
})

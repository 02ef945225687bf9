import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
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
      ['images/cover.jpg', 'https://cdn.example/cover.jpg'],
    ]),
  }
}

/** What an `input.json` may set: render input fields, the article maps as JSON (a list of paths, an object of URLs). */
type GoldenOverrides = Partial<
  Pick<RenderInput, 'path' | 'title' | 'subtitle' | 'cover' | 'coverLine' | 'footer' | 'bodyStartLine' | 'siteUrl' | 'mdx' | 'site'>
> & {
  articlePaths?: string[]
  articleUrls?: Record<string, string>
}

/**
 * The render input of a golden case folder (test/fixtures/render/<case>):
 * `fixtureInput` of its `input.md`, with its optional `input.json` on top.
 */
export function goldenInput(folder: string): RenderInput {
  const body = readFileSync(join(folder, 'input.md'), 'utf8')
  const overridesPath = join(folder, 'input.json')
  const overrides = existsSync(overridesPath) ? (JSON.parse(readFileSync(overridesPath, 'utf8')) as GoldenOverrides) : {}
  const { articlePaths, articleUrls, ...fields } = overrides
  return {
    ...fixtureInput(body),
    ...fields,
    ...(articlePaths === undefined ? {} : { articlePaths: new Set(articlePaths) }),
    ...(articleUrls === undefined ? {} : { articleUrls: new Map(Object.entries(articleUrls)) }),
  }
}

/** test/fixtures/render: one folder per golden case. */
export const GOLDEN_ROOT = join(import.meta.dirname, '../../fixtures/render')

/** The golden case folders, by name. */
export function goldenCases(): string[] {
  return readdirSync(GOLDEN_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/** The `input.md` bodies of all golden cases, one after the other: an article with every construct. */
export function allGoldenBodies(): string {
  return goldenCases()
    .map((name) => readFileSync(join(GOLDEN_ROOT, name, 'input.md'), 'utf8'))
    .join('\n\n')
}

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { searchFolders } from '../../src/site/detect.js'
import { resolveSite } from '../../src/site/resolve.js'

async function repository(files: Record<string, string | null>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpa-site-'))
  for (const [file, text] of Object.entries(files)) {
    const at = path.join(dir, file)
    if (text === null) await mkdir(at, { recursive: true })
    else {
      await mkdir(path.dirname(at), { recursive: true })
      await writeFile(at, text)
    }
  }
  return dir
}

describe('searchFolders', () => {
  it("searches each pattern's folders before its first glob segment, nearest first, then the root", () => {
    expect(searchFolders(['website/blog/**/*.md'])).toEqual(['website/blog', 'website', ''])
    expect(searchFolders(['blog/*/posts/*.md'])).toEqual(['blog', ''])
    expect(searchFolders(['*.md', '!drafts/*.md'])).toEqual([''])
  })
})

describe('resolveSite', () => {
  it('detects the generator and its base URL from the config nearest to the articles', async () => {
    const dir = await repository({ 'website/hugo.toml': 'baseURL = "https://blog.example/"\n', 'package.json': '{}' })
    expect(resolveSite({ site: 'auto' }, dir, ['website/content/**/*.md'])).toEqual({
      kind: 'hugo',
      root: 'website',
      why: 'found website/hugo.toml',
      siteUrl: 'https://blog.example',
    })
  })

  it('with a site input, still finds that generator’s config for the folder and base URL (an explicit site lost both)', async () => {
    const dir = await repository({
      'website/config.toml': 'base_url = "https://z.example"\n',
      'website/hugo.toml': 'baseURL = "https://h.example"\n',
    })
    expect(resolveSite({ site: 'zola' }, dir, ['website/content/**/*.md'])).toMatchObject({
      kind: 'zola',
      root: 'website',
      siteUrl: 'https://z.example',
    })
    expect(resolveSite({ site: 'hugo' }, dir, ['website/content/**/*.md'])).toMatchObject({
      kind: 'hugo',
      root: 'website',
      siteUrl: 'https://h.example',
    })
    expect(resolveSite({ site: 'jekyll' }, dir, ['website/content/**/*.md'])).toEqual({
      kind: 'jekyll',
      root: '',
      why: "the 'site' input says jekyll",
    })
    expect(resolveSite({ site: 'hugo', siteUrl: 'https://given.example' }, dir, ['website/**/*.md']).siteUrl).toBe('https://given.example')
  })

  it('reads Hugo’s config/_default folder, and is not thrown by a folder named like a config file', async () => {
    const dir = await repository({ 'config/_default/hugo.toml': 'baseURL = "https://d.example"\n', '_config.yml': null })
    expect(resolveSite({ site: 'auto' }, dir, ['content/**/*.md'])).toMatchObject({ kind: 'hugo', root: '', siteUrl: 'https://d.example' })
  })
})

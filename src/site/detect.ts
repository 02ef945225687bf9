/**
 * Which generator the articles belong to (`site: auto`), found once per run from the config file its
 * site has, and the site's base URL from that file. The site's folder is searched from the folders the
 * `articles` globs name up to the repository root, so a blog in `website/` of a monorepo is found too.
 *
 * Config files are read as text, never run: the base URL is taken from the one line that sets it
 * (`baseURL = "…"`, `url: …` + `baseurl: …`, `site: '…'`, `SITEURL = '…'`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { SiteKind } from '../core/site.js'

export interface DetectedSite {
  kind: SiteKind
  /** The site's folder, workspace-relative ('' for the repository root). */
  root: string
  /** Why this kind: the config file found, or the input that said so. */
  why: string
  /** The site's base URL, from its config; undefined when it has none. */
  siteUrl?: string
}

/** Config files by generator, in the order they are looked for in one folder (the more specific first). */
const CONFIG_FILES: ReadonlyArray<[SiteKind, readonly string[]]> = [
  ['docusaurus', ['docusaurus.config.ts', 'docusaurus.config.js', 'docusaurus.config.mjs', 'docusaurus.config.cjs']],
  ['astro', ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.cjs', 'astro.config.mts']],
  ['gatsby', ['gatsby-config.js', 'gatsby-config.ts', 'gatsby-config.mjs']],
  ['next', ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.cjs']],
  ['eleventy', ['eleventy.config.js', 'eleventy.config.mjs', 'eleventy.config.cjs', '.eleventy.js', '.eleventy.cjs']],
  ['pelican', ['pelicanconf.py']],
  ['jekyll', ['_config.yml', '_config.yaml']],
  ['hugo', ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config/_default/hugo.toml', 'config/_default/config.toml']],
]

/** The folders to search for a site, nearest to the articles first: each pattern's folders before its first glob segment. */
export function searchFolders(patterns: readonly string[]): string[] {
  const folders: string[] = []
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) continue
    const parts = pattern.split('/').slice(0, -1)
    const firstGlob = parts.findIndex((part) => /[*?[\]{}()!]/.test(part))
    const fixed = firstGlob === -1 ? parts : parts.slice(0, firstGlob)
    for (let n = fixed.length; n >= 0; n--) {
      const folder = fixed.slice(0, n).join('/')
      if (!folders.includes(folder)) folders.push(folder)
    }
  }
  if (!folders.includes('')) folders.push('')
  return folders
}

/**
 * The site of the articles, or `plain` when no folder has a known config file. With `only`, the
 * generator is known (the `site` input): its config is looked for all the same, for the site's
 * folder and base URL.
 */
export function detectSite(workspace: string, patterns: readonly string[], only?: SiteKind): DetectedSite | undefined {
  for (const folder of searchFolders(patterns)) {
    const found = siteIn(workspace, folder, only)
    if (found) return found
  }
  return only === undefined ? { kind: 'plain', root: '', why: 'no config file of a known generator was found' } : undefined
}

/** The names in a folder (one listing per folder: no stat per config name), empty when it cannot be read. */
function listing(dir: string): Set<string> {
  try {
    return new Set(readdirSync(dir))
  } catch {
    return new Set()
  }
}

function siteIn(workspace: string, folder: string, only: SiteKind | undefined): DetectedSite | undefined {
  const at = (file: string) => (folder ? `${folder}/${file}` : file)
  const names = listing(path.join(workspace, folder))
  const has = (file: string) => {
    const [first] = file.split('/')
    if (!names.has(first!)) return false
    if (first === file) return true
    return listing(path.join(workspace, at(path.posix.dirname(file)))).has(path.posix.basename(file))
  }
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(path.join(workspace, at(file)), 'utf8')
    } catch {
      return undefined // a folder of that name, or unreadable: no config here
    }
  }
  for (const [kind, files] of CONFIG_FILES) {
    if (only !== undefined && only !== kind) continue
    const file = files.find(has)
    const text = file === undefined ? undefined : read(file)
    if (text !== undefined) return withUrl({ kind, root: folder, why: `found ${at(file!)}` }, siteUrlOf(kind, text))
  }
  // config.toml / config.yaml: Hugo's old names, and Zola's (which says `base_url`).
  if (only !== undefined && only !== 'hugo' && only !== 'zola') return undefined
  for (const file of ['config.toml', 'config.yaml', 'config.yml', 'config.json']) {
    const text = has(file) ? read(file) : undefined
    if (text === undefined) continue
    const zola: boolean = file === 'config.toml' && /^\s*base_url\s*=/m.test(text)
    const hugo: boolean =
      !zola && (only === 'hugo' || /^\s*"?baseurl"?\s*[:=]/im.test(text) || /^\s*(?:title|theme|languageCode)\s*[:=]/m.test(text))
    const kind: SiteKind | undefined = zola ? 'zola' : hugo ? 'hugo' : undefined
    if (kind !== undefined && (only === undefined || only === kind)) {
      return withUrl({ kind, root: folder, why: `found ${at(file)}${zola ? ' with base_url' : ''}` }, siteUrlOf(kind, text))
    }
  }
  return undefined
}

function withUrl(site: DetectedSite, siteUrl: string | undefined): DetectedSite {
  return siteUrl ? { ...site, siteUrl } : site
}

/** The base URL a config file sets, by generator; undefined when it sets none (or only a placeholder). */
export function siteUrlOf(kind: SiteKind, text: string): string | undefined {
  const value = (pattern: RegExp) => pattern.exec(text)?.[1]?.trim()
  let url: string | undefined
  switch (kind) {
    case 'hugo':
      url = value(/^\s*"?baseurl"?\s*[:=]\s*["']?([^"'\s#]+)/im)
      break
    case 'zola':
      url = value(/^\s*base_url\s*=\s*["']([^"']+)["']/m)
      break
    case 'jekyll': {
      const site = value(/^url\s*:\s*["']?([^"'\s#]+)/m)
      const base = value(/^baseurl\s*:\s*["']?([^"'\s#]*)/m) ?? ''
      url = site ? site.replace(/\/+$/, '') + (base && base !== '/' ? `/${base.replace(/^\/+|\/+$/g, '')}` : '') : undefined
      break
    }
    case 'astro':
      url = value(/\bsite\s*:\s*["'`]([^"'`]+)["'`]/)
      break
    case 'docusaurus': {
      const site = value(/\burl\s*:\s*["'`]([^"'`]+)["'`]/)
      const base = value(/\bbaseUrl\s*:\s*["'`]([^"'`]*)["'`]/) ?? ''
      url = site ? site.replace(/\/+$/, '') + (base && base !== '/' ? `/${base.replace(/^\/+|\/+$/g, '')}` : '') : undefined
      break
    }
    case 'gatsby':
      url = value(/\bsiteUrl\s*:\s*["'`]([^"'`]+)["'`]/)
      break
    case 'pelican':
      url = value(/^SITEURL\s*=\s*["']([^"']+)["']/m)
      break
    default:
      url = undefined
  }
  return url && /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(url) ? url.replace(/\/+$/, '') : undefined
}

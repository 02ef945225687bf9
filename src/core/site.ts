import type { FileNameDates } from './dates.js'
import type { FrontMatterOptions } from './frontmatter/block.js'

/**
 * The blog generator an article belongs to, and the few rules where generators disagree (DESIGN.md
 * "Existing blogs"): how a draft is marked, where root-absolute images are served from, whether a file
 * name carries the date, how Pelican's metadata lines and Zola's `[extra]` table are used. Pure data;
 * the detection (which config file the repository has) is in src/site/.
 */

export const SITE_KINDS = [
  'hugo',
  'jekyll',
  'astro',
  'eleventy',
  'docusaurus',
  'next',
  'gatsby',
  'zola',
  'pelican',
  'devto',
  'hashnode',
  'plain',
] as const

/**
 * The generator a blog is built with: the `site` input once resolved (`auto` detected from the
 * repository's config files). It decides which template syntax is live (`{{ x }}` is Liquid to Jekyll
 * and text to Hugo), how drafts are marked, where images are served from.
 */
export type SiteKind = (typeof SITE_KINDS)[number]

export interface SiteRules {
  /** Folders a root-absolute image or link (`/images/a.png`) is served from, first match wins; '' is the repository root. */
  staticDirs: readonly string[]
  /**
   * `2014-09-02-slug.md` (or a folder of that name): the date and the slug come from the name
   * (`'name'`), or from the whole path, `2014/09-02-slug/index.mdx` (`'path'`, Docusaurus).
   */
  fileNameDates: FileNameDates
  /** Jekyll: an article without a title takes it from its file name ("2014-09-02-hello-world.md" is "Hello World"). */
  titleFromFileName: boolean
  /** dev.to: an article without `published: true` is a draft. */
  draftUnlessPublished: boolean
  /** Pelican / MultiMarkdown `Key: value` lines at the top are the front-matter. */
  metadataLines: boolean
  /** Zola rejects unknown top-level keys: ours live in the `[extra]` table. */
  keysInExtra: boolean
}

const DEFAULT: SiteRules = {
  staticDirs: [''],
  fileNameDates: false,
  titleFromFileName: false,
  draftUnlessPublished: false,
  metadataLines: false,
  keysInExtra: false,
}

export const SITE_RULES: Readonly<Record<SiteKind, SiteRules>> = {
  hugo: { ...DEFAULT, staticDirs: ['static', ''] },
  jekyll: { ...DEFAULT, fileNameDates: 'name', titleFromFileName: true },
  astro: { ...DEFAULT, staticDirs: ['public', ''] },
  eleventy: { ...DEFAULT, fileNameDates: 'name' },
  docusaurus: { ...DEFAULT, staticDirs: ['static', ''], fileNameDates: 'path' },
  next: { ...DEFAULT, staticDirs: ['public', ''] },
  gatsby: { ...DEFAULT, staticDirs: ['static', 'public', ''] },
  zola: { ...DEFAULT, staticDirs: ['static', ''], keysInExtra: true },
  pelican: { ...DEFAULT, staticDirs: ['content', ''], metadataLines: true },
  devto: { ...DEFAULT, draftUnlessPublished: true },
  hashnode: DEFAULT,
  plain: DEFAULT,
}

/** How the front-matter of this generator's articles is read and written: Pelican metadata lines, Zola's `[extra]`. */
export function frontMatterOptions(site: SiteKind | undefined): FrontMatterOptions {
  const rules = SITE_RULES[site ?? 'plain']
  return { ...(rules.metadataLines ? { metadataLines: true } : {}), ...(rules.keysInExtra ? { table: 'extra' } : {}) }
}

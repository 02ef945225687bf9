/**
 * Every input of the action, defined once: name, default, description and parser. From this table:
 * `getInputs` builds the frozen, typed `Inputs` (tokens masked first); the CLI derives its options and
 * `--help`; `npm run docs` writes the inputs of action.yml and the README's table, and
 * test/unit/inputs-table.test.ts fails when either drifts from it.
 */
import * as core from '@actions/core'
import { InputError } from './errors.js'
import type { ArticleDefaults, PostFields } from './core/fields.js'
import { readDate, DATE_FORMATS_HINT } from './core/dates.js'
import { LICENSES, PUBLISH_STATUSES, type License } from './core/settings.js'
import { SITE_KINDS } from './core/site.js'
import { checkMediumApiUrl } from './medium/api-url.js'

export interface InputDefinition<T> {
  /** The name in action.yml (`medium-token`). */
  name: string
  /** The default in action.yml and the README; none when absent. */
  default?: string
  description: string
  /** The value from the raw text (undefined: not set, the default applies). */
  parse(raw: string | undefined, name: string): T
  /** Masked the moment it is read, redacted from everything written. */
  secret?: boolean
  /** The CLI option, `--<name> <placeholder>`; false when the CLI has no such option. */
  cli: { placeholder: string } | false
  /** The post field whose default this input is (see core/fields.ts). */
  field?: keyof PostFields
}

const input = <T>(definition: InputDefinition<T>) => definition

const text = (raw: string | undefined) => (raw === undefined || raw.trim() === '' ? undefined : raw.trim())
const secret = (raw: string | undefined) => text(raw)

function oneOf<T extends string>(allowed: readonly T[], fallback: T) {
  return (raw: string | undefined, name: string): T => {
    const value = text(raw) ?? fallback
    if ((allowed as readonly string[]).includes(value)) return value as T
    throw new InputError(`Input '${name}' is '${value}': expected one of ${allowed.map((a) => `'${a}'`).join(', ')}.`)
  }
}

function bool(fallback: boolean) {
  return (raw: string | undefined, name: string): boolean => {
    const value = text(raw)
    if (value === undefined) return fallback
    // The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts.
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    throw new InputError(`Input '${name}' is '${value}': expected 'true' or 'false'.`)
  }
}

function patterns(raw: string | undefined, name: string): string[] {
  const lines = (raw ?? 'content/**/*.md')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  if (lines.filter((p) => !p.startsWith('!')).length === 0) {
    throw new InputError(`Input '${name}' has no pattern to include. Give at least one glob, e.g. 'content/**/*.md'.`)
  }
  return lines
}

function frontMatterKey(raw: string | undefined, name: string): string {
  const key = text(raw) ?? 'mediumUrl'
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return key
  throw new InputError(`Input '${name}' is '${key}': expected a plain front-matter key such as 'mediumUrl' (letters, digits, '_' or '-').`)
}

function wholeNumber(fallback: number) {
  return (raw: string | undefined, name: string): number => {
    const value = text(raw) ?? String(fallback)
    const n = Number(value)
    if (Number.isInteger(n) && n >= 1) return n
    throw new InputError(`Input '${name}' is '${value}': expected a whole number of at least 1.`)
  }
}

function license(raw: string | undefined, name: string): License | undefined {
  const value = text(raw)
  if (value === undefined || (LICENSES as readonly string[]).includes(value)) return value as License | undefined
  throw new InputError(`Input '${name}' is '${value}': expected one of ${LICENSES.join(', ')}.`)
}

function siteUrl(raw: string | undefined, name: string): string | undefined {
  const value = text(raw)
  if (value === undefined) return undefined
  if (/^https?:\/\/[^\s/]+/i.test(value)) return value.replace(/\/+$/, '')
  throw new InputError(
    `Input '${name}' is '${value}': expected the absolute http(s) URL of your site, such as 'https://example.com' or 'https://example.com/blog'.`,
  )
}

function date(raw: string | undefined, name: string): Date | undefined {
  const value = text(raw)
  if (value === undefined) return undefined
  const parsed = readDate(value)
  if (parsed) return parsed
  throw new InputError(`Input '${name}' is '${value}': expected a date such as ${DATE_FORMATS_HINT}.`)
}

function urlTemplate(raw: string | undefined, name: string): string | undefined {
  const value = text(raw)
  if (value === undefined || /^https?:\/\//i.test(value)) return value
  throw new InputError(`Input '${name}' is '${value}': expected an absolute http(s) URL such as 'https://example.com/blog/{slug}/'.`)
}

export const INPUTS = {
  mediumToken: input({
    name: 'medium-token',
    description: 'Medium integration token, from a repository secret. Required to publish; not needed for validation. Masked at once.',
    parse: secret,
    secret: true,
    cli: false,
  }),
  githubToken: input({
    name: 'github-token',
    default: '${{ github.token }}',
    description: 'Token for the write-back commit (needs `contents: write`) and the PR comment (`pull-requests: write`).',
    parse: secret,
    secret: true,
    cli: false,
  }),
  articles: input({
    name: 'articles',
    default: 'content/**/*.md',
    description: 'Glob(s) of article files, one per line, relative to the workspace. `!pattern` excludes.',
    parse: patterns,
    cli: false,
  }),
  publishStatus: input({
    name: 'publish-status',
    default: 'draft',
    description:
      "publishStatus for articles whose front-matter has none: `draft`, `public` or `unlisted`. Medium's own default is public; ours is the safe one.",
    parse: oneOf(PUBLISH_STATUSES, 'draft'),
    cli: { placeholder: 'status' },
    field: 'publishStatus',
  }),
  publicationId: input({
    name: 'publication-id',
    description:
      'Publish into this Medium publication instead of your profile. Writers of a publication can only submit drafts: a non-draft article is an error before anything is sent.',
    parse: text,
    cli: { placeholder: 'id' },
  }),
  license: input({
    name: 'license',
    description:
      'Default license: `all-rights-reserved`, `cc-40-by`, `cc-40-by-sa`, `cc-40-by-nd`, `cc-40-by-nc`, `cc-40-by-nc-nd`, `cc-40-by-nc-sa`, `cc-40-zero`, `public-domain`.',
    parse: license,
    cli: { placeholder: 'license' },
    field: 'license',
  }),
  notifyFollowers: input({
    name: 'notify-followers',
    default: 'false',
    description: 'Default notifyFollowers.',
    parse: bool(false),
    cli: { placeholder: 'bool' },
    field: 'notifyFollowers',
  }),
  canonicalUrlTemplate: input({
    name: 'canonical-url-template',
    description:
      'e.g. `https://example.com/blog/{slug}/`: `{slug}` is the front-matter `slug` or the file name without extension, `{path}` the path without extension. For articles without `canonicalUrl`.',
    parse: urlTemplate,
    cli: { placeholder: 'template' },
  }),
  images: input({
    name: 'images',
    default: 'auto',
    description:
      'Local images: `upload` (to Medium; works for private repositories), `link` (the raw file URL pinned to the commit; public repositories only) or `auto` (`link` when the event says the repository is public, else `upload`).',
    parse: oneOf(['upload', 'link', 'auto'] as const, 'auto'),
    cli: false,
  }),
  writeBack: input({
    name: 'write-back',
    default: 'commit',
    description:
      '`commit`: record each URL in its article and commit through the GitHub API (the workspace files are edited too); `files`: edit the workspace files only; `none`: edit nothing (outputs only).',
    parse: oneOf(['commit', 'files', 'none'] as const, 'commit'),
    cli: false,
  }),
  urlKey: input({
    name: 'url-key',
    default: 'mediumUrl',
    description: 'Front-matter key that holds the Medium URL. Present and non-empty means "already published".',
    parse: frontMatterKey,
    cli: { placeholder: 'key' },
  }),
  commitMessage: input({
    name: 'commit-message',
    default: 'docs: record Medium URLs [skip ci]',
    description: 'Message of the write-back commit.',
    parse: (raw) => raw ?? 'docs: record Medium URLs [skip ci]',
    cli: false,
  }),
  dryRun: input({
    name: 'dry-run',
    default: 'false',
    description: 'Validate and render, publish nothing, write nothing.',
    parse: bool(false),
    cli: false,
  }),
  commentOnPr: input({
    name: 'comment-on-pr',
    default: 'true',
    description: 'On pull requests, keep one comment (created once, then edited) with what would be published, warnings and errors.',
    parse: bool(true),
    cli: false,
  }),
  maxArticles: input({
    name: 'max-articles',
    default: '10',
    description: 'If more valid new articles than this would be published in one run, publish none and fail, listing them.',
    parse: wholeNumber(10),
    cli: { placeholder: 'n' },
  }),
  mediumApiUrl: input({
    name: 'medium-api-url',
    default: 'https://api.medium.com/v1',
    description: 'Base URL of the Medium API. Must be https, except for loopback hosts.',
    parse: (raw) => checkMediumApiUrl(text(raw) ?? 'https://api.medium.com/v1'),
    cli: { placeholder: 'url' },
  }),
  site: input({
    name: 'site',
    default: 'auto',
    description:
      "The generator the articles belong to, for the rules where they disagree (drafts, dates in file names, image folders, template syntax): `auto` (detected from the repository's config files), `hugo`, `jekyll`, `astro`, `eleventy`, `docusaurus`, `next`, `gatsby`, `zola`, `pelican`, `devto`, `hashnode`, `plain`.",
    parse: oneOf([...SITE_KINDS, 'auto'] as const, 'auto'),
    cli: { placeholder: 'generator' },
  }),
  siteUrl: input({
    name: 'site-url',
    description:
      "Base URL of your site (default: from the site's config, e.g. Hugo `baseURL`, Jekyll `url` + `baseurl`, Astro `site`), for `{{ site.url }}`-style values, root-relative links and `{site}` in `canonical-url-template`.",
    parse: siteUrl,
    cli: { placeholder: 'url' },
  }),
  since: input({
    name: 'since',
    description:
      'A date: articles dated before it are never candidates (reported as "older than since"). How a blog with years of posts adopts the action without publishing its archive.',
    parse: date,
    cli: { placeholder: 'date' },
  }),
  backdate: input({
    name: 'backdate',
    default: 'true',
    description: "Send an article's past `date` as Medium's `publishedAt`, so a cross-posted article keeps its original date.",
    parse: bool(true),
    cli: { placeholder: 'bool' },
  }),
  footer: input({
    name: 'footer',
    description:
      'Markdown appended to every published article, with `{canonicalUrl}`, `{title}` and `{url}` (the article in the repository) filled in; e.g. `_Originally published at {canonicalUrl}._`',
    parse: (raw) => (raw === undefined || raw.trim() === '' ? undefined : raw),
    cli: { placeholder: 'markdown' },
  }),
} as const

type Definitions = typeof INPUTS
/** Every input, typed and checked. */
export type Inputs = { readonly [K in keyof Definitions]: ReturnType<Definitions[K]['parse']> }

/** Reads a raw input by its action.yml name: undefined when unset. */
export type ReadInput = (name: string) => string | undefined

export function actionsInput(name: string): string | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : value
}

/** Builds the frozen Inputs from raw values. Secrets are masked before anything else is read, so no later message can print them. */
export function parseInputs(read: ReadInput, mask: (secret: string) => void = core.setSecret): Inputs {
  const entries = Object.entries(INPUTS) as Array<[keyof Definitions, InputDefinition<unknown>]>
  for (const [, definition] of entries) {
    const value = definition.secret ? text(read(definition.name)) : undefined
    if (value) mask(value)
  }
  const secrets = entries
    .flatMap(([, d]) => (d.secret ? [text(read(d.name))] : []))
    .filter((v): v is string => v !== undefined && v.length >= 4)
  const inputs: Record<string, unknown> = {}
  for (const [property, definition] of entries) {
    const raw = read(definition.name)
    // A token pasted into another input would be written where secrets never go (a commit message, a PR title).
    if (!definition.secret && raw !== undefined && secrets.some((secret) => raw.includes(secret))) {
      throw new InputError(`Input '${definition.name}' contains a token (one of the secret inputs): remove it. Nothing was sent.`)
    }
    inputs[property] = definition.parse(raw, definition.name)
  }
  return Object.freeze(inputs) as Inputs
}

/** The secrets among the inputs: what every text written anywhere is redacted of. */
export function secretsOf(inputs: Inputs): string[] {
  const entries = Object.entries(INPUTS) as Array<[keyof Definitions, InputDefinition<unknown>]>
  return entries.flatMap(([property, definition]) =>
    definition.secret && typeof inputs[property] === 'string' ? [inputs[property] as string] : [],
  )
}

/** The defaults the pure core applies to an article's front-matter: each input that names a post field, and the article settings. */
export function articleDefaults(inputs: Inputs): ArticleDefaults {
  const defaults: ArticleDefaults = { urlKey: inputs.urlKey, canonicalUrlTemplate: inputs.canonicalUrlTemplate }
  for (const [property, definition] of Object.entries(INPUTS) as Array<[keyof Definitions, InputDefinition<unknown>]>) {
    if (definition.field && inputs[property] !== undefined)
      (defaults as unknown as Record<string, unknown>)[definition.field] = inputs[property]
  }
  return defaults
}

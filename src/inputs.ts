import * as core from '@actions/core'
import { InputError } from './errors.js'
import { checkMediumApiUrl } from './medium/client.js'
import {
  LICENSES,
  PUBLISH_STATUSES,
  type ArticleDefaults,
  type ImagesMode,
  type License,
  type PublishStatus,
  type WriteBack,
} from './core/settings.js'

/** Every input of action.yml, typed and checked once. */
export interface Inputs {
  mediumToken?: string
  githubToken?: string
  articles: string[]
  publishStatus: PublishStatus
  publicationId?: string
  license?: License
  notifyFollowers: boolean
  canonicalUrlTemplate?: string
  images: ImagesMode
  writeBack: WriteBack
  urlKey: string
  commitMessage: string
  dryRun: boolean
  commentOnPr: boolean
  maxArticles: number
  mediumApiUrl: string
}

export const INPUT_DEFAULTS = {
  articles: 'content/**/*.md',
  publishStatus: 'draft',
  notifyFollowers: 'false',
  images: 'auto',
  writeBack: 'commit',
  urlKey: 'mediumUrl',
  commitMessage: 'docs: record Medium URLs [skip ci]',
  dryRun: 'false',
  commentOnPr: 'true',
  maxArticles: '10',
  mediumApiUrl: 'https://api.medium.com/v1',
} as const

/** Reads a raw input: `''` (unset) becomes undefined. */
export type ReadInput = (name: string) => string | undefined

export function actionsInput(name: string): string | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : value
}

/**
 * Builds the frozen Inputs from raw input values. Secrets are masked before
 * anything else happens, so no later message can print them.
 */
export function parseInputs(read: ReadInput, mask: (secret: string) => void = core.setSecret): Readonly<Inputs> {
  const mediumToken = read('medium-token')?.trim()
  if (mediumToken) mask(mediumToken)
  const githubToken = read('github-token')?.trim()
  if (githubToken) mask(githubToken)

  const articles = (read('articles') ?? INPUT_DEFAULTS.articles)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  if (articles.filter((p) => !p.startsWith('!')).length === 0) {
    throw new InputError(`Input 'articles' has no pattern to include. Give at least one glob, e.g. 'content/**/*.md'.`)
  }

  const urlKey = (read('url-key') ?? INPUT_DEFAULTS.urlKey).trim()
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(urlKey)) {
    throw new InputError(
      `Input 'url-key' is '${urlKey}': expected a plain front-matter key such as 'mediumUrl' (letters, digits, '_' or '-').`,
    )
  }

  const maxArticlesRaw = read('max-articles') ?? INPUT_DEFAULTS.maxArticles
  const maxArticles = Number(maxArticlesRaw)
  if (!Number.isInteger(maxArticles) || maxArticles < 1) {
    throw new InputError(`Input 'max-articles' is '${maxArticlesRaw}': expected a whole number of at least 1.`)
  }

  const license = read('license')
  if (license !== undefined && !(LICENSES as readonly string[]).includes(license)) {
    throw new InputError(`Input 'license' is '${license}': expected one of ${LICENSES.join(', ')}.`)
  }

  const canonicalUrlTemplate = read('canonical-url-template')
  if (canonicalUrlTemplate !== undefined && !/^https?:\/\//i.test(canonicalUrlTemplate)) {
    throw new InputError(
      `Input 'canonical-url-template' is '${canonicalUrlTemplate}': expected an absolute http(s) URL such as 'https://example.com/blog/{slug}/'.`,
    )
  }

  const inputs: Inputs = {
    mediumToken: mediumToken || undefined,
    githubToken: githubToken || undefined,
    articles,
    publishStatus: oneOf(read, 'publish-status', PUBLISH_STATUSES, INPUT_DEFAULTS.publishStatus),
    publicationId: read('publication-id')?.trim() || undefined,
    license: license as License | undefined,
    notifyFollowers: bool(read, 'notify-followers', INPUT_DEFAULTS.notifyFollowers),
    canonicalUrlTemplate,
    images: oneOf(read, 'images', ['upload', 'link', 'auto'] as const, INPUT_DEFAULTS.images),
    writeBack: oneOf(read, 'write-back', ['commit', 'files', 'none'] as const, INPUT_DEFAULTS.writeBack),
    urlKey,
    commitMessage: read('commit-message') ?? INPUT_DEFAULTS.commitMessage,
    dryRun: bool(read, 'dry-run', INPUT_DEFAULTS.dryRun),
    commentOnPr: bool(read, 'comment-on-pr', INPUT_DEFAULTS.commentOnPr),
    maxArticles,
    mediumApiUrl: checkMediumApiUrl((read('medium-api-url') ?? INPUT_DEFAULTS.mediumApiUrl).trim()),
  }
  return Object.freeze(inputs)
}

function oneOf<T extends string>(read: ReadInput, name: string, allowed: readonly T[], fallback: string): T {
  const value = (read(name) ?? fallback).trim()
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(`Input '${name}' is '${value}': expected one of ${allowed.map((a) => `'${a}'`).join(', ')}.`)
}

function bool(read: ReadInput, name: string, fallback: string): boolean {
  const value = (read(name) ?? fallback).trim()
  // The YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts.
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input '${name}' is '${value}': expected 'true' or 'false'.`)
}

/** The defaults the pure core applies to an article's front-matter. */
export function articleDefaults(inputs: Inputs): ArticleDefaults {
  return {
    urlKey: inputs.urlKey,
    publishStatus: inputs.publishStatus,
    license: inputs.license,
    notifyFollowers: inputs.notifyFollowers,
    canonicalUrlTemplate: inputs.canonicalUrlTemplate,
  }
}

/**
 * validate: Medium's rules for one candidate article (pure).
 *
 * Collects every error of an article, not just the first, each at the line of the key it is about
 * (or of the body), with the value quoted, what is expected and how to fix it. Input defaults apply
 * only when a key is absent: a value that is present but wrong is an error, never a fallback.
 */
import type { ArticleSource, FrontMatter, PostFields, ValidArticle } from './article.js'
import type { Diagnostic } from './diagnostic.js'
import { LICENSES, PUBLISH_STATUSES, type ArticleDefaults, type License, type PublishStatus } from './settings.js'
import { suggestNearest } from './suggest.js'

export const MAX_TITLE_LENGTH = 100
export const MAX_TAGS = 3
export const MAX_TAG_LENGTH = 25

export type ValidationResult = { ok: true; article: ValidArticle } | { ok: false; diagnostics: Diagnostic[] }

const PUBLISH_STATUS_ALIASES: Record<string, PublishStatus> = {
  published: 'public',
  publish: 'public',
  live: 'public',
  private: 'unlisted',
  hidden: 'unlisted',
  drafts: 'draft',
  drafted: 'draft',
}

const LICENSE_ALIASES: Record<string, License> = {
  'cc-by': 'cc-40-by',
  'cc-by-4-0': 'cc-40-by',
  'cc-by-sa': 'cc-40-by-sa',
  'cc-by-sa-4-0': 'cc-40-by-sa',
  'cc-by-nd': 'cc-40-by-nd',
  'cc-by-nd-4-0': 'cc-40-by-nd',
  'cc-by-nc': 'cc-40-by-nc',
  'cc-by-nc-4-0': 'cc-40-by-nc',
  'cc-by-nc-nd': 'cc-40-by-nc-nd',
  'cc-by-nc-nd-4-0': 'cc-40-by-nc-nd',
  'cc-by-nc-sa': 'cc-40-by-nc-sa',
  'cc-by-nc-sa-4-0': 'cc-40-by-nc-sa',
  cc0: 'cc-40-zero',
  'cc0-1-0': 'cc-40-zero',
  'cc-zero': 'cc-40-zero',
  copyright: 'all-rights-reserved',
  public: 'public-domain',
  pd: 'public-domain',
}

export function validateArticle(
  candidate: { source: ArticleSource; frontMatter: FrontMatter },
  defaults: ArticleDefaults,
): ValidationResult {
  const { source, frontMatter } = candidate
  const data = frontMatter.data
  const errors: Diagnostic[] = []
  const keyLine = (key: string): number => frontMatter.keyLines[key] ?? 1
  const error = (ruleId: string, line: number, message: string): void => {
    errors.push({ path: source.path, line, severity: 'error', ruleId, message })
  }

  const title = checkTitle(frontMatter, keyLine, error)
  checkBody(frontMatter, error)
  const tags = checkTags(data, keyLine, error)
  const publishStatus = checkPublishStatus(data, defaults, keyLine, error)
  const license = checkLicense(data, defaults, keyLine, error)
  const notifyFollowers = checkNotifyFollowers(data, defaults, keyLine, error)
  const slug = checkSlug(source, data, keyLine, error)
  const canonicalUrl = checkCanonicalUrl(source, data, defaults, slug, keyLine, error)

  if (errors.length > 0 || title === undefined || tags === undefined || slug === undefined) {
    return { ok: false, diagnostics: errors }
  }
  const post: PostFields = { title, tags, publishStatus: publishStatus as PublishStatus, notifyFollowers: notifyFollowers as boolean }
  if (canonicalUrl !== undefined) post.canonicalUrl = canonicalUrl
  if (license !== undefined) post.license = license
  return { ok: true, article: { source, frontMatter, post, slug, diagnostics: [] } }
}

type Report = (ruleId: string, line: number, message: string) => void
type KeyLine = (key: string) => number

/** How a front-matter value reads in a message: strings quoted, other types named. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return `${String(value)} (a number)`
  if (typeof value === 'boolean') return `${String(value)} (a boolean)`
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'an invalid date' : `${value.toISOString()} (a date)`
  }
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`
  if (typeof value === 'object') return `a mapping (${JSON.stringify(value)})`
  return String(value)
}

function has(data: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(data, key)
}

// ---------------------------------------------------------------- title

/** The first ATX `# ` heading of the body, outside fenced code, with its line in the file. */
export function findTitleHeading(frontMatter: FrontMatter): { text: string; line: number } | undefined {
  const lines = frontMatter.body.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  let fence: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence !== undefined) {
      if (fenceMatch?.[1] && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && /^ {0,3}[`~]+[ \t]*$/.test(line)) {
        fence = undefined
      }
      continue
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1]
      continue
    }
    const heading = /^ {0,3}#(?:[ \t]+(.*?))?[ \t]*$/.exec(line)
    if (heading) {
      const text = (heading[1] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim()
      return { text, line: frontMatter.bodyStartLine + i }
    }
  }
  return undefined
}

const EMPTY_TITLE_IN_FRONT_MATTER =
  'The title is empty: `title:` has no text, and Medium needs a title. Write the title after `title:`, or delete the line to use the first `# ` heading.'
const EMPTY_TITLE_IN_HEADING =
  'The title is empty: the first `# ` heading has no text, and Medium needs a title. Write the title after `# `, or add `title:` to the front-matter.'

function checkTitle(frontMatter: FrontMatter, keyLine: KeyLine, error: Report): string | undefined {
  const data = frontMatter.data
  let title: string
  let line: number
  let fromHeading: boolean
  if (has(data, 'title')) {
    const value = data.title
    line = keyLine('title')
    fromHeading = false
    if (value === null || value === undefined) {
      error('title-empty', line, EMPTY_TITLE_IN_FRONT_MATTER)
      return undefined
    }
    if (typeof value !== 'string') {
      const asText = value instanceof Date ? value.toISOString().slice(0, 10) : Array.isArray(value) ? value.join(', ') : String(value)
      error(
        'title-type',
        line,
        `The title ${describeValue(value)} is not text: expected a text title. Put it in quotes, e.g. title: ${JSON.stringify(asText)}.`,
      )
      return undefined
    }
    title = value.trim()
  } else {
    const heading = findTitleHeading(frontMatter)
    if (!heading) {
      error(
        'title-missing',
        frontMatter.hasBlock ? 1 : frontMatter.bodyStartLine,
        'The article has no title: no `title:` in the front-matter and no `# ` heading in the body. Add `title: Your title` to the front-matter, or start the body with `# Your title`.',
      )
      return undefined
    }
    title = heading.text
    line = heading.line
    fromHeading = true
  }
  if (title === '') {
    error('title-empty', line, fromHeading ? EMPTY_TITLE_IN_HEADING : EMPTY_TITLE_IN_FRONT_MATTER)
    return undefined
  }
  const length = [...title].length
  if (length > MAX_TITLE_LENGTH) {
    error(
      'title-too-long',
      line,
      `The title ${JSON.stringify(title)} (${fromHeading ? 'the first `# ` heading' : '`title:` in the front-matter'}) is ${length} characters long: Medium allows at most ${MAX_TITLE_LENGTH}. Shorten it by ${length - MAX_TITLE_LENGTH} characters.`,
    )
    return undefined
  }
  return title
}

// ---------------------------------------------------------------- body

function checkBody(frontMatter: FrontMatter, error: Report): void {
  if (frontMatter.body.replace(/^\uFEFF/, '').trim() === '') {
    error(
      'body-empty',
      frontMatter.bodyStartLine,
      'The article has no body: there is nothing after the front-matter. Write the article below the closing `---`, or set `publish: false` to keep it out of Medium.',
    )
  }
}

// ---------------------------------------------------------------- tags

function checkTags(data: Record<string, unknown>, keyLine: KeyLine, error: Report): string[] | undefined {
  if (!has(data, 'tags')) return []
  const value = data.tags
  const line = keyLine('tags')
  if (value === null || value === undefined) return []
  let tags: string[]
  if (typeof value === 'string') {
    tags = value
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '')
  } else if (Array.isArray(value)) {
    const notText = value.filter((tag) => typeof tag !== 'string')
    if (notText.length > 0) {
      error(
        'tags-type',
        line,
        `The tags contain ${notText.map(describeValue).join(', ')}, which ${notText.length === 1 ? 'is' : 'are'} not text: each tag must be text. Put ${notText.length === 1 ? 'it' : 'them'} in quotes, e.g. tags: [${value.map((tag) => JSON.stringify(String(tag))).join(', ')}].`,
      )
      return undefined
    }
    tags = (value as string[]).map((tag) => tag.trim())
    const empties = tags.filter((tag) => tag === '').length
    if (empties > 0) {
      error(
        'tag-empty',
        line,
        `The tags list has ${empties === 1 ? 'an empty tag' : `${empties} empty tags`} (${JSON.stringify(value)}): every tag needs text. Remove the empty ${empties === 1 ? 'entry' : 'entries'}.`,
      )
      tags = tags.filter((tag) => tag !== '')
    }
  } else {
    error(
      'tags-type',
      line,
      `tags is ${describeValue(value)}, not a list: expected a YAML list (tags: [javascript, testing]) or a comma-separated text (tags: "javascript, testing"). Write them as a list.`,
    )
    return undefined
  }

  let valid = true
  if (tags.length > MAX_TAGS) {
    const extra = tags.slice(MAX_TAGS)
    error(
      'tags-too-many',
      line,
      `The article has ${tags.length} tags: Medium keeps only the first ${MAX_TAGS}, so ${extra.map((tag) => JSON.stringify(tag)).join(', ')} would be dropped. Keep at most ${MAX_TAGS} tags.`,
    )
    valid = false
  }
  for (const tag of tags) {
    const length = [...tag].length
    if (length > MAX_TAG_LENGTH) {
      error(
        'tag-too-long',
        line,
        `The tag ${JSON.stringify(tag)} is ${length} characters long: Medium drops tags over ${MAX_TAG_LENGTH} characters. Shorten it to ${MAX_TAG_LENGTH} or fewer.`,
      )
      valid = false
    }
  }
  const seen = new Map<string, string>()
  for (const tag of tags) {
    const key = tag.toLowerCase()
    const first = seen.get(key)
    if (first !== undefined) {
      error(
        'tag-duplicate',
        line,
        `The tag ${JSON.stringify(tag)} appears twice (${first === tag ? 'again' : `also as ${JSON.stringify(first)}`}; tags are not case-sensitive on Medium). Remove the duplicate.`,
      )
      valid = false
    } else {
      seen.set(key, tag)
    }
  }
  return valid ? tags : undefined
}

// ---------------------------------------------------------------- publishStatus, license, notifyFollowers

function oneOfMessage(
  key: string,
  value: unknown,
  allowed: readonly string[],
  suggestion: string | undefined,
  defaultText: string,
): string {
  const hint = suggestion !== undefined ? ` Did you mean ${JSON.stringify(suggestion)}?` : ''
  return `${key} ${describeValue(value)} is not one of ${allowed.join(', ')}.${hint} Set \`${key}: ${suggestion ?? allowed[0] ?? ''}\`, or delete the line to use ${defaultText}.`
}

function checkPublishStatus(
  data: Record<string, unknown>,
  defaults: ArticleDefaults,
  keyLine: KeyLine,
  error: Report,
): PublishStatus | undefined {
  if (!has(data, 'publishStatus')) return defaults.publishStatus
  const value = data.publishStatus
  if (typeof value === 'string' && (PUBLISH_STATUSES as readonly string[]).includes(value)) return value as PublishStatus
  const suggestion = typeof value === 'string' ? suggestNearest(value, PUBLISH_STATUSES, PUBLISH_STATUS_ALIASES) : undefined
  error(
    'publish-status',
    keyLine('publishStatus'),
    oneOfMessage(
      'publishStatus',
      value,
      PUBLISH_STATUSES,
      suggestion,
      `the action's publish-status input (now ${JSON.stringify(defaults.publishStatus)})`,
    ),
  )
  return undefined
}

function checkLicense(data: Record<string, unknown>, defaults: ArticleDefaults, keyLine: KeyLine, error: Report): License | undefined {
  if (!has(data, 'license')) return defaults.license
  const value = data.license
  if (typeof value === 'string' && (LICENSES as readonly string[]).includes(value)) return value as License
  const suggestion = typeof value === 'string' ? suggestNearest(value, LICENSES, LICENSE_ALIASES) : undefined
  error('license', keyLine('license'), oneOfMessage('license', value, LICENSES, suggestion, "the action's license input"))
  return undefined
}

function checkNotifyFollowers(
  data: Record<string, unknown>,
  defaults: ArticleDefaults,
  keyLine: KeyLine,
  error: Report,
): boolean | undefined {
  if (!has(data, 'notifyFollowers')) return defaults.notifyFollowers
  const value = data.notifyFollowers
  if (typeof value === 'boolean') return value
  const quoted = typeof value === 'string' && /^(true|false)$/i.test(value.trim())
  error(
    'notify-followers',
    keyLine('notifyFollowers'),
    `notifyFollowers ${describeValue(value)} is not true or false. ${quoted ? `Write it without quotes: \`notifyFollowers: ${value.trim().toLowerCase()}\`` : 'Set `notifyFollowers: true` or `notifyFollowers: false`'}, or delete the line to use the action's notify-followers input (now ${String(defaults.notifyFollowers)}).`,
  )
  return undefined
}

// ---------------------------------------------------------------- slug, canonicalUrl

/** The file name without its extension: the slug when the front-matter has none. */
export function fileSlug(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

function pathWithoutExtension(path: string): string {
  const slash = path.lastIndexOf('/')
  const dot = path.lastIndexOf('.')
  return dot > slash + 1 ? path.slice(0, dot) : path
}

function checkSlug(source: ArticleSource, data: Record<string, unknown>, keyLine: KeyLine, error: Report): string | undefined {
  if (!has(data, 'slug')) return fileSlug(source.path)
  const value = data.slug
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  const example = typeof value === 'number' || typeof value === 'boolean' ? `slug: "${String(value)}"` : `slug: ${fileSlug(source.path)}`
  error(
    'slug-type',
    keyLine('slug'),
    `slug ${describeValue(value)} is not usable: expected a non-empty text such as \`${example}\`. Fix it, or delete the line to use the file name (${JSON.stringify(fileSlug(source.path))}).`,
  )
  return undefined
}

/** Why `url` is not an absolute http(s) URL, or undefined when it is one. */
export function absoluteHttpUrlProblem(url: string): string | undefined {
  if (/\s/.test(url)) return 'it contains spaces (write a space as %20)'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'it does not start with a scheme and a site name (https://example.com/...)'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `its scheme is ${JSON.stringify(parsed.protocol.replace(/:$/, ''))}, not http or https`
  if (parsed.hostname === '') return 'it has no host name'
  return undefined
}

function checkCanonicalUrl(
  source: ArticleSource,
  data: Record<string, unknown>,
  defaults: ArticleDefaults,
  slug: string | undefined,
  keyLine: KeyLine,
  error: Report,
): string | undefined {
  if (has(data, 'canonicalUrl')) {
    const value = data.canonicalUrl
    const line = keyLine('canonicalUrl')
    if (typeof value !== 'string') {
      error(
        'canonical-url',
        line,
        `canonicalUrl ${describeValue(value)} is not a URL: expected an absolute http(s) URL such as \`canonicalUrl: https://example.com/blog/my-post/\`. Fix it, or delete the line${defaults.canonicalUrlTemplate ? ' to use the canonical-url-template input' : ''}.`,
      )
      return undefined
    }
    const url = value.trim()
    const problem = absoluteHttpUrlProblem(url)
    if (problem !== undefined) {
      error(
        'canonical-url',
        line,
        `canonicalUrl ${JSON.stringify(value)} is not an absolute http(s) URL: ${problem}. Write the full address of the original, e.g. \`canonicalUrl: https://example.com/blog/my-post/\`.`,
      )
      return undefined
    }
    return url
  }
  const template = defaults.canonicalUrlTemplate
  if (template === undefined || template === '' || slug === undefined) return undefined
  const url = template.replaceAll('{slug}', slug).replaceAll('{path}', pathWithoutExtension(source.path))
  const problem = absoluteHttpUrlProblem(url)
  if (problem !== undefined) {
    error(
      'canonical-url',
      has(data, 'slug') ? keyLine('slug') : 1,
      `The canonical URL ${JSON.stringify(url)}, made from the canonical-url-template input ${JSON.stringify(template)}, is not an absolute http(s) URL: ${problem}. Fix the canonical-url-template input (or this article's slug), or set \`canonicalUrl:\` in the front-matter.`,
    )
    return undefined
  }
  return url
}

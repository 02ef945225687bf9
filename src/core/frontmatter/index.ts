/**
 * Front-matter: the safe read (`parseFrontMatter`), the cheap peek (`peekFrontMatterValue`) and the
 * byte-preserving write-back edit (`applyFrontMatterKey`). Pure functions of the file's text.
 *
 * The block's delimiters are found by our own line scanner (block.ts); each format has its own reader
 * with line numbers for every key and every error: YAML `---` (yaml.ts), TOML `+++` (toml.ts), a JSON
 * object (json.ts), Pelican metadata lines when asked for (metadata.ts). A `---js` block is refused,
 * never evaluated.
 */
import { isDeepStrictEqual } from 'node:util'
import type { ArticleSource, FrontMatter } from '../article.js'
import type { Diagnostic } from '../diagnostic.js'
import { scanBlock, type Block, type FrontMatterFormat, type FrontMatterOptions, type Scan } from './block.js'
import { parseJsonBlock, setJsonKey, jsonEditProblem, type JsonParsed } from './json.js'
import { positionOf, quotedLineAt } from './lines.js'
import { metadataEditProblem, parseMetadataBlock, setMetadataKey, type MetadataParsed } from './metadata.js'
import { FrontMatterProblem } from './problem.js'
import { formatTomlString, parseTomlBlock, setTomlKey, tomlEditProblem, type TomlParsed } from './toml.js'
import { formatYamlScalar, parseYamlBlock, readBackYaml, setYamlKey, yamlEditProblem, type YamlBlock } from './yaml.js'

export { peekFrontMatterValue } from './peek.js'
export type { FrontMatterFormat, FrontMatterOptions } from './block.js'

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; diagnostic: Diagnostic }

/** Keys we agree to write: they are plain scalars in every format and match `key:` at the start of a line. */
export const WRITABLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/

const UNCLOSED: Record<FrontMatterFormat, string> = {
  yaml: 'front-matter opened with "---" on line 1 is never closed; add a line with only "---" after the last front-matter line (or remove the opening "---" if the file has no front-matter)',
  toml: 'front-matter opened with "+++" on line 1 is never closed; add a line with only "+++" after the last front-matter line (or remove the opening "+++" if the file has no front-matter)',
  json: 'JSON front-matter opened with "{" on line 1 is never closed; close the object with a "}" line after its last member (or, if the file has no front-matter, do not start it with "{")',
  metadata: 'metadata lines are never closed',
}

type Parsed =
  | { format: 'yaml'; yaml: YamlBlock }
  | { format: 'toml'; toml: TomlParsed }
  | { format: 'json'; json: JsonParsed }
  | { format: 'metadata'; metadata: MetadataParsed }

type Read = { ok: true; frontMatter: FrontMatter; scan: Scan; parsed: Parsed | undefined } | { ok: false; diagnostic: Diagnostic }

function read(source: ArticleSource, options: FrontMatterOptions): Read {
  const { path, text } = source
  const scan = scanBlock(text, options)
  if (scan.kind === 'none') {
    const frontMatter: FrontMatter = {
      format: 'none',
      data: {},
      hasBlock: false,
      keyLines: {},
      body: text.slice(scan.bom),
      bodyStartLine: 1,
    }
    return { ok: true, frontMatter, scan, parsed: undefined }
  }
  if (scan.kind === 'unclosed') {
    return { ok: false, diagnostic: { path, line: 1, severity: 'error', ruleId: 'frontmatter-unclosed', message: UNCLOSED[scan.format] } }
  }
  if (scan.kind === 'trailing') {
    const message = `text follows the "}" that closes the JSON front-matter on its line; start the article's body on the next line`
    return { ok: false, diagnostic: { path, ...positionOf(text, scan.offset), severity: 'error', ruleId: 'frontmatter-json', message } }
  }
  const block = scan.block
  let parsed: Parsed
  try {
    parsed = parseBlock(text, block)
  } catch (cause) {
    return { ok: false, diagnostic: problemDiagnostic(source, block, cause) }
  }
  const { data, keyLines } =
    parsed.format === 'yaml'
      ? parsed.yaml
      : parsed.format === 'toml'
        ? parsed.toml
        : parsed.format === 'json'
          ? parsed.json
          : parsed.metadata
  const frontMatter: FrontMatter = {
    format: block.format,
    data,
    hasBlock: true,
    keyLines,
    body: text.slice(block.closeEnd),
    bodyStartLine: block.bodyStartLine,
  }
  return { ok: true, frontMatter, scan, parsed }
}

function parseBlock(text: string, block: Block): Parsed {
  switch (block.format) {
    case 'yaml':
      checkLanguage(block)
      // The exact text between the delimiters, from just after `---` up to the closing line, its last line
      // break included: adding a line before the closing delimiter must not change a `|+` value that ends
      // the block, so the block is read as the YAML document it is.
      return { format: 'yaml', yaml: parseYamlBlock(text.slice(block.matterStart, block.matterEnd)) }
    case 'toml':
      return { format: 'toml', toml: parseTomlBlock(text, block) }
    case 'json':
      return { format: 'json', json: parseJsonBlock(text, block) }
    case 'metadata':
      return { format: 'metadata', metadata: parseMetadataBlock(text, block) }
  }
}

function checkLanguage(block: Block): void {
  const language = block.language.toLowerCase()
  if (language === '' || language === 'yaml' || language === 'yml') return
  const why =
    language === 'js' || language === 'javascript' ? ' (JavaScript front-matter would have to be run to be read, and it never is)' : ''
  throw new FrontMatterProblem(
    'frontmatter-language',
    `front-matter language '${block.language}' is not supported; use YAML: open the block with "---" alone on the first line${why}`,
  )
}

function problemDiagnostic(source: ArticleSource, block: Block, cause: unknown): Diagnostic {
  const { path, text } = source
  if (!(cause instanceof FrontMatterProblem)) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return { path, line: 1, severity: 'error', ruleId: `frontmatter-${block.format}`, message: `front-matter could not be read: ${reason}` }
  }
  const matterText = text.slice(block.matterStart, block.matterEnd)
  // An error found at the end of the block (an unclosed `[`) points at the last line with text, not at the closing delimiter.
  const offset = cause.offset === undefined ? undefined : Math.min(cause.offset, matterText.trimEnd().length)
  const at = offset === undefined ? { line: 1, column: 1 } : positionOf(text, block.matterStart + offset)
  let message = cause.message
  if (/^front-matter (?:is not valid|defines)/.test(message) && offset !== undefined) {
    const quoted = quotedLineAt(text, block.matterStart + offset)
    if (quoted !== '') message = message.replace(/^front-matter /, `front-matter line "${quoted}" `)
  }
  return { path, line: at.line, column: at.column, severity: 'error', ruleId: cause.ruleId, message }
}

/**
 * Where the value of `key` is written in the `data` of front-matter of this format: `[key]`, `[table, key]`
 * when our keys live in a table (`{ table: 'extra' }`, Zola), `[key.toLowerCase()]` in Pelican metadata.
 */
export function recordedKeyPath(format: FrontMatter['format'], key: string, options: FrontMatterOptions = {}): string[] {
  if (format === 'metadata') return [key.toLowerCase()]
  return options.table === undefined ? [key] : [options.table, key]
}

/**
 * Where the value of `key` is read: where it is written (`recordedKeyPath`) first, then the other layout
 * (top level, or the `extra` table). A recorded URL must be found whatever the site is read as: a Zola
 * article read as Hugo (or a Hugo one as Zola, after a change of `site` or of its config) would
 * otherwise be published again.
 */
export function recordedKeyPaths(format: FrontMatter['format'], key: string, options: FrontMatterOptions = {}): string[][] {
  const written = recordedKeyPath(format, key, options)
  if (format === 'metadata') return [written]
  return [written, options.table === undefined ? ['extra', key] : [key]]
}

/** The value front-matter holds for `key` (see `recordedKeyPaths`), or undefined. */
export function recordedKeyValue(
  frontMatter: Pick<FrontMatter, 'format' | 'data'>,
  key: string,
  options: FrontMatterOptions = {},
): unknown {
  for (const path of recordedKeyPaths(frontMatter.format, key, options)) {
    const value = valueAt(frontMatter.data, path)
    if (value !== undefined) return value
  }
  return undefined
}

function valueAt(data: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = data
  for (const name of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, name)) return undefined
    value = (value as Record<string, unknown>)[name]
  }
  return value
}

/**
 * Read the front-matter of an article. Errors (unclosed block, syntax, duplicate keys, a block that is
 * not a mapping, an unsupported language) come back as one Diagnostic with the file's line (1-based,
 * BOM adds no line, CRLF is one break). `options.metadataLines` reads Pelican metadata lines.
 */
export function parseFrontMatter(source: ArticleSource, options: FrontMatterOptions = {}): FrontMatterResult {
  const result = read(source, options)
  return result.ok ? { ok: true, frontMatter: result.frontMatter } : { ok: false, diagnostic: result.diagnostic }
}

/**
 * Why `key` could not be recorded in this article's front-matter, or undefined when it can: the very
 * edit the write-back makes (`applyFrontMatterKey`), with `sample` as the value, so a check that passes
 * is an edit that succeeds. Run before anything is sent: an article whose URL could not be written back
 * is never published.
 */
export function frontMatterEditProblem(
  source: ArticleSource,
  key: string,
  sample: string,
  options: FrontMatterOptions = {},
): string | undefined {
  try {
    applyFrontMatterKey(source.text, key, sample, options)
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

function editProblem(text: string, parsed: Parsed, key: string, table: string | undefined): string | undefined {
  if (parsed.format === 'toml') return tomlEditProblem(text, parsed.toml, key, table)
  if (parsed.format === 'yaml') return yamlEditProblem(parsed.yaml, key, table)
  if (table !== undefined) {
    const kind = parsed.format === 'metadata' ? 'metadata lines' : `${parsed.format.toUpperCase()} front-matter`
    return `cannot set "${key}" in a [${table}] table of ${kind}: only TOML and YAML front-matter get keys written into a table; write "${key}" under "${table}" by hand, or use TOML front-matter`
  }
  if (parsed.format === 'json') return jsonEditProblem(text, parsed.json, key)
  return metadataEditProblem(parsed.metadata, key)
}

/**
 * Set `key` to `value` in the front-matter, changing no other byte.
 *
 * - An existing `key` has its line replaced (an empty one like `mediumUrl:` / `mediumUrl = ""`, or a
 *   non-empty one when an edit is re-applied); whatever follows the value on its line (a comment, the
 *   line ending) is kept. A YAML value over several lines is replaced by the one line.
 * - Otherwise the key is added, with the file's line ending (and the indentation of the other keys):
 *   YAML `key: value` as the last line of the block; TOML `key = "value"` as the last line of the
 *   top-level table (before the first `[table]` header), or of `[table]` with `options.table`
 *   (the table added at the end of the block when absent); JSON a `"key": "value"` member after the
 *   last one; metadata `key: value` after the last metadata line.
 * - A file without front-matter gets `---<eol>key: value<eol>---<eol>` in front (after the BOM), eol
 *   being the file's first line ending, or `\n` (with `options.table`: `+++`, `[table]`, `key = "value"`, `+++`).
 *
 * YAML values are plain scalars when that reads back as the same string (URLs, ISO timestamps), else
 * double-quoted; TOML values basic strings; JSON values JSON strings. Throws when the front-matter is
 * unclosed or invalid, when the key is not a simple name, or when the edit would not read back as
 * expected (checked on every call).
 */
export function applyFrontMatterKey(text: string, key: string, value: string, options: FrontMatterOptions = {}): string {
  if (!WRITABLE_KEY.test(key)) {
    throw new Error(
      `cannot write front-matter key "${key}": expected letters, digits, "_" or "-" (starting with a letter or "_"); choose a simple key name`,
    )
  }
  const before = read({ path: '', text }, options)
  if (!before.ok) {
    const where = before.diagnostic.line === undefined ? '' : ` (line ${before.diagnostic.line})`
    throw new Error(`cannot set "${key}" in front-matter that does not parse${where}: ${before.diagnostic.message}`)
  }
  const result = edit(text, before, key, value, options)
  const after = read({ path: '', text: result }, options)
  const format = before.parsed?.format ?? (options.table === undefined ? 'yaml' : 'toml')
  const readBack = format === 'yaml' ? readBackYaml(formatYamlScalar(value)) : value
  const expected = withValue(before.frontMatter.data, recordedKeyPath(format, key, options), readBack)
  if (!after.ok || !isDeepStrictEqual(after.frontMatter.data, expected) || after.frontMatter.body !== before.frontMatter.body) {
    throw new Error(
      `setting "${key}" to "${value}" would change other front-matter (the edited file does not read back as before plus "${key}"); set "${key}" by hand`,
    )
  }
  return result
}

/** A copy of `data` with `value` at `path` (the tables on the way copied, created when absent). */
function withValue(data: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [name, ...rest] = path
  const copy = { ...data }
  const inner = copy[name!]
  const next =
    rest.length === 0
      ? value
      : withValue(inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest, value)
  Object.defineProperty(copy, name!, { value: next, enumerable: true, writable: true, configurable: true })
  return copy
}

function edit(text: string, before: Extract<Read, { ok: true }>, key: string, value: string, options: FrontMatterOptions): string {
  const { scan, parsed } = before
  if (scan.kind !== 'block' || parsed === undefined) {
    const bom = scan.kind === 'none' ? scan.bom : 0
    const eol = /\r?\n/.exec(text)?.[0] ?? '\n'
    const block =
      options.table === undefined
        ? `---${eol}${key}: ${formatYamlScalar(value)}${eol}---${eol}`
        : `+++${eol}[${options.table}]${eol}${key} = ${formatTomlString(value)}${eol}+++${eol}`
    return text.slice(0, bom) + block + text.slice(bom)
  }
  const problem = editProblem(text, parsed, key, options.table)
  if (problem) throw new Error(problem)
  const block = scan.block
  switch (parsed.format) {
    case 'yaml':
      return setYamlKey(text, block, parsed.yaml, key, formatYamlScalar(value), options.table)
    case 'toml':
      return setTomlKey(text, block, parsed.toml, key, value, options.table)
    case 'json':
      return setJsonKey(text, block, parsed.json, key, value)
    case 'metadata':
      return setMetadataKey(text, block, parsed.metadata, key, value)
  }
}

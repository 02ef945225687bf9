/**
 * Front-matter: the safe read (`parseFrontMatter`), the cheap peek (`peekFrontMatterValue`) and the
 * byte-preserving write-back edit (`applyFrontMatterKey`). Pure functions of the file's text.
 *
 * The block's delimiters are found by our own line scanner (block.ts); each format has its own
 * reader with line numbers for every key and every error (yaml.ts). A `---js` block is refused,
 * never evaluated.
 */
import { isDeepStrictEqual } from 'node:util'
import type { ArticleSource, FrontMatter } from '../article.js'
import type { Diagnostic } from '../diagnostic.js'
import { scanBlock, type Block, type Scan } from './block.js'
import { positionOf, quotedLineAt } from './lines.js'
import { FrontMatterProblem } from './problem.js'
import { formatYamlScalar, parseYamlBlock, readBackYaml, setYamlKey, yamlEditProblem, type YamlBlock } from './yaml.js'

export { peekFrontMatterValue } from './peek.js'

export type FrontMatterResult = { ok: true; frontMatter: FrontMatter } | { ok: false; diagnostic: Diagnostic }

/** Keys we agree to write: they are plain scalars in every format and match `key:` at the start of a line. */
export const WRITABLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/

const UNCLOSED =
  'front-matter opened with "---" on line 1 is never closed; add a line with only "---" after the last front-matter line (or remove the opening "---" if the file has no front-matter)'

type Read = { ok: true; frontMatter: FrontMatter; scan: Scan; parsed: YamlBlock | undefined } | { ok: false; diagnostic: Diagnostic }

function read(source: ArticleSource): Read {
  const { path, text } = source
  const scan = scanBlock(text)
  if (scan.kind === 'none') {
    const frontMatter: FrontMatter = { data: {}, hasBlock: false, keyLines: {}, body: text.slice(scan.bom), bodyStartLine: 1 }
    return { ok: true, frontMatter, scan, parsed: undefined }
  }
  if (scan.kind === 'unclosed') {
    return { ok: false, diagnostic: { path, line: 1, severity: 'error', ruleId: 'frontmatter-unclosed', message: UNCLOSED } }
  }
  const block = scan.block
  // The exact text between the delimiters, from just after `---` up to the closing line, its last line
  // break included: adding a line before the closing delimiter must not change a `|+` value that ends
  // the block, so the block is read as the YAML document it is.
  const matterText = text.slice(block.matterStart, block.matterEnd)
  let parsed: YamlBlock
  try {
    checkLanguage(block)
    parsed = parseYamlBlock(matterText)
  } catch (cause) {
    return { ok: false, diagnostic: problemDiagnostic(source, block, matterText, cause) }
  }
  const frontMatter: FrontMatter = {
    data: parsed.data,
    hasBlock: true,
    keyLines: parsed.keyLines,
    body: text.slice(block.closeEnd),
    bodyStartLine: block.closeLine + 1,
  }
  return { ok: true, frontMatter, scan, parsed }
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

function problemDiagnostic(source: ArticleSource, block: Block, matterText: string, cause: unknown): Diagnostic {
  const { path, text } = source
  if (!(cause instanceof FrontMatterProblem)) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    return { path, line: 1, severity: 'error', ruleId: 'frontmatter-yaml', message: `front-matter could not be read: ${reason}` }
  }
  // An error found at the end of the block (an unclosed `[`) points at the last line with text, not at the closing delimiter.
  const offset = cause.offset === undefined ? undefined : Math.min(cause.offset, matterText.trimEnd().length)
  const at = offset === undefined ? { line: 1, column: 1 } : positionOf(text, block.matterStart + offset)
  let message = cause.message
  if (cause.ruleId === 'frontmatter-yaml' && offset !== undefined) {
    const quoted = quotedLineAt(text, block.matterStart + offset)
    if (quoted !== '') message = message.replace(/^front-matter /, `front-matter line "${quoted}" `)
  }
  return { path, line: at.line, column: at.column, severity: 'error', ruleId: cause.ruleId, message }
}

/**
 * Read the front-matter of an article. Errors (unclosed block, syntax, duplicate keys, a block that is
 * not a mapping, an unsupported language) come back as one Diagnostic with the file's line (1-based,
 * BOM adds no line, CRLF is one break).
 */
export function parseFrontMatter(source: ArticleSource): FrontMatterResult {
  const result = read(source)
  return result.ok ? { ok: true, frontMatter: result.frontMatter } : { ok: false, diagnostic: result.diagnostic }
}

/**
 * Why `key` could not be recorded in this article's front-matter, or undefined when it can: checked
 * before anything is sent, so an article whose URL could not be written back is never published.
 */
export function frontMatterEditProblem(source: ArticleSource, key: string): string | undefined {
  if (!WRITABLE_KEY.test(key)) return `"${key}" is not a simple key name`
  const before = read(source)
  if (!before.ok) return before.diagnostic.message
  return before.parsed ? yamlEditProblem(before.parsed, key) : undefined
}

/**
 * Set `key: value` in the front-matter, changing no other byte.
 *
 * - An existing top-level `key:` line has its key and value replaced (an empty one like `mediumUrl:` /
 *   `mediumUrl: ""`, or a non-empty one when an edit is re-applied); whatever follows the value on its
 *   line (a comment, the line ending) is kept. A value over several lines is replaced by the one line.
 * - Otherwise `key: value` is added as the last line of the block, with the opening line's line ending
 *   (and the indentation of the other keys).
 * - A file without front-matter gets `---<eol>key: value<eol>---<eol>` in front (after the BOM), eol
 *   being the file's first line ending, or `\n`.
 *
 * The value is a plain scalar when that reads back as the same string (URLs, ISO timestamps), else
 * double-quoted. Throws when the front-matter is unclosed or invalid, when the key is not a simple
 * name, or when the edit would not read back as expected (checked on every call).
 */
export function applyFrontMatterKey(text: string, key: string, value: string): string {
  if (!WRITABLE_KEY.test(key)) {
    throw new Error(
      `cannot write front-matter key "${key}": expected letters, digits, "_" or "-" (starting with a letter or "_"); choose a simple key name`,
    )
  }
  const before = read({ path: '', text })
  if (!before.ok) {
    const where = before.diagnostic.line === undefined ? '' : ` (line ${before.diagnostic.line})`
    throw new Error(`cannot set "${key}" in front-matter that does not parse${where}: ${before.diagnostic.message}`)
  }
  const formatted = formatYamlScalar(value)
  const result = edit(text, before, key, formatted)
  const after = read({ path: '', text: result })
  const expected = { ...before.frontMatter.data, [key]: readBackYaml(formatted) }
  if (!after.ok || !isDeepStrictEqual(after.frontMatter.data, expected) || after.frontMatter.body !== before.frontMatter.body) {
    throw new Error(
      `setting "${key}" to "${value}" would change other front-matter (the edited file does not read back as before plus "${key}"); set "${key}: <value>" by hand as its own top-level line`,
    )
  }
  return result
}

function edit(text: string, before: Extract<Read, { ok: true }>, key: string, formatted: string): string {
  const { scan } = before
  if (scan.kind !== 'block') {
    const bom = scan.kind === 'none' ? scan.bom : 0
    const eol = /\r?\n/.exec(text)?.[0] ?? '\n'
    return text.slice(0, bom) + `---${eol}${key}: ${formatted}${eol}---${eol}` + text.slice(bom)
  }
  return setYamlKey(text, scan.block, before.parsed ?? { data: {}, keyLines: {}, map: undefined }, key, formatted)
}

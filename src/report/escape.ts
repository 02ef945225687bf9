/**
 * Untrusted text (titles, paths, tags, Medium's messages and URLs, YAML errors) made safe for where it
 * is printed (failure rule 11): it can never become a workflow command in the log, never mention or
 * link anyone in the pull-request comment, never break out of the Markdown around it.
 */

/** U+200B: invisible, not whitespace to the runner, so a line that starts with it is no command. */
const ZERO_WIDTH_SPACE = '\u200b'

/**
 * What the runner's `TrimStart()` (.NET `char.IsWhiteSpace`) skips before it looks for `::` at the
 * start of a line, line breaks aside: JavaScript's `\s` lacks U+0085, and has U+FEFF, which .NET keeps.
 */
const RUNNER_BLANKS = '[\\t\\v\\f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*'
const COMMAND_AT_LINE_START = new RegExp(`^(${RUNNER_BLANKS})::`, 'gm')

/**
 * Text for a log line, never a workflow command: a line that the runner would read as one (`::name::`
 * after any blanks it trims) starts with a zero-width space instead, and the legacy `##[name]` form,
 * which the runner finds anywhere in a line, becomes `##\u200b[name]`. A lone CR, a line break to the
 * runner, is one here too. Annotations and group names need no such care: @actions/core escapes
 * their data itself, and a line that is a command is not searched for another.
 */
export function logText(text: string): string {
  return text
    .replace(/\r(?!\n)/g, '\n')
    .replace(COMMAND_AT_LINE_START, `${ZERO_WIDTH_SPACE}$1::`)
    .replace(/##\[/g, `##${ZERO_WIDTH_SPACE}[`)
}

/** C0 controls but tab and line feed, DEL, and C1 controls (U+009B is a CSI on its own in some terminals). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/**
 * Text for a terminal: no control character reaches it as itself (an ESC could set the window title,
 * colour the rest of the output or move the cursor), each shown as its escape (`\x1b`) instead.
 * A lone CR, which would overwrite the line, is a line break, as in `logText`.
 */
export function terminalText(text: string): string {
  return text
    .replace(/\r(?!\n)/g, '\n')
    .replace(/\r\n/g, '\n')
    .replace(TERMINAL_CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
}

/** What GitHub turns into a mention or an issue link: `@name`, `#123`, `GH-123` (not a character reference's `&#`). */
const GITHUB_REFERENCE = /(?<!&)([@#](?=[A-Za-z0-9_])|\bGH-(?=\d))/gi

/** Each `@name`, `#123` and `GH-123` in text broken after its sigil by `breaker` (a zero-width space, or its reference in HTML). */
export function breakGitHubReferences(text: string, breaker = ZERO_WIDTH_SPACE): string {
  return text.replace(GITHUB_REFERENCE, `$1${breaker}`)
}

/**
 * Text for GitHub Markdown on one line: outside code spans, `&` and `<` as `&amp;` and `&lt;` (a
 * message that names an element, or a title with `<`, is shown as written, never taken as HTML,
 * and a reference such as `&commat;` is no `@`), and `@name` / `#123` / `GH-123` broken by a
 * zero-width space, so no one is mentioned and no issue linked.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r?\n|\r/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : breakGitHubReferences(part.replace(/&/g, '&amp;').replace(/</g, '&lt;'))))
    .join('')
}

/** Text in a Markdown table cell: as `markdownText`, with `|` escaped. */
export function markdownCell(text: string): string {
  return markdownText(text).replace(/\|/g, '\\|')
}

/** Text as an inline code span, whatever backticks it holds (CommonMark: a longer fence, padded). */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ')
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`
}

/** A fenced code block around lines, with a fence longer than any backtick run inside. */
export function markdownFence(lines: readonly string[], info = 'text'): string[] {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)))
  const fence = '`'.repeat(longest + 1)
  return [`${fence}${info}`, ...lines.map((line) => line.replace(/\r?\n|\r/g, ' ')), fence]
}

/** An https URL without whitespace or control characters: the only kind printed as a link. */
export function isPlainHttpsUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what a link must not have
  return /^https:\/\/[^\s\u0000-\u001f\u007f<>()[\]]+$/.test(url)
}

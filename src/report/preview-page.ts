/**
 * What an author and a reviewer see before anything reaches Medium:
 * - `renderPreviewPage`: a standalone HTML page close to Medium's reading view (the CLI's `preview`),
 * - `renderPreviewSection`: a fragment for the job summary and the pull-request comment.
 *
 * Pure string building. Every interpolated value is escaped; only `html` (the renderer's
 * already-sanitized Medium fragment) is inserted as is.
 */
import type { Diagnostic, Severity } from '../core/diagnostic.js'
import type { PostFields } from '../core/fields.js'
import type { ArticleReport } from '../pipeline/types.js'
import { breakGitHubReferences } from './escape.js'

export interface PreviewPageInput {
  /** Workspace-relative article path. */
  path: string
  /** The fields Medium gets. */
  post: PostFields
  /** The rendered Medium HTML fragment (already sanitized by the renderer). */
  html: string
  diagnostics: Diagnostic[]
}

/** What the preview shows of an article the pipeline rendered; undefined when it was not rendered. */
export function previewInputOf(article: ArticleReport): PreviewPageInput | undefined {
  if (!article.post || article.html === undefined) return undefined
  return { path: article.path, post: article.post, html: article.html, diagnostics: article.diagnostics }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Error', warning: 'Warning', notice: 'Notice' }
const STATUS_LABEL: Record<PostFields['publishStatus'], string> = {
  draft: 'Draft',
  public: 'Public',
  unlisted: 'Unlisted',
}
const LICENSE_LABEL: Record<string, string> = {
  'all-rights-reserved': 'All rights reserved',
  'cc-40-by': 'CC BY 4.0',
  'cc-40-by-sa': 'CC BY-SA 4.0',
  'cc-40-by-nd': 'CC BY-ND 4.0',
  'cc-40-by-nc': 'CC BY-NC 4.0',
  'cc-40-by-nc-nd': 'CC BY-NC-ND 4.0',
  'cc-40-by-nc-sa': 'CC BY-NC-SA 4.0',
  'cc-40-zero': 'CC0 (no rights reserved)',
  'public-domain': 'Public domain',
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** Errors first, then warnings, then notices; within a severity by path, then line (file-level ones first). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] ||
        (a.d.path < b.d.path ? -1 : a.d.path > b.d.path ? 1 : 0) ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ d }) => d)
}

/** `path:line`, or the path alone for a message about the whole file. */
function location(d: Diagnostic): string {
  return d.line === undefined ? d.path : `${d.path}:${d.line}`
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** "1 error, 2 warnings" (only the severities present), or '' when there are none. */
function countLine(diagnostics: readonly Diagnostic[]): string {
  const parts: string[] = []
  for (const severity of ['error', 'warning', 'notice'] as const) {
    const n = diagnostics.filter((d) => d.severity === severity).length
    if (n > 0) parts.push(plural(n, severity))
  }
  return parts.join(', ')
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** A link for an http(s) URL, plain text for anything else (never a `javascript:` href). */
function urlHtml(value: string): string {
  const text = escapeHtml(value)
  return isHttpUrl(value) ? `<a href="${text}" rel="noopener noreferrer">${text}</a>` : text
}

function licenseLabel(license: string): string {
  return LICENSE_LABEL[license] ?? license
}

/** Whether the fragment already opens with a heading (the renderer puts the title there as `<h1>`). */
function startsWithTitleHeading(html: string): boolean {
  return /^\s*<h1[\s>]/i.test(html)
}

const SANS = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Helvetica, Arial, sans-serif'
const SERIF = 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Times New Roman", serif'
const MONO = 'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", "Courier New", monospace'

// Sizes follow Medium's reading view: 680px column, 20px/32px serif body, 42px title,
// large heading 24px, small heading 20px, code at 14px on #f2f2f2.
const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
:root { color-scheme: light; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: #242424; font-family: ${SANS}; font-size: 16px; line-height: 1.5; }
.column { max-width: 728px; margin: 0 auto; padding: 0 24px; }
.diagnostics { background: #fafafa; border-bottom: 1px solid #e6e6e6; padding: 20px 0 16px; }
.diagnostics h2 { margin: 0 0 10px; font-size: 15px; font-weight: 600; letter-spacing: 0; }
.diagnostics ol { list-style: none; margin: 0; padding: 0; }
.diagnostic { margin: 0 0 8px; padding: 8px 12px; border-left: 4px solid; border-radius: 4px; font-size: 14px; line-height: 20px; }
.diagnostic .severity { display: inline-block; min-width: 76px; font-weight: 700; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.diagnostic .where { font-family: ${MONO}; font-size: 13px; font-weight: 600; margin-right: 6px; }
.diagnostic .message { overflow-wrap: anywhere; }
.diagnostic .rule { color: #6b6b6b; font-family: ${MONO}; font-size: 12px; margin-left: 6px; white-space: nowrap; }
.diagnostic.error { background: #fdecec; border-color: #c9190b; color: #5f1210; }
.diagnostic.error .severity { color: #c9190b; }
.diagnostic.warning { background: #fff6e0; border-color: #d98e04; color: #5c3c00; }
.diagnostic.warning .severity { color: #a86a00; }
.diagnostic.notice { background: #eef4fb; border-color: #4a78b5; color: #1c3553; }
.diagnostic.notice .severity { color: #2f5f9e; }
.meta { border-bottom: 1px solid #f2f2f2; padding: 14px 0; font-size: 13px; color: #6b6b6b; }
.meta .column { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; }
.meta .item { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; min-width: 0; }
.meta .key { text-transform: uppercase; letter-spacing: .06em; font-size: 11px; font-weight: 600; color: #8a8a8a; }
.meta a { color: #242424; overflow-wrap: anywhere; }
.meta code { font-family: ${MONO}; font-size: 12px; color: #242424; overflow-wrap: anywhere; }
.meta .none { font-style: italic; }
.status { display: inline-block; padding: 2px 10px; border-radius: 99px; font-weight: 600; font-size: 12px; }
.status-draft { background: #f2f2f2; color: #424242; }
.status-public { background: #e3f4e8; color: #0f6b2f; }
.status-unlisted { background: #ecebf7; color: #3e3a8c; }
.tag { display: inline-block; padding: 2px 12px; border-radius: 99px; background: #f2f2f2; color: #242424; font-size: 13px; }
.post { max-width: 728px; margin: 0 auto; padding: 40px 24px 96px; font-family: ${SERIF}; font-size: 20px; line-height: 32px; letter-spacing: -0.003em; overflow-wrap: break-word; }
.post > :first-child { margin-top: 0; }
.post h1, .post h2, .post h3, .post h4 { font-family: ${SANS}; color: #242424; font-weight: 700; }
.post > h1:first-child { font-size: 42px; line-height: 52px; letter-spacing: -0.011em; margin: 0 0 32px; }
.post h1, .post h2, .post h3 { font-size: 24px; line-height: 30px; letter-spacing: -0.016em; margin: 1.95em 0 0; }
.post h4 { font-size: 20px; line-height: 24px; letter-spacing: 0; margin: 1.72em 0 0; }
.post p { margin: 1.44em 0 0; }
.post h1 + p, .post h2 + p, .post h3 + p, .post h4 + p { margin-top: 0.86em; }
.post a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.post strong, .post b { font-weight: 700; }
.post ul, .post ol { margin: 1.44em 0 0; padding-left: 30px; }
.post li { margin: 1.14em 0 0; padding-left: 4px; }
.post li:first-child { margin-top: 0; }
.post li > p { margin: 0; }
.post blockquote { margin: 1.44em 0 0 -20px; padding-left: 23px; border-left: 3px solid #242424; font-style: italic; }
.post blockquote > :first-child { margin-top: 0; }
.post code { font-family: ${MONO}; font-size: 15.75px; background: #f2f2f2; padding: 2px 4px; border-radius: 3px; }
.post pre { margin: 2.14em 0 0; padding: 32px; background: #f2f2f2; border-radius: 4px; overflow-x: auto; font-size: 14px; line-height: 20px; letter-spacing: 0; }
.post pre code { font-size: inherit; background: none; padding: 0; border-radius: 0; white-space: pre; }
.post figure { margin: 2.14em 0 0; text-align: center; }
.post img { max-width: 100%; height: auto; }
.post figure img { display: block; margin: 0 auto; }
.post figcaption { margin-top: 10px; font-family: ${SANS}; font-size: 14px; line-height: 20px; color: #6b6b6b; text-align: center; }
.post hr { border: 0; height: auto; margin: 2.14em 0 0; text-align: center; }
.post hr::before { content: "..."; display: inline-block; font-size: 30px; letter-spacing: .6em; padding-left: .6em; color: #242424; line-height: 1; }
.post table { border-collapse: collapse; margin: 1.44em 0 0; font-size: 16px; line-height: 24px; }
.post th, .post td { border: 1px solid #e6e6e6; padding: 6px 10px; text-align: left; }
@media (max-width: 728px) {
  .post { font-size: 18px; line-height: 28px; padding-top: 28px; }
  .post > h1:first-child { font-size: 32px; line-height: 40px; }
  .post h1, .post h2, .post h3 { font-size: 20px; line-height: 24px; }
  .post h4 { font-size: 16px; line-height: 20px; }
  .post blockquote { margin-left: 0; }
  .post pre { padding: 20px; }
}
`

// No scripts, no fonts, no stylesheets from anywhere: only inline styles and the article's images.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; media-src * data:; base-uri 'none'; form-action 'none'"

function diagnosticsPanel(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return ''
  const items = sortDiagnostics(diagnostics)
    .map(
      (d) =>
        `<li class="diagnostic ${d.severity}"><span class="severity">${SEVERITY_LABEL[d.severity]}</span> ` +
        `<code class="where">${escapeHtml(location(d))}</code> <span class="message">${escapeHtml(d.message)}</span>` +
        (d.ruleId ? ` <span class="rule">${escapeHtml(d.ruleId)}</span>` : '') +
        `</li>`,
    )
    .join('\n')
  return `<section class="diagnostics" aria-labelledby="diagnostics-heading">
<div class="column">
<h2 id="diagnostics-heading">${escapeHtml(countLine(diagnostics))}</h2>
<ol>
${items}
</ol>
</div>
</section>
`
}

function metaStrip(input: PreviewPageInput): string {
  const tags =
    input.post.tags.length > 0
      ? input.post.tags.map((t) => `<span class="tag">${escapeHtml(t)}</span>`).join(' ')
      : '<span class="none">none</span>'
  const items = [
    `<span class="item"><span class="key">Status</span> <span class="status status-${input.post.publishStatus}">${STATUS_LABEL[input.post.publishStatus]}</span></span>`,
    `<span class="item"><span class="key">Tags</span> ${tags}</span>`,
  ]
  if (input.post.canonicalUrl) {
    items.push(`<span class="item"><span class="key">Canonical</span> ${urlHtml(input.post.canonicalUrl)}</span>`)
  }
  if (input.post.license) {
    items.push(
      `<span class="item"><span class="key">License</span> <span title="${escapeHtml(input.post.license)}">${escapeHtml(licenseLabel(input.post.license))}</span></span>`,
    )
  }
  items.push(`<span class="item"><span class="key">Source</span> <code>${escapeHtml(input.path)}</code></span>`)
  return `<header class="meta" aria-label="Post settings">
<div class="column">
${items.join('\n')}
</div>
</header>
`
}

/** A standalone, self-contained HTML page close to Medium's reading view, problems listed at the top. */
export function renderPreviewPage(input: PreviewPageInput): string {
  const titleHeading = startsWithTitleHeading(input.html) ? '' : `<h1>${escapeHtml(input.post.title)}</h1>\n`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(input.post.title)} (Medium preview)</title>
<style>${PAGE_CSS}</style>
</head>
<body>
${diagnosticsPanel(input.diagnostics)}${metaStrip(input)}<main>
<article class="post">
${titleHeading}${input.html}
</article>
</main>
</body>
</html>
`
}

/**
 * GitHub turns `@name`, `#123` and `GH-123` in a comment into a mention (a notification) and an issue
 * cross-reference, even inside raw HTML, but not inside `code`, `pre` or links. Elsewhere in the
 * text, put a zero-width space after the sigil so a preview pings no one. Tags, attribute values
 * and character references (`&#39;`) are left alone.
 */
function defuseGitHubReferences(html: string): string {
  let verbatim = 0
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      const tag = /^<(\/?)(code|pre|a)\b/i.exec(part)
      if (tag) {
        verbatim = Math.max(0, verbatim + (tag[1] ? -1 : 1))
        return part
      }
      if (part.startsWith('<') || verbatim > 0) return part
      return breakGitHubReferences(part, '&#8203;')
    })
    .join('')
}

/**
 * A raw-HTML block in GitHub Markdown ends at the first blank line, and what follows is read as
 * Markdown (indented code, `#` headings...). Keep the block whole: a line break followed by a blank
 * line is written as a character reference, which renders the same (also inside `<pre>`).
 */
function withoutBlankLines(html: string): string {
  return html.replace(/\r?\n(?=[ \t]*(?:\r?\n|$))/g, '&#10;')
}

/** A fragment for a GitHub job summary or pull-request comment (only tags GitHub keeps). */
export function renderPreviewSection(input: PreviewPageInput): string {
  const counts = countLine(input.diagnostics)
  const facts = [`<strong>${STATUS_LABEL[input.post.publishStatus]}</strong>`]
  facts.push(input.post.tags.length > 0 ? `tags: ${input.post.tags.map((t) => `<code>${escapeHtml(t)}</code>`).join(' ')}` : 'no tags')
  if (input.post.canonicalUrl) facts.push(`canonical: ${urlHtml(input.post.canonicalUrl)}`)
  if (input.post.license) facts.push(`license: ${escapeHtml(licenseLabel(input.post.license))}`)

  const diagnostics =
    input.diagnostics.length === 0
      ? ''
      : `<ul>\n${sortDiagnostics(input.diagnostics)
          .map(
            (d) =>
              `<li><strong>${SEVERITY_LABEL[d.severity]}</strong> <code>${escapeHtml(location(d))}</code> ${escapeHtml(d.message)}</li>`,
          )
          .join('\n')}\n</ul>\n`

  const lines = [
    '<details>',
    `<summary><strong>${escapeHtml(input.post.title)}</strong> <code>${escapeHtml(input.path)}</code>${counts ? ` (${escapeHtml(counts)})` : ''}</summary>`,
    `<p>${facts.join(' · ')}</p>`,
    diagnostics.trimEnd(),
    '<hr>',
    input.html.trim(),
    '</details>',
  ].filter((line) => line !== '')
  return `${withoutBlankLines(defuseGitHubReferences(lines.join('\n')))}\n`
}

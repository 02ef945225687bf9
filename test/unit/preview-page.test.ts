import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/core/diagnostic.js'
import type { License } from '../../src/core/settings.js'
import {
  escapeHtml,
  renderPreviewPage,
  renderPreviewSection,
  sortDiagnostics,
  type PreviewPageInput,
} from '../../src/report/preview-page.js'

const PATH = 'content/posts/hello.md'

function diag(severity: Diagnostic['severity'], line: number | undefined, message: string): Diagnostic {
  return { path: PATH, line, severity, message, ruleId: `rule-${severity}-${line ?? 'file'}` }
}

type InputOverrides = Partial<Omit<PreviewPageInput, 'post'> & PreviewPageInput['post']>

/** A preview input; post fields and the rest overridable side by side. */
function input(overrides: InputOverrides = {}): PreviewPageInput {
  const { path = PATH, html = '<h1>Hello, Medium</h1>\n<p>First paragraph.</p>', diagnostics = [], ...post } = overrides
  return {
    path,
    post: {
      title: 'Hello, Medium',
      tags: ['typescript', 'github-actions'],
      publishStatus: 'draft',
      canonicalUrl: 'https://example.com/blog/hello/',
      license: 'cc-40-by',
      ...post,
    },
    html,
    diagnostics,
  }
}

/** The text of every element with class `diagnostic` (or every `<li>` of the section), in order. */
function listItems(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => (m[1] ?? '').replace(/<[^>]*>/g, ''))
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;')
  })
})

describe('renderPreviewPage', () => {
  it('is a standalone HTML5 page with charset, viewport and title', () => {
    const page = renderPreviewPage(input())
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(page).toContain('<meta charset="utf-8">')
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
    expect(page).toContain('<title>Hello, Medium (Medium preview)</title>')
    expect(page.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('makes no external request of its own: inline CSS, no scripts, no fonts, no stylesheets', () => {
    const page = renderPreviewPage(input())
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toMatch(/<link[^>]+stylesheet/i)
    expect(page).not.toMatch(/@import|@font-face|url\(/i)
    // Only the article's own link and the canonical URL are absolute URLs; nothing in <head> is fetched.
    const head = page.slice(0, page.indexOf('</head>'))
    expect(head).not.toMatch(/(src|href)="https?:/i)
    expect(head).toContain(`default-src 'none'`)
    // The favicon request is suppressed (a 404 would be a console error).
    expect(head).toContain('<link rel="icon" href="data:,">')
  })

  it('shows a title with markup as text, everywhere it appears', () => {
    const title = '<script>alert("x")</script> & <b>bold</b>'
    const page = renderPreviewPage(input({ title, html: '<p>Body only.</p>' }))
    expect(page).not.toContain('<script>alert')
    expect(page).not.toContain('<b>bold</b>')
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'
    expect(page).toContain(`<title>${escaped} (Medium preview)</title>`)
    // The fragment did not start with the title heading, so the page adds it (escaped).
    expect(page).toContain(`<h1>${escaped}</h1>\n<p>Body only.</p>`)
  })

  it('does not repeat the title when the fragment already starts with it', () => {
    const page = renderPreviewPage(input())
    expect(page.match(/<h1>/g)).toHaveLength(1)
    expect(page).toContain('<article class="post">\n<h1>Hello, Medium</h1>\n<p>First paragraph.</p>\n</article>')
  })

  it('inserts the rendered fragment as is', () => {
    const html = '<h1>T</h1><figure><img src="a.png" alt="A"><figcaption>Cap &amp; <em>tion</em></figcaption></figure>'
    expect(renderPreviewPage(input({ html }))).toContain(html)
  })

  it('escapes tags, path, license, canonical URL and messages', () => {
    const page = renderPreviewPage(
      input({
        path: 'content/<x>.md',
        tags: ['<img src=x onerror=alert(1)>'],
        canonicalUrl: 'https://example.com/?a=1&b="2"',
        license: '<i>odd</i>' as License,
        diagnostics: [{ path: 'content/<x>.md', line: 3, severity: 'warning', message: 'tag "<b>" is odd', ruleId: 'r' }],
      }),
    )
    expect(page).toContain('<span class="tag">&lt;img src=x onerror=alert(1)&gt;</span>')
    expect(page).toContain('<code>content/&lt;x&gt;.md</code>')
    expect(page).toContain('<code class="where">content/&lt;x&gt;.md:3</code>')
    expect(page).toContain('tag &quot;&lt;b&gt;&quot; is odd')
    expect(page).toContain('href="https://example.com/?a=1&amp;b=&quot;2&quot;"')
    expect(page).toContain('&lt;i&gt;odd&lt;/i&gt;')
    expect(page).not.toMatch(/<img src=x|<i>odd|<b>"/)
  })

  it('shows a canonical URL that is not http(s) as text, never as a link', () => {
    const page = renderPreviewPage(input({ canonicalUrl: 'javascript:alert(1)' }))
    expect(page).not.toContain('href="javascript:')
    expect(page).toContain('javascript:alert(1)')
  })

  it('shows status, tags as pills, canonical URL, license and source path in the header strip', () => {
    const page = renderPreviewPage(input({ publishStatus: 'unlisted' }))
    const header = page.slice(page.indexOf('<header'), page.indexOf('</header>'))
    expect(header).toContain('<span class="status status-unlisted">Unlisted</span>')
    expect(header).toContain('<span class="tag">typescript</span> <span class="tag">github-actions</span>')
    expect(header).toContain('<a href="https://example.com/blog/hello/" rel="noopener noreferrer">https://example.com/blog/hello/</a>')
    expect(header).toContain('<span title="cc-40-by">CC BY 4.0</span>')
    expect(header).toContain(`<code>${PATH}</code>`)
  })

  it('leaves out canonical URL and license when absent and says when there are no tags', () => {
    const page = renderPreviewPage(input({ tags: [], canonicalUrl: undefined, license: undefined }))
    expect(page).not.toContain('>Canonical<')
    expect(page).not.toContain('>License<')
    expect(page).toContain('<span class="key">Tags</span> <span class="none">none</span>')
  })

  it('has no problems panel when there are no diagnostics', () => {
    expect(renderPreviewPage(input())).not.toContain('class="diagnostics"')
  })

  it('lists problems at the top, errors first, each with path:line and its message', () => {
    const page = renderPreviewPage(
      input({
        diagnostics: [
          diag('warning', 14, 'Table turned into a preformatted block.'),
          diag('notice', 2, 'Scheduled for later.'),
          diag('error', 30, 'Image "missing.png" not found.'),
          diag('warning', 9, 'Code-fence language "ts" dropped.'),
          diag('error', undefined, 'File is not UTF-8.'),
        ],
      }),
    )
    const body = page.slice(page.indexOf('<body>'))
    // Before the header strip and the article.
    expect(body.indexOf('class="diagnostics"')).toBeGreaterThan(0)
    expect(body.indexOf('class="diagnostics"')).toBeLessThan(body.indexOf('<header'))
    expect(body.indexOf('<header')).toBeLessThan(body.indexOf('<article'))
    expect(page).toContain('<h2 id="diagnostics-heading">2 errors, 2 warnings, 1 notice</h2>')
    expect(listItems(page, /<li class="diagnostic [a-z]+">(.*?)<\/li>/g)).toEqual([
      `Error ${PATH} File is not UTF-8. rule-error-file`,
      `Error ${PATH}:30 Image "missing.png" not found. rule-error-30`.replace(/"/g, '&quot;'),
      `Warning ${PATH}:9 Code-fence language "ts" dropped. rule-warning-9`.replace(/"/g, '&quot;'),
      `Warning ${PATH}:14 Table turned into a preformatted block. rule-warning-14`,
      `Notice ${PATH}:2 Scheduled for later. rule-notice-2`,
    ])
    expect([...page.matchAll(/<li class="diagnostic ([a-z]+)">/g)].map((m) => m[1])).toEqual([
      'error',
      'error',
      'warning',
      'warning',
      'notice',
    ])
  })

  it('styles errors red and warnings amber', () => {
    const page = renderPreviewPage(input())
    expect(page).toMatch(/\.diagnostic\.error \{[^}]*border-color: #c9190b/)
    expect(page).toMatch(/\.diagnostic\.warning \{[^}]*border-color: #d98e04/)
  })
})

describe('sortDiagnostics', () => {
  it('orders by severity, then path, then line, keeping input order for ties', () => {
    const a: Diagnostic = { path: 'b.md', line: 1, severity: 'warning', message: 'a', ruleId: 'x' }
    const b: Diagnostic = { path: 'a.md', line: 5, severity: 'warning', message: 'b', ruleId: 'x' }
    const c: Diagnostic = { path: 'a.md', line: 5, severity: 'warning', message: 'c', ruleId: 'x' }
    const d: Diagnostic = { path: 'z.md', line: 99, severity: 'error', message: 'd', ruleId: 'x' }
    const input = [a, b, c, d]
    expect(sortDiagnostics(input).map((x) => x.message)).toEqual(['d', 'b', 'c', 'a'])
    expect(input.map((x) => x.message)).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('renderPreviewSection', () => {
  const diagnostics = [diag('warning', 9, 'Code-fence language "ts" dropped.'), diag('error', 30, 'Image <missing.png> not found.')]

  it('is one <details> block with the title, the facts line, the problems and the fragment', () => {
    const section = renderPreviewSection(input({ diagnostics }))
    expect(section).toBe(
      [
        '<details>',
        `<summary><strong>Hello, Medium</strong> <code>${PATH}</code> (1 error, 1 warning)</summary>`,
        '<p><strong>Draft</strong> · tags: <code>typescript</code> <code>github-actions</code> · canonical: ' +
          '<a href="https://example.com/blog/hello/" rel="noopener noreferrer">https://example.com/blog/hello/</a> · license: CC BY 4.0</p>',
        '<ul>',
        `<li><strong>Error</strong> <code>${PATH}:30</code> Image &lt;missing.png&gt; not found.</li>`,
        `<li><strong>Warning</strong> <code>${PATH}:9</code> Code-fence language &quot;ts&quot; dropped.</li>`,
        '</ul>',
        '<hr>',
        '<h1>Hello, Medium</h1>',
        '<p>First paragraph.</p>',
        '</details>',
        '',
      ].join('\n'),
    )
  })

  it('leaves out the problems list and optional facts when there are none', () => {
    const section = renderPreviewSection(input({ tags: [], canonicalUrl: undefined, license: undefined }))
    expect(section).not.toContain('<ul>')
    expect(section).toContain(`<summary><strong>Hello, Medium</strong> <code>${PATH}</code></summary>`)
    expect(section).toContain('<p><strong>Draft</strong> · no tags</p>')
  })

  it('escapes the title, tags and path', () => {
    const section = renderPreviewSection(input({ title: '<script>x</script>', tags: ['<t>'], path: 'a<b>.md' }))
    expect(section).toContain('<summary><strong>&lt;script&gt;x&lt;/script&gt;</strong> <code>a&lt;b&gt;.md</code></summary>')
    expect(section).toContain('<code>&lt;t&gt;</code>')
    expect(section).not.toContain('<script>')
  })

  it('has no blank line, so GitHub keeps the whole block as HTML (and code keeps its blank lines)', () => {
    const html = '<h1>T</h1>\n\n<pre><code>const a = 1\n\n    indented()\r\n  \r\nend\n</code></pre>\n\n<p>after</p>\n'
    const section = renderPreviewSection(input({ html }))
    expect(section.trimEnd()).not.toMatch(/\n[ \t]*\r?\n/)
    expect(section).toContain('<pre><code>const a = 1&#10;\n    indented()&#10;  \r\nend\n</code></pre>&#10;\n<p>after</p>')
    // Decoding the references gives back the original text (HTML reads CRLF as LF anyway).
    const lf = (text: string) => text.replace(/\r\n/g, '\n')
    expect(lf(section.replace(/&#10;/g, '\n'))).toContain(lf(html.trim()))
  })

  it('does not mention people or reference issues from article text, but leaves code, links and attributes alone', () => {
    const html =
      '<p>Thanks @octocat, see #12 and C# or &#39;x&#39;.</p>' +
      '<pre><code>npm i @scope/pkg # 1</code></pre>' +
      '<p><a href="https://x.dev/@me#1">@me</a> <code>@decorator</code></p>'
    const section = renderPreviewSection(input({ html, title: 'Hi @team' }))
    expect(section).toContain('<p>Thanks @&#8203;octocat, see #&#8203;12 and C# or &#39;x&#39;.</p>')
    expect(section).toContain('<pre><code>npm i @scope/pkg # 1</code></pre>')
    expect(section).toContain('<a href="https://x.dev/@me#1">@me</a> <code>@decorator</code>')
    expect(section).toContain('<strong>Hi @&#8203;team</strong>')
  })
})

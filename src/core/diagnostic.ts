/** One message about one article, with its place in the file. */
export type Severity = 'error' | 'warning' | 'notice'

export interface Diagnostic {
  /** Workspace-relative path with `/` separators. */
  path: string
  /** 1-based, counted from the first byte of the file (front-matter included; a BOM adds no line; CRLF is one break). */
  line?: number
  column?: number
  severity: Severity
  /** What is wrong (the value quoted), what was expected, how to fix it. Never a secret. */
  message: string
  /** Stable identifier of the rule, e.g. `tags-too-many`. */
  ruleId: string
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

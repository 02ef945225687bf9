/**
 * Replaces every secret in a text with `***`: as written, URL-encoded and JSON-escaped (the forms
 * an API echoes back), and any `Bearer <value>`. The runner masks secrets in the log, but not in
 * outputs or the job summary, and our own error messages quote API answers: everything we write
 * goes through here, from the Medium client, the GitHub calls and the report alike.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text.replace(/(Bearer\s+)[^\s"'<>,;]+/gi, '$1***')
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      out = out.split(form).join('***')
    }
  }
  return out
}

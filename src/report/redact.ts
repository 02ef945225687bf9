/**
 * Replaces every secret in a text with `***`. The runner masks secrets in the
 * log, but not in outputs or the job summary: everything we write goes through here.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 4) continue
    out = out.split(secret).join('***')
  }
  return out
}

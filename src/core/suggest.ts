/**
 * "Did you mean ...?" for a front-matter value that is not one of a fixed set.
 *
 * Known aliases (what writers type by habit, e.g. `published` for `public`, SPDX ids for licenses)
 * win; otherwise the closest allowed value by Jaro-Winkler similarity, which favours a shared
 * prefix (plain edit distance would suggest `unlisted` for `published`). Nothing is suggested
 * when no allowed value is reasonably close.
 */

const MIN_SIMILARITY = 0.7

export function suggestNearest(
  value: string,
  allowed: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const wanted = normalise(value)
  if (wanted === '') return undefined
  for (const candidate of allowed) {
    if (normalise(candidate) === wanted) return candidate
  }
  for (const [alias, target] of Object.entries(aliases)) {
    if (normalise(alias) === wanted && allowed.includes(target)) return target
  }
  let best: string | undefined
  let bestScore = MIN_SIMILARITY
  for (const candidate of allowed) {
    const score = jaroWinkler(wanted, normalise(candidate))
    if (score > bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

/** Lower case, and `_`, spaces, dots between words read as `-`. */
function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, '-')
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  if (a.length === 0 || b.length === 0) return 0
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1)
  const aMatched = new Array<boolean>(a.length).fill(false)
  const bMatched = new Array<boolean>(b.length).fill(false)
  let matches = 0
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(b.length - 1, i + window)
    for (let j = from; j <= to; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true
        bMatched[j] = true
        matches++
        break
      }
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue
    while (!bMatched[k]) k++
    if (a[i] !== b[k]) transpositions++
    k++
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

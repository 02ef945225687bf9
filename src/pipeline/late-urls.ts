/**
 * URLs known only after rendering: an uploaded image's Medium URL, and the Medium URL of an article
 * published earlier in the same run. Articles are rendered (and so validated) before anything is sent
 * to Medium; these places get a placeholder on the reserved `.invalid` domain, replaced in the HTML just
 * before the article is posted.
 */
const BASE = 'https://medium-publish.invalid/'
const PLACEHOLDER = /https:\/\/medium-publish\.invalid\/(image|article)\/([A-Za-z0-9\-_.!~*'()%]*)/g

export type LateUrlKind = 'image' | 'article'

export function lateUrl(kind: LateUrlKind, path: string): string {
  return `${BASE}${kind}/${encodeURIComponent(path)}`
}

/** The HTML with every placeholder replaced by `resolve(kind, path)`. */
export function resolveLateUrls(html: string, resolve: (kind: LateUrlKind, path: string) => string): string {
  return html.replace(PLACEHOLDER, (_, kind: LateUrlKind, encoded: string) => resolve(kind, decodeURIComponent(encoded)))
}

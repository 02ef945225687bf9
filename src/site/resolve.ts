/** The `site` and `site-url` inputs resolved: the generator (detected when `auto`) and the site's base URL. */
import type { SiteKind } from '../core/site.js'
import type { SiteSettings } from '../pipeline/types.js'
import { detectSite, type DetectedSite } from './detect.js'

export function resolveSite(
  input: { site: SiteKind | 'auto'; siteUrl?: string },
  workspace: string,
  patterns: readonly string[],
): SiteSettings {
  const detected = input.site === 'auto' ? detectSite(workspace, patterns)! : given(input.site, detectSite(workspace, patterns, input.site))
  const siteUrl = input.siteUrl ?? detected.siteUrl
  return { kind: detected.kind, root: detected.root, why: detected.why, ...(siteUrl ? { siteUrl } : {}) }
}

/** A generator the `site` input names: its config, when found, still gives the site's folder and base URL. */
function given(kind: SiteKind, found: DetectedSite | undefined): DetectedSite {
  const why = `the 'site' input says ${kind}`
  return found ? { ...found, why: `${why} (${found.why})` } : { kind, root: '', why }
}

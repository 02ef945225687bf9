/** The `site` and `site-url` inputs resolved: the generator (detected when `auto`) and the site's base URL. */
import type { SiteKind } from '../core/site.js'
import type { SiteSettings } from '../pipeline/types.js'
import { detectSite } from './detect.js'

export function resolveSite(
  input: { site: SiteKind | 'auto'; siteUrl?: string },
  workspace: string,
  patterns: readonly string[],
): SiteSettings {
  const detected =
    input.site === 'auto' ? detectSite(workspace, patterns) : { kind: input.site, root: '', why: `the 'site' input says ${input.site}` }
  const siteUrl = input.siteUrl ?? ('siteUrl' in detected ? detected.siteUrl : undefined)
  return { kind: detected.kind, root: detected.root, why: detected.why, ...(siteUrl ? { siteUrl } : {}) }
}

/**
 * rehype plugin: links that work from Medium.
 *
 * A post on Medium has no repository around it, so relative links must
 * become absolute:
 * - a link to another article (one of `articlePaths`; relative to this
 *   article's folder, or root-absolute `/docs/a.md` from the workspace root;
 *   `?query`/`#fragment` ignored for the lookup) becomes that article's
 *   Medium URL when it is published (`articleUrls`), else its URL in the
 *   repository (`repositoryBlobBase` + path);
 * - any other relative link becomes its URL in the repository, fragment kept;
 *   without a `repositoryBlobBase` the link is removed and its text kept
 *   (`link-relative`), as is a link that leaves the workspace or is only a
 *   `?query` (this article again);
 * - an in-page `#anchor` link becomes plain text (`link-anchor`): Medium
 *   assigns its own heading ids, so the anchor would lead nowhere;
 * - absolute links (`https:`, `mailto:`, `//host`) are untouched; other
 *   schemes (`javascript:`, `ftp:`…) become plain text (`link-protocol`).
 */
import type { Element, ElementContent, Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { mediumContext, report, type MediumRenderContext } from '../context.js'
import { isAbsoluteUrl, resolveWorkspacePath, urlPathPart } from '../workspace-paths.js'

export default function rehypeMediumLinks() {
  return function (tree: Root, file: VFile): void {
    const context = mediumContext(file)
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'a' || !parent || index === undefined) return undefined
      const href = node.properties.href
      if (typeof href !== 'string' || href === '') return undefined
      const target = linkTarget(context, href)
      if ('href' in target) {
        node.properties.href = target.href
        return undefined
      }
      if ('keep' in target) return undefined
      report(file, node, target.message, target.ruleId)
      parent.children.splice(index, 1, ...(node.children as ElementContent[]))
      return index
    })
  }
}

type LinkTarget = { keep: true } | { href: string } | { ruleId: string; message: string }

/** Where a link should lead on Medium, or why it becomes plain text. */
function linkTarget(context: MediumRenderContext, href: string): LinkTarget {
  if (isAbsoluteUrl(href)) {
    if (href.startsWith('//') || /^(?:https?|mailto):/i.test(href)) return { keep: true }
    return {
      ruleId: 'link-protocol',
      message: `Link "${href.slice(0, 60)}" was changed to plain text: Medium keeps only http(s) and mailto links.`,
    }
  }
  if (href.startsWith('#')) {
    return {
      ruleId: 'link-anchor',
      message: `In-page link "${href}" was changed to plain text: Medium gives headings its own ids, so the anchor would lead nowhere.`,
    }
  }
  const written = urlPathPart(href)
  if (written === '') {
    // `?x` (or `?x#y`): this very article with a query, which means nothing once it is on Medium.
    return {
      ruleId: 'link-relative',
      message: `Link "${href}" has only a query, so it points back to this article, which means nothing on Medium: it was changed to plain text (use an absolute https:// URL).`,
    }
  }
  const cut = href.search(/[?#]/)
  const suffix = cut === -1 ? '' : href.slice(cut)
  const path = resolveWorkspacePath(context.path, written)
  if (path === undefined) {
    return {
      ruleId: 'link-relative',
      message: `Relative link "${href}" leaves the workspace, so it cannot be linked from Medium: it was changed to plain text (use an absolute https:// URL).`,
    }
  }
  const mediumUrl = context.articlePaths.has(path) ? context.articleUrls.get(path) : undefined
  if (mediumUrl) return { href: mediumUrl }
  if (context.siteLinks && href.startsWith('/') && !context.articlePaths.has(path)) {
    // A root-relative link is a page of the author's site, as the generator serves it.
    if (context.siteUrl) return { href: context.siteUrl.replace(/\/+$/, '') + href }
    return {
      ruleId: 'link-site-url',
      message: `Link "${href}" points into your site, whose URL is unknown here: it was changed to plain text. Set the site-url input (or your generator's base URL) to keep it a link.`,
    }
  }
  if (context.repositoryBlobBase) return { href: context.repositoryBlobBase + encodeURI(path) + suffix }
  return {
    ruleId: 'link-relative',
    message: `Relative link "${href}" was changed to plain text: the repository URL is unknown here, so it cannot be made absolute (use an absolute https:// URL).`,
  }
}

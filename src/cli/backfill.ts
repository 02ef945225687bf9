/**
 * `medium-publish backfill --feed <url>` (DESIGN.md "Existing blogs" → Adopting): records the URLs of
 * articles already on Medium, so no run posts them again. The stories of the author's Medium feed are
 * matched to the articles (by the canonical URL the story links to, else by title; never a guess), and
 * each match's URL is written into its article as the url-key, changing no other byte.
 */
import type { FrontMatterEdit } from '../core/article.js'
import { matchFeedToArticles, type BackfillArticle, type BackfillResult } from '../core/backfill.js'
import { errorMessage } from '../errors.js'
import { articleDefaults } from '../inputs.js'
import { discoverArticles } from '../pipeline/discover.js'
import { readArticles } from '../pipeline/read.js'
import { recordInWorkspace } from '../pipeline/record-files.js'
import { frontMatterOptions, type SiteKind } from '../core/site.js'
import { resolveSite } from '../site/resolve.js'
import type { CommandContext } from './commands.js'

export async function backfill(context: CommandContext, feedUrl: string | undefined): Promise<number> {
  const { term, inputs, workspace } = context
  if (!feedUrl) {
    term.err("backfill needs --feed <url>: your Medium feed, e.g. https://medium.com/feed/@you (or a publication's feed).")
    return 2
  }
  // The feed reader (and its XML parser) is loaded by this command only.
  const { fetchMediumFeed, FeedError } = await import('../medium/feed.js')
  let feed: Awaited<ReturnType<typeof fetchMediumFeed>>
  try {
    feed = await fetchMediumFeed(feedUrl)
  } catch (error) {
    term.err(`error: ${error instanceof FeedError ? error.message : `could not read the feed: ${errorMessage(error)}`}`)
    return 1
  }
  const { articles, site } = await readForBackfill(context)
  const result = matchFeedToArticles(feed.items, articles)
  const edits: FrontMatterEdit[] = result.matched.map((m) => ({ path: m.path, key: inputs.urlKey, value: m.url }))
  const failures = await recordInWorkspace(workspace, edits, frontMatterOptions(site))
  for (const failure of failures) term.err(`error: could not record the URL in ${failure.path}: ${failure.message}`)
  printBackfill(context, result, feed.feedUrl, new Set(failures.map((f) => f.path)))
  return failures.length > 0 ? 1 : 0
}

/** Every article the globs match, with its title, canonical URL and recorded URL, read as a publish run reads them. */
async function readForBackfill(context: CommandContext): Promise<{ articles: BackfillArticle[]; site: SiteKind }> {
  const { workspace, inputs } = context
  const [{ parseFrontMatter }, { validateArticle }, { findTitle }, { recordedIn }, { SITE_RULES, frontMatterOptions }] = await Promise.all([
    import('../core/frontmatter/index.js'),
    import('../core/validate.js'),
    import('../core/title.js'),
    import('../core/records/index.js'),
    import('../core/site.js'),
  ])
  const site = resolveSite(inputs, workspace, inputs.articles)
  const discovered = await discoverArticles(workspace, inputs.articles)
  const options = frontMatterOptions(site.kind)
  const articles: BackfillArticle[] = []
  for (const read of readArticles({ workspace, discovered, urlKey: inputs.urlKey, keepRecorded: true, frontMatter: options })) {
    if (read.kind !== 'source') continue
    const parsed = parseFrontMatter(read.source, options)
    if (!parsed.ok) continue
    const frontMatter = parsed.frontMatter
    const validated = validateArticle({ source: read.source, frontMatter }, articleDefaults(inputs), {
      site: site.kind,
      now: new Date(),
      backdate: false,
      ...(site.siteUrl ? { siteUrl: site.siteUrl } : {}),
    })
    const found = findTitle(frontMatter, read.source.path, SITE_RULES[site.kind].titleFromFileName)
    const title = validated.ok
      ? validated.article.post.title
      : found.from === 'none'
        ? undefined
        : 'text' in found
          ? found.text
          : String(found.value ?? '')
    if (!title) continue
    const canonicalUrl = validated.ok ? validated.article.post.canonicalUrl : undefined
    const recordedUrl = recordedIn(frontMatter, inputs.urlKey, options)
    articles.push({ path: read.source.path, title, ...(canonicalUrl ? { canonicalUrl } : {}), ...(recordedUrl ? { recordedUrl } : {}) })
  }
  return { articles, site: site.kind }
}

function printBackfill(context: CommandContext, result: BackfillResult, feedUrl: string, failed: ReadonlySet<string>): void {
  const { term, inputs } = context
  term.out(`Feed ${feedUrl}: ${result.feedItemCount} stor${result.feedItemCount === 1 ? 'y' : 'ies'}.`)
  for (const m of result.matched) {
    if (failed.has(m.path)) continue
    term.out(
      `recorded      ${m.path}  ${inputs.urlKey}: ${m.url}  (matched by ${m.by === 'canonical-url' ? 'canonical URL' : 'title'}: "${m.itemTitle}")`,
    )
  }
  for (const a of result.alreadyRecorded) {
    const others =
      a.otherStories.length > 0 ? `; stories with its title but another URL: ${a.otherStories.map((s) => s.url).join(', ')}` : ''
    term.out(`already       ${a.path}  ${a.recordedUrl}${others}`)
  }
  for (const a of result.ambiguous) {
    term.err(
      `warning: not recorded, ${a.reason}: ${a.stories.map((s) => `"${s.title}" ${s.url}`).join('; ')} / ${a.articles.map((x) => x.path).join(', ')}. Add the right ${inputs.urlKey} by hand.`,
    )
  }
  for (const story of result.unmatchedItems) term.out(`no article    "${story.title}"  ${story.url}`)
  term.out(
    `${result.matched.length - failed.size} recorded, ${result.alreadyRecorded.length} already recorded, ${result.ambiguous.length} ambiguous, ${result.unmatchedItems.length} stories without an article, ${result.unmatchedArticles.length} articles not in the feed.`,
  )
  if (result.feedMayBeIncomplete) {
    term.err(
      `warning: Medium's feed lists only the ${result.feedItemCount} newest stories. Articles on Medium that are older are not in it: add their ${inputs.urlKey} by hand, or set the 'since' input so they are never candidates.`,
    )
  }
}

/**
 * Which article a generator's cross-reference names, as the generator finds it.
 *
 * The result is a URL relative to the referring article (`../posts/b.md#x`),
 * which rehype-medium-links then turns into the article's Medium URL or its
 * URL in the repository, like any Markdown link to an article.
 */
import { posix } from 'node:path'

const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.mdx', '.mdown', '.mkd', '.mkdn', '.html']

/** A link from `from` to the article at `to` (workspace paths), with the fragment kept. */
export function relativeArticleUrl(from: string, to: string, fragment = ''): string {
  const relative = posix.relative(posix.dirname(from), to)
  return encodeURI(relative) + fragment
}

/** The first of `candidates` (workspace paths, extension or not) that is an article. */
function firstArticle(candidates: string[], articlePaths: ReadonlySet<string>): string | undefined {
  for (const candidate of candidates) {
    const normalized = posix.normalize(candidate).replace(/^\.\//, '')
    if (normalized.startsWith('../')) continue
    if (articlePaths.has(normalized)) return normalized
    const bare = normalized.replace(/\/$/, '')
    for (const extension of ARTICLE_EXTENSIONS) {
      for (const path of [bare + extension, `${bare}/index${extension}`, `${bare}/_index${extension}`]) {
        if (articlePaths.has(path)) return path
      }
    }
  }
  return undefined
}

/** The folder Hugo calls `content/` for this article: the path up to its first `content` folder, else the workspace root. */
function hugoContentRoot(articlePath: string): string {
  const segments = articlePath.split('/')
  const index = segments.indexOf('content')
  return index === -1 ? '' : `${segments.slice(0, index + 1).join('/')}/`
}

/**
 * The article a Hugo `ref`/`relref` names: `/blog/post` from `content/`,
 * `post.md` from this article's folder then from `content/`, else the one
 * article with that name anywhere (Hugo's fallback for a bare name).
 */
export function hugoRefTarget(articlePath: string, reference: string, articlePaths: ReadonlySet<string>): string | undefined {
  const root = hugoContentRoot(articlePath)
  const path = reference.replace(/\/$/, '')
  if (path.startsWith('/')) return firstArticle([root + path.slice(1)], articlePaths)
  const found = firstArticle([posix.join(posix.dirname(articlePath), path), root + path], articlePaths)
  if (found || path.includes('/')) return found
  const named = [...articlePaths].filter((candidate) => {
    const stem = candidate.replace(/\.[^./]+$/, '').replace(/\/_?index$/, '')
    return posix.basename(stem) === path.replace(/\.[^./]+$/, '')
  })
  return named.length === 1 ? named[0] : undefined
}

/** The folder of the Jekyll site this article belongs to: the path before its `_posts/`, else the article's top folder. */
export function jekyllSiteRoot(articlePath: string): string {
  const index = articlePath.lastIndexOf('_posts/')
  return index === -1 ? '' : articlePath.slice(0, index)
}

/** The post a Jekyll `{% post_url 2014-01-01-slug %}` (or `sub/2014-01-01-slug`) names, searched in every `_posts` folder. */
export function jekyllPostTarget(articlePath: string, name: string, articlePaths: ReadonlySet<string>): string | undefined {
  const wanted = name.replace(/^\/+/, '')
  const root = jekyllSiteRoot(articlePath)
  for (const candidate of articlePaths) {
    const index = candidate.lastIndexOf('_posts/')
    if (index === -1 || !candidate.startsWith(root)) continue
    const within = candidate.slice(index + '_posts/'.length)
    const stem = within.slice(0, within.length - posix.extname(within).length)
    if (stem === wanted || (!wanted.includes('/') && posix.basename(stem) === wanted)) return candidate
  }
  return undefined
}

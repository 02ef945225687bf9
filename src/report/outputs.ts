import type { RunResult } from '../pipeline/types.js'

export interface PublishedArticle {
  path: string
  title: string
  id: string
  url: string
  publishStatus: string
}

/** The \`published\` output: one object per article published in this run. */
export function publishedOutput(result: RunResult): PublishedArticle[] {
  return result.articles.flatMap((a) =>
    a.status === 'published' && a.post
      ? [{ path: a.path, title: a.post.title, id: a.id, url: a.url, publishStatus: a.post.publishStatus }]
      : [],
  )
}

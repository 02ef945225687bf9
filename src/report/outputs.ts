import type { PipelineResult } from '../pipeline.js'

/** The `published` output: one object per article published in this run. */
export function publishedOutput(
  result: PipelineResult,
): Array<{ path: string; title: string; id: string; url: string; publishStatus: string }> {
  return result.articles
    .filter((a) => a.status === 'published')
    .map((a) => ({ path: a.path, title: a.post!.title, id: a.id!, url: a.url!, publishStatus: a.post!.publishStatus }))
}

/** The pipeline settings every entry (the action, the CLI) takes from the inputs alike. */
import { articleDefaults, type Inputs } from '../inputs.js'
import { resolveSite } from '../site/resolve.js'
import type { PipelineSettings } from './types.js'

/** What the inputs say, for articles in `workspace`; the entry adds the run mode, images and write-back. */
export function settingsFromInputs(inputs: Inputs, workspace: string): Omit<PipelineSettings, 'mode' | 'images' | 'writeBack'> {
  return {
    workspace,
    patterns: inputs.articles,
    defaults: articleDefaults(inputs),
    maxArticles: inputs.maxArticles,
    now: new Date(),
    publicationId: inputs.publicationId,
    site: resolveSite(inputs, workspace, inputs.articles),
    backdate: inputs.backdate,
    ...(inputs.since ? { since: inputs.since } : {}),
    ...(inputs.footer ? { footer: inputs.footer } : {}),
  }
}

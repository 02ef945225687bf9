import * as core from '@actions/core'
import type { Log } from '../log.js'
import { redact } from '../redact.js'
import { logText } from './escape.js'

/** The pipeline's Log on a GitHub runner: log lines, groups, and annotations for diagnostics. */
export function actionsLog(secrets: readonly string[]): Log {
  const safe = (text: string) => redact(text, secrets)
  return {
    info: (message) => core.info(logText(safe(message))),
    debug: (message) => core.debug(safe(message)),
    warning: (message) => core.warning(safe(message)),
    error: (message) => core.error(safe(message)),
    diagnostic: (d) => {
      const properties: core.AnnotationProperties = { file: d.path, title: d.ruleId }
      if (d.line !== undefined) properties.startLine = d.line
      if (d.column !== undefined) properties.startColumn = d.column
      const message = safe(d.message)
      if (d.severity === 'error') core.error(message, properties)
      else if (d.severity === 'warning') core.warning(message, properties)
      else core.notice(message, properties)
    },
    group: (name, fn) => core.group(safe(name), fn),
  }
}

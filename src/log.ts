import type { Diagnostic } from './core/diagnostic.js'

/** Where the pipeline says things: the Actions log in the action, the terminal in the CLI. */
export interface Log {
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
  error(message: string): void
  /** A diagnostic about an article: an annotation in the action, `path:line: message` in the CLI. */
  diagnostic(diagnostic: Diagnostic): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

export const silentLog: Log = {
  info() {},
  debug() {},
  warning() {},
  error() {},
  diagnostic() {},
  group: (_name, fn) => fn(),
}

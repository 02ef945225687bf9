import { InputError } from '../errors.js'
import type { Log } from '../log.js'
import type { MediumClient } from './client.js'

export interface ConnectOptions {
  token: string | undefined
  apiUrl: string
  log: Log
  /** What to tell the user when there is no token and something is to be published. */
  missingToken: string
}

/** The Medium client, created (and its module loaded) only when something will be published. */
export function mediumClientFactory({ token, apiUrl, log, missingToken }: ConnectOptions): () => Promise<MediumClient> {
  return async () => {
    if (!token) throw new InputError(missingToken)
    const { createMediumClient } = await import('./client.js')
    return createMediumClient({ baseUrl: apiUrl, token, debug: (message) => log.info(message) })
  }
}

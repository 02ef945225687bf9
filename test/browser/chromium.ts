/**
 * Debian's Chromium driven by playwright-core, as this machine and CI run it: no browser download,
 * a fresh profile per launch, and the flags that keep Chromium from calling home (the network
 * here is closed; without them it tries Google's hosts at every start).
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissingReason(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`
}

/**
 * What a browser test does when Chromium is missing: in CI (CI=true, as GitHub Actions and .ci/run
 * set it) it fails, so a green run always includes the browser tests; on a developer's machine it
 * skips, with the reason as the skip note.
 */
export function skipOrFailWithoutChromium(skip: (condition: boolean, note?: string) => void, missing = chromiumMissingReason()): void {
  if (missing === undefined) return
  if (process.env.CI === 'true')
    throw new Error(`CI=true and Chromium is missing, so the browser test fails instead of skipping: ${missing}`)
  skip(true, missing)
}

export interface Browser {
  context: BrowserContext
  close(): Promise<void>
}

/** A persistent context on a new empty user-data-dir, removed again on close. */
export async function launchChromium(viewport = { width: 1100, height: 900 }): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'preview-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      timeout: 15_000,
    })
    return {
      context,
      async close() {
        await context.close()
        await rm(userDataDir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true })
    throw error
  }
}

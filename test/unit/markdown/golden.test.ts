/**
 * Golden tests: each folder of test/fixtures/render holds `input.md` (an
 * article body), optionally `input.json` (the rest of the render input:
 * `title`, `subtitle`, `cover`, `coverLine`, `footer`, `bodyStartLine`,
 * `path`, `siteUrl`, `mdx`, `site`, `articlePaths` as a list of paths and
 * `articleUrls` as an object of path to Medium URL),
 * `expected.html` (what Medium gets) and `expected-warnings.txt`
 * (`line:ruleId`, one per diagnostic, in order).
 *
 * Expected outputs are written by hand from DESIGN.md and read in review
 * (REVIEWED.md lists the cases whose output changed, and why).
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/markdown/golden.test.ts` rewrites
 * them from the renderer, for a local diff to read line by line; it refuses to
 * run where `CI` is set, so a CI run can never accept its own output.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderArticle } from '../../../src/markdown/render.js'
import { GOLDEN_ROOT, goldenCases, goldenInput } from './fixture-input.js'

const update = process.env.UPDATE_GOLDEN === '1'
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false'

const cases = goldenCases()

describe('golden render fixtures', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  it('refuses UPDATE_GOLDEN in CI: expected outputs are reviewed, never accepted by the run that checks them', () => {
    expect(update && inCi, 'UPDATE_GOLDEN=1 is refused when CI is set: update the expected files locally and review the diff').toBe(false)
  })

  for (const name of cases) {
    it(name, () => {
      const folder = join(GOLDEN_ROOT, name)
      const result = renderArticle(goldenInput(folder))
      const warnings = result.diagnostics.map((d) => `${d.line ?? ''}:${d.ruleId}${d.severity === 'error' ? ' (error)' : ''}`).join('\n')
      const htmlPath = join(folder, 'expected.html')
      const warningsPath = join(folder, 'expected-warnings.txt')
      if (update && !inCi) {
        writeFileSync(htmlPath, result.html.endsWith('\n') ? result.html : `${result.html}\n`)
        writeFileSync(warningsPath, warnings === '' ? '' : `${warnings}\n`)
      }
      expect(existsSync(htmlPath), `${htmlPath} is missing: write it by hand from DESIGN.md`).toBe(true)
      expect(result.html.trimEnd()).toBe(readFileSync(htmlPath, 'utf8').trimEnd())
      expect(warnings).toBe(readFileSync(warningsPath, 'utf8').trimEnd())
    })
  }
})

/**
 * Golden tests: each folder of test/fixtures/render holds `input.md` (an
 * article body), `expected.html` (what Medium gets) and
 * `expected-warnings.txt` (`line:ruleId`, one per diagnostic, in order).
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/markdown/golden.test.ts` rewrites
 * the expectations; review the diff by eye before committing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderArticle } from '../../../src/markdown/render.js'
import { fixtureInput } from './fixture-input.js'

const root = join(import.meta.dirname, '../../fixtures/render')
const update = process.env.UPDATE_GOLDEN === '1'

const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('golden render fixtures', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
  })

  for (const name of cases) {
    it(name, () => {
      const folder = join(root, name)
      const body = readFileSync(join(folder, 'input.md'), 'utf8')
      const result = renderArticle(fixtureInput(body))
      const warnings = result.diagnostics.map((d) => `${d.line ?? ''}:${d.ruleId}${d.severity === 'error' ? ' (error)' : ''}`).join('\n')
      const htmlPath = join(folder, 'expected.html')
      const warningsPath = join(folder, 'expected-warnings.txt')
      if (update) {
        writeFileSync(htmlPath, result.html.endsWith('\n') ? result.html : `${result.html}\n`)
        writeFileSync(warningsPath, warnings === '' ? '' : `${warnings}\n`)
      }
      expect(existsSync(htmlPath), `${htmlPath} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true)
      expect(result.html.trimEnd()).toBe(readFileSync(htmlPath, 'utf8').trimEnd())
      expect(warnings).toBe(readFileSync(warningsPath, 'utf8').trimEnd())
    })
  }
})

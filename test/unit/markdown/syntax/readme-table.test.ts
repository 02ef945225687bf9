import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const folder = path.join(import.meta.dirname, '../../../../src/markdown/syntax')
const sources = readdirSync(folder)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => readFileSync(path.join(folder, name), 'utf8'))
const table = readFileSync(path.join(folder, 'README-table.md'), 'utf8')

/** The rule id of every `report(file, …, 'rule-id'[, 'error'])` call in the plugins. */
function emittedRuleIds(): { ids: Set<string>; calls: number } {
  const ids = new Set<string>()
  let calls = 0
  for (const source of sources) {
    calls += source.match(/\breport\(/g)?.length ?? 0
    for (const match of source.matchAll(/\breport\(\s*file,[\s\S]*?,\s*'([a-z][a-z-]*)'\s*(?:,\s*'error'\s*)?,?\s*\)/g)) ids.add(match[1]!)
  }
  return { ids, calls }
}

/** The rule ids the table's last column names. */
function documentedRuleIds(): Set<string> {
  const ids = new Set<string>()
  for (const line of table.split('\n').slice(2)) {
    const rule = line.split(' | ').at(-1) ?? ''
    for (const match of rule.matchAll(/`([a-z][a-z-]*)`/g)) ids.add(match[1]!)
  }
  return ids
}

describe('the generator-syntax table (src/markdown/syntax/README-table.md)', () => {
  it('finds the rule id of every report() call in the plugins', () => {
    const { ids, calls } = emittedRuleIds()
    const found = sources.reduce(
      (sum, source) => sum + [...source.matchAll(/\breport\(\s*file,[\s\S]*?,\s*'([a-z][a-z-]*)'\s*(?:,\s*'error'\s*)?,?\s*\)/g)].length,
      0,
    )
    expect(found).toBe(calls)
    expect(ids.size).toBeGreaterThan(10)
  })

  it('names every rule id the plugins emit, and no other', () => {
    expect([...documentedRuleIds()].sort()).toEqual([...emittedRuleIds().ids].sort())
  })

  it('has one row per construct with four cells', () => {
    for (const line of table.trim().split('\n')) expect(line.split(/(?<!\\)\|/).length, line).toBe(6)
  })
})

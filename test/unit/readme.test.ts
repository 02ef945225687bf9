import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/run-action.js'

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
  runs: { using: string; main: string }
}
const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
const between = (start: string, end: string) => readme.slice(readme.indexOf(start), readme.indexOf(end))

function tableRows(section: string): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const line of section.split('\n')) {
    const match = /^\| `([a-z-]+)` \|(.*)$/.exec(line)
    if (match)
      rows.set(
        match[1]!,
        match[2]!.split(' | ').map((c) => c.trim()),
      )
  }
  return rows
}

describe('README tables match action.yml', () => {
  it('lists every input, in order, with its default', () => {
    const rows = tableRows(between('<!-- inputs:start', '<!-- inputs:end'))
    expect([...rows.keys()]).toEqual(Object.keys(action.inputs))
    for (const [name, input] of Object.entries(action.inputs)) {
      const documented = rows.get(name)![0]!.replace(/^`|`$/g, '')
      expect(documented, `default of ${name}`).toBe(input.default ?? '')
    }
  })

  it('lists every output', () => {
    const rows = tableRows(between('<!-- outputs:start', '<!-- outputs:end'))
    expect([...rows.keys()]).toEqual(Object.keys(action.outputs))
  })

  it('runs on node24 from the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})

describe('README rendering table', () => {
  it('is the one the renderer documents (src/markdown/README-table.md)', () => {
    const table = readFileSync(path.join(repoRoot, 'src/markdown/README-table.md'), 'utf8').trim()
    expect(between('<!-- rendering:start', '<!-- rendering:end')).toContain(table)
  })
})

describe('README generator-syntax table', () => {
  it('is the one the syntax plugins document (src/markdown/syntax/README-table.md), under "How your Markdown looks on Medium"', () => {
    const table = readFileSync(path.join(repoRoot, 'src/markdown/syntax/README-table.md'), 'utf8').trim()
    expect(between('<!-- generator-syntax:start', '<!-- generator-syntax:end')).toContain(table)
    const section = between('## How your Markdown looks on Medium', '## Permissions')
    expect(section).toContain('<!-- generator-syntax:start')
  })
})

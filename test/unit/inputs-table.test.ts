/**
 * One table of inputs (src/inputs.ts) drives action.yml, the README and the CLI: this fails when one
 * of them drifts. `npm run docs` rewrites action.yml's inputs and the README's table from the table.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { firstSentence, helpText, PARSE_OPTIONS } from '../../src/cli/options.js'
import { INPUTS, parseInputs, type InputDefinition } from '../../src/inputs.js'
import { readmeInputsTable } from '../../scripts/docs.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const definitions = Object.values(INPUTS) as Array<InputDefinition<unknown>>
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
}

describe('the inputs table (src/inputs.ts)', () => {
  it('is what action.yml declares: names in order, descriptions, defaults (run `npm run docs` after changing it)', () => {
    expect(Object.keys(action.inputs)).toEqual(definitions.map((d) => d.name))
    for (const d of definitions) {
      expect(action.inputs[d.name], d.name).toEqual({
        description: d.description,
        required: false,
        ...(d.default !== undefined ? { default: d.default } : {}),
      })
    }
  })

  it("is the README's inputs table, word for word", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const start = readme.indexOf('\n', readme.indexOf('<!-- inputs:start')) + 1
    expect(readme.slice(start, readme.indexOf('<!-- inputs:end'))).toBe(readmeInputsTable())
  })

  it('gives the CLI an option, with its help line, for each input that makes sense on a machine', () => {
    const help = helpText()
    for (const d of definitions) {
      // An input without a CLI option may share its name with one of the CLI's own flags (`--dry-run`), never a value option.
      if (d.cli === false) expect(PARSE_OPTIONS[d.name]?.type, d.name).not.toBe('string')
      else {
        expect(PARSE_OPTIONS[d.name], d.name).toEqual({ type: 'string' })
        expect(help).toContain(`--${d.name} <${d.cli.placeholder}>`)
        // The help line is a whole first sentence: never cut at `e.g.` or inside a parenthesis.
        const lines = help.split('\n')
        const first = lines.findIndex((l) => l.includes(`--${d.name} <`))
        const rest = lines.slice(first + 1).findIndex((l) => !/^ {10,}\S/.test(l))
        const line = lines
          .slice(first, first + 1 + rest)
          .map((l) => l.trim())
          .join(' ')
        expect(
          lines.slice(first, first + 1 + rest).every((l) => l.length <= 100),
          d.name,
        ).toBe(true)
        expect(line, d.name).not.toMatch(/\be\.g$|\(default$|\(default: [^)]*$/)
        expect(line.split('(').length, line).toBe(line.split(')').length)
      }
    }
    expect(firstSentence('e.g. `x`: a thing. More.')).toBe('e.g. x: a thing')
    expect(firstSentence('A date: before it. Then')).toBe('A date: before it')
  })

  it("parses each input's documented default to the same value as an unset input", () => {
    const unset = parseInputs(
      () => undefined,
      () => {},
    )
    const documented = parseInputs(
      (name) => definitions.find((d) => d.name === name)?.default?.replace('${{ github.token }}', ''),
      () => {},
    )
    expect(documented).toEqual(unset)
  })
})

/**
 * `npm run docs`: writes the inputs of action.yml and the README's inputs table from the one table in
 * src/inputs.ts. test/unit/inputs-table.test.ts fails when either drifts from it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { stringify } from 'yaml'
import { INPUTS, type InputDefinition } from '../src/inputs.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const definitions = Object.values(INPUTS) as Array<InputDefinition<unknown>>

/** A YAML scalar on one line, quoted only when it must be. */
const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trimEnd()

export function actionYmlInputs(): string {
  const lines = ['inputs:']
  for (const d of definitions) {
    lines.push(`  ${d.name}:`, `    description: ${scalar(d.description)}`, '    required: false')
    if (d.default !== undefined) lines.push(`    default: ${scalar(d.default)}`)
  }
  return lines.join('\n') + '\n'
}

export function readmeInputsTable(): string {
  const rows = definitions.map((d) => `| \`${d.name}\` |${d.default === undefined ? '' : ` \`${d.default}\``} | ${d.description} |`)
  return ['| input | default | meaning |', '|---|---|---|', ...rows].join('\n') + '\n'
}

function replaceBetween(text: string, start: RegExp, end: RegExp, replacement: string): string {
  const from = text.search(start)
  const to = text.search(end)
  if (from === -1 || to === -1 || to < from) throw new Error(`markers ${start} / ${end} not found`)
  const startLineEnd = text.indexOf('\n', from) + 1
  return text.slice(0, startLineEnd) + replacement + text.slice(to)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const actionPath = path.join(root, 'action.yml')
  const action = readFileSync(actionPath, 'utf8')
  const inputsStart = action.indexOf('\ninputs:\n') + 1
  const inputsEnd = action.indexOf('\noutputs:\n') + 1
  const updated = action.slice(0, inputsStart) + actionYmlInputs() + '\n' + action.slice(inputsEnd)
  const options = { ...(await prettier.resolveConfig(actionPath)), filepath: actionPath }
  writeFileSync(actionPath, await prettier.format(updated, options))
  const readmePath = path.join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  writeFileSync(readmePath, replaceBetween(readme, /<!-- inputs:start/, /<!-- inputs:end/, readmeInputsTable()))
  console.log('action.yml and README.md now list the inputs of src/inputs.ts.')
}

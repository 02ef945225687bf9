/**
 * The workflow commands the Actions runner reads in a step's output, found as the runner finds them
 * (actions/runner, ActionCommand.TryParseV2, then ActionCommand.TryParse): `::name props::data` at the
 * start of a line once .NET's `TrimStart()` has removed the blanks before it, else the legacy
 * `##[name props]data` anywhere in the line. Only registered command names count. The runner reads
 * stdout and stderr alike, line by line (`\n`, `\r\n` or a lone `\r`).
 */

/** The names the runner registers (its command extensions, plus `stop-commands`). */
export const REGISTERED_COMMANDS: ReadonlySet<string> = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
])

/** The commands @actions/core writes for this action: anything else in its output was put there by someone else. */
export const COMMANDS_THE_ACTION_WRITES: ReadonlySet<string> = new Set([
  'add-mask',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
])

export interface RunnerCommand {
  /** `::` for the current form, `##[` for the legacy one. */
  form: '::' | '##['
  name: string
  properties: Record<string, string>
  data: string
  line: string
}

/** Blanks .NET's `char.IsWhiteSpace` accepts (what `TrimStart()` removes), line breaks aside. */
const DOTNET_LEADING_BLANKS = /^[\t\v\f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

/** Every command the runner would act on in `output`. */
export function runnerCommands(output: string): RunnerCommand[] {
  const commands: RunnerCommand[] = []
  for (const line of output.split(/\r\n|\r|\n/)) {
    const command = currentForm(line) ?? legacyForm(line)
    if (command) commands.push(command)
  }
  return commands
}

function currentForm(line: string): RunnerCommand | undefined {
  const message = line.replace(DOTNET_LEADING_BLANKS, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!REGISTERED_COMMANDS.has(name)) return undefined
  const properties: Record<string, string> = {}
  if (space > 0) {
    for (const pair of info
      .slice(space + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const at = pair.indexOf('=')
      if (at > 0 && at < pair.length - 1) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
  }
  return { form: '::', name, properties, data: unescapeData(message.slice(end + 2)), line }
}

function legacyForm(line: string): RunnerCommand | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const info = line.slice(prefix + 3, bracket)
  const space = info.indexOf(' ')
  const name = space < 0 ? info : info.slice(0, space)
  if (!REGISTERED_COMMANDS.has(name)) return undefined
  return { form: '##[', name, properties: {}, data: line.slice(bracket + 1), line }
}

/**
 * The commands in `output` that the action did not write: the legacy form (the action never uses
 * it), a command @actions/core never writes for it, or one that carries an attacker's payload
 * (`file=content/FAKE.md`, data starting with `INJECTED`).
 */
export function injectedCommands(output: string): RunnerCommand[] {
  return runnerCommands(output).filter(
    (c) =>
      c.form === '##[' || !COMMANDS_THE_ACTION_WRITES.has(c.name) || c.properties.file === 'content/FAKE.md' || /^\s*INJECTED/.test(c.data),
  )
}

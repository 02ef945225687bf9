import { describe, expect, it } from 'vitest'
import { injectedCommands, runnerCommands } from './runner-commands.js'

describe('runnerCommands: what the runner would act on', () => {
  it('reads `::name props::data` at the start of a line, after the blanks .NET trims (a no-break space too), not after a zero-width space', () => {
    const output = [
      '::warning file=content/a.md,line=3,title=x::a%0Ab',
      '  ::error::indented',
      '\u00a0::notice::after a no-break space',
      '\u200b::warning::after a zero-width space',
      'text ::warning::mid-line',
      '::unknown::not registered',
    ].join('\n')
    expect(runnerCommands(output).map((c) => [c.name, c.properties, c.data])).toEqual([
      ['warning', { file: 'content/a.md', line: '3', title: 'x' }, 'a\nb'],
      ['error', {}, 'indented'],
      ['notice', {}, 'after a no-break space'],
    ])
  })

  it('reads the legacy `##[name]` anywhere in a line, and a lone CR as a line break', () => {
    const output = 'Published "x ##[warning]INJECTED" as draft\rtext\r::error::after CR\nnot ##\u200b[warning]broken'
    expect(runnerCommands(output).map((c) => [c.form, c.name, c.data])).toEqual([
      ['##[', 'warning', 'INJECTED" as draft'],
      ['::', 'error', 'after CR'],
    ])
  })

  it("injectedCommands: the action's own commands pass; the legacy form, other names and the attackers' payloads do not", () => {
    const own = [
      '::add-mask::secret',
      '::group::Publish content/a.md',
      '::endgroup::',
      '::error title=t,file=content/a.md,line=2::The title "INJECTED"',
    ]
    expect(injectedCommands(own.join('\n'))).toEqual([])
    const theirs = ['::warning file=content/FAKE.md,line=9::x', '::warning::INJECTED', '::stop-commands::token', 'a ##[error]x']
    expect(injectedCommands(theirs.join('\n'))).toHaveLength(4)
  })
})

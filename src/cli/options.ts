/**
 * The CLI's options: one per action input that makes sense on a machine (derived from src/inputs.ts),
 * plus the CLI's own. `--help` is written from the same table.
 */
import { INPUTS, type InputDefinition } from '../inputs.js'

interface OwnOption {
  type: 'string' | 'boolean'
  short?: string
  usage: string
  description: string
}

const OWN: Record<string, OwnOption> = {
  cwd: { type: 'string', usage: '--cwd <dir>', description: 'the repository root (default: the current directory)' },
  out: { type: 'string', usage: '--out <file>', description: 'preview: write the page here (default: <article>.preview.html)' },
  'dry-run': { type: 'boolean', usage: '--dry-run', description: 'publish: validate and render, send nothing, write nothing' },
  'sample-draft': {
    type: 'boolean',
    usage: '--sample-draft',
    description: 'doctor: once the token works, post ONE draft showing every construct we transform',
  },
  feed: {
    type: 'string',
    usage: '--feed <url>',
    description: "backfill: your Medium feed (https://medium.com/feed/@you, or a publication's)",
  },
  help: { type: 'boolean', short: 'h', usage: '-h, --help', description: 'show this help' },
}

/** The inputs the CLI takes as `--<name> <value>`. */
export const INPUT_OPTIONS = (Object.values(INPUTS) as Array<InputDefinition<unknown>>).filter((d) => d.cli !== false)

/** The option table for node:util parseArgs. */
export const PARSE_OPTIONS = Object.fromEntries([
  ...INPUT_OPTIONS.map((d) => [d.name, { type: 'string' as const }]),
  ...Object.entries(OWN).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
]) as Record<string, { type: 'string' | 'boolean'; short?: string }>

export function helpText(): string {
  const rows: Array<[string, string]> = [
    ...INPUT_OPTIONS.map((d): [string, string] => {
      const placeholder = d.cli === false ? '' : ` <${d.cli.placeholder}>`
      const fallback = d.default !== undefined ? ` (default: ${d.default})` : ''
      return [`--${d.name}${placeholder}`, `${firstSentence(d.description)}${fallback}`]
    }),
    ...Object.values(OWN).map((o): [string, string] => [o.usage, o.description]),
  ]
  const width = Math.max(...rows.map(([usage]) => usage.length)) + 2
  const options = rows
    .map(([usage, description]) => `  ${usage.padEnd(width)}${wrap(description, 100 - width - 2, ' '.repeat(width + 2))}`)
    .join('\n')
  return `medium-publish: the medium-publish-action pipeline on your machine

Usage:
  medium-publish validate [globs...]          check articles against Medium's rules
  medium-publish preview <file> [--out page.html]
                                              render one article as Medium would show it
  medium-publish publish [globs...]           publish new articles (token from MEDIUM_TOKEN)
                                              and write their URLs into the files
  medium-publish backfill --feed <url> [globs...]
                                              record the URLs of articles already on Medium
                                              (matched by canonical URL or title) in the files
  medium-publish doctor [--sample-draft]      check the token from this machine (MEDIUM_TOKEN):
                                              the user, their publications, the cause of a failure;
                                              --sample-draft posts one draft to compare on Medium

Globs default to '${INPUTS.articles.default}'; a glob starting with '!' excludes.

Options (the action's inputs of the same names):
${options}

Exit status: 0 when every article is valid (and, for publish, published or skipped;
for doctor, the token works); 1 when any article is invalid or failed (for doctor,
any check); 2 for a usage error (doctor: MEDIUM_TOKEN not set).
`
}

/** `text` in lines of at most `width` characters (a longer word stands alone), each after the first indented. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  lines.push(line)
  return lines.join(`\n${indent}`)
}

/** The first sentence of a description (a `.` before a capital or the end; not `e.g.`), without Markdown code marks, for a terminal. */
export function firstSentence(text: string): string {
  const plain = text.replace(/`/g, '')
  const end = plain.search(/(?<!\b(?:e\.g|i\.e))\.(?=\s+[A-Z]|\s*$)/)
  return end === -1 ? plain : plain.slice(0, end)
}

#!/usr/bin/env node
// Checks the GitHub workflow files and action.yml, as part of `npm run lint`:
// 1. against GitHub's schemas for workflows and actions, with @action-validator/core
//    (a WebAssembly build of action-validator: it runs offline and downloads nothing);
// 2. that every third-party action is pinned to a full commit SHA with its version in a
//    comment (`uses: actions/checkout@<40 hex> # v6.1.0`), so a moved tag cannot change
//    what runs, and Dependabot can still say which version it is.
//
//   node scripts/lint-workflows.mjs [files...]   (default: .github/workflows/*.yml and action.yml)
//
// Prints `file:line: message` (or `file: /json/path: message`) for each problem and exits 1
// if there is any.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { validateAction, validateWorkflow } from '@action-validator/core'

/**
 * action-validator 0.6.0's action schema predates the node24 runtime (it stops at node20).
 * A `using: nodeNN` line is checked against this list here, and the rest of action.yml is
 * validated as if it said node20.
 */
const NODE_RUNTIMES = ['node20', 'node24']
const USING_LINE = /^(\s*using:\s*['"]?)(node\d+)(['"]?\s*(?:#.*)?)$/m

/** A `uses:` line: the action reference and the comment after it, if any. */
const USES_LINE = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(?:#\s*(.*))?$/
const FULL_SHA = /^[0-9a-f]{40}$/
const VERSION_COMMENT = /^v\d+(\.\d+){0,2}\b/

/**
 * The schema errors of a workflow or action file, one message each. A `one_of` error (a job
 * matches none of the job shapes) is reported through its closest alternative: the one with
 * the fewest errors, which is the shape the author meant.
 * @param {'workflow' | 'action'} kind
 * @param {string} text the file's contents
 * @returns {string[]} messages, `/json/path: what is wrong` or `line N: parse error`
 */
export function schemaProblems(kind, text) {
  if (kind === 'workflow') return withoutGlobNotice(() => validateWorkflow(text)).errors.flatMap(describe)
  const runtime = USING_LINE.exec(text)
  const problems = []
  let checked = text
  if (runtime && runtime[2] !== 'node20') {
    checked = text.replace(USING_LINE, '$1node20$3')
    if (!NODE_RUNTIMES.includes(runtime[2]))
      problems.push(`/runs/using: ${runtime[2]} is not a runtime GitHub runs; use one of ${NODE_RUNTIMES.join(', ')}`)
  }
  return [...problems, ...withoutGlobNotice(() => validateAction(checked)).errors.flatMap(describe)]
}

/**
 * action-validator warns on every `paths:` filter that it cannot check globs yet; that says
 * nothing about our files, so it is left out of the lint output. Its other warnings pass.
 */
function withoutGlobNotice(validate) {
  const warn = console.warn
  console.warn = (message, ...rest) => {
    if (!String(message).startsWith('WARNING: Glob validation is not yet supported')) warn(message, ...rest)
  }
  try {
    return validate()
  } finally {
    console.warn = warn
  }
}

function describe(error) {
  if (error.code === 'parse_error') return [`line ${error.location?.line ?? '?'}: ${error.detail}`]
  if (error.states?.length) {
    const closest = [...error.states].sort((a, b) => a.errors.length - b.errors.length)[0]
    const leaves = closest.errors.flatMap(describe)
    if (leaves.length) return leaves
  }
  return [`${error.path || '/'}: ${error.detail ?? error.title}`]
}

/**
 * Every `uses:` of a third-party action that is not pinned to a full commit SHA with a version
 * comment. Local actions (`./…`) are ours; `docker://` images must carry a sha256 digest.
 * @param {string} text the file's contents
 * @returns {string[]} messages, `line N: what is wrong`
 */
export function unpinnedActions(text) {
  const problems = []
  text.split(/\r?\n/).forEach((line, index) => {
    const match = USES_LINE.exec(line)
    if (!match) return
    const [, , reference, comment] = match
    const at = `line ${index + 1}`
    if (reference.startsWith('./')) return
    if (reference.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(reference)) problems.push(`${at}: ${reference} is not pinned: add its @sha256: digest`)
      return
    }
    const ref = reference.slice(reference.lastIndexOf('@') + 1)
    if (!reference.includes('@') || !FULL_SHA.test(ref))
      problems.push(`${at}: ${reference} is not pinned to a full commit SHA: use <owner>/<repo>@<40-hex SHA> # <version>`)
    else if (!comment || !VERSION_COMMENT.test(comment.trim()))
      problems.push(`${at}: ${reference} has no version comment: add "# v1.2.3" (the tag the SHA is)`)
  })
  return problems
}

/**
 * All problems of one file, each prefixed with the file's path.
 * @param {string} file a path; `action.yml`/`action.yaml` are actions, anything else a workflow
 * @param {string} text its contents
 */
export function lintFile(file, text) {
  const kind = /(^|[\\/])action\.ya?ml$/.test(file) ? 'action' : 'workflow'
  return [...schemaProblems(kind, text), ...unpinnedActions(text)].map((problem) =>
    problem.startsWith('line ') ? `${file}:${problem.slice(5)}` : `${file}: ${problem}`,
  )
}

function defaultFiles(root) {
  const dir = path.join(root, '.github/workflows')
  const workflows = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join('.github/workflows', name))
  return [...workflows, 'action.yml']
}

/**
 * @param {string[]} files paths relative to `cwd`; none: the workflows and action.yml
 * @returns {number} the exit status
 */
export function main(files, { cwd = process.cwd(), stdout = console.log, stderr = console.error } = {}) {
  const targets = files.length ? files : defaultFiles(cwd)
  const problems = targets.flatMap((file) => lintFile(file, readFileSync(path.resolve(cwd, file), 'utf8')))
  for (const problem of problems) stderr(problem)
  if (problems.length) {
    stderr(`${problems.length} problem(s) in the workflow files`)
    return 1
  }
  stdout(`workflows: ${targets.length} file(s) checked, no problems`)
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}

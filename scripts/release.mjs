#!/usr/bin/env node
// The release steps that need logic, for .github/workflows/release.yml and for
// a maintainer's shell. Plain JavaScript so the workflow runs it with `node`
// before (or without) any build. Every decision is a pure function below; the
// commands at the end only read files and run git.
//
//   node scripts/release.mjs check <tag>        the tag is vX.Y.Z and matches package.json
//   node scripts/release.mjs notes <tag>        print the tag's section of CHANGELOG.md
//   node scripts/release.mjs move-major <tag>   point vX at the tag's commit and push it,
//                                               unless a newer vX.y.z exists
//
// Each exits 1 with a one-line reason on stderr when the release must stop.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** vX.Y.Z, no pre-release or build suffix: only these get a release and move a major tag. */
const RELEASE_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/**
 * The version a release tag names, or an error saying why the tag cannot be released.
 * @param {string} tag e.g. "v1.2.3" (or "refs/tags/v1.2.3", as GITHUB_REF has it)
 * @param {string} packageVersion package.json's "version"
 * @returns {{ ok: true, version: string, major: string } | { ok: false, error: string }}
 */
export function checkReleaseTag(tag, packageVersion) {
  const name = tag.replace(/^refs\/tags\//, '')
  const match = RELEASE_TAG.exec(name)
  if (!match) return { ok: false, error: `${name} is not a release tag: expected vMAJOR.MINOR.PATCH, e.g. v1.2.3` }
  const version = name.slice(1)
  if (version !== packageVersion)
    return {
      ok: false,
      error: `${name} does not match package.json's version ${packageVersion}: set "version": "${version}" and tag that commit`,
    }
  return { ok: true, version, major: `v${match[1]}` }
}

/**
 * The body of a version's section in a Keep a Changelog file: the lines after
 * `## [1.2.3]` (or `## 1.2.3`, with or without `v`, with or without ` - date`)
 * up to the next `## ` heading or the link references at the end.
 * @param {string} changelog CHANGELOG.md's text
 * @param {string} version "1.2.3"
 * @returns {{ ok: true, notes: string } | { ok: false, error: string }}
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const escaped = version.replace(/\./g, '\\.')
  const heading = new RegExp(`^## \\[?v?${escaped}\\]?(\\s|$)`)
  const start = lines.findIndex((line) => heading.test(line))
  if (start === -1) return { ok: false, error: `CHANGELOG.md has no section for ${version}: add "## [${version}] - YYYY-MM-DD"` }
  let end = lines.findIndex((line, i) => i > start && (/^## /.test(line) || /^\[[^\]]+\]:\s/.test(line)))
  if (end === -1) end = lines.length
  const notes = lines
    .slice(start + 1, end)
    .join('\n')
    .trim()
  if (!notes) return { ok: false, error: `CHANGELOG.md's section for ${version} is empty: say what changed` }
  return { ok: true, notes }
}

/**
 * Whether a release is the newest of its major version among the repository's
 * release tags. A patch to an older line (v1.0.1 after v1.1.0) is released but
 * must not pull v1 back.
 * @param {string} version "1.0.1"
 * @param {string[]} tags every tag name in the repository
 */
export function isNewestOfMajor(version, tags) {
  const [major, minor, patch] = version.split('.').map(Number)
  return !tags.some((tag) => {
    const match = RELEASE_TAG.exec(tag)
    if (!match || Number(match[1]) !== major) return false
    const [, , otherMinor, otherPatch] = match.map(Number)
    return otherMinor > minor || (otherMinor === minor && otherPatch > patch)
  })
}

/**
 * The git commands that point the major tag at the release tag's commit and
 * publish it. `-f` replaces an existing vX; `^{commit}` makes vX a lightweight
 * tag on the commit itself, not on an annotated tag object, as actions/checkout
 * and actions/setup-node do with theirs.
 * @param {string} tag "v1.2.3"
 * @param {string} major "v1"
 * @param {string} remote "origin"
 * @returns {string[][]} argument lists for `git`
 */
export function moveMajorTagCommands(tag, major, remote = 'origin') {
  return [
    ['tag', '-f', major, `${tag}^{commit}`],
    ['push', '-f', remote, `refs/tags/${major}:refs/tags/${major}`],
  ]
}

function readPackageVersion(cwd) {
  return JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8')).version
}

/**
 * Runs one command: check, notes or move-major. Returns the exit status.
 * @param {string[]} argv e.g. ["notes", "v1.2.3"]
 * @param {{ cwd?: string, remote?: string, stdout?: (s: string) => void, stderr?: (s: string) => void }} [io]
 */
export function main(argv, io = {}) {
  const cwd = io.cwd ?? process.cwd()
  const stdout = io.stdout ?? ((s) => process.stdout.write(s))
  const stderr = io.stderr ?? ((s) => process.stderr.write(s))
  const [command, tag] = argv
  if (!command || !tag || !['check', 'notes', 'move-major'].includes(command)) {
    stderr('usage: node scripts/release.mjs check|notes|move-major <vX.Y.Z>\n')
    return 2
  }
  const checked = checkReleaseTag(tag, readPackageVersion(cwd))
  if (!checked.ok) {
    stderr(`release: ${checked.error}\n`)
    return 1
  }
  const name = `v${checked.version}`
  switch (command) {
    case 'check':
      stdout(`${name} (major ${checked.major})\n`)
      return 0
    case 'notes': {
      const section = changelogSection(readFileSync(path.join(cwd, 'CHANGELOG.md'), 'utf8'), checked.version)
      if (!section.ok) {
        stderr(`release: ${section.error}\n`)
        return 1
      }
      stdout(`${section.notes}\n`)
      return 0
    }
    case 'move-major': {
      const tags = execFileSync('git', ['tag', '--list', `${checked.major}.*`], { cwd, encoding: 'utf8' }).split('\n')
      if (!isNewestOfMajor(checked.version, tags)) {
        stdout(`${checked.major} stays: a newer ${checked.major}.x.y release exists than ${name}\n`)
        return 0
      }
      for (const args of moveMajorTagCommands(name, checked.major, io.remote ?? 'origin'))
        execFileSync('git', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
      stdout(`${checked.major} -> ${name}\n`)
      return 0
    }
  }
  return 2
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}

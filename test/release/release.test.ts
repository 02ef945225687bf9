/**
 * Issue #14: the release workflow's steps (check the tag, release notes from CHANGELOG.md, move the
 * major tag) run as the workflow runs them, `node scripts/release.mjs …`, in a clone of a real bare
 * repository that stands in for GitHub. The assertions read the bare repository's tags.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changelogSection, checkReleaseTag, isNewestOfMajor, moveMajorTagCommands } from '../../scripts/release.mjs'
import { repoRoot } from '../support/run-action.js'

const SCRIPT = path.join(repoRoot, 'scripts/release.mjs')

const CHANGELOG = `# Changelog

All notable changes. The format is Keep a Changelog.

## [Unreleased]

### Added

- Something not released yet.

## [1.1.0] - 2026-02-01

### Added

- The \`since\` input.

### Fixed

- Tags with spaces.

## [1.0.0] - 2026-01-01

### Added

- First release.

[Unreleased]: https://github.com/o/r/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/o/r/compare/v1.0.0...v1.1.0
[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0
`

describe('checkReleaseTag', () => {
  it('accepts vX.Y.Z matching package.json and names its major tag', () => {
    expect(checkReleaseTag('v1.2.3', '1.2.3')).toEqual({ ok: true, version: '1.2.3', major: 'v1' })
    expect(checkReleaseTag('refs/tags/v10.0.0', '10.0.0')).toEqual({ ok: true, version: '10.0.0', major: 'v10' })
  })

  it.each(['1.2.3', 'v1.2', 'v1', 'v1.2.3-rc.1', 'v1.2.3+build', 'v01.2.3', 'v1.2.3.4', 'latest'])('refuses %s', (tag) => {
    const result = checkReleaseTag(tag, '1.2.3')
    expect(result).toEqual({ ok: false, error: expect.stringContaining('expected vMAJOR.MINOR.PATCH') })
  })

  it('refuses a tag that does not match package.json, saying what to set', () => {
    expect(checkReleaseTag('v1.2.4', '1.2.3')).toEqual({
      ok: false,
      error: `v1.2.4 does not match package.json's version 1.2.3: set "version": "1.2.4" and tag that commit`,
    })
  })
})

describe('changelogSection', () => {
  it("returns a version's section up to the next heading, without the heading", () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toEqual({
      ok: true,
      notes: '### Added\n\n- The `since` input.\n\n### Fixed\n\n- Tags with spaces.',
    })
  })

  it('stops the last section at the link references', () => {
    expect(changelogSection(CHANGELOG, '1.0.0')).toEqual({ ok: true, notes: '### Added\n\n- First release.' })
  })

  it('reads headings without brackets, with a v, with CRLF line ends', () => {
    const text = '# Changelog\r\n\r\n## v2.0.0\r\n\r\n- Breaking.\r\n\r\n## 1.0.0 - 2026-01-01\r\n\r\n- First.\r\n'
    expect(changelogSection(text, '2.0.0')).toEqual({ ok: true, notes: '- Breaking.' })
    expect(changelogSection(text, '1.0.0')).toEqual({ ok: true, notes: '- First.' })
  })

  it('does not take 1.0.0 for 1.0.0-rc.1 or 1.0.00, and says what to add when the section is missing', () => {
    const text = '## [1.0.0-rc.1]\n\n- rc\n\n## [1.0.00]\n\n- typo\n'
    expect(changelogSection(text, '1.0.0')).toEqual({
      ok: false,
      error: 'CHANGELOG.md has no section for 1.0.0: add "## [1.0.0] - YYYY-MM-DD"',
    })
  })

  it('refuses an empty section', () => {
    expect(changelogSection('## [1.0.0]\n\n## [0.9.0]\n\n- old\n', '1.0.0')).toEqual({
      ok: false,
      error: "CHANGELOG.md's section for 1.0.0 is empty: say what changed",
    })
  })

  it("reads this repository's own CHANGELOG.md: an Unreleased section with content, as CONTRIBUTING.md's process needs", () => {
    const own = readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8')
    expect(changelogSection(own, 'Unreleased')).toMatchObject({ ok: true, notes: expect.stringContaining('### Added') })
  })
})

describe('isNewestOfMajor', () => {
  const tags = ['v1', 'v1.0.0', 'v1.1.0', 'v2', 'v2.0.0', 'v1.2.0-rc.1', 'other']
  it('is true for the newest of its major, ignoring other majors and pre-releases', () => {
    expect(isNewestOfMajor('1.1.0', tags)).toBe(true)
    expect(isNewestOfMajor('1.1.1', tags)).toBe(true)
    expect(isNewestOfMajor('2.0.0', tags)).toBe(true)
  })
  it('is false for a patch to an older line', () => {
    expect(isNewestOfMajor('1.0.1', tags)).toBe(false)
    expect(isNewestOfMajor('1.0.0', tags)).toBe(false)
  })
})

describe('moveMajorTagCommands', () => {
  it('re-points vX at the commit (not the annotated tag object) and force-pushes only that tag', () => {
    expect(moveMajorTagCommands('v1.2.3', 'v1')).toEqual([
      ['tag', '-f', 'v1', 'v1.2.3^{commit}'],
      ['push', '-f', 'origin', 'refs/tags/v1:refs/tags/v1'],
    ])
  })
})

describe('release steps against a bare repository', () => {
  let dir: string
  let origin: string
  let work: string

  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
  const release = (...args: string[]) => {
    const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: work, encoding: 'utf8' })
    return { status: run.status, stdout: run.stdout, stderr: run.stderr }
  }
  /** What GitHub would serve: the commit a tag in the bare repository points to, and the tag's kind. */
  const remoteTag = (tag: string) => ({
    commit: git(origin, 'rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`),
    type: git(origin, 'cat-file', '-t', `refs/tags/${tag}`),
  })
  const remoteTags = () => git(origin, 'tag', '--list').split('\n').sort()

  /** A maintainer's release: bump package.json, add the changelog section, commit, tag, push. */
  function cutRelease(version: string, notes: string, from?: string) {
    if (from) git(work, 'checkout', '--quiet', '-B', `release-${version}`, from)
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'fixture', version }, null, 2) + '\n')
    const changelog = readFileSync(path.join(work, 'CHANGELOG.md'), 'utf8')
    writeFileSync(
      path.join(work, 'CHANGELOG.md'),
      changelog.replace('## [Unreleased]\n', `## [Unreleased]\n\n## [${version}] - 2026-03-01\n\n${notes}\n`),
    )
    git(work, 'commit', '--quiet', '-am', `Release ${version}`)
    git(work, 'tag', '-a', `v${version}`, '-m', `v${version}`)
    git(work, 'push', '--quiet', 'origin', 'HEAD', `refs/tags/v${version}`)
    return git(work, 'rev-parse', 'HEAD')
  }

  /** The workflow's steps after the tests pass, in the workflow's order. */
  function releaseWorkflow(tag: string) {
    const check = release('check', tag)
    const notes = release('notes', tag)
    const move = release('move-major', tag)
    return { check, notes, move }
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'release-test-'))
    origin = path.join(dir, 'origin.git')
    work = path.join(dir, 'work')
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', origin)
    git(dir, 'clone', '--quiet', origin, work)
    git(work, 'config', 'user.name', 'Release Test')
    git(work, 'config', 'user.email', 'release@example.com')
    git(work, 'config', 'commit.gpgsign', 'false')
    git(work, 'config', 'tag.gpgsign', 'false')
    git(work, 'checkout', '--quiet', '-b', 'main')
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'fixture', version: '0.0.0' }) + '\n')
    writeFileSync(path.join(work, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n')
    git(work, 'add', '.')
    git(work, 'commit', '--quiet', '-m', 'Start')
    git(work, 'push', '--quiet', 'origin', 'main')
  })

  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('v1.0.0: notes from its changelog section, v1 created at its commit', () => {
    const commit = cutRelease('1.0.0', '### Added\n\n- First release.')
    const { check, notes, move } = releaseWorkflow('v1.0.0')
    expect(check).toEqual({ status: 0, stdout: 'v1.0.0 (major v1)\n', stderr: '' })
    expect(notes).toEqual({ status: 0, stdout: '### Added\n\n- First release.\n', stderr: '' })
    expect(move).toEqual({ status: 0, stdout: 'v1 -> v1.0.0\n', stderr: '' })
    expect(remoteTag('v1')).toEqual({ commit, type: 'commit' })
    expect(remoteTag('v1.0.0')).toEqual({ commit, type: 'tag' })
  })

  it('v1.1.0: v1 moves again, to the new release', () => {
    const first = remoteTag('v1.0.0').commit
    const commit = cutRelease('1.1.0', '### Added\n\n- The `since` input.')
    const { notes, move } = releaseWorkflow('v1.1.0')
    expect(notes.stdout).toBe('### Added\n\n- The `since` input.\n')
    expect(move).toEqual({ status: 0, stdout: 'v1 -> v1.1.0\n', stderr: '' })
    expect(remoteTag('v1')).toEqual({ commit, type: 'commit' })
    expect(commit).not.toBe(first)
    expect(remoteTag('v1.0.0').commit).toBe(first)
  })

  it('v2.0.0: creates v2 and leaves v1 where it was', () => {
    const v1 = remoteTag('v1').commit
    const commit = cutRelease('2.0.0', '### Changed\n\n- Breaking.')
    const { notes, move } = releaseWorkflow('v2.0.0')
    expect(notes.stdout).toBe('### Changed\n\n- Breaking.\n')
    expect(move).toEqual({ status: 0, stdout: 'v2 -> v2.0.0\n', stderr: '' })
    expect(remoteTag('v2')).toEqual({ commit, type: 'commit' })
    expect(remoteTag('v1').commit).toBe(v1)
    expect(remoteTags()).toEqual(['v1', 'v1.0.0', 'v1.1.0', 'v2', 'v2.0.0'])
  })

  it('v1.0.1, a patch to the older v1.0 line, is released but does not pull v1 back', () => {
    const v1 = remoteTag('v1').commit
    cutRelease('1.0.1', '### Fixed\n\n- A backported fix.', 'v1.0.0')
    const { check, notes, move } = releaseWorkflow('v1.0.1')
    expect(check.status).toBe(0)
    expect(notes.stdout).toBe('### Fixed\n\n- A backported fix.\n')
    expect(move).toEqual({ status: 0, stdout: 'v1 stays: a newer v1.x.y release exists than v1.0.1\n', stderr: '' })
    expect(remoteTag('v1').commit).toBe(v1)
  })

  it('stops with a reason when the tag does not match package.json or has no changelog section', () => {
    git(work, 'checkout', '--quiet', 'main')
    const mismatch = release('check', 'v2.0.1')
    expect(mismatch).toEqual({
      status: 1,
      stdout: '',
      stderr: `release: v2.0.1 does not match package.json's version 2.0.0: set "version": "2.0.1" and tag that commit\n`,
    })
    expect(release('move-major', 'v2.0.1').status).toBe(1)
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'fixture', version: '2.0.1' }) + '\n')
    expect(release('notes', 'v2.0.1')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'release: CHANGELOG.md has no section for 2.0.1: add "## [2.0.1] - YYYY-MM-DD"\n',
    })
    expect(release('notes')).toMatchObject({ status: 2, stderr: expect.stringContaining('usage:') })
    git(work, 'checkout', '--quiet', '--', 'package.json')
    expect(remoteTag('v2').commit).toBe(remoteTag('v2.0.0').commit)
  })
})

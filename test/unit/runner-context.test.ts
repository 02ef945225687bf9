import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { changedPathsFromPushEvent, readRunnerContext, runModeFor } from '../../src/runner-context.js'

function context(env: Record<string, string>, event: Record<string, unknown> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'mpa-ctx-'))
  writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event))
  return readRunnerContext({ GITHUB_WORKSPACE: dir, GITHUB_EVENT_PATH: path.join(dir, 'event.json'), ...env })
}

describe('which runs publish (DESIGN.md "Events")', () => {
  it.each([
    ['push', 'refs/heads/main', false, 'publish'],
    ['workflow_dispatch', 'refs/heads/main', false, 'publish'],
    ['schedule', 'refs/heads/main', false, 'publish'],
    ['pull_request', 'refs/pull/7/merge', false, 'preview'],
    ['pull_request_target', 'refs/heads/main', false, 'preview'],
    ['push', 'refs/tags/v1.0.0', false, 'preview'],
    ['push', 'refs/heads/main', true, 'preview'],
  ])('%s on %s (dry-run %s) -> %s', (eventName, ref, dryRun, expected) => {
    expect(runModeFor(context({ GITHUB_EVENT_NAME: eventName, GITHUB_REF: ref }), dryRun).kind).toBe(expected)
  })

  it('reads the repository, branch and server from the runner', () => {
    const ctx = context(
      {
        GITHUB_REPOSITORY: 'acme/blog',
        GITHUB_REF: 'refs/heads/release/2',
        GITHUB_SHA: 'abc',
        GITHUB_SERVER_URL: 'https://ghe.example.com/',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3',
      },
      { repository: { private: false }, pull_request: { number: 4, base: { sha: 'b' }, head: { sha: 'h' } } },
    )
    expect(ctx).toMatchObject({
      owner: 'acme',
      repo: 'blog',
      branch: 'release/2',
      sha: 'abc',
      serverUrl: 'https://ghe.example.com',
      apiUrl: 'https://ghe.example.com/api/v3',
      repositoryPrivate: false,
      pullRequest: { number: 4, baseSha: 'b', headSha: 'h' },
    })
  })

  it('does not guess visibility when the event does not say', () => {
    expect(context({}, {}).repositoryPrivate).toBeUndefined()
    expect(context({}, { repository: { visibility: 'internal' } }).repositoryPrivate).toBe(true)
  })

  it('lists the files a push changed from its commits', () => {
    const changed = changedPathsFromPushEvent({
      commits: [{ added: ['content/new.md'], modified: ['content/a.md'], removed: ['content/gone.md'] }, { modified: ['README.md'] }],
    })
    expect([...(changed ?? [])].sort()).toEqual(['README.md', 'content/a.md', 'content/new.md'])
    expect(changedPathsFromPushEvent({})).toBeUndefined()
  })
})

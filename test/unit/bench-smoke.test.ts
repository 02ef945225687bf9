// The benchmarks of bench/ at tiny sizes, so their code cannot rot. Timings are only checked to
// be measured; request counts are exact and must meet their goals. Needs dist/index.js (npm test
// builds it first), not `npm run bench`.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPTIONS, runBenchmarks, type BenchReport } from '../../bench/benchmarks.js'
import { formatTable, TABLE_HEADER } from '../../bench/table.js'
import { actionEntry } from '../support/run-action.js'

let tmpDir: string
let report: BenchReport

beforeAll(async () => {
  if (!existsSync(actionEntry)) throw new Error(`${actionEntry} is missing: run 'npm run package' first (npm test does).`)
  tmpDir = await mkdtemp(path.join(tmpdir(), 'mpa-bench-smoke-'))
  report = await runBenchmarks({
    ...DEFAULT_OPTIONS,
    action: actionEntry,
    tmpDir,
    runs: 1,
    articles: 20,
    coldArticles: 3,
    renderArticles: 20,
    writeBackSizes: [1, 3],
    mediumArticles: 4,
    mediumImages: 2,
    log: () => {},
  })
}, 90_000)

afterAll(async () => {
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true })
})

describe('npm run bench at tiny sizes', () => {
  it('produces every row of the table', () => {
    expect(report.rows.map((r) => r.id)).toEqual([
      'cold',
      'noop',
      'memory-small',
      'memory-large',
      'memory-growth',
      'render',
      'github-1',
      'github-3',
      'claims-1',
      'claims-3',
      'medium',
    ])
    const table = formatTable(report)
    for (const header of TABLE_HEADER) expect(table.split('\n')[0]).toContain(header)
    for (const row of report.rows) expect(table).toContain(row.benchmark)
    expect(table).toContain(`Node ${process.version}`)
    expect(table).toMatch(/Machine: .+, \d+ cores/)
  })

  it('measures every timing and memory figure against its baseline', () => {
    for (const row of report.rows.filter((r) => r.unit === 'ms' || r.unit === 'MB')) {
      expect(row.ours, row.id).toBeGreaterThan(0)
      expect(row.baseline, row.id).toBeGreaterThan(0)
      expect(Number.isFinite(row.ratio), row.id).toBe(true)
      expect(['pass', 'FAIL', 'info'], row.id).toContain(row.status)
    }
  })

  it('counts the GitHub calls of a write-back exactly: the same small constant for 1 and 3 articles', () => {
    const github = report.rows.filter((r) => r.id.startsWith('github-'))
    expect(github).toHaveLength(2)
    for (const row of github) {
      expect(Number.isInteger(row.ours), row.note).toBe(true)
      expect(row.ours, row.note).toBeGreaterThan(0)
      expect(row.ours, row.note).toBeLessThanOrEqual(5)
      expect(row.status, row.note).toBe('pass')
    }
    expect(github[1]!.ours, github[1]!.note).toBe(github[0]!.ours)
  })

  it('counts the claims apart: a ticket, one claim created and released per article, one more look at the branch', () => {
    const claims = report.rows.filter((r) => r.id.startsWith('claims-'))
    expect(claims.map((r) => r.ours)).toEqual([2 + 2 * 1, 2 + 2 * 3])
    for (const row of claims) expect(row.status, row.note).toBe('pass')
  })

  it('counts the Medium calls exactly: GET /me, one post per article, one upload per distinct image', () => {
    const medium = report.rows.find((r) => r.id === 'medium')!
    expect(medium.ours, medium.note).toBe(1 + 4 + 2)
    expect(medium.baseline).toBe(7)
    expect(medium.status).toBe('pass')
  })
})

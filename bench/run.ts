// npm run bench: the benchmarks of issue #6 (see bench/README.md).
//
//   tsx bench/run.ts [--articles 10000] [--runs 5] [--cold-articles 10] [--render-articles 1000]
//                    [--write-back-sizes 1,10,100] [--medium-articles 12] [--medium-images 4]
//                    [--body-kb 3] [--large-body-kb 30] [--only cold,noop,memory,render,requests]
//                    [--action dist/index.js] [--json results.json] [--keep]
//
// Every flag also reads from the environment: BENCH_ARTICLES, BENCH_RUNS, ... (upper case,
// dashes as underscores). BENCH_STRICT=1 makes a failed goal exit non-zero.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { actionEntry } from '../test/support/run-action.js'
import { ALL_GROUPS, DEFAULT_OPTIONS, runBenchmarks, type BenchmarkGroup, type BenchOptions } from './benchmarks.js'
import { formatTable } from './table.js'

const FLAGS = [
  'articles',
  'runs',
  'cold-articles',
  'render-articles',
  'write-back-sizes',
  'medium-articles',
  'medium-images',
  'body-kb',
  'large-body-kb',
  'only',
  'action',
  'json',
] as const

function readOptions(argv: string[]): { options: Omit<BenchOptions, 'tmpDir' | 'log'>; json?: string; keep: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { ...Object.fromEntries(FLAGS.map((f) => [f, { type: 'string' as const }])), keep: { type: 'boolean' } },
    strict: true,
  })
  const get = (flag: (typeof FLAGS)[number]): string | undefined =>
    ((values as Record<string, string | boolean | undefined>)[flag] as string | undefined) ??
    process.env[`BENCH_${flag.toUpperCase().replace(/-/g, '_')}`]
  const count = (flag: (typeof FLAGS)[number], fallback: number, min = 1): number => {
    const raw = get(flag)
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} '${raw}' is not a whole number ≥ ${min}`)
    return n
  }
  const only = get('only')
  const groups = only ? only.split(',').map((g) => g.trim()) : [...ALL_GROUPS]
  for (const g of groups)
    if (!ALL_GROUPS.includes(g as BenchmarkGroup)) throw new Error(`--only '${g}': expected some of ${ALL_GROUPS.join(', ')}`)
  const sizes = get('write-back-sizes')
  const writeBackSizes = sizes ? sizes.split(',').map((s) => Number(s.trim())) : DEFAULT_OPTIONS.writeBackSizes
  if (writeBackSizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--write-back-sizes '${sizes}': expected whole numbers ≥ 1, e.g. 1,10,100`)
  return {
    options: {
      action: path.resolve(get('action') ?? actionEntry),
      runs: count('runs', DEFAULT_OPTIONS.runs),
      articles: count('articles', DEFAULT_OPTIONS.articles),
      bodyBytes: count('body-kb', DEFAULT_OPTIONS.bodyBytes / 1024) * 1024,
      largeBodyBytes: count('large-body-kb', DEFAULT_OPTIONS.largeBodyBytes / 1024) * 1024,
      coldArticles: count('cold-articles', DEFAULT_OPTIONS.coldArticles),
      renderArticles: count('render-articles', DEFAULT_OPTIONS.renderArticles),
      writeBackSizes,
      mediumArticles: count('medium-articles', DEFAULT_OPTIONS.mediumArticles),
      mediumImages: count('medium-images', DEFAULT_OPTIONS.mediumImages, 0),
      groups: groups as BenchmarkGroup[],
    },
    json: get('json'),
    keep: values.keep === true,
  }
}

async function main(): Promise<number> {
  const { options, json, keep } = readOptions(process.argv.slice(2))
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'mpa-bench-'))
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)
  try {
    const report = await runBenchmarks({ ...options, tmpDir, log })
    console.log(formatTable(report))
    if (json) await writeFile(json, JSON.stringify(report, null, 2) + '\n')
    const failed = report.rows.filter((r) => r.status === 'FAIL')
    if (failed.length > 0) {
      console.log(`\n${failed.length} goal(s) not met: ${failed.map((r) => r.id).join(', ')}.`)
      if (process.env.BENCH_STRICT === '1') return 1
    }
    return 0
  } finally {
    if (keep) log(`kept ${tmpDir}`)
    else await rm(tmpDir, { recursive: true, force: true })
  }
}

process.exitCode = await main()

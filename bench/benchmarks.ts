/**
 * The benchmarks of issue #6. Each timing figure is the median of `runs` alternating runs
 * (ours, baseline, ours, baseline, ...) after one warm-up of each; request counts are exact,
 * from the emulators' request logs. Every benchmark generates its data under `tmpDir`.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createRepository, startGitHubEmulator } from '../test/support/github-emulator/index.js'
import { startMediumEmulator } from '../test/support/medium-emulator.js'
import { generateArticle, generateRenderSamples, png } from './articles.js'
import { actionEnv, plainEnv, timedNode, type ProcessRun } from './processes.js'

export type BenchmarkGroup = 'cold' | 'noop' | 'memory' | 'render' | 'requests'
export const ALL_GROUPS: readonly BenchmarkGroup[] = ['cold', 'noop', 'memory', 'render', 'requests']

export interface BenchOptions {
  /** Path of the bundled action (dist/index.js). */
  action: string
  /** A temporary folder for workspaces, repositories and runner files. */
  tmpDir: string
  /** Measured runs of each side (alternating); the figure is their median. */
  runs: number
  /** Articles in the no-op scan and memory workspaces. */
  articles: number
  /** Article size for the no-op scan, and the larger size for the memory comparison (bytes). */
  bodyBytes: number
  largeBodyBytes: number
  /** Published articles in the cold-start workspace. */
  coldArticles: number
  /** Articles rendered by the render benchmark. */
  renderArticles: number
  /** Sizes of the write-back commits whose GitHub API calls are counted. */
  writeBackSizes: number[]
  /** N articles with k distinct local images, for the Medium call count. */
  mediumArticles: number
  mediumImages: number
  groups: readonly BenchmarkGroup[]
  /** Progress lines (stderr). */
  log: (line: string) => void
}

export const DEFAULT_OPTIONS: Omit<BenchOptions, 'action' | 'tmpDir' | 'log'> = {
  runs: 5,
  articles: 10_000,
  bodyBytes: 3 * 1024,
  largeBodyBytes: 30 * 1024,
  coldArticles: 10,
  renderArticles: 1_000,
  writeBackSizes: [1, 10, 100],
  mediumArticles: 12,
  mediumImages: 4,
  groups: ALL_GROUPS,
}

export type Unit = 'ms' | 'MB' | 'calls' | 'x'

export interface Row {
  id: string
  benchmark: string
  ours: number
  baseline?: number
  unit: Unit
  /** ours / baseline (when both are numbers). */
  ratio?: number
  goal: string
  status: 'pass' | 'FAIL' | 'info'
  /** What a reader needs to interpret the figure (request breakdown, a failed sanity check). */
  note?: string
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Runs A and B alternately (after one unmeasured warm-up each); returns every measured value. */
async function alternate<T>(
  runs: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
  onRun?: (i: number, x: T, y: T) => void,
): Promise<{ a: T[]; b: T[] }> {
  await a()
  await b()
  const out = { a: [] as T[], b: [] as T[] }
  for (let i = 0; i < runs; i++) {
    const x = await a()
    const y = await b()
    out.a.push(x)
    out.b.push(y)
    onRun?.(i, x, y)
  }
  return out
}

const MB = 1024 * 1024
const MEDIUM_TOKEN = 'bench-medium-token-0123456789abcdef'
const GITHUB_TOKEN = 'ghs_benchGitHubToken0123456789'

/** The plain-Node baseline of the no-op scan: read every Markdown file, find the end of its front-matter. */
const PLAIN_SCAN = `import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
const root = process.argv[2]
let files = 0
let closed = 0
for (const rel of readdirSync(root, { recursive: true })) {
  if (!rel.endsWith('.md')) continue
  const text = readFileSync(join(root, rel), 'utf8')
  files++
  if (text.startsWith('---') && text.indexOf('\\n---', 3) !== -1) closed++
}
console.log(files + ' files, ' + closed + ' front-matter blocks')
`

async function writeFiles(root: string, files: Record<string, string | Buffer>): Promise<void> {
  const dirs = new Set(Object.keys(files).map((f) => path.dirname(path.join(root, f))))
  for (const dir of dirs) await mkdir(dir, { recursive: true })
  const entries = Object.entries(files)
  for (let i = 0; i < entries.length; i += 64) {
    await Promise.all(entries.slice(i, i + 64).map(([file, content]) => writeFile(path.join(root, file), content)))
  }
}

function publishedFiles(count: number, bytes: number): Record<string, string> {
  const files: Record<string, string> = { 'README.md': '# Blog\n\nArticles live in content/.\n' }
  for (let i = 0; i < count; i++) {
    const article = generateArticle({ index: i, bytes, published: true })
    files[article.path] = article.text
  }
  return files
}

function checkRun(run: ProcessRun, what: string): void {
  if (run.exitCode !== 0) {
    throw new Error(
      `${what} exited with ${run.exitCode}\n--- stdout (end) ---\n${run.stdout.slice(-3000)}\n--- stderr ---\n${run.stderr.slice(-3000)}`,
    )
  }
}

/** A workspace of published articles and the action's environment for a push with write-back `files`. */
async function noopSetup(options: BenchOptions, name: string, count: number, bytes: number) {
  const workspace = path.join(options.tmpDir, name)
  options.log(`${name}: writing ${count} articles of ~${Math.round(bytes / 1024)} KB...`)
  await writeFiles(workspace, publishedFiles(count, bytes))
  const medium = await startMediumEmulator({ users: [{ token: MEDIUM_TOKEN }] })
  const env = await actionEnv({
    workspace,
    runnerDir: path.join(options.tmpDir, 'runner'),
    inputs: { 'medium-token': MEDIUM_TOKEN, 'medium-api-url': medium.url, 'write-back': 'files', images: 'upload' },
    event: {
      ref: 'refs/heads/main',
      after: 'a'.repeat(40),
      repository: { private: true, full_name: 'acme/blog' },
      commits: [{ id: 'a'.repeat(40), added: [], modified: ['README.md'], removed: [] }],
    },
  })
  const scanScript = path.join(options.tmpDir, 'plain-scan.mjs')
  await writeFile(scanScript, PLAIN_SCAN)
  const probeDir = path.join(options.tmpDir, 'probe')
  await mkdir(probeDir, { recursive: true })
  const ours = async (): Promise<ProcessRun> => {
    await env.reset()
    const run = await timedNode({ args: [options.action], env: env.env, cwd: workspace, measureRss: { probeDir } })
    checkRun(run, `dist/index.js on ${name}`)
    const outputs = await env.outputs()
    if (outputs['published-count'] !== '0')
      throw new Error(`${name}: expected nothing published, got published-count=${outputs['published-count']}`)
    return run
  }
  const plain = async (): Promise<ProcessRun> => {
    const run = await timedNode({
      args: [scanScript, path.join(workspace, 'content')],
      env: plainEnv(),
      cwd: workspace,
      measureRss: { probeDir },
    })
    checkRun(run, 'the plain scan')
    return run
  }
  return { ours, plain, mediumRequests: () => medium.requests.length, close: () => medium.close() }
}

async function noopPair(options: BenchOptions, name: string, bytes: number) {
  const setup = await noopSetup(options, name, options.articles, bytes)
  try {
    const runs = await alternate(options.runs, setup.ours, setup.plain, (i, a, b) =>
      options.log(
        `${name}: run ${i + 1}/${options.runs}: action ${a.ms.toFixed(0)} ms, ${((a.peakRss ?? 0) / MB).toFixed(0)} MB; plain ${b.ms.toFixed(0)} ms, ${((b.peakRss ?? 0) / MB).toFixed(0)} MB`,
      ),
    )
    return {
      ms: { ours: median(runs.a.map((r) => r.ms)), plain: median(runs.b.map((r) => r.ms)) },
      rss: { ours: median(runs.a.map((r) => r.peakRss!)), plain: median(runs.b.map((r) => r.peakRss!)) },
      mediumRequests: setup.mediumRequests(),
    }
  } finally {
    await setup.close()
  }
}

function ratioRow(row: Omit<Row, 'ratio' | 'status'>, limit: number): Row {
  const ratio = row.baseline ? row.ours / row.baseline : undefined
  return { ...row, ratio, status: ratio !== undefined && ratio <= limit ? 'pass' : 'FAIL' }
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`
}

// ---------------------------------------------------------------------------------------------

export async function coldStart(options: BenchOptions): Promise<Row[]> {
  const workspace = path.join(options.tmpDir, 'cold')
  await writeFiles(workspace, publishedFiles(options.coldArticles, options.bodyBytes))
  const medium = await startMediumEmulator({ users: [{ token: MEDIUM_TOKEN }] })
  try {
    const env = await actionEnv({
      workspace,
      runnerDir: path.join(options.tmpDir, 'runner'),
      inputs: { 'medium-token': MEDIUM_TOKEN, 'medium-api-url': medium.url, 'write-back': 'files', images: 'upload' },
    })
    const runs = await alternate(
      options.runs,
      async () => {
        await env.reset()
        const run = await timedNode({ args: [options.action], env: env.env, cwd: workspace })
        checkRun(run, 'dist/index.js (cold start)')
        return run.ms
      },
      async () => (await timedNode({ args: ['-e', '0'], env: plainEnv(), cwd: workspace })).ms,
      (i, a, b) => options.log(`cold start: run ${i + 1}/${options.runs}: action ${a.toFixed(0)} ms, node -e 0 ${b.toFixed(0)} ms`),
    )
    const row = ratioRow(
      {
        id: 'cold',
        benchmark: `cold start: dist/index.js, ${options.coldArticles} published articles (vs node -e 0)`,
        ours: median(runs.a),
        baseline: median(runs.b),
        unit: 'ms',
        goal: 'ratio ≤ 2.5',
      },
      2.5,
    )
    if (medium.requests.length > 0)
      Object.assign(row, { status: 'FAIL', note: `${medium.requests.length} Medium request(s) on a run with nothing to publish` })
    return [row]
  } finally {
    await medium.close()
  }
}

/** The no-op scan (time), and its peak RSS at the normal article size. */
export async function noopScan(options: BenchOptions): Promise<{ rows: Row[]; rss: { ours: number; plain: number } }> {
  const result = await noopPair(options, `noop-${options.articles}x${kb(options.bodyBytes).replace(' ', '')}`, options.bodyBytes)
  const row = ratioRow(
    {
      id: 'noop',
      benchmark: `no-op scan: ${options.articles} published articles of ~${kb(options.bodyBytes)} (vs plain read + find front-matter end)`,
      ours: result.ms.ours,
      baseline: result.ms.plain,
      unit: 'ms',
      goal: 'ratio ≤ 1.5',
    },
    1.5,
  )
  if (result.mediumRequests > 0)
    Object.assign(row, { status: 'FAIL', note: `${result.mediumRequests} Medium request(s) on a run with nothing to publish` })
  return { rows: [row, memoryRow('memory-small', options.articles, options.bodyBytes, result.rss)], rss: result.rss }
}

function memoryRow(id: string, articles: number, bytes: number, rss: { ours: number; plain: number }): Row {
  return {
    id,
    benchmark: `peak RSS: no-op scan, ${articles} articles of ~${kb(bytes)} (vs the plain scan)`,
    ours: rss.ours / MB,
    baseline: rss.plain / MB,
    ratio: rss.ours / rss.plain,
    unit: 'MB',
    goal: 'report',
    status: 'info',
  }
}

/** Peak RSS with bodies 10x larger: it should not grow with body size. */
export async function memory(options: BenchOptions, small?: { ours: number; plain: number }): Promise<Row[]> {
  const rows: Row[] = []
  if (!small) {
    const result = await noopPair(options, `memory-${options.articles}x${kb(options.bodyBytes).replace(' ', '')}`, options.bodyBytes)
    small = result.rss
    rows.push(memoryRow('memory-small', options.articles, options.bodyBytes, small))
  }
  const large = (
    await noopPair(options, `memory-${options.articles}x${kb(options.largeBodyBytes).replace(' ', '')}`, options.largeBodyBytes)
  ).rss
  rows.push(memoryRow('memory-large', options.articles, options.largeBodyBytes, large))
  rows.push(
    ratioRow(
      {
        id: 'memory-growth',
        benchmark: `peak RSS growth with body size: ~${kb(options.largeBodyBytes)} vs ~${kb(options.bodyBytes)} articles (ours vs ours)`,
        ours: large.ours / MB,
        baseline: small.ours / MB,
        unit: 'MB',
        goal: 'ratio ≤ 1.25 (flat)',
      },
      1.25,
    ),
  )
  return rows
}

export async function render(options: BenchOptions): Promise<Row[]> {
  const [{ renderArticle }, { unified }, remarkParse, remarkGfm, remarkRehype, rehypeStringify] = await Promise.all([
    import('../src/markdown/render.js'),
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
    import('remark-rehype'),
    import('rehype-stringify'),
  ])
  const images = Array.from({ length: 8 }, (_, i) => `images/pic-${i}.png`)
  const samples = generateRenderSamples(options.renderArticles, images)
  const articlePaths = new Set(samples.map((s) => s.path))
  const articleUrls = new Map(
    samples
      .filter((_, i) => i % 2 === 0)
      .map((s, i) => [s.path, `https://medium.com/@bench-writer/post-${i.toString(16).padStart(12, '0')}`]),
  )
  const imageUrls = new Map(images.map((p, i) => [p, `https://cdn-images-1.medium.com/proxy/1*bench${i}.png`]))
  // The fair baseline: what DESIGN.md requires at the least (GFM parsing), with none of our plugins.
  const bare = unified().use(remarkParse.default).use(remarkGfm.default).use(remarkRehype.default).use(rehypeStringify.default).freeze()

  let sink = 0
  const ours = async (): Promise<number> => {
    const started = performance.now()
    for (const [i, sample] of samples.entries()) {
      const out = renderArticle({
        path: sample.path,
        title: sample.title,
        body: sample.body,
        bodyStartLine: 10 + (i % 5),
        articleUrls,
        articlePaths,
        imageUrls,
        repositoryBlobBase: 'https://github.com/acme/blog/blob/0123456789abcdef0123456789abcdef01234567/',
      })
      sink += out.html.length
    }
    return performance.now() - started
  }
  const baseline = async (): Promise<number> => {
    const started = performance.now()
    for (const sample of samples) sink += String(bare.processSync(sample.body)).length
    return performance.now() - started
  }
  // One more warm-up pass each than `alternate` does, so the JIT has seen every plugin path.
  await ours()
  await baseline()
  const runs = await alternate(options.runs, ours, baseline, (i, a, b) =>
    options.log(`render: run ${i + 1}/${options.runs}: ours ${a.toFixed(0)} ms, bare GFM pipeline ${b.toFixed(0)} ms`),
  )
  if (sink === 0) throw new Error('render produced no HTML')
  return [
    ratioRow(
      {
        id: 'render',
        benchmark: `render: ${options.renderArticles} varied articles, renderArticle (vs remark-parse + remark-gfm → remark-rehype → rehype-stringify)`,
        ours: median(runs.a),
        baseline: median(runs.b),
        unit: 'ms',
        goal: 'ratio ≤ 1.3',
      },
      1.3,
    ),
  ]
}

export interface PublishRunResult {
  github: Array<{ method: string; path: string; status?: number }>
  medium: Array<{ method: string; path: string }>
  publishedCount: number
  commitSha: string
}

/**
 * A real publish: `count` new articles (plus a few published ones) in a git repository served by
 * the GitHub emulator, published to the Medium emulator with `images: upload`, written back with
 * one commit. Article i shows image i mod k (root-absolute path) and, for odd i, image (i+1) mod k
 * through a relative path, and every third article shows its first image twice.
 */
export async function publishRun(options: BenchOptions, count: number, distinctImages: number): Promise<PublishRunResult> {
  if (distinctImages > count) throw new Error(`mediumImages (${distinctImages}) must not exceed mediumArticles (${count})`)
  const files: Record<string, string | Buffer> = { 'README.md': '# Blog\n' }
  for (let j = 0; j < distinctImages; j++) files[`images/pic-${j}.png`] = png(j)
  for (let i = 0; i < count; i++) {
    const extraBody: string[] = []
    if (distinctImages > 0) {
      extraBody.push(`![Figure ${i}](/images/pic-${i % distinctImages}.png)`)
      if (i % 2 === 1) extraBody.push(`![Figure ${i}b](../../../images/pic-${(i + 1) % distinctImages}.png)`)
      if (i % 3 === 0) extraBody.push(`Again: ![Figure ${i} again](/images/pic-${i % distinctImages}.png)`)
    }
    const article = generateArticle({ index: i, bytes: options.bodyBytes, published: false, extraBody })
    files[article.path] = article.text
  }
  for (let i = count; i < count + 5; i++) {
    const article = generateArticle({ index: i, bytes: options.bodyBytes, published: true })
    files[article.path] = article.text
  }
  const repository = await createRepository(files, { message: 'Add articles\n' })
  const medium = await startMediumEmulator({ users: [{ token: MEDIUM_TOKEN }], dailyLimit: count + 10 })
  const github = await startGitHubEmulator({ bareRepo: repository.bareRepo, owner: 'acme', repo: 'blog', token: GITHUB_TOKEN })
  try {
    const env = await actionEnv({
      workspace: repository.workDir,
      runnerDir: path.join(options.tmpDir, 'runner'),
      inputs: {
        'medium-token': MEDIUM_TOKEN,
        'github-token': GITHUB_TOKEN,
        'medium-api-url': medium.url,
        'write-back': 'commit',
        images: 'upload',
        'publish-status': 'draft',
        'max-articles': String(count),
      },
      event: { ref: 'refs/heads/main', after: repository.sha, repository: { private: true, full_name: 'acme/blog' } },
      env: { GITHUB_API_URL: github.url, GITHUB_SHA: repository.sha, GITHUB_REPOSITORY: 'acme/blog' },
    })
    const run = await timedNode({ args: [options.action], env: env.env, cwd: repository.workDir })
    checkRun(run, `dist/index.js publishing ${count} articles`)
    const outputs = await env.outputs()
    const result: PublishRunResult = {
      github: github.requests.map((r) => ({ method: r.method, path: r.path, status: r.status })),
      medium: medium.requests.map((r) => ({ method: r.method, path: r.path })),
      publishedCount: Number(outputs['published-count']),
      commitSha: outputs['commit-sha'] ?? '',
    }
    if (result.publishedCount !== count || !result.commitSha) {
      throw new Error(
        `publishing ${count} articles: published-count=${outputs['published-count']}, commit-sha='${result.commitSha}'\n${run.stdout.slice(-3000)}`,
      )
    }
    return result
  } finally {
    await Promise.all([medium.close(), github.close()])
    await repository.cleanup()
  }
}

/**
 * The claim traffic of a publish run (the ticket tag, one claim ref created and deleted per article,
 * and the second look at the branch after claiming) apart from the records check and the commit.
 */
function splitClaims<T extends { method: string; path: string }>(requests: readonly T[]): { commit: T[]; claims: T[] } {
  const commit: T[] = []
  const claims: T[] = []
  let lookups = 0
  for (const r of requests) {
    const claim =
      r.path.endsWith('/git/tags') ||
      (r.method === 'POST' && r.path.endsWith('/git/refs')) ||
      (r.method === 'DELETE' && r.path.includes('/git/refs/'))
    const lookup = r.path.includes('/git/matching-refs/') && lookups++ > 0
    ;(claim || lookup ? claims : commit).push(r)
  }
  return { commit, claims }
}

/** `GET git/ref ×1, POST git/trees ×1` (paths shortened, ids elided). */
function breakdown(requests: ReadonlyArray<{ method: string; path: string }>): string {
  const counts = new Map<string, number>()
  for (const r of requests) {
    const short = r.path
      .replace(/^\/repos\/[^/]+\/[^/]+\//, '')
      .replace(/^\/v1\//, '')
      .replace(/users\/[0-9a-f]{20,}/, 'users/:id')
      .replace(/[0-9a-f]{40}/g, ':sha')
      .replace(/%2F/gi, '/')
    const key = `${r.method} ${short}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ')
}

export async function requestCounts(options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = []
  const githubCounts: number[] = []
  const claimRows: Row[] = []
  for (const size of options.writeBackSizes) {
    options.log(`requests: publishing and writing back ${size} article(s)...`)
    const result = await publishRun(options, size, 0)
    const { commit, claims } = splitClaims(result.github)
    githubCounts.push(commit.length)
    rows.push({
      id: `github-${size}`,
      benchmark: `GitHub API calls: records check and write-back commit of ${size} article(s)`,
      ours: commit.length,
      unit: 'calls',
      goal: '≤ 5, the same for every size',
      status: 'pass',
      note: breakdown(commit),
    })
    claimRows.push({
      id: `claims-${size}`,
      benchmark: `GitHub API calls: claims of ${size} article(s) (failure rule 10)`,
      ours: claims.length,
      unit: 'calls',
      goal: `= 2 + 2N = ${2 + 2 * size}`,
      status: claims.length === 2 + 2 * size ? 'pass' : 'FAIL',
      note: breakdown(claims),
    })
  }
  const constant = githubCounts.every((n) => n === githubCounts[0])
  for (const row of rows) if (row.ours > 5 || !constant) row.status = 'FAIL'
  rows.push(...claimRows)

  const n = options.mediumArticles
  const k = options.mediumImages
  options.log(`requests: publishing ${n} articles with ${k} distinct local images...`)
  const result = await publishRun(options, n, k)
  const expected = 1 + n + k
  rows.push({
    id: 'medium',
    benchmark: `Medium API calls: ${n} articles, ${k} distinct local images (images: upload)`,
    ours: result.medium.length,
    baseline: expected,
    ratio: result.medium.length / expected,
    unit: 'calls',
    goal: `= 1 + N + k = ${expected}`,
    status: result.medium.length === expected ? 'pass' : 'FAIL',
    note: breakdown(result.medium),
  })
  return rows
}

export interface BenchReport {
  rows: Row[]
  machine: Machine
  options: Omit<BenchOptions, 'log'>
}

export interface Machine {
  cpu: string
  cores: number
  node: string
  platform: string
  memoryGb: number
}

export async function machine(): Promise<Machine> {
  const os = await import('node:os')
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  }
}

export async function runBenchmarks(options: BenchOptions): Promise<BenchReport> {
  const rows: Row[] = []
  const want = new Set(options.groups)
  if (want.has('cold')) rows.push(...(await coldStart(options)))
  let small: { ours: number; plain: number } | undefined
  if (want.has('noop')) {
    const result = await noopScan(options)
    rows.push(...result.rows)
    small = result.rss
  }
  if (want.has('memory')) rows.push(...(await memory(options, small)))
  if (want.has('render')) rows.push(...(await render(options)))
  if (want.has('requests')) rows.push(...(await requestCounts(options)))
  const { log: _log, ...recorded } = options
  return { rows, machine: await machine(), options: recorded }
}

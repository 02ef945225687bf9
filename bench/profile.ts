// Where the time goes, for the benchmarks that miss their goal (see bench/README.md).
//
//   tsx bench/profile.ts cold   [--articles 10]      dist/index.js under --cpu-prof
//   tsx bench/profile.ts noop   [--articles 10000]   dist/index.js under --cpu-prof
//   tsx bench/profile.ts render [--articles 1000]    renderArticle under the inspector's profiler
//
// Prints self time by module (the bundle's `// path` section comments map each line of
// dist/index.js back to its source module) and the functions with the most self and total time.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { actionEntry } from '../test/support/run-action.js'
import { startMediumEmulator } from '../test/support/medium-emulator.js'
import { generateArticle, generateRenderSamples } from './articles.js'
import { actionEnv, timedNode } from './processes.js'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Maps a 0-based line of a bundle to the module whose section it is in. */
async function bundleSections(file: string): Promise<(line: number) => string> {
  const lines = (await readFile(file, 'utf8')).split('\n')
  const starts: Array<{ line: number; module: string }> = []
  lines.forEach((text, i) => {
    const m = /^\/\/ ((?:node_modules|src)\/\S+)$/.exec(text)
    if (m) starts.push({ line: i, module: m[1]! })
  })
  return (line) => {
    let lo = 0
    let hi = starts.length - 1
    let found = '(bundle prologue)'
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.module
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }
}

/** `node_modules/yaml/dist/x.js` -> `yaml`; `src/core/plan.ts` stays. */
function moduleGroup(module: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)
  return m ? m[1]! : module
}

export async function summarize(profile: CpuProfile, options: { bundle?: string; top?: number } = {}): Promise<string> {
  const sectionOf = options.bundle ? await bundleSections(options.bundle) : undefined
  const top = options.top ?? 15
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000))
  const total = (profile.endTime - profile.startTime) / 1000

  const where = (frame: CallFrame): string => {
    if (!frame.url) return frame.functionName || '(native)'
    if (sectionOf && frame.url.endsWith(path.basename(options.bundle!))) return sectionOf(frame.lineNumber)
    const rel = frame.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')
    return rel.startsWith('node:') ? rel : rel
  }
  const label = (frame: CallFrame): string => `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`

  // Self time by module group.
  const modules = new Map<string, number>()
  for (const [id, ms] of self) {
    const node = byId.get(id)!
    const key = node.callFrame.url ? moduleGroup(where(node.callFrame)) : node.callFrame.functionName || '(native)'
    modules.set(key, (modules.get(key) ?? 0) + ms)
  }
  // Self and total time by function (total counted once per sample per function).
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const selfByFn = new Map<string, number>()
  const totalByFn = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const leaf = byId.get(id)!
    selfByFn.set(label(leaf.callFrame), (selfByFn.get(label(leaf.callFrame)) ?? 0) + ms)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(byId.get(cur)!.callFrame)
      if (seen.has(key)) continue
      seen.add(key)
      totalByFn.set(key, (totalByFn.get(key) ?? 0) + ms)
    }
  })
  const list = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${k}`)
      .join('\n')
  const interesting = new Map(
    [...totalByFn].filter(([k]) => !/^\((root|program|idle|garbage collector)\)/.test(k) && !/^\(anonymous\) (node:|\(bundle)/.test(k)),
  )
  return [
    `profile: ${total.toFixed(0)} ms wall`,
    `self time by module:\n${list(modules, top)}`,
    `self time by function:\n${list(selfByFn, top)}`,
    `total time by function:\n${list(interesting, top)}`,
  ].join('\n\n')
}

async function profileAction(kind: 'cold' | 'noop', articles: number, outDir: string): Promise<string> {
  const workspace = path.join(outDir, 'workspace')
  const files: Record<string, string> = {}
  for (let i = 0; i < articles; i++) {
    const a = generateArticle({ index: i, bytes: 3 * 1024, published: true })
    files[a.path] = a.text
  }
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, file)), { recursive: true })
    await writeFile(path.join(workspace, file), text)
  }
  const medium = await startMediumEmulator({ users: [{ token: 'profile-token' }] })
  try {
    const env = await actionEnv({
      workspace,
      runnerDir: outDir,
      inputs: { 'medium-token': 'profile-token', 'medium-api-url': medium.url, 'write-back': 'files', images: 'upload' },
    })
    const profDir = path.join(outDir, 'prof')
    // Warm the page cache, then profile.
    await timedNode({ args: [actionEntry], env: env.env, cwd: workspace })
    await env.reset()
    const run = await timedNode({
      args: ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profDir, actionEntry],
      env: env.env,
      cwd: workspace,
    })
    if (run.exitCode !== 0) throw new Error(`${kind}: the action failed:\n${run.stdout.slice(-2000)}`)
    const [file] = await readdir(profDir)
    const profile = JSON.parse(await readFile(path.join(profDir, file!), 'utf8')) as CpuProfile
    return (
      `${kind}: ${articles} published articles, ${run.ms.toFixed(0)} ms wall under the profiler\n\n` +
      (await summarize(profile, { bundle: actionEntry }))
    )
  } finally {
    await medium.close()
  }
}

async function profileRender(articles: number): Promise<string> {
  const { renderArticle } = await import('../src/markdown/render.js')
  const images = Array.from({ length: 8 }, (_, i) => `images/pic-${i}.png`)
  const samples = generateRenderSamples(articles, images)
  const articlePaths = new Set(samples.map((s) => s.path))
  const articleUrls = new Map(samples.filter((_, i) => i % 2 === 0).map((s, i) => [s.path, `https://medium.com/@w/post-${i}`]))
  const imageUrls = new Map(images.map((p, i) => [p, `https://cdn-images-1.medium.com/proxy/1*bench${i}.png`]))
  const all = () => {
    for (const s of samples)
      renderArticle({ path: s.path, title: s.title, body: s.body, bodyStartLine: 10, articleUrls, articlePaths, imageUrls })
  }
  all()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 100 })
  await session.post('Profiler.start')
  all()
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile }
  session.disconnect()
  return `render: ${articles} articles (warm)\n\n` + (await summarize(profile, { top: Number(process.env.TOP ?? 25) }))
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { articles: { type: 'string' } } })
  const kind = positionals[0]
  const outDir = await mkdtemp(path.join(tmpdir(), 'mpa-profile-'))
  try {
    if (kind === 'cold' || kind === 'noop') {
      console.log(await profileAction(kind, Number(values.articles ?? (kind === 'cold' ? 10 : 10_000)), outDir))
    } else if (kind === 'render') {
      console.log(await profileRender(Number(values.articles ?? 1000)))
    } else {
      throw new Error(`usage: tsx bench/profile.ts cold|noop|render [--articles N]`)
    }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}

await main()

/**
 * Deterministic article generators for the benchmarks: realistic front-matter and Markdown bodies
 * of a chosen size, and small valid PNG images. Same seed, same bytes, so runs are comparable.
 */
import { deflateSync } from 'node:zlib'

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
const int = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1))

const WORDS = (
  'the a an of to in and for with on at from by about as into like through after over between out against during without before under around among ' +
  'build deploy release pipeline workflow action runner commit branch merge review test bundle module import export render publish article draft post ' +
  'markdown front-matter heading paragraph list table image link code fence footnote reader writer editor medium blog canonical search ranking ' +
  'performance latency memory startup cache cold warm profile measure benchmark median ratio baseline goal budget team user repository library ' +
  'simple careful quick honest useful small large early late new old better worse clear plain exact robust safe fast slow steady'
).split(' ')
const TAGS = [
  'javascript',
  'typescript',
  'devops',
  'github-actions',
  'writing',
  'programming',
  'web',
  'testing',
  'performance',
  'open-source',
  'career',
  'design',
]
const LANGS = ['ts', 'js', 'bash', 'yaml', 'json', 'python', 'go', '']

function sentence(rand: Rand, min = 6, max = 18): string {
  const words = Array.from({ length: int(rand, min, max) }, () => pick(rand, WORDS))
  const first = words[0]!
  words[0] = first.charAt(0).toUpperCase() + first.slice(1)
  return words.join(' ') + '.'
}

function titleText(rand: Rand): string {
  return sentence(rand, 3, 8).slice(0, -1)
}

function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function hex(rand: Rand, length: number): string {
  let out = ''
  while (out.length < length) out += Math.floor(rand() * 16).toString(16)
  return out
}

/** A paragraph with inline markup: emphasis, strong, code, links. */
function paragraph(rand: Rand): string {
  const parts: string[] = []
  const n = int(rand, 2, 5)
  for (let i = 0; i < n; i++) {
    let s = sentence(rand)
    const roll = rand()
    if (roll < 0.15) s = s.replace(/ (\w+) /, ' *$1* ')
    else if (roll < 0.3) s = s.replace(/ (\w+) /, ' **$1** ')
    else if (roll < 0.45) s = s.replace(/ (\w+) /, ' `$1()` ')
    else if (roll < 0.6) s = s.replace(/ (\w+ \w+) /, ' [$1](https://example.com/docs/' + pick(rand, WORDS) + ') ')
    parts.push(s)
  }
  return parts.join(' ')
}

/** A block of a published-blog body: the kinds Medium shows natively (no tables, no nesting). */
function simpleBlock(rand: Rand): string {
  const roll = rand()
  if (roll < 0.5) return paragraph(rand)
  if (roll < 0.62) return `## ${titleText(rand)}`
  if (roll < 0.74) return Array.from({ length: int(rand, 2, 5) }, () => `- ${sentence(rand, 3, 10)}`).join('\n')
  if (roll < 0.84) {
    const lang = pick(rand, LANGS)
    const lines = Array.from(
      { length: int(rand, 2, 8) },
      () => `const ${pick(rand, WORDS)}${int(rand, 1, 99)} = ${JSON.stringify(pick(rand, WORDS))}`,
    )
    return '```' + lang + '\n' + lines.join('\n') + '\n```'
  }
  if (roll < 0.92) return `> ${sentence(rand)} ${sentence(rand)}`
  return `![${titleText(rand)}](https://images.example.com/${hex(rand, 8)}.png)`
}

/** Extra blocks for the render benchmark: everything our plugins transform. */
function richBlock(rand: Rand, context: { path: string; others: readonly string[]; localImages: readonly string[] }): string {
  const roll = rand()
  if (roll < 0.1) {
    const cols = int(rand, 2, 4)
    const row = () => '| ' + Array.from({ length: cols }, () => pick(rand, WORDS)).join(' | ') + ' |'
    return [row(), '|' + ' --- |'.repeat(cols), ...Array.from({ length: int(rand, 2, 6) }, row)].join('\n')
  }
  if (roll < 0.2) {
    return [
      `- ${sentence(rand, 3, 8)}`,
      `  - ${sentence(rand, 3, 8)}`,
      `    1. ${sentence(rand, 3, 8)}`,
      `  - ${sentence(rand, 3, 8)}`,
      `- ${sentence(rand, 3, 8)}`,
    ].join('\n')
  }
  if (roll < 0.28) return `##### ${titleText(rand)}\n\n###### ${titleText(rand)}`
  if (roll < 0.36) return `- [ ] ${sentence(rand, 3, 8)}\n- [x] ${sentence(rand, 3, 8)}\n- [ ] ${sentence(rand, 3, 8)}`
  if (roll < 0.44) {
    const id = hex(rand, 4)
    return `${sentence(rand)} See the note.[^${id}]\n\n[^${id}]: ${sentence(rand)}`
  }
  if (roll < 0.5) return `<iframe src="https://www.youtube.com/embed/${hex(rand, 11)}"></iframe>\n\n<p>${sentence(rand)}</p>`
  if (roll < 0.58 && context.others.length > 0) {
    const other = pick(rand, context.others)
    const rel = relativeFrom(context.path, other)
    return `${sentence(rand)} More in [the earlier post](${rel}) and [the README](/README.md).`
  }
  if (roll < 0.66 && context.localImages.length > 0) return `![${titleText(rand)}](/${pick(rand, context.localImages)})`
  if (roll < 0.72) return `### ${titleText(rand)}\n\n#### ${titleText(rand)}`
  if (roll < 0.78) return `1. ${sentence(rand, 3, 8)}\n2. ${sentence(rand, 3, 8)}\n3. ${sentence(rand, 3, 8)}`
  return simpleBlock(rand)
}

function relativeFrom(from: string, to: string): string {
  const fromParts = from.split('/').slice(0, -1)
  const toParts = to.split('/')
  let common = 0
  while (common < fromParts.length && fromParts[common] === toParts[common]) common++
  return [...Array(fromParts.length - common).fill('..'), ...toParts.slice(common)].join('/') || '.'
}

export interface ArticleOptions {
  /** Seed: the article's index. */
  index: number
  /** Approximate size of the whole file, in bytes. */
  bytes: number
  /** Set `mediumUrl:` (an already published article). */
  published: boolean
  /** Extra body lines (e.g. image references) placed after the first paragraph. */
  extraBody?: string[]
}

export interface GeneratedArticle {
  path: string
  text: string
  title: string
}

/** Path of the n-th article: `content/posts/<year>/<slug>.md`, ten years of posts. */
export function articlePath(index: number): string {
  return `content/posts/${2015 + (index % 10)}/post-${String(index).padStart(5, '0')}.md`
}

/** A realistic article of about `bytes` bytes, with front-matter like a real blog's. */
export function generateArticle(options: ArticleOptions): GeneratedArticle {
  const rand = random(options.index * 7919 + 17)
  const title = titleText(rand)
  const slug = slugOf(title)
  const path = articlePath(options.index)
  const year = 2015 + (options.index % 10)
  const tags = Array.from(new Set(Array.from({ length: 3 }, () => pick(rand, TAGS))))
  const frontMatter = [
    '---',
    `title: "${title}"`,
    `description: ${sentence(rand, 8, 14).replace(/[:#]/g, '')}`,
    `date: ${year}-${String(int(rand, 1, 12)).padStart(2, '0')}-${String(int(rand, 1, 28)).padStart(2, '0')}`,
    rand() < 0.5 ? `tags: [${tags.join(', ')}]` : `tags:\n${tags.map((t) => `  - ${t}`).join('\n')}`,
    `slug: ${slug}`,
    `canonicalUrl: https://example.com/blog/${slug}/`,
    `publishStatus: ${pick(rand, ['public', 'public', 'unlisted', 'draft'])}`,
    '# Written by the action:',
    ...(options.published ? [`mediumUrl: https://medium.com/@bench-writer/${slug}-${hex(rand, 12)}`] : []),
    '---',
    '',
  ].join('\n')
  const blocks = [`${paragraph(rand)}`, ...(options.extraBody ?? [])]
  let size = frontMatter.length + blocks.join('\n\n').length
  while (size < options.bytes) {
    const block = simpleBlock(rand)
    blocks.push(block)
    size += block.length + 2
  }
  return { path, title, text: frontMatter + blocks.join('\n\n') + '\n' }
}

export interface RenderSample {
  path: string
  title: string
  body: string
}

/**
 * `count` varied article bodies for the render benchmark (1-6 KB): every Markdown feature our
 * plugins transform (tables, nested lists, h5/h6, task lists, footnotes, raw iframes, code fences
 * with languages, links to other articles, local and remote images) in varying proportions.
 */
export function generateRenderSamples(count: number, localImages: readonly string[]): RenderSample[] {
  const paths = Array.from({ length: count }, (_, i) => articlePath(i))
  return paths.map((path, index) => {
    const rand = random(index * 104729 + 3)
    const title = titleText(rand)
    const target = int(rand, 1000, 6000)
    const richShare = rand() * 0.6
    const context = { path, others: paths.slice(0, index), localImages }
    const blocks: string[] = rand() < 0.3 ? [`# ${title}`] : []
    let size = 0
    while (size < target) {
      const block = rand() < richShare ? richBlock(rand, context) : simpleBlock(rand)
      blocks.push(block)
      size += block.length + 2
    }
    return { path, title, body: blocks.join('\n\n') + '\n' }
  })
}

// ---------------------------------------------------------------------------------------------
// images

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A valid 8x8 RGB PNG of one colour (distinct seeds, distinct bytes). */
export function png(seed: number): Buffer {
  const rand = random(seed + 1)
  const [r, g, b] = [0, 0, 0].map(() => Math.floor(rand() * 256))
  const size = 8
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.from([0, ...Array.from({ length: size }, () => [r!, g!, b!]).flat()])
  const pixels = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The benchmark table (Markdown, so it reads in a terminal and pastes into bench/README.md). */
import type { BenchReport, Row } from './benchmarks.js'

function figure(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined) return '—'
  switch (unit) {
    case 'ms':
      return `${value.toFixed(value < 100 ? 1 : 0)} ms`
    case 'MB':
      return `${value.toFixed(0)} MB`
    case 'calls':
      return String(value)
    case 'x':
      return `${value.toFixed(2)}×`
  }
}

export const TABLE_HEADER = ['benchmark', 'ours', 'baseline', 'ratio', 'goal', 'pass/fail'] as const

export function tableRows(rows: readonly Row[]): string[][] {
  return rows.map((row) => [
    row.benchmark,
    figure(row.ours, row.unit),
    figure(row.baseline, row.unit),
    row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}×`,
    row.goal,
    row.status,
  ])
}

export function formatTable(report: BenchReport): string {
  const body = tableRows(report.rows)
  const widths = TABLE_HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  const m = report.machine
  const o = report.options
  const notes = report.rows.filter((r) => r.note).map((r) => `- ${r.id}: ${r.note}`)
  return [
    line(TABLE_HEADER),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}.`,
    `Sizes: ${o.runs} runs per figure (median, alternating ours/baseline after one warm-up each), ${o.articles} articles in the no-op scan, ` +
      `${o.coldArticles} in the cold start, ${o.renderArticles} rendered; write-back commits of ${o.writeBackSizes.join(', ')} article(s); ` +
      `Medium calls for ${o.mediumArticles} articles with ${o.mediumImages} distinct images.`,
    ...(notes.length > 0 ? ['', 'Requests:', ...notes] : []),
  ].join('\n')
}

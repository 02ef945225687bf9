/** How a front-matter value reads in a message: strings quoted, other types named. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return `${String(value)} (a number)`
  if (typeof value === 'boolean') return `${String(value)} (a boolean)`
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : `${value.toISOString()} (a date)`
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`
  if (typeof value === 'object') return `a mapping (${JSON.stringify(value)})`
  return String(value)
}

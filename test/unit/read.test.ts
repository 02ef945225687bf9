import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArticle } from '../../src/pipeline/read.js'

/** readArticle on a file holding `bytes`. */
async function read(bytes: Uint8Array | string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mpa-read-'))
  await writeFile(path.join(dir, 'a.md'), bytes)
  return readArticle(dir, 'a.md', false)
}

describe('readArticle (the fast UTF-8 read, the strict decoder when in doubt)', () => {
  it('reads UTF-8 text with its BOM, and a U+FFFD the author wrote', async () => {
    const text = '\uFEFF---\ntitle: Caf\u00e9 \uFFFD\n---\n\nBody \u{1F600}.\n'
    expect(await read(text)).toEqual({ ok: true, source: { path: 'a.md', text } })
  })

  it('refuses bytes that are not UTF-8, an empty file and NUL bytes, at line 1', async () => {
    const latin1 = Buffer.from('---\ntitle: Caf\xe9\n---\n\nBody.\n', 'latin1')
    for (const [bytes, ruleId] of [
      [latin1, 'file-encoding'],
      ['', 'file-empty'],
      ['---\ntitle: A\n---\n\nA\u0000B\n', 'file-encoding'],
    ] as const) {
      const result = await read(bytes)
      expect(result.ok ? undefined : result.diagnostic).toMatchObject({ path: 'a.md', line: 1, severity: 'error', ruleId })
    }
  })
})

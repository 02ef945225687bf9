import { describe, expect, it } from 'vitest'
import { redact } from '../../src/redact.js'

describe('redact', () => {
  const token = 'tok+en/with"quote'

  it('hides a secret as written, URL-encoded and JSON-escaped, and any Bearer value', () => {
    const text = [token, encodeURIComponent(token), JSON.stringify({ token }), 'Authorization: Bearer abc.def-123'].join(' | ')
    const out = redact(text, [token])
    expect(out).not.toContain(token)
    expect(out).not.toContain(encodeURIComponent(token))
    expect(out).not.toContain(JSON.stringify(token).slice(1, -1))
    expect(out).not.toContain('abc.def-123')
    expect(out.match(/\*\*\*/g)).toHaveLength(4)
  })

  it('leaves text alone for missing or very short secrets (masking "a" would mangle every message)', () => {
    expect(redact('a plain message', [undefined, '', 'a'])).toBe('a plain message')
  })
})

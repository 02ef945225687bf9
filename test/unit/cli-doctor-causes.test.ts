/**
 * `medium-publish doctor`'s causes for the failures the end-to-end tests do not reach through the
 * emulator (a name that does not resolve, a timeout, Medium's 5xx, a wrong API URL).
 */
import { describe, expect, it } from 'vitest'
import { failureCause } from '../../src/cli/doctor-causes.js'
import { MediumApiError } from '../../src/errors.js'

const HOST = 'api.medium.com'

describe('failureCause', () => {
  it('a name that does not resolve is DNS, nothing sent', () => {
    const error = new MediumApiError(
      'refused',
      'GET /me to api.medium.com: could not connect (ENOTFOUND); nothing was sent (after 3 attempts)',
    )
    expect(failureCause(error, HOST)).toEqual({
      answer: 'no answer (ENOTFOUND)',
      problem: 'The name api.medium.com does not resolve (DNS): nothing was sent.',
      fix: "Check --medium-api-url (Medium is https://api.medium.com/v1, the default), and this machine's DNS and network.",
    })
  })

  it('a timeout is no usable answer, with the client message as details', () => {
    const message = 'GET /me to api.medium.com: no complete answer within 30000 ms; Medium may have received the request'
    const cause = failureCause(new MediumApiError('unknown', message), HOST)
    expect(cause).toMatchObject({ answer: 'no answer', details: message })
    expect(cause.problem).toMatch(/^No usable answer from api\.medium\.com: a timeout/)
  })

  it("a 5xx is Medium's side; a 404 or a redirect is the wrong API URL; a 200 without the envelope is not Medium's API", () => {
    expect(failureCause(new MediumApiError('unknown', 'x', { status: 502 }), HOST)).toMatchObject({
      answer: '502',
      problem: "Medium answered 502: a problem on Medium's side.",
    })
    for (const status of [404, 301]) {
      const cause = failureCause(new MediumApiError('rejected', 'x', { status, code: 2004 }), HOST)
      expect(cause.problem).toBe(`The API URL does not answer like Medium's API (${status}).`)
      expect(cause.fix).toMatch(/^Check --medium-api-url/)
    }
    expect(failureCause(new MediumApiError('unknown', 'x', { status: 200 }), HOST).problem).toBe(
      "An answer (200) that is not Medium's API.",
    )
  })

  it('a 401 without a known code is an invalid or revoked token', () => {
    const cause = failureCause(
      new MediumApiError('unauthorized', 'Medium refused the integration token (401 on GET /me).', { status: 401 }),
      HOST,
    )
    expect(cause).toMatchObject({ answer: '401', problem: 'The token is invalid or has been revoked.' })
  })
})

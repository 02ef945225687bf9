import { InputError } from '../errors.js'

/** Loopback hosts, where plain http is allowed (the emulators in tests and the demo). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/**
 * Checks the `medium-api-url` input and returns it without trailing slashes.
 * Throws an InputError unless it is an https URL, or http on a loopback host.
 */
export function checkMediumApiUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InputError(
      `Input 'medium-api-url' is "${raw}": expected an absolute https URL such as "https://api.medium.com/v1". Fix the input or remove it to use Medium's API.`,
    )
  }
  const https = url.protocol === 'https:'
  const loopbackHttp = url.protocol === 'http:' && isLoopback(url.hostname)
  if (!https && !loopbackHttp) {
    throw new InputError(
      `Input 'medium-api-url' is "${raw}": expected an https URL (http is allowed only for loopback hosts: 127.0.0.1, ::1, localhost), because the Medium token is sent with every request. Use "https://api.medium.com/v1" or remove the input.`,
    )
  }
  if (url.username || url.password) {
    throw new InputError(
      `Input 'medium-api-url' contains credentials: expected a plain URL such as "https://api.medium.com/v1". The token goes in medium-token.`,
    )
  }
  return raw.replace(/\/+$/, '')
}

/** The API base URL: checked before any request, its credentials never shown, and a warning for clear text. */
import { Inputs } from './input-names.js'
import { ConfigError, type InputSource } from './read.js'

/**
 * base-url, else ANTHROPIC_BASE_URL when `fromEnv` (the Claude API's variable: a cloud provider's
 * credentials never go to it). Checked here so a bad URL fails before any request: fetch
 * refuses a URL with credentials, which would otherwise surface as a retried "Connection error."
 * on every attempt. The value is shown with any user:password@ part hidden.
 */
export function baseUrlInput(source: InputSource, { fromEnv }: { fromEnv: boolean }): string | undefined {
  const fromInput = source.getInput(Inputs.baseUrl).trim()
  const raw = fromInput || (fromEnv ? source.env.ANTHROPIC_BASE_URL?.trim() : '') || ''
  if (raw === '') return undefined
  const name = fromInput
    ? `Input '${Inputs.baseUrl}'`
    : `ANTHROPIC_BASE_URL (used because '${Inputs.baseUrl}' is empty)`
  const shown = hideUrlCredentials(raw)
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`${name} has invalid value '${shown}'. Expected an http:// or https:// URL.`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(
      `${name} has invalid value '${shown}': it holds a user name or password, which the HTTP client refuses to send. ` +
        `Expected an http:// or https:// URL without credentials (the API key travels in its own header).`
    )
  }
  return raw
}

/** Everything up to the last '@' after the scheme, replaced: even an unparsable URL never shows its password. */
export function hideUrlCredentials(value: string): string {
  return value.includes('@')
    ? value.replace(/^([a-z][a-z0-9+.-]*:[\\/]*)?.*@/is, (_match, scheme?: string) => `${scheme ?? ''}***@`)
    : value
}

/**
 * A warning when the key would travel in clear text: plain http:// to a host other than this
 * machine (127.0.0.0/8, ::1, localhost). The URL parser has already normalised the host
 * (http://2130706433/ is 127.0.0.1).
 */
export function plainHttpWarning(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined
  const url = new URL(baseUrl)
  if (url.protocol !== 'http:' || isLoopback(url.hostname)) return undefined
  return `The API base URL is plain http:// to ${url.host}, not this machine: the API key and the prompt travel in clear text. Use https://.`
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host) ||
    /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
  )
}

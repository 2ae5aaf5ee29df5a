/**
 * The `headers` input: extra request headers for an LLM gateway (LiteLLM, Portkey, Cloudflare AI
 * Gateway, an in-house proxy), one `Name: value` per line. No value is ever shown: an error names
 * the line and the header's name only.
 */
import { Inputs } from './input-names.js'
import { ConfigError, type InputSource } from './read.js'

/** Header name (as given) → value. Names are unique without regard to case. */
export type ExtraHeaders = Record<string, string>

/** RFC 9110 §5.6.2: a field name is a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** Set by the HTTP client itself (body framing, connection handling): a value here would break the request. */
const MANAGED = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'proxy-authorization'
])

/** Names whose values are credentials: masked in the log (not others: masking `42` blanks every 42). */
export function isCredentialHeader(name: string): boolean {
  return /key|token|secret|auth/i.test(name)
}

/** The header (as given) that replaces the Anthropic key: with one, no key is needed and none is sent. */
export function credentialHeader(headers: ExtraHeaders): string | undefined {
  return Object.keys(headers).find(name => ['authorization', 'x-api-key'].includes(name.toLowerCase()))
}

export function carriesCredential(headers: ExtraHeaders): boolean {
  return credentialHeader(headers) !== undefined
}

/** The lines, numbered from 1, without a CRLF's CR; blank lines left out. */
function lines(text: string): Array<{ number: number; line: string }> {
  return text
    .split('\n')
    .map((line, index) => ({ number: index + 1, line: line.replace(/\r$/, '') }))
    .filter(({ line }) => line.trim() !== '')
}

/**
 * The values to register as secrets, read leniently so that main can mask them before anything
 * is parsed or printed: any line with a colon whose name looks like a credential. For a value
 * like `Bearer <token>` the token is masked on its own too, since a server may echo it alone.
 */
export function credentialHeaderValues(source: Pick<InputSource, 'getInput'>): string[] {
  return lines(source.getInput(Inputs.headers)).flatMap(({ line }) => {
    const colon = line.indexOf(':')
    const value = line.slice(colon + 1).trim()
    if (colon <= 0 || !isCredentialHeader(line.slice(0, colon).trim()) || value === '') return []
    const scheme = /^[A-Za-z][A-Za-z0-9-]*\s+(\S+)$/.exec(value)
    return scheme?.[1] ? [value, scheme[1]] : [value]
  })
}

const ACCEPTED =
  "one 'Name: value' per line, the name an RFC 9110 token (letters, digits and !#$%&'*+-.^_`|~), the value not empty, in Latin-1 and without control characters"

export function headersInput(source: Pick<InputSource, 'getInput'>): ExtraHeaders {
  const headers: ExtraHeaders = {}
  const seen = new Map<string, number>()
  for (const { number, line } of lines(source.getInput(Inputs.headers))) {
    const where = `Input '${Inputs.headers}' line ${number}`
    const colon = line.indexOf(':')
    // Without a colon the line may be a bare secret: it is not quoted at all.
    if (colon === -1) throw new ConfigError(`${where} has no ':' (the line is not shown). Expected ${ACCEPTED}.`)
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    const shown = `'${name.slice(0, 64)}: <value hidden>'`
    if (!TOKEN.test(name)) throw new ConfigError(`${where} ${shown} has an invalid header name. Expected ${ACCEPTED}.`)
    if (MANAGED.has(name.toLowerCase())) {
      throw new ConfigError(`${where} ${shown}: the HTTP client sets ${name} itself. Expected any other header name.`)
    }
    if (/[\0\r\n]/.test(value)) {
      throw new ConfigError(`${where} ${shown}: the value holds a CR, LF or NUL character. Expected ${ACCEPTED}.`)
    }
    // fetch sends header values as bytes 0-255: any other character failed every attempt as a retried connection error.
    if ([...value].some(char => (char.codePointAt(0) ?? 0) > 0xff)) {
      throw new ConfigError(
        `${where} ${shown}: the value holds a character outside Latin-1 (ISO-8859-1), which HTTP headers cannot carry. Expected ${ACCEPTED}.`
      )
    }
    if (value === '') {
      throw new ConfigError(
        `${where} ${shown}: the value is empty (is the secret it comes from set?). Expected ${ACCEPTED}.`
      )
    }
    const earlier = seen.get(name.toLowerCase())
    if (earlier !== undefined) {
      throw new ConfigError(`${where} ${shown} repeats the header of line ${earlier}. Expected each name once.`)
    }
    seen.set(name.toLowerCase(), number)
    headers[name] = value
  }
  return headers
}

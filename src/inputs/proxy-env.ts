/**
 * The proxy variables, read and checked before any request (network/ builds the fetch from them).
 * The rules are those of @actions/http-client, which carries the comment (Octokit) requests, so one
 * environment means one behaviour for every request the action makes:
 * - an https:// URL goes through https_proxy, else HTTPS_PROXY; an http:// URL through http_proxy,
 *   else HTTP_PROXY (lower case first; an empty variable counts as unset). An https:// request does
 *   not fall back to HTTP_PROXY (curl and Go do not either).
 * - no_proxy, else NO_PROXY: a comma (or space) separated list of `*`, `host`, `.suffix` or
 *   `host:port`, without regard to case. `example.com` also covers its subdomains.
 * - this machine (localhost, 127.0.0.0/8, [::1]) is never proxied: no proxy can reach it.
 * network/route.ts applies the last two.
 */
import { hideUrlCredentials } from './base-url.js'
import { ConfigError } from './read.js'

export interface Proxy {
  /** The proxy's URL, credentials included (they go into Proxy-Authorization, never into a log). */
  url: URL
  /** The variable it came from, e.g. `https_proxy`: error messages name it. */
  variable: string
}

export interface ProxySettings {
  https: Proxy | undefined
  http: Proxy | undefined
  /** The no_proxy entries, lower-cased. */
  noProxy: string[]
}

type Env = Record<string, string | undefined>

/** The first of `names` that is set and not blank, with its value. */
function firstSet(env: Env, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim()
    if (value) return { name, value }
  }
  return undefined
}

/**
 * The proxies the environment names; undefined when it names none (then nothing changes). An
 * unusable proxy URL is a ConfigError that names the variable and shows the value without its
 * password, before any request.
 */
export function proxySettingsFrom(env: Env): ProxySettings | undefined {
  const https = proxyFrom(env, ['https_proxy', 'HTTPS_PROXY'])
  const http = proxyFrom(env, ['http_proxy', 'HTTP_PROXY'])
  if (!https && !http) return undefined
  const noProxy = (firstSet(env, ['no_proxy', 'NO_PROXY'])?.value ?? '')
    .split(/[,\s]+/)
    .map(entry => entry.trim().toLowerCase())
    .filter(Boolean)
  return { https, http, noProxy }
}

function proxyFrom(env: Env, names: string[]): Proxy | undefined {
  const found = firstSet(env, names)
  if (!found) return undefined
  // `proxy.corp:3128` is common: without a scheme, http:// is meant (as @actions/http-client reads it).
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(found.value) ? found.value : `http://${found.value}`
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ConfigError(
      `Environment variable ${found.name} has invalid value '${hideUrlCredentials(found.value)}'. ` +
        `Expected a proxy URL such as http://proxy.example.com:3128, or http://user:password@proxy.example.com:3128.`
    )
  }
  try {
    // Sent decoded in Proxy-Authorization: a stray '%' would otherwise fail every request.
    decodeURIComponent(url.username + url.password)
  } catch {
    throw new ConfigError(
      `Environment variable ${found.name} has a user or password that is not valid percent-encoding ('${hideUrlCredentials(found.value)}'). ` +
        `Write '%' as %25, '@' as %40 and ':' as %3A.`
    )
  }
  return { url, variable: found.name }
}

/**
 * The secrets in the proxy variables, read leniently (before they are checked) so that main can
 * register them first: each password as written (URL-encoded) and decoded, and the
 * Proxy-Authorization token built from user and password, which a proxy's error page may echo.
 */
export function proxyCredentials(env: Env): string[] {
  return ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].flatMap(name => {
    const value = env[name]?.trim()
    if (!value) return []
    let url: URL
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`)
    } catch {
      return []
    }
    if (url.password === '') return []
    const decode = (text: string) => {
      try {
        return decodeURIComponent(text)
      } catch {
        return text
      }
    }
    const basic = Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')
    return [url.password, decode(url.password), basic]
  })
}

/**
 * network/ owns the fetch every request of the action goes through: proxies from the environment
 * (inputs/proxy-env.ts reads them, route.ts applies them) and the errors that name the proxy.
 * Custom CAs need no code: Node reads NODE_EXTRA_CA_CERTS at start-up, for node:https and
 * undici's fetch alike.
 *
 * With no proxy variable, the fetch is http-fetch.ts's, over node:http and node:https, and no
 * undici is loaded (neither Node's nor the bundled one). With one, undici (6.x, the copy
 * @actions/http-client bundles anyway) is imported lazily, and a request that is to be proxied
 * goes through undici's own fetch with a ProxyAgent: a dispatcher only works with the fetch of
 * its own package, not with Node's built-in one. A request that bypasses the proxy (no_proxy,
 * this machine) goes through http-fetch.ts's.
 */
import { STATUS_CODES } from 'node:http'
import { type Proxy, type ProxySettings, proxySettingsFrom } from '../inputs/proxy-env.js'
import { httpFetch } from './http-fetch.js'
import { proxyFor, shownProxy } from './route.js'
import { causeNamed, errorMessage, findCode } from '../util/errors.js'
import { formatSeconds } from '../util/text.js'

type Fetch = typeof globalThis.fetch
type Undici = Pick<typeof import('undici'), 'fetch' | 'ProxyAgent' | 'Pool'>

/** The longest the proxy may take to answer a CONNECT (connectTimeout: less when the attempt's `timeout` is short). */
export const PROXY_CONNECT_TIMEOUT_MS = 30_000

/**
 * The CONNECT's own timeout: the smaller of PROXY_CONNECT_TIMEOUT_MS and nine tenths of the
 * attempt's `timeout`. Not the whole of it: the attempt's timer starts first, so with equal
 * durations it would always fire first, and the step would blame "no complete response" rather
 * than the proxy.
 */
export function connectTimeout(attemptTimeoutMs: number | undefined): number {
  if (attemptTimeoutMs === undefined) return PROXY_CONNECT_TIMEOUT_MS
  return Math.max(1, Math.min(PROXY_CONNECT_TIMEOUT_MS, Math.floor(attemptTimeoutMs * 0.9)))
}

/**
 * A request that failed at the proxy, before it reached the API: the proxy answered the CONNECT
 * with another status than 200 (`status`), it did not answer it in time (`timeoutMs`), or it
 * could not be reached or closed the connection (`systemCode`, e.g. ECONNREFUSED, UND_ERR_SOCKET).
 * It names the proxy without credentials and the variable that set it; claude/sdk-failures.ts turns it
 * into an AttemptFailure. It has no `code` of its own on purpose: undici's client reconnects at
 * once, in a loop, after a connect error whose code is UND_ERR_SOCKET (a proxy that closed the
 * CONNECT spun until the attempt's timeout); without one, the request fails and our loop decides.
 */
export class ProxyError extends Error {
  override name = 'ProxyError'
  constructor(
    readonly proxy: string,
    readonly variable: string,
    readonly status: number | undefined,
    readonly systemCode: string | undefined,
    options?: { cause?: unknown; timeoutMs?: number }
  ) {
    const from = `the proxy ${proxy} (from ${variable})`
    super(
      status !== undefined
        ? `${from} refused the connection: ${status} ${STATUS_CODES[status] ?? ''}`.trim()
        : options?.timeoutMs !== undefined
          ? `${from} did not answer the CONNECT within ${formatSeconds(options.timeoutMs)}`
          : `could not connect to ${from}${systemCode ? `: ${systemCode}` : ''}`,
      options
    )
  }
}

const cache = new Map<string, Promise<Fetch>>()
/** One pool of direct connections for the whole process. */
const direct = httpFetch()

/**
 * The fetch for every request the action makes (the SDK's, a token exchange, a provider's
 * client), built from `env`. Callers with the same proxy variables share one fetch, and so one
 * pool of connections. Rejects with a ConfigError when a proxy variable is not a usable URL.
 * A CONNECT gets a timeout of its own (connectTimeout; `attemptTimeoutMs` is the `timeout` input).
 */
export function fetchFromEnvironment(
  env: Record<string, string | undefined>,
  { attemptTimeoutMs }: { attemptTimeoutMs?: number } = {}
): Promise<Fetch> {
  const settings = proxySettingsFrom(env)
  if (!settings) return Promise.resolve(direct)
  const connectTimeoutMs = connectTimeout(attemptTimeoutMs)
  const key = JSON.stringify([settings.https?.url.href, settings.http?.url.href, settings.noProxy, connectTimeoutMs])
  let fetch = cache.get(key)
  if (!fetch) {
    fetch = import('undici').then(undici => proxiedFetch(undici, settings, connectTimeoutMs))
    cache.set(key, fetch)
  }
  return fetch
}

function proxiedFetch(undici: Undici, settings: ProxySettings, connectTimeoutMs: number): Fetch {
  const agents = new Map<Proxy, InstanceType<Undici['ProxyAgent']>>()
  const agentFor = (proxy: Proxy) => {
    let agent = agents.get(proxy)
    if (!agent) agents.set(proxy, (agent = proxyAgent(undici, proxy, connectTimeoutMs)))
    return agent
  }
  return async (input, init) => {
    const proxy = proxyFor(new URL(requestUrl(input)), settings)
    if (!proxy) return direct(input, init)
    try {
      const response = await undici.fetch(input, { ...(init as object), dispatcher: agentFor(proxy) })
      return response
    } catch (error) {
      throw plainProxyFailure(error, proxy) ?? error
    }
  }
}

function requestUrl(input: string | URL | Request): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
}

/**
 * https:// goes through a CONNECT tunnel; http:// is sent to the proxy in absolute form, as curl
 * does (many proxies allow CONNECT to port 443 only). The credentials of the proxy URL become a
 * Proxy-Authorization header, and the URL undici keeps has none. The CONNECT goes through
 * `clientFactory`, so that a refusal or an unreachable proxy becomes a ProxyError with the status
 * or the code, rather than undici's "Request was cancelled".
 */
function proxyAgent(undici: Undici, proxy: Proxy, connectTimeoutMs: number): InstanceType<Undici['ProxyAgent']> {
  const { url } = proxy
  const user = decodeURIComponent(url.username)
  const password = decodeURIComponent(url.password)
  const credentials = user || password ? Buffer.from(`${user}:${password}`).toString('base64') : undefined
  const shown = shownProxy(url)
  return new undici.ProxyAgent({
    uri: `${url.protocol}//${url.host}`,
    ...(credentials ? { token: `Basic ${credentials}` } : {}),
    proxyTunnel: false,
    clientFactory: (origin: URL, options: object) => {
      const pool = new undici.Pool(origin, options)
      type Tunnel = { statusCode: number; socket: { destroy(): void } }
      type ConnectOptions = { signal?: AbortSignal }
      const connect = pool.connect.bind(pool) as unknown as (options: ConnectOptions) => Promise<Tunnel>
      Object.assign(pool, {
        connect: async (options: ConnectOptions) => {
          // undici gives the CONNECT no timeout of its own (a silent proxy held each attempt to its end).
          const timer = AbortSignal.timeout(connectTimeoutMs)
          const signal = options.signal ? AbortSignal.any([options.signal, timer]) : timer
          let tunnel: Tunnel
          try {
            tunnel = await connect({ ...options, signal })
          } catch (error) {
            if (timer.aborted && !options.signal?.aborted) {
              throw new ProxyError(shown, proxy.variable, undefined, undefined, {
                cause: error,
                timeoutMs: connectTimeoutMs
              })
            }
            if (isAbort(error)) throw error
            throw new ProxyError(shown, proxy.variable, undefined, findCode(error), { cause: error })
          }
          if (tunnel.statusCode !== 200) {
            tunnel.socket.destroy()
            throw new ProxyError(shown, proxy.variable, tunnel.statusCode, undefined)
          }
          return tunnel
        }
      })
      return pool
    }
  })
}

/** Errors of the absolute-form path (http://), which has no CONNECT: an unreachable proxy, or its 407. */
function plainProxyFailure(error: unknown, proxy: Proxy): ProxyError | undefined {
  if (isAbort(error) || causeNamed(error, 'ProxyError') !== undefined) return undefined
  const code = findCode(error)
  const shown = shownProxy(proxy.url)
  // undici's Http1ProxyWrapper turns a 407 into an InvalidArgumentError with this message,
  // looked for along the whole cause chain (fetch nests it one or more levels deep).
  if (
    code === 'UND_ERR_INVALID_ARG' &&
    /\(407\)/.test(String(errorMessage(causeNamed(error, 'InvalidArgumentError'))))
  ) {
    return new ProxyError(shown, proxy.variable, 407, undefined, { cause: error })
  }
  if (code && CONNECT_CODES.has(code)) return new ProxyError(shown, proxy.variable, undefined, code, { cause: error })
  return undefined
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET'
])

function isAbort(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown }
  return name === 'AbortError' || code === 'UND_ERR_ABORTED'
}

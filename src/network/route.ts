/** Which proxy a request goes through (the rules are in inputs/proxy-env.ts); pure, so every rule is unit-tested. */
import type { Proxy, ProxySettings } from '../inputs/proxy-env.js'

/** The proxy a request to `target` goes through, or undefined for a direct connection. */
export function proxyFor(target: URL, settings: ProxySettings): Proxy | undefined {
  const proxy = target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined
  return proxy && !bypassesProxy(target, settings.noProxy) ? proxy : undefined
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' }

/** Whether no_proxy (or this machine) sends `target` direct. */
export function bypassesProxy(target: URL, noProxy: string[]): boolean {
  const host = target.hostname.toLowerCase()
  if (isLoopback(host)) return true
  const hostPort = `${host}:${target.port || DEFAULT_PORTS[target.protocol] || ''}`
  return noProxy.some(
    entry =>
      entry === '*' ||
      [host, hostPort].some(
        candidate => candidate === entry || candidate.endsWith(entry.startsWith('.') ? entry : `.${entry}`)
      )
  )
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** The proxy as it may be shown: scheme, host and port; never the user or password. */
export function shownProxy(url: URL): string {
  return `${url.protocol}//${url.host}`
}

// A forward proxy on 127.0.0.1 (random port), as a company network puts in front of its runners:
// CONNECT tunnels for https://, absolute-form requests (`POST http://host:port/path`) for http://.
// It reaches nothing outside this machine: a name in `hosts` (default api.example.test, which does
// not resolve) and 127.0.0.1/localhost go to 127.0.0.1 at the port asked for; anything else gets
// 502. So a request to https://api.example.test:<port> succeeds only if this proxy carried it.
// With `auth`, a request without the right Proxy-Authorization (Basic) gets 407. Every request is
// recorded, with the Proxy-Authorization it carried.

import http from 'node:http'
import net from 'node:net'
import type { Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { listenOnLoopback } from './loopback.js'

export interface ProxiedRequest {
  /** 'CONNECT' for a tunnel, else the method of an absolute-form request. */
  method: string
  /** host:port for CONNECT, the absolute URL otherwise. */
  target: string
  proxyAuthorization: string | undefined
  /** The status the proxy answered itself (200 for an open tunnel, 407, 403, 502), or the API's. */
  status?: number
  /** performance.now() when it arrived (the clock run-action.ts's signalSentAtMs uses). */
  receivedAtMs: number
}

export interface FakeProxyOptions {
  /** Basic credentials the proxy requires. */
  auth?: { user: string; password: string }
  /** Answer every CONNECT and absolute-form request with this status (e.g. 403 for a denied host). */
  refuseWith?: number
  /** Names mapped to 127.0.0.1. Default: ['api.example.test']. */
  hosts?: string[]
  /** Accept a CONNECT and never answer it (until close()). */
  hang?: boolean
  /** Close each CONNECT's connection at once, without an answer. */
  closeConnect?: boolean
}

export interface FakeProxy {
  /** http://127.0.0.1:PORT */
  url: string
  port: number
  requests: ProxiedRequest[]
  close: () => Promise<void>
}

export async function startFakeProxy(options: FakeProxyOptions = {}): Promise<FakeProxy> {
  const requests: ProxiedRequest[] = []
  const hosts = new Set([...(options.hosts ?? ['api.example.test']), '127.0.0.1', 'localhost'])
  const expected = options.auth
    ? `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`
    : undefined

  /** The status the proxy answers itself, or undefined to carry the request. */
  function refusal(hostname: string, proxyAuthorization: string | undefined): number | undefined {
    if (expected !== undefined && proxyAuthorization !== expected) return 407
    if (options.refuseWith !== undefined) return options.refuseWith
    return hosts.has(hostname.toLowerCase()) ? undefined : 502
  }

  const server = http.createServer((req, res) => {
    const record: ProxiedRequest = {
      method: req.method ?? '',
      target: req.url ?? '',
      proxyAuthorization: req.headers['proxy-authorization'],
      receivedAtMs: performance.now()
    }
    requests.push(record)
    let target: URL
    try {
      target = new URL(req.url ?? '')
    } catch {
      record.status = 400
      res.writeHead(400).end('absolute-form request expected')
      return
    }
    const status = refusal(target.hostname, record.proxyAuthorization)
    if (status !== undefined) {
      record.status = status
      res.writeHead(status, status === 407 ? { 'proxy-authenticate': 'Basic realm="fake proxy"' } : {})
      res.end(`fake proxy: ${status}`)
      return
    }
    const headers = { ...req.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: Number(target.port || 80),
        method: req.method,
        path: target.pathname + target.search,
        headers
      },
      answer => {
        record.status = answer.statusCode
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })

  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    const record: ProxiedRequest = {
      method: 'CONNECT',
      target: req.url ?? '',
      proxyAuthorization: req.headers['proxy-authorization'],
      receivedAtMs: performance.now()
    }
    requests.push(record)
    client.on('error', () => client.destroy())
    if (options.hang) return
    if (options.closeConnect) {
      client.destroy()
      return
    }
    const [hostname = '', port = '443'] = (req.url ?? '').split(/:(?=\d+$)/)
    const status = refusal(hostname, record.proxyAuthorization)
    record.status = status ?? 200
    if (status !== undefined) {
      const reason = http.STATUS_CODES[status] ?? ''
      const extra = status === 407 ? 'Proxy-Authenticate: Basic realm="fake proxy"\r\n' : ''
      client.end(`HTTP/1.1 ${status} ${reason}\r\n${extra}Content-Length: 0\r\n\r\n`)
      return
    }
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })

  const { port, close } = await listenOnLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close
  }
}

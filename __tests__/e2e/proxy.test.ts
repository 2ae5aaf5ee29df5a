/**
 * End to end behind a proxy: the built dist/index.js in a child (proxy variables, NODE_EXTRA_CA_CERTS
 * and TLS are process-wide), a real forward proxy on 127.0.0.1 (support/fake-proxy.ts) and the fake
 * API. The API's host is api.example.test, a name that does not resolve: only the proxy maps it to
 * 127.0.0.1, so a success proves the proxy carried the request. https:// goes through a CONNECT
 * tunnel to the fake API serving TLS with a test CA (fixtures/tls), trusted only through
 * NODE_EXTRA_CA_CERTS; http:// goes to the proxy in absolute form.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach } from '@jest/globals'
import { api, hello, KEY, retryLog, RUNNER_KILLS_AFTER_MS, startApi } from '../support/ask.js'
import type { FakeApiOptions } from '../support/fake-api.js'
import { type FakeProxy, type FakeProxyOptions, startFakeProxy } from '../support/fake-proxy.js'
import { foreignCommands } from '../support/own-commands.js'
import { REPO_ROOT, runAction, type RunResult } from '../support/run-action.js'

const TLS_DIR = path.join(REPO_ROOT, '__tests__', 'fixtures', 'tls')
const CA = path.join(TLS_DIR, 'ca.pem')
const tls = {
  key: readFileSync(path.join(TLS_DIR, 'server.key')),
  cert: readFileSync(path.join(TLS_DIR, 'server.pem'))
}
const PASSWORD = 'pr0xy-pa55-DO-NOT-PRINT'
/** Registered as secrets (masked, and scrubbed from failure text): the password and the Proxy-Authorization token. */
const PROXY_SECRETS = [PASSWORD, Buffer.from(`ci-bot:${PASSWORD}`).toString('base64')]

let proxy: FakeProxy | undefined
afterEach(async () => {
  await proxy?.close()
  proxy = undefined
})

interface Setup {
  scheme?: 'https' | 'http'
  proxy?: FakeProxyOptions
  api?: FakeApiOptions
  /** The proxy variables (and NO_PROXY): `PROXY` in a value becomes the proxy's URL with `user@`. */
  env: (proxyUrl: string, apiPort: string) => Record<string, string | undefined>
  inputs?: Record<string, string>
  workspaceFiles?: Record<string, string>
}

/** Starts the fake API (TLS for https) and the proxy, and runs the action at api.example.test through it. */
async function askThroughProxy(setup: Setup): Promise<RunResult> {
  const scheme = setup.scheme ?? 'https'
  const fake = await startApi({ script: [hello], ...(scheme === 'https' ? { tls } : {}), ...setup.api })
  proxy = await startFakeProxy(setup.proxy)
  const port = new URL(fake.url).port
  return runAction({
    inputs: {
      prompt: 'Say hello.',
      'anthropic-api-key': KEY,
      'base-url': `${scheme}://api.example.test:${port}`,
      'base-delay': '0.01',
      'max-retries': '0',
      timeout: '10',
      ...setup.inputs
    },
    env: { NODE_EXTRA_CA_CERTS: CA, ...setup.env(proxy.url, port) },
    workspaceFiles: setup.workspaceFiles
  })
}

/** The proxy's URL with credentials, as a company's HTTPS_PROXY holds them. */
const withCredentials = (proxyUrl: string, user = 'ci-bot', password = PASSWORD) =>
  proxyUrl.replace('http://', `http://${user}:${encodeURIComponent(password)}@`)

/** Nowhere but in the runner's ::add-mask:: commands (which it swallows): a proxy password is registered as a secret. */
function expectNowhere(result: RunResult, secret: string) {
  const stdout = result.stdout.replace(/^::add-mask::.*\n/gm, '')
  for (const text of [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
    expect(text).not.toContain(secret)
  }
}

describe('through a proxy', () => {
  it('carries https:// in a CONNECT tunnel (HTTPS_PROXY), count-tokens and Messages alike, with a CA from NODE_EXTRA_CA_CERTS', async () => {
    const result = await askThroughProxy({
      env: proxyUrl => ({ HTTPS_PROXY: proxyUrl }),
      inputs: { 'max-input-tokens': '1000' }
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello there.')
    expect(api?.requests.map(r => r.path)).toEqual(['/v1/messages/count_tokens', '/v1/messages'])
    const port = new URL(api!.url).port
    // One tunnel may carry both requests (keep-alive); every one goes to the API's host.
    expect(proxy!.requests.length).toBeGreaterThanOrEqual(1)
    for (const request of proxy!.requests) {
      expect(request).toMatchObject({ method: 'CONNECT', target: `api.example.test:${port}`, status: 200 })
    }
    expect(foreignCommands(result, [KEY])).toEqual([])
  })

  it('fails on a certificate the runner does not trust, without NODE_EXTRA_CA_CERTS', async () => {
    const result = await askThroughProxy({
      env: proxyUrl => ({ HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: undefined })
    })
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(proxy!.requests).toEqual([expect.objectContaining({ method: 'CONNECT', status: 200 })])
    expect(result.outputs.error).toBe('certificate_error: Connection error. (UNABLE_TO_VERIFY_LEAF_SIGNATURE)')
    expect(result.stdout).toMatch(/::error::.*set NODE_EXTRA_CA_CERTS to the path of its CA certificate/)
  })

  it('sends the credentials of a lower-case https_proxy as Proxy-Authorization, and shows the password nowhere', async () => {
    const result = await askThroughProxy({
      proxy: { auth: { user: 'ci-bot', password: PASSWORD } },
      env: proxyUrl => ({ https_proxy: withCredentials(proxyUrl), HTTPS_PROXY: 'http://127.0.0.1:9' })
    })
    expect(result.code).toBe(0)
    const expected = `Basic ${Buffer.from(`ci-bot:${PASSWORD}`).toString('base64')}`
    expect(proxy!.requests[0]).toMatchObject({ method: 'CONNECT', proxyAuthorization: expected, status: 200 })
    expectNowhere(result, PASSWORD)
    expectNowhere(result, encodeURIComponent(PASSWORD))
  })

  it('sends http:// to a lower-case http_proxy in absolute form, with its credentials', async () => {
    const result = await askThroughProxy({
      scheme: 'http',
      proxy: { auth: { user: 'ci-bot', password: PASSWORD } },
      env: proxyUrl => ({ http_proxy: withCredentials(proxyUrl) })
    })
    expect(result.code).toBe(0)
    const port = new URL(api!.url).port
    expect(proxy!.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        target: `http://api.example.test:${port}/v1/messages`,
        proxyAuthorization: `Basic ${Buffer.from(`ci-bot:${PASSWORD}`).toString('base64')}`,
        status: 200
      })
    ])
    // The proxy credentials go to the proxy only: the API never sees them.
    expect(api?.requests[0]?.headers['proxy-authorization']).toBeUndefined()
    expectNowhere(result, PASSWORD)
  })
})

describe('batch mode through a proxy', () => {
  it('streams each create body from its file through the tunnel, then collects the results', async () => {
    const lines = ['a-1', 'a-2', 'a-3'].map(id => JSON.stringify({ id, prompt: `Question ${id}` }))
    const result = await askThroughProxy({
      env: proxyUrl => ({ HTTPS_PROXY: proxyUrl }),
      api: { batches: { pollsUntilEnded: 1 } },
      inputs: { prompt: '', 'prompts-file': 'prompts.jsonl', mode: 'batch', 'max-delay': '0.2' },
      workspaceFiles: { 'prompts.jsonl': `${lines.join('\n')}\n` }
    })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ total: '3', succeeded: '3', failed: '0' })
    const create = api!.requests.find(r => r.method === 'POST' && r.path === '/v1/messages/batches')
    expect(create?.body.requests.map((r: { custom_id: string }) => r.custom_id)).toEqual(['a-1', 'a-2', 'a-3'])
    expect(create?.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(create?.body))))
    expect(proxy!.requests.length).toBeGreaterThanOrEqual(1)
    for (const request of proxy!.requests) expect(request).toMatchObject({ method: 'CONNECT', status: 200 })
  })
})

describe('an LLM gateway behind the proxy', () => {
  it('with no key, sends the headers input (token masked, printed nowhere) and no Authorization', async () => {
    const token = 'gw-token-e2e-DO-NOT-PRINT'
    const result = await askThroughProxy({
      api: { requireHeaders: { 'x-api-key': token, 'x-gateway-route': 'claude-eu' }, forbidHeaders: ['authorization'] },
      env: proxyUrl => ({ HTTPS_PROXY: proxyUrl }),
      inputs: { 'anthropic-api-key': '', headers: `x-api-key: ${token}\nx-gateway-route: claude-eu` }
    })
    expect(result.code).toBe(0)
    expect(api?.requests[0]?.headers).toMatchObject({ 'x-api-key': token, 'x-gateway-route': 'claude-eu' })
    expect(result.stdout).toContain(`::add-mask::${token}\n`)
    const rest = { ...result, stdout: result.stdout.replace(`::add-mask::${token}\n`, '') }
    expectNowhere(rest, token)
    expect(foreignCommands(result, [token])).toEqual([])
  })
})

describe('NO_PROXY', () => {
  it.each([
    ['a host', () => 'api.example.test'],
    ['a .suffix', () => 'other.example, .example.test'],
    ['host:port', (port: string) => `api.example.test:${port}`],
    ['*', () => '*']
  ])('sends a request direct when it names %s (api.example.test then does not resolve)', async (_, noProxy) => {
    const result = await askThroughProxy({
      env: (proxyUrl, port) => ({ HTTPS_PROXY: proxyUrl, NO_PROXY: noProxy(port) })
    })
    expect(proxy!.requests).toEqual([])
    expect(result.code).toBe(1)
    expect(result.outputs.error).toMatch(/^connection_error: .*ENOTFOUND/)
  })

  it('still proxies a host:port entry for another port', async () => {
    const result = await askThroughProxy({
      env: proxyUrl => ({ HTTPS_PROXY: proxyUrl, no_proxy: 'api.example.test:1' })
    })
    expect(result.code).toBe(0)
    expect(proxy!.requests.length).toBeGreaterThanOrEqual(1)
  })

  it('never proxies this machine: http://127.0.0.1 goes direct with a proxy set', async () => {
    const fake = await startApi({ script: [hello] })
    proxy = await startFakeProxy()
    const result = await runAction({
      inputs: { prompt: 'Say hello.', 'anthropic-api-key': KEY, 'base-url': fake.url, 'max-retries': '0' },
      env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }
    })
    expect(result.code).toBe(0)
    expect(proxy.requests).toEqual([])
  })
})

describe('a proxy that refuses or cannot be reached', () => {
  it('a 407 to the CONNECT (wrong password) fails at once, naming the proxy without the credentials', async () => {
    const result = await askThroughProxy({
      proxy: { auth: { user: 'ci-bot', password: 'the-right-one' } },
      env: proxyUrl => ({ HTTPS_PROXY: withCredentials(proxyUrl) }),
      inputs: { 'max-retries': '3' }
    })
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(proxy!.requests).toEqual([expect.objectContaining({ method: 'CONNECT', status: 407 })])
    expect(result.outputs.attempts).toBe('1')
    expect(result.outputs.error).toBe(
      `proxy_error: the proxy ${proxy!.url} (from HTTPS_PROXY) refused the connection: 407 Proxy Authentication Required`
    )
    expect(retryLog(result)).toEqual([expect.objectContaining({ status: 407, errorType: 'proxy_error', waitMs: 0 })])
    expect(result.stdout).toMatch(/Stopping: not retried: the proxy refused the connection/)
    expect(result.stdout).toMatch(/::error::.*check the user and password in HTTPS_PROXY/)
    expectNowhere(result, PASSWORD)
    expectNowhere(result, 'ci-bot')
    expect(foreignCommands(result, [KEY, ...PROXY_SECRETS])).toEqual([])
  })

  it('a 407 in absolute form (http://) fails the same way', async () => {
    const result = await askThroughProxy({
      scheme: 'http',
      proxy: { auth: { user: 'ci-bot', password: 'the-right-one' } },
      env: proxyUrl => ({ http_proxy: withCredentials(proxyUrl) })
    })
    expect(result.outputs.error).toBe(
      `proxy_error: the proxy ${proxy!.url} (from http_proxy) refused the connection: 407 Proxy Authentication Required`
    )
    expectNowhere(result, PASSWORD)
  })

  it('a 403 to the CONNECT (a host the proxy does not allow) is not retried either', async () => {
    const result = await askThroughProxy({
      proxy: { refuseWith: 403 },
      env: proxyUrl => ({ HTTPS_PROXY: proxyUrl }),
      inputs: { 'max-retries': '2' }
    })
    expect(result.outputs.attempts).toBe('1')
    expect(result.outputs.error).toMatch(/^proxy_error: the proxy .* refused the connection: 403 Forbidden$/)
    expect(result.stdout).toMatch(/::error::.*The proxy does not allow this connection/)
  })

  it('an unreachable proxy is a connection failure, retried, that names the proxy and what to check', async () => {
    const closed = await startFakeProxy()
    await closed.close()
    const result = await askThroughProxy({
      env: () => ({ HTTPS_PROXY: withCredentials(closed.url) }),
      inputs: { 'max-retries': '1' }
    })
    expect(result.outputs.attempts).toBe('2')
    expect(result.outputs.error).toBe(
      `proxy_connection_error: could not connect to the proxy ${closed.url} (from HTTPS_PROXY): ECONNREFUSED`
    )
    expect(result.stdout).toMatch(/::error::.*Check that the proxy is running and reachable from the runner/)
    expectNowhere(result, PASSWORD)
  })

  it('a proxy that never answers the CONNECT: its own timeout (9/10 of a short attempt timeout) names the proxy', async () => {
    const result = await askThroughProxy({
      proxy: { hang: true },
      env: proxyUrl => ({ HTTPS_PROXY: withCredentials(proxyUrl) }),
      inputs: { timeout: '2' }
    })
    expect(proxy!.requests).toEqual([expect.objectContaining({ method: 'CONNECT' })])
    expect(result.outputs.error).toBe(
      `proxy_connection_error: the proxy ${proxy!.url} (from HTTPS_PROXY) did not answer the CONNECT within 1.80 s`
    )
    expect(result.durationMs).toBeLessThan(10_000)
    expectNowhere(result, PASSWORD)
  })

  it('a proxy that closes the CONNECT without an answer: one CONNECT, a connection failure that names the proxy, at once', async () => {
    const result = await askThroughProxy({
      proxy: { closeConnect: true },
      env: proxyUrl => ({ HTTPS_PROXY: withCredentials(proxyUrl) }),
      inputs: { timeout: '20' }
    })
    // undici used to reconnect in a loop (thousands of CONNECTs) until the attempt's timeout.
    expect(proxy!.requests).toHaveLength(1)
    expect(result.outputs.error).toBe(
      `proxy_connection_error: could not connect to the proxy ${proxy!.url} (from HTTPS_PROXY): UND_ERR_SOCKET`
    )
    expect(result.durationMs).toBeLessThan(10_000)
    expectNowhere(result, PASSWORD)
  })

  it('a SIGINT while the proxy holds the CONNECT stops the step at once, as cancelled', async () => {
    const fake = await startApi({ script: [hello], tls })
    proxy = await startFakeProxy({ hang: true })
    const result = await runAction({
      inputs: {
        prompt: 'Say hello.',
        'anthropic-api-key': KEY,
        'base-url': `https://api.example.test:${new URL(fake.url).port}`
      },
      env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: CA },
      signal: { name: 'SIGINT', afterMs: 200, whenStdoutMatches: /Asking/ }
    })
    expect(result.timedOut).toBe(false)
    expect(proxy.requests[0]?.receivedAtMs).toBeLessThan(result.signalSentAtMs ?? -1)
    expect(result.exitedAfterSignalMs).toBeLessThan(RUNNER_KILLS_AFTER_MS.SIGINT)
    expect(result.outputs).toMatchObject({ attempts: '1', error: 'cancelled' })
  })

  it('an unusable proxy URL fails before any request, naming the variable, its password hidden', async () => {
    const result = await askThroughProxy({
      env: () => ({ https_proxy: `ftp://ci-bot:${PASSWORD}@proxy.example.test:21` })
    })
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(result.outputs.attempts).toBe('0')
    expect(result.stdout).toContain(
      "::error::Environment variable https_proxy has invalid value 'ftp://***@proxy.example.test:21'. Expected a proxy URL"
    )
    expectNowhere(result, PASSWORD)
    expect(foreignCommands(result, [KEY, ...PROXY_SECRETS])).toEqual([])
  })
})

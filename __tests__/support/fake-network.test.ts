/**
 * Smoke tests of fake-proxy.ts and fake-oidc.ts against the real clients, in-process on
 * 127.0.0.1: undici's ProxyAgent (as src/network/proxy.ts uses it) carrying the real SDK's
 * request through a CONNECT tunnel or in absolute form, and @actions/core's getIDToken (the
 * toolkit's OIDC client) reading the fake runner endpoint.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import Anthropic, { APIConnectionError } from '@anthropic-ai/sdk'
import { fetch as undiciFetch, ProxyAgent } from 'undici'
import { getIDToken } from '@actions/core'
import { startFakeApi } from './fake-api.js'
import { type FakeProxyOptions, startFakeProxy } from './fake-proxy.js'
import { type OidcReply, startFakeOidc } from './fake-oidc.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})
const PARAMS = { model: 'claude-test', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Hi' }] }

describe('fake proxy with undici ProxyAgent and the real SDK', () => {
  /** The fake API, reached only by a name that resolves nowhere: just the proxy can carry it. */
  async function throughProxy(proxyOptions: FakeProxyOptions, agentOptions: Partial<ProxyAgent.Options>) {
    const api = await startFakeApi({ script: [{ kind: 'message', text: 'Via the proxy.' }] })
    const proxy = await startFakeProxy(proxyOptions)
    const agent = new ProxyAgent({ uri: proxy.url, ...agentOptions })
    closers.push(api.close, proxy.close, () => agent.close())
    const apiPort = new URL(api.url).port
    const client = new Anthropic({
      apiKey: 'sk-ant-test',
      baseURL: `http://api.example.test:${apiPort}`,
      maxRetries: 0,
      // As src/network/proxy.ts does: undici's own fetch, with the agent as its dispatcher.
      fetch: ((input: unknown, init?: object) =>
        undiciFetch(input as never, { ...init, dispatcher: agent })) as unknown as typeof fetch
    })
    return { api, proxy, client, apiPort }
  }

  it('a CONNECT tunnel carries the request to the name it maps to 127.0.0.1', async () => {
    const { api, proxy, client, apiPort } = await throughProxy({}, {})
    const message = await client.messages.create(PARAMS)
    expect(message.content).toEqual([{ type: 'text', text: 'Via the proxy.' }])
    expect(proxy.requests).toMatchObject([{ method: 'CONNECT', target: `api.example.test:${apiPort}`, status: 200 }])
    expect(api.requests[0]?.headers.host).toBe(`api.example.test:${apiPort}`)
  })

  it('absolute form (no tunnel) with Basic credentials: forwarded without its Proxy-Authorization', async () => {
    const auth = { user: 'me', password: 'pw' }
    const basic = `Basic ${Buffer.from('me:pw').toString('base64')}`
    const { api, proxy, client, apiPort } = await throughProxy({ auth }, { proxyTunnel: false, token: basic })
    const message = await client.messages.create(PARAMS)
    expect(message.content).toEqual([{ type: 'text', text: 'Via the proxy.' }])
    expect(proxy.requests).toMatchObject([
      {
        method: 'POST',
        target: `http://api.example.test:${apiPort}/v1/messages`,
        proxyAuthorization: basic,
        status: 200
      }
    ])
    expect(api.requests[0]?.headers['proxy-authorization']).toBeUndefined()
  })

  it('without the credentials the tunnel gets 407, and the SDK a connection error', async () => {
    const { api, proxy, client } = await throughProxy({ auth: { user: 'me', password: 'pw' } }, {})
    const error = await client.messages.create(PARAMS).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIConnectionError)
    expect(proxy.requests).toMatchObject([{ method: 'CONNECT', status: 407 }])
    expect(api.requests).toHaveLength(0)
  })
})

describe("fake OIDC endpoint with @actions/core's getIDToken", () => {
  /** getIDToken reads the process environment and prints ::debug:: / ::add-mask:: lines. */
  async function getToken(script: OidcReply[] | undefined, audience: string) {
    const oidc = await startFakeOidc({ script })
    closers.push(oidc.close)
    const saved = { ...process.env }
    // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back, never called detached
    const write = process.stdout.write
    let stdout = ''
    Object.assign(process.env, oidc.env)
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout += String(chunk)
      return true
    }) as typeof process.stdout.write
    try {
      const token = await getIDToken(audience).catch((e: unknown) => e)
      return { oidc, token, stdout }
    } finally {
      process.stdout.write = write
      for (const name of Object.keys(oidc.env)) {
        if (saved[name] === undefined) delete process.env[name]
        else process.env[name] = saved[name]
      }
    }
  }

  it('returns the JWT the fake issued for the audience, and masks it', async () => {
    const { oidc, token, stdout } = await getToken(undefined, 'https://api.anthropic.com')
    expect(token).toBe(oidc.issued[0])
    const claims = JSON.parse(Buffer.from(String(token).split('.')[1] ?? '', 'base64url').toString('utf8'))
    expect(claims).toMatchObject({
      aud: 'https://api.anthropic.com',
      iss: 'https://token.actions.githubusercontent.com'
    })
    expect(oidc.requests).toMatchObject([
      { audience: 'https://api.anthropic.com', authorization: `Bearer ${oidc.requestToken}` }
    ])
    expect(stdout).toContain(`::add-mask::${String(token)}`)
  })

  it('an error status rejects with the status in the toolkit’s message', async () => {
    const { token } = await getToken([{ kind: 'error', status: 500 }], 'aud')
    expect(token).toBeInstanceOf(Error)
    expect((token as Error).message).toMatch(/Failed to get ID Token[\s\S]*Error Code : 500/)
  })
})

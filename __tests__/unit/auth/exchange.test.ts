/**
 * Keyless login's pure parts and its wire contract: the inputs, when a token is renewed, and the
 * two requests, compared with the ones the toolkit (core.getIDToken) and the SDK
 * (oidcFederationProvider) send to the same fake servers on 127.0.0.1.
 */
import { getIDToken } from '@actions/core'
import { oidcFederationProvider } from '@anthropic-ai/sdk/lib/credentials/oidc-federation'
import { exchangeOnce, tokenEndpoint, exchangeGateway } from '../../../src/auth/exchange.js'
import { type Federation } from '../../../src/inputs/federation.js'
import { type FakeApi, startFakeApi } from '../../support/fake-api.js'
import { type FakeOidc, startFakeOidc } from '../../support/fake-oidc.js'

describe('the requests, against what the toolkit and the SDK send', () => {
  let api: FakeApi
  let oidc: FakeOidc
  const saved = { ...process.env }
  beforeEach(async () => {
    api = await startFakeApi({ oauth: {} })
    oidc = await startFakeOidc()
    Object.assign(process.env, oidc.env)
  })
  afterEach(async () => {
    for (const name of Object.keys(oidc.env)) delete process.env[name]
    Object.assign(process.env, saved)
    await Promise.all([api.close(), oidc.close()])
  })
  const config = (audience?: string): Federation => ({
    ruleId: 'fdrl_01Rule',
    organizationId: 'org-uuid-1',
    serviceAccountId: 'svac_01',
    workspaceId: 'wrkspc_01',
    audience,
    idTokenRequest: { url: oidc.url, token: oidc.requestToken },
    keyIgnored: false
  })
  const context = { attempt: 1, timeoutMs: 10_000, signal: new AbortController().signal }

  it('asks the runner for the identity token as core.getIDToken does', async () => {
    const ours = await exchangeOnce(config('https://api.example.test/a b'), tokenEndpoint(api.url), fetch, context)
    expect(ours.ok).toBe(true)
    await getIDToken('https://api.example.test/a b')
    const [mine, toolkit] = oidc.requests
    expect(mine?.path).toBe(toolkit?.path)
    expect(mine?.audience).toBe('https://api.example.test/a b')
    expect(mine?.authorization).toBe(toolkit?.authorization)
    expect(mine?.accept).toBe(toolkit?.accept)
  })

  it("exchanges it at /v1/oauth/token with the SDK's body and headers", async () => {
    const ours = await exchangeOnce(config(), tokenEndpoint(`${api.url}/`), fetch, context)
    expect(ours).toMatchObject({ ok: true, status: 200, requestId: 'req_fake_1' })
    const assertion = oidc.issued[0] as string
    const sdk = oidcFederationProvider({
      identityTokenProvider: () => assertion,
      federationRuleId: 'fdrl_01Rule',
      organizationId: 'org-uuid-1',
      serviceAccountId: 'svac_01',
      workspaceId: 'wrkspc_01',
      baseURL: api.url,
      fetch
    })
    const minted = await sdk()
    expect(minted.token).toBe(api.minted[1])
    const [mine, theirs] = api.requests
    expect(mine?.path).toBe(theirs?.path)
    expect(mine?.path).toBe('/v1/oauth/token')
    expect(mine?.body).toEqual(theirs?.body)
    for (const header of ['content-type', 'anthropic-beta']) expect(mine?.headers[header]).toBe(theirs?.headers[header])
    if (ours.ok) {
      expect(ours.value.value).toBe(api.minted[0])
      expect(ours.value.lifetimeMs).toBe(3_600_000)
    }
  })
})

/* Which token endpoints count as a gateway that receives GitHub's identity token (issue 20). */
describe('exchangeGateway', () => {
  it('is undefined for the Claude API itself (no base-url, or its own URL)', () => {
    expect(exchangeGateway(undefined)).toBeUndefined()
    expect(exchangeGateway('https://api.anthropic.com')).toBeUndefined()
    expect(exchangeGateway('https://api.anthropic.com/')).toBeUndefined()
  })

  it('names the full token endpoint of any other base-url, path included', () => {
    expect(exchangeGateway('https://gateway.example.test/anthropic/')).toBe(
      'https://gateway.example.test/anthropic/v1/oauth/token'
    )
    expect(exchangeGateway('https://api.anthropic.com.example.test')).toBe(
      'https://api.anthropic.com.example.test/v1/oauth/token'
    )
  })
})

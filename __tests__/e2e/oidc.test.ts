/**
 * Keyless login (OIDC) end to end: the built dist/index.js in a child, as the runner starts it
 * (INPUT_* names, ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN in the environment, no Anthropic key at all),
 * against the fake runner OIDC endpoint and the fake API's /v1/oauth/token on 127.0.0.1. Runs on
 * Node 24 and Node 20 (npm test). The other cases run in-process: __tests__/inprocess/oidc.test.ts.
 */
import { afterEach } from '@jest/globals'
import { api, askWith, hello, overloaded, retryLog } from '../support/ask.js'
import { expectOnlyMasked, type FakeOidc, startFakeOidc } from '../support/fake-oidc.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction, { 'max-delay': '60' })

let oidc: FakeOidc | undefined
afterEach(async () => {
  await oidc?.close()
  oidc = undefined
})

const FEDERATION = {
  'anthropic-api-key': '',
  'federation-rule-id': 'fdrl_01E2eRule',
  'organization-id': 'org-e2e',
  'oidc-audience': 'https://api.anthropic.com'
}

describe('keyless login (OIDC), built action', () => {
  it('signs in after a transient failure, asks with the minted token, and renews it when it expires', async () => {
    oidc = await startFakeOidc()
    const result = await ask(
      {
        script: [overloaded({ 'retry-after': '1' }), hello],
        oauth: { expiresIn: 1, script: [{ kind: 'oauth-error', status: 503, error: 'temporarily_unavailable' }] }
      },
      FEDERATION,
      { env: { ...oidc.env, ANTHROPIC_API_KEY: undefined } }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello there.')
    const exchanges = api?.requests.filter(r => r.path === '/v1/oauth/token') ?? []
    // 503, then a token; then, before the Messages retry, a renewal.
    expect(exchanges).toHaveLength(3)
    expect(exchanges.map(r => r.body.assertion)).toEqual(oidc.issued)
    expect(oidc.requests.map(r => r.audience)).toEqual(Array(3).fill('https://api.anthropic.com'))
    const messages = api?.requests.filter(r => r.path === '/v1/messages') ?? []
    expect(messages.map(r => r.headers.authorization)).toEqual(api?.minted.map(token => `Bearer ${token}`))
    expect(messages.every(r => r.headers['x-api-key'] === undefined)).toBe(true)
    expect(result.stdout).toMatch(/::warning::Signing in: Attempt 1 of 6: 503 temporarily_unavailable/)
    expect(result.stdout).toContain('Renewing the access token: Attempt 1 of 6: 200 ok')
    expect(retryLog(result).map(a => a.status)).toEqual([529, 200])
    expectOnlyMasked(result, [...oidc.issued, ...(api?.minted ?? []), oidc.requestToken])
  })

  it("fails before any request, naming 'id-token: write', when the runner gave no OIDC endpoint", async () => {
    const result = await ask({ oauth: {} }, FEDERATION, {
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined }
    })
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(result.stdout).toMatch(/::error::.*Add 'permissions: id-token: write' to the job/)
  })
})

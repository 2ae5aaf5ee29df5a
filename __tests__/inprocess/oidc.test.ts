/**
 * Keyless login (OIDC workload identity federation), in-process: run() against the fake runner
 * OIDC endpoint (fake-oidc.ts) and the fake API's /v1/oauth/token, both real HTTP servers on
 * 127.0.0.1, with the real SDK. No Anthropic key is given unless a test says so.
 */
import { afterEach } from '@jest/globals'
import { api, askWith, hello, KEY, overloaded, retryLog } from '../support/ask.js'
import type { FakeApiOptions, RecordedRequest } from '../support/fake-api.js'
import { expectOnlyMasked, type FakeOidc, startFakeOidc } from '../support/fake-oidc.js'
import { type InProcessOptions, runInProcess } from '../support/run-in-process.js'

const RULE = 'fdrl_01TestRule'
const ORG = '11111111-2222-3333-4444-555555555555'
const FEDERATION = { 'anthropic-api-key': '', 'federation-rule-id': RULE, 'organization-id': ORG }

let oidc: FakeOidc | undefined
afterEach(async () => {
  await oidc?.close()
  oidc = undefined
})

const ask = askWith(runInProcess, { 'max-delay': '60' })

/** Runs the action with federation inputs against a fresh fake OIDC endpoint and a fake API with /v1/oauth/token. */
async function signInAndAsk(fake: FakeApiOptions, inputs: Record<string, string> = {}, cancel?: AbortSignal) {
  oidc = await startFakeOidc()
  // runInProcess also takes the cancel signal that index.ts would hand to run().
  const extra: Omit<InProcessOptions, 'inputs'> = { env: oidc.env, cancel }
  return ask({ oauth: {}, ...fake }, { ...FEDERATION, ...inputs }, extra)
}

const exchanges = () => api?.requests.filter(r => r.path === '/v1/oauth/token') ?? []
const messages = () => api?.requests.filter(r => r.path.startsWith('/v1/messages')) ?? []
const bearer = (request: RecordedRequest | undefined) => request?.headers.authorization

describe('keyless login (OIDC)', () => {
  it('exchanges the GitHub identity token and asks Claude with the minted token, no key needed', async () => {
    const result = await signInAndAsk(
      { script: [hello], countTokens: 10 },
      {
        'service-account-id': 'svac_01Test',
        'workspace-id': 'wrkspc_01Test',
        'oidc-audience': 'https://api.anthropic.com',
        'max-input-tokens': '100'
      }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello there.')

    // The runner's endpoint: the audience asked for, with the request token.
    expect(oidc?.requests).toHaveLength(1)
    expect(oidc?.requests[0]?.audience).toBe('https://api.anthropic.com')
    expect(oidc?.requests[0]?.authorization).toBe(`Bearer ${oidc?.requestToken}`)

    // The jwt-bearer exchange, as the SDK's oidcFederationProvider sends it.
    expect(exchanges()).toHaveLength(1)
    expect(exchanges()[0]?.body).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: oidc?.issued[0],
      federation_rule_id: RULE,
      organization_id: ORG,
      service_account_id: 'svac_01Test',
      workspace_id: 'wrkspc_01Test'
    })
    expect(exchanges()[0]?.headers['anthropic-beta']).toBe('oauth-2025-04-20,oidc-federation-2026-04-01')

    // The count and the Messages request carry the minted token, and no key in any form.
    expect(messages().map(r => r.path)).toEqual(['/v1/messages/count_tokens', '/v1/messages'])
    for (const request of messages()) {
      expect(bearer(request)).toBe(`Bearer ${api?.minted[0]}`)
      expect(request.headers['x-api-key']).toBeUndefined()
      expect(String(request.headers['anthropic-beta'])).toContain('oauth-2025-04-20')
    }
    expect(result.stdout).toContain('Signing in: Attempt 1 of 6: 200 ok')
    expect(result.summary).toContain('OIDC sign-in 1 attempt')
    expectOnlyMasked(result, [oidc!.issued[0]!, api!.minted[0]!, oidc!.requestToken])
  })

  it("asks GitHub for its default audience when 'oidc-audience' is empty", async () => {
    const result = await signInAndAsk({ script: [hello] })
    expect(result.code).toBe(0)
    expect(oidc?.requests[0]?.audience).toBeUndefined()
    expect(oidc?.requests[0]?.path).not.toContain('audience')
    expect(exchanges()[0]?.body).not.toHaveProperty('service_account_id')
    expect(exchanges()[0]?.body).not.toHaveProperty('workspace_id')
  })

  it('retries a 503 from the token endpoint under the same policy, logged apart from retry-log', async () => {
    const result = await signInAndAsk({
      script: [hello],
      oauth: { script: [{ kind: 'oauth-error', status: 503, error: 'temporarily_unavailable' }, { kind: 'token' }] }
    })
    expect(result.code).toBe(0)
    expect(exchanges()).toHaveLength(2)
    // Each exchange fetched its own identity token.
    expect(exchanges().map(r => r.body.assertion)).toEqual(oidc?.issued)
    expect(result.stdout).toMatch(
      /::warning::Signing in: Attempt 1 of 6: 503 temporarily_unavailable \(request-id req_fake_1\) after \d+\.\d+ s: the token endpoint refused the exchange \(HTTP 503\): fake temporarily_unavailable\. Retrying in \d+\.\d+ s \(backoff; HTTP 503 is transient\)\./
    )
    expect(result.stdout).toContain('Signing in: Attempt 2 of 6: 200 ok')
    // The Messages outputs count the Messages request only.
    expect(result.outputs.attempts).toBe('1')
    expect(retryLog(result).map(a => a.status)).toEqual([200])
    expect(result.summary).toContain('OIDC sign-in 2 attempts')
  })

  it("retries GitHub's OIDC endpoint when it fails, and stops with the permission hint when it refuses", async () => {
    oidc = await startFakeOidc({ script: [{ kind: 'error', status: 500 }, { kind: 'reset' }] })
    const retried = await ask({ script: [hello], oauth: {} }, FEDERATION, { env: oidc.env })
    expect(retried.code).toBe(0)
    expect(oidc.requests).toHaveLength(3)
    expect(retried.stdout).toMatch(/::warning::Signing in: Attempt 1 of 6: 500 id_token_error after/)
    expect(retried.stdout).toMatch(
      /::warning::Signing in: Attempt 2 of 6: connection_error after .*could not be reached/
    )
    await oidc.close()

    oidc = await startFakeOidc({ script: [{ kind: 'error', status: 403, body: '{"message":"no permission"}' }] })
    const refused = await ask({ script: [hello], oauth: {} }, FEDERATION, { env: oidc.env })
    expect(refused.code).toBe(1)
    expect(oidc.requests).toHaveLength(1)
    expect(exchanges()).toEqual([])
    expect(refused.outputs.error).toBe(
      'id_token_error: GitHub\'s OIDC token endpoint answered HTTP 403: {"message":"no permission"}'
    )
    expect(refused.commands.find(c => c.name === 'error')?.data).toContain(
      "GitHub refused to hand out the identity token: Add 'permissions: id-token: write' to the job"
    )
  })

  it("fails before any request, naming the fix, when the job lacks 'id-token: write'", async () => {
    const result = await ask({ oauth: {} }, FEDERATION)
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(result.outputs.error).toMatch(/^invalid_input: Input 'federation-rule-id' is set, but the runner gave/)
    expect(result.outputs.error).toContain("Add 'permissions: id-token: write' to the job")
    expect(result.outputs.attempts).toBe('0')
  })

  it("requires 'organization-id' with 'federation-rule-id'", async () => {
    oidc = await startFakeOidc()
    const result = await ask({ oauth: {} }, { ...FEDERATION, 'organization-id': '' }, { env: oidc.env })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain("Input 'organization-id' is required with 'federation-rule-id'")
    expect(oidc.requests).toEqual([])
  })

  it('stops at once when the exchange is refused, naming the ids and what to check', async () => {
    const result = await signInAndAsk({
      oauth: {
        script: [{ kind: 'oauth-error', status: 400, error: 'invalid_grant', description: 'audience mismatch' }]
      }
    })
    expect(result.code).toBe(1)
    expect(exchanges()).toHaveLength(1)
    expect(messages()).toEqual([])
    expect(result.outputs.error).toBe(
      'invalid_grant: the token endpoint refused the exchange (HTTP 400): audience mismatch'
    )
    expect(result.outputs.attempts).toBe('0')
    const failure = result.commands.find(c => c.name === 'error')?.data ?? ''
    expect(failure).toContain('Signing in with OIDC failed after 1 attempt, so no Messages request was sent')
    expect(failure).toContain(`federation rule '${RULE}', organization '${ORG}'`)
    expect(failure).toContain("the rule's subject and audience conditions match this run")
    expect(result.summary).toContain('Signing in with OIDC did not succeed; no Messages request was sent.')
  })

  it('lets the federation inputs win over a key given as well, and says so', async () => {
    const result = await signInAndAsk({ script: [hello] }, { 'anthropic-api-key': KEY })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/::warning::Both an API key and 'federation-rule-id' are set/)
    expect(bearer(messages()[0])).toBe(`Bearer ${api?.minted[0]}`)
    expect(JSON.stringify(messages()[0]?.headers)).not.toContain(KEY)
  })

  it('warns that a base-url which is not the Claude API receives the identity token (the exchange still goes there)', async () => {
    const result = await signInAndAsk({ script: [hello] })
    expect(result.code).toBe(0)
    expect(exchanges()).toHaveLength(1)
    const warning = result.commands.find(c => c.name === 'warning' && c.data.includes('identity token'))?.data
    expect(warning).toBe(
      `Keyless login (OIDC) sends GitHub's identity token to ${api?.url}/v1/oauth/token, because 'base-url' (or ANTHROPIC_BASE_URL) ` +
        'is not the Claude API: that gateway receives the identity token and could use it until it expires. ' +
        'Use a base URL only if you trust its operator as much as Anthropic (see SECURITY.md).'
    )
  })

  it('renews a token about to expire before the next attempt', async () => {
    // A 1 s token; the first answer asks for a 1 s wait: by the retry, the token has expired
    // (the fake refuses expired tokens), so only a renewed one can succeed.
    const result = await signInAndAsk({
      script: [overloaded({ 'retry-after': '1' }), hello],
      oauth: { expiresIn: 1 }
    })
    expect(result.code).toBe(0)
    expect(exchanges()).toHaveLength(2)
    expect(oidc?.requests).toHaveLength(2)
    expect(messages().map(bearer)).toEqual([`Bearer ${api?.minted[0]}`, `Bearer ${api?.minted[1]}`])
    expect(result.stdout).toContain('Renewing the access token: Attempt 1 of 6: 200 ok')
    expect(retryLog(result).map(a => a.status)).toEqual([529, 200])
    expect(result.summary).toContain('OIDC sign-in 2 attempts')
    expectOnlyMasked(result, [...oidc!.issued, ...api!.minted])
  })

  it('fails the attempt, without retrying it, when the renewal is refused', async () => {
    const result = await signInAndAsk({
      script: [overloaded({ 'retry-after': '1' }), hello],
      oauth: {
        expiresIn: 1,
        script: [{ kind: 'token' }, { kind: 'oauth-error', status: 401, error: 'invalid_client' }]
      }
    })
    expect(result.code).toBe(1)
    expect(messages()).toHaveLength(1)
    expect(retryLog(result).map(a => [a.status, a.errorType])).toEqual([
      [529, 'overloaded_error'],
      [null, 'invalid_client']
    ])
    expect(result.outputs.error).toMatch(
      /^invalid_client: renewing the access token \(federation rule fdrl_01TestRule\) failed after 1 attempt/
    )
    const failure = result.commands.find(c => c.name === 'error')?.data ?? ''
    expect(failure).toContain('Not retried: signing in again failed, after its own retries.')
    expect(failure).toContain("see the 'Renewing the access token:' lines above")
  })

  it("stops the sign-in's wait at once when the step is cancelled", async () => {
    const cancel = new AbortController()
    const watch = setInterval(() => exchanges().length > 0 && cancel.abort(), 5)
    const unavailable = { kind: 'oauth-error', status: 503, error: 'temporarily_unavailable' } as const
    const result = await signInAndAsk(
      { oauth: { script: [{ ...unavailable, headers: { 'retry-after': '30' } }] } },
      {},
      cancel.signal
    ).finally(() => clearInterval(watch))
    expect(result.outputs.error).toBe('cancelled')
    expect(exchanges()).toHaveLength(1)
    expect(messages()).toEqual([])
    expect(result.durationMs).toBeLessThan(10_000)
    expect(result.summary).toContain('Ask Claude was cancelled')
  })

  it('needs no OIDC endpoint with mock-response: nothing is sent', async () => {
    const result = await ask({ oauth: {} }, { ...FEDERATION, 'mock-response': 'Mocked.' })
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Mocked.')
    expect(api?.requests).toEqual([])
  })
})

/**
 * Secrets a server echoes back (util/secrets.ts, claude/redact.ts): a credential value from
 * `headers` and an OIDC access token, quoted in an API error body, never reach the `error`
 * output, the summary, the log (beyond the runner's ::add-mask::) or a results file; an answer
 * that quotes one keeps its JSON valid. The built dist/index.js in a child against the fake API.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach } from '@jest/globals'
import { api, askWith, type Ask } from '../support/ask.js'
import { type FakeOidc, startFakeOidc } from '../support/fake-oidc.js'
import { promptsWorkspace, RESULTS } from '../support/many.js'
import { runAction, type RunResult } from '../support/run-action.js'

const ask: Ask = askWith(runAction, { 'max-retries': '0' })
const GATEWAY_TOKEN = 'cfaig-0f9e8d7c6b5a4f3e2d1c-DO-NOT-PRINT'
const HEADERS = `cf-aig-authorization: Bearer ${GATEWAY_TOKEN}`
const echo = (secret: string) => ({
  kind: 'error' as const,
  status: 400,
  type: 'invalid_request_error',
  message: `the gateway refused 'Bearer ${secret}' for this route`
})

let oidc: FakeOidc | undefined
afterEach(async () => {
  await oidc?.close()
  oidc = undefined
})

/** Nowhere but inside ::add-mask:: lines (the runner swallows them). */
function expectNowhere(result: RunResult, secret: string, files: string[] = []) {
  const stdout = result.stdout.replace(/^::add-mask::.*\n/gm, '')
  for (const text of [stdout, result.stderr, result.summary, JSON.stringify(result.outputs), ...files]) {
    expect(text).not.toContain(secret)
  }
}

describe('secrets a server echoes', () => {
  it("a credential value of 'headers' in an error body: not in the error output, the summary or the log", async () => {
    const result = await ask([echo(GATEWAY_TOKEN)], { headers: HEADERS })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe("invalid_request_error: the gateway refused '[REDACTED]' for this route")
    expect(result.summary).toContain('1 secret value in server text or the answer was replaced with')
    expectNowhere(result, GATEWAY_TOKEN)
  }, 30_000)

  it('an OIDC access token in an error body: not in the error output, the summary or the log', async () => {
    oidc = await startFakeOidc()
    const minted = 'minted-access-token-e2e-0123456789-DO-NOT-PRINT'
    const result = await ask(
      { script: [echo(minted)], oauth: { script: [{ kind: 'token', accessToken: minted }] } },
      {
        'anthropic-api-key': '',
        'federation-rule-id': 'fdrl_01E2eRule',
        'organization-id': 'org-e2e',
        'oidc-audience': 'https://api.anthropic.com'
      },
      { env: { ...oidc.env, ANTHROPIC_API_KEY: undefined } }
    )
    expect(api?.requests.find(r => r.path === '/v1/messages')?.headers.authorization).toBe(`Bearer ${minted}`)
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe("invalid_request_error: the gateway refused 'Bearer [REDACTED]' for this route")
    expectNowhere(result, minted)
    expectNowhere(result, oidc.issued[0] as string)
  }, 30_000)

  it('many prompts: not in the results file either', async () => {
    const dir = promptsWorkspace(1)
    const result = await ask(
      [echo(GATEWAY_TOKEN)],
      { prompt: '', headers: HEADERS, 'prompts-file': 'prompts.jsonl', 'results-file': RESULTS, mode: 'direct' },
      { env: { GITHUB_WORKSPACE: dir } }
    )
    const file = readFileSync(path.join(dir, RESULTS), 'utf8')
    expect(file).toContain('[REDACTED]')
    expect(result.summary).toContain('1 secret value in server text or the answer was replaced with')
    expectNowhere(result, GATEWAY_TOKEN, [file])
  }, 30_000)

  it('an answer that quotes one: replaced string by string, and the json output is still valid JSON', async () => {
    const text = JSON.stringify({ header: HEADERS, note: 'ok' }, null, 2)
    const result = await ask([{ kind: 'message', text }], { headers: HEADERS, 'json-schema': '{"type":"object"}' })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.outputs.json ?? '')).toEqual({ header: 'cf-aig-authorization: [REDACTED]', note: 'ok' })
    expect(JSON.parse(result.outputs.response ?? '')).toEqual(JSON.parse(result.outputs.json ?? ''))
    expectNowhere(result, GATEWAY_TOKEN)
  }, 30_000)
})

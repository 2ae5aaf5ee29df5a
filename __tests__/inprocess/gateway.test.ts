/**
 * An LLM gateway (LiteLLM, Portkey, Cloudflare AI Gateway, an in-house proxy) in front of the API,
 * in-process: the `headers` input carries its credential and routing headers, with no Anthropic
 * key at all. The fake API plays the gateway: it answers 401 unless the headers are exactly right.
 */
import { api, askWith, hello, KEY } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess)
const TOKEN = 'gw-token-4f1c9a-DO-NOT-PRINT'
const gateway = {
  script: [hello],
  requireHeaders: { 'x-api-key': TOKEN, 'x-gateway-route': 'claude-eu' },
  forbidHeaders: ['authorization']
}

describe('the headers input, for an LLM gateway', () => {
  it('with no key at all, sends the gateway token in x-api-key plus a routing header, and no Authorization', async () => {
    const result = await ask(gateway, {
      'anthropic-api-key': '',
      headers: `X-Api-Key: ${TOKEN}\n\nx-gateway-route: claude-eu\n`
    })
    expect(result.outputs.error).toBeUndefined()
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello there.')
    const headers = api?.requests[0]?.headers ?? {}
    expect(headers['x-api-key']).toBe(TOKEN)
    expect(headers['x-gateway-route']).toBe('claude-eu')
    expect(headers.authorization).toBeUndefined()
    expect(headers['anthropic-version']).toBe('2026-10-21')
    // The token is masked (the ::add-mask:: command, which the runner swallows) and printed nowhere else;
    // the routing value is not masked.
    expect(result.stdout).toContain(`::add-mask::${TOKEN}\n`)
    expect(result.stdout).not.toContain('::add-mask::claude-eu')
    const rest = result.stdout.replace(`::add-mask::${TOKEN}\n`, '')
    for (const text of [rest, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
      expect(text).not.toContain(TOKEN)
    }
  })

  it("the gateway's credential replaces the key: a key given as well is not sent", async () => {
    const result = await ask(gateway, { headers: `x-api-key: ${TOKEN}\nx-gateway-route: claude-eu` })
    expect(result.code).toBe(0)
    expect(JSON.stringify(api?.requests[0]?.headers)).not.toContain(KEY)
  })

  it('a header given here wins over the SDK’s own (Authorization, anthropic-version)', async () => {
    const result = await ask([hello], {
      'anthropic-api-key': '',
      headers: 'Authorization: Bearer gw-bearer-token\nanthropic-version: 2023-06-01'
    })
    expect(result.code).toBe(0)
    const headers = api?.requests[0]?.headers ?? {}
    expect(headers.authorization).toBe('Bearer gw-bearer-token')
    expect(headers['anthropic-version']).toBe('2023-06-01')
    expect(result.stdout).toContain('::add-mask::Bearer gw-bearer-token\n::add-mask::gw-bearer-token\n')
  })

  it('routing headers alone still need the key, and the key is sent with them', async () => {
    const missing = await ask([hello], { 'anthropic-api-key': '', headers: 'x-gateway-route: claude-eu' })
    expect(missing.code).toBe(1)
    expect(missing.outputs.error).toMatch(
      /^invalid_input: No API key: .*an Authorization or x-api-key line of 'headers'/
    )
    expect(api?.requests).toEqual([])

    const withKey = await ask([hello], { headers: 'x-gateway-route: claude-eu' })
    expect(withKey.code).toBe(0)
    expect(api?.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${KEY}`, 'x-gateway-route': 'claude-eu' })
  })

  it.each([
    ['a line without a colon', `x-api-key ${TOKEN}`, "Input 'headers' line 2 has no ':' (the line is not shown)"],
    [
      'a name that is not a token',
      `x api key: ${TOKEN}`,
      "Input 'headers' line 2 'x api key: <value hidden>' has an invalid header name"
    ],
    [
      'a name the HTTP client sets',
      `Content-Length: ${TOKEN}`,
      "Input 'headers' line 2 'Content-Length: <value hidden>': the HTTP client sets Content-Length itself"
    ],
    ['an empty value', 'x-api-key:', "Input 'headers' line 2 'x-api-key: <value hidden>': the value is empty"],
    [
      'a CR inside a value',
      `x-api-key: ${TOKEN}\rInjected: 1`,
      "Input 'headers' line 2 'x-api-key: <value hidden>': the value holds a CR, LF or NUL"
    ],
    [
      'a character outside Latin-1 in a value',
      `x-api-key: ${TOKEN}‑€`,
      "Input 'headers' line 2 'x-api-key: <value hidden>': the value holds a character outside Latin-1"
    ],
    [
      'a repeated name',
      `X-Gateway-Route: again`,
      "Input 'headers' line 2 'X-Gateway-Route: <value hidden>' repeats the header of line 1"
    ]
  ])('refuses %s before any request, naming the line but never its value', async (_, line, message) => {
    const result = await ask([hello], { headers: `x-gateway-route: claude-eu\n${line}` })
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(result.outputs.error).toContain(`invalid_input: ${message}`)
    // Only inside ::add-mask:: commands (the runner swallows them); a refused value is masked whole.
    const rest = result.stdout.replace(/^::add-mask::.*\n/gm, '')
    for (const text of [rest, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
      expect(text).not.toContain(TOKEN)
    }
  })
})

describe('a credential too short to scrub', () => {
  it('is still masked, is not replaced in text, and a warning names it without its value', async () => {
    const result = await ask([hello], { 'anthropic-api-key': '', headers: 'x-api-key: k3y-42' })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('::add-mask::k3y-42\n')
    const warnings = result.stdout.split('\n').filter(line => line.startsWith('::warning::'))
    expect(warnings).toEqual([
      "::warning::A credential value of 'headers' is shorter than 8 characters: it is masked in this log, but not replaced in outputs, the summary or a results file if a server echoes it. Use a longer credential."
    ])
  })
})

/**
 * Redirects are never followed (claude/bounded-fetch.ts): a 307 from the API (or a gateway in
 * front of it) to another host would hand that host the prompt and every header but
 * Authorization, a gateway's x-api-key included. The built dist/index.js in a child, the fake API
 * answering 307 to a second loopback server that records what reaches it.
 */
import http from 'node:http'
import { afterEach } from '@jest/globals'
import { api, askWith } from '../support/ask.js'
import { listenOnLoopback, type Listening } from '../support/loopback.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction)
const GATEWAY_TOKEN = 'gw-redirect-token-4f1c9a-DO-NOT-PRINT'

let elsewhere: (Listening & { received: string[] }) | undefined
afterEach(async () => {
  await elsewhere?.close()
  elsewhere = undefined
})

async function startElsewhere(): Promise<Listening & { received: string[] }> {
  const received: string[] = []
  const server = http.createServer((request, response) => {
    received.push(`${request.method} ${request.url}`)
    response.end('{}')
  })
  return { ...(await listenOnLoopback(server)), received }
}

describe('a redirect from the API', () => {
  it('is not followed: one request, nothing sent to the other host, a final error naming its origin', async () => {
    elsewhere = await startElsewhere()
    const origin = `http://127.0.0.1:${elsewhere.port}`
    const result = await ask(
      [{ kind: 'raw', status: 307, headers: { location: `${origin}/v1/messages?sig=do-not-show` }, body: '' }],
      { 'anthropic-api-key': '', headers: `x-api-key: ${GATEWAY_TOKEN}`, 'max-retries': '3' }
    )
    expect(elsewhere.received).toEqual([])
    expect(api?.requests).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain(`redirect_refused: the server answered HTTP 307, a redirect to ${origin};`)
    expect(result.outputs.error).not.toContain('do-not-show')
    expect(result.outputs.attempts).toBe('1')
  }, 30_000)

  it('is refused on the same origin too', async () => {
    const result = await ask([{ kind: 'raw', status: 308, headers: { location: '/v1/messages/again' }, body: '' }])
    expect(api?.requests).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain(`a redirect to ${new URL(api?.url ?? '').origin};`)
  }, 30_000)
})

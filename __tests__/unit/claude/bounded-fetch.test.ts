import { boundedFetch, RedirectRefusedError } from '../../../src/claude/bounded-fetch.js'
import { failureFrom } from '../../../src/claude/sdk-failures.js'
import { classify } from '../../../src/retry/classify.js'

describe('the fetch every client uses, on a redirect', () => {
  it('asks fetch not to follow redirects, and turns a 3xx into RedirectRefusedError naming the origin only', async () => {
    const seen: RequestInit[] = []
    const fetch = boundedFetch(async (_input, init) => {
      seen.push(init ?? {})
      return new Response('moved', { status: 307, headers: { location: 'https://elsewhere.test:8443/v1?key=secret' } })
    })
    const failed = fetch('https://api.example.test/v1/messages', { method: 'POST' })
    await expect(failed).rejects.toBeInstanceOf(RedirectRefusedError)
    await expect(failed).rejects.toMatchObject({ status: 307, origin: 'https://elsewhere.test:8443' })
    expect(seen[0]?.redirect).toBe('manual')
  })

  it('resolves a relative Location against the request URL', async () => {
    const fetch = boundedFetch(async () => new Response(null, { status: 302, headers: { location: '/login' } }))
    await expect(fetch('http://127.0.0.1:9/v1/messages')).rejects.toMatchObject({ origin: 'http://127.0.0.1:9' })
  })

  it('becomes a final http failure, never retried', () => {
    const failure = failureFrom(new TypeError('fetch failed', { cause: new RedirectRefusedError(308, undefined) }), {
      streamStarted: false
    })
    expect(failure).toMatchObject({ kind: 'http', status: 308, errorType: 'redirect_refused' })
    expect(failure.message).toContain('a redirect to an address it did not give')
    expect(classify(failure, 0).retry).toBe(false)
  })
})

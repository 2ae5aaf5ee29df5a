import { connectTimeout, PROXY_CONNECT_TIMEOUT_MS, ProxyError } from '../../../src/network/proxy.js'

describe("the proxy's CONNECT", () => {
  it('gets 30 s, or nine tenths of a shorter attempt timeout (so it fires before the attempt does)', () => {
    expect(PROXY_CONNECT_TIMEOUT_MS).toBe(30_000)
    expect(connectTimeout(undefined)).toBe(30_000)
    expect(connectTimeout(600_000)).toBe(30_000)
    expect(connectTimeout(33_400)).toBe(30_000)
    expect(connectTimeout(10_000)).toBe(9_000)
    expect(connectTimeout(1)).toBe(1)
  })

  it('fails with a ProxyError that names the proxy and has no `code` (undici reconnects in a loop on UND_ERR_SOCKET)', () => {
    const closed = new ProxyError('http://proxy:3128', 'HTTPS_PROXY', undefined, 'UND_ERR_SOCKET')
    expect(closed.message).toBe('could not connect to the proxy http://proxy:3128 (from HTTPS_PROXY): UND_ERR_SOCKET')
    expect('code' in closed).toBe(false)
    const silent = new ProxyError('http://proxy:3128', 'HTTPS_PROXY', undefined, undefined, { timeoutMs: 1800 })
    expect(silent.message).toBe(
      'the proxy http://proxy:3128 (from HTTPS_PROXY) did not answer the CONNECT within 1.80 s'
    )
  })
})

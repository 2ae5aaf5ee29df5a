/**
 * installFetchGlobals (src/network/fetch-globals.ts) in this test's own global scope (jest gives
 * each file one): the SDK's `new Headers()` and `instanceof FormData` are served without Node's
 * undici, and a real FormData, made before, still answers `instanceof` as it should.
 */
import { installFetchGlobals } from '../../../src/network/fetch-globals.js'
import { LightHeaders } from '../../../src/network/light-headers.js'

describe('installFetchGlobals', () => {
  const realFormData = new FormData()
  installFetchGlobals()

  it('makes Headers the plain-code class', () => {
    expect(globalThis.Headers).toBe(LightHeaders)
    expect(new Headers({ 'X-A': '1' }).get('x-a')).toBe('1')
  })

  it('answers instanceof FormData for a real one only, and refuses to build one, saying why', () => {
    expect(realFormData instanceof FormData).toBe(true)
    for (const other of [{}, null, 'text', new URLSearchParams(), new Blob([])])
      expect(other instanceof FormData).toBe(false)
    expect(() => new FormData()).toThrow(
      /FormData is not available in this action: .*no request of the action sends a multipart body/
    )
  })
})

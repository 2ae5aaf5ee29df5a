import { shownProxy } from '../../../src/network/route.js'

describe('the proxy as it is shown', () => {
  it('scheme, host and port; never the user or the password', () => {
    expect(shownProxy(new URL('http://ci:hunter2@proxy.corp:3128/path'))).toBe('http://proxy.corp:3128')
    expect(shownProxy(new URL('https://proxy.corp'))).toBe('https://proxy.corp')
  })
})

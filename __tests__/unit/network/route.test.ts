import { ConfigError } from '../../../src/inputs/read.js'
import { proxySettingsFrom } from '../../../src/inputs/proxy-env.js'
import { bypassesProxy, proxyFor } from '../../../src/network/route.js'

const settings = (env: Record<string, string | undefined>) => {
  const found = proxySettingsFrom(env)
  if (!found) throw new Error('no proxy settings')
  return found
}
const via = (url: string, env: Record<string, string | undefined>) => proxyFor(new URL(url), settings(env))

describe('which proxy variable applies', () => {
  it('none when no proxy variable is set or all are blank; NO_PROXY alone sets none', () => {
    expect(proxySettingsFrom({})).toBeUndefined()
    expect(proxySettingsFrom({ HTTPS_PROXY: '  ', http_proxy: '', NO_PROXY: 'example.com' })).toBeUndefined()
  })

  it('https:// takes https_proxy, then HTTPS_PROXY; http:// takes http_proxy, then HTTP_PROXY', () => {
    const env = {
      https_proxy: 'http://lower-s:1',
      HTTPS_PROXY: 'http://upper-s:1',
      http_proxy: 'http://lower:1',
      HTTP_PROXY: 'http://upper:1'
    }
    expect(via('https://api.anthropic.com', env)).toMatchObject({ variable: 'https_proxy' })
    expect(via('http://gateway.example.com', env)).toMatchObject({ variable: 'http_proxy' })
    expect(via('https://api.anthropic.com', { HTTPS_PROXY: 'http://upper-s:1', https_proxy: ' ' })).toMatchObject({
      variable: 'HTTPS_PROXY'
    })
    expect(via('http://gateway.example.com', { HTTP_PROXY: 'http://upper:1' })).toMatchObject({
      variable: 'HTTP_PROXY'
    })
  })

  it('https:// does not fall back to HTTP_PROXY (as @actions/http-client, curl and Go)', () => {
    expect(via('https://api.anthropic.com', { HTTP_PROXY: 'http://proxy:3128' })).toBeUndefined()
  })

  it('reads a proxy without a scheme as http://, and keeps its credentials for Proxy-Authorization', () => {
    const proxy = via('https://api.anthropic.com', { HTTPS_PROXY: 'ci:p%40ss@proxy.corp:3128' })
    expect(proxy?.url.href).toBe('http://ci:p%40ss@proxy.corp:3128/')
  })

  it('refuses an unusable proxy URL before any request, naming the variable and hiding the password', () => {
    for (const value of ['ftp://user:hunter2@proxy:21', 'http://user:hunter2@', 'http://[bad']) {
      const read = () => proxySettingsFrom({ HTTPS_PROXY: value })
      expect(read).toThrow(ConfigError)
      expect(read).toThrow(/^Environment variable HTTPS_PROXY has invalid value '.*'\. Expected a proxy URL/)
      expect(read).not.toThrow(/hunter2/)
    }
    const badEncoding = () => proxySettingsFrom({ https_proxy: 'http://ci:100%ZZhunter2@proxy:3128' })
    expect(badEncoding).toThrow(
      /^Environment variable https_proxy has a user or password that is not valid percent-encoding/
    )
    expect(badEncoding).not.toThrow(/hunter2/)
  })
})

describe('NO_PROXY', () => {
  const noProxy = (value: string) => settings({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: value }).noProxy
  const direct = (url: string, value: string) => bypassesProxy(new URL(url), noProxy(value))

  it('a host, without regard to case, and its subdomains', () => {
    expect(direct('https://api.example.test', 'API.Example.Test')).toBe(true)
    expect(direct('https://eu.api.example.test', 'api.example.test')).toBe(true)
    expect(direct('https://notapi.example.test', 'api.example.test')).toBe(false)
  })

  it('a .suffix, a host:port (the default port counts), *', () => {
    expect(direct('https://api.example.test', '.example.test')).toBe(true)
    expect(direct('https://example.test', '.example.test')).toBe(false)
    expect(direct('https://api.example.test:8443', 'api.example.test:8443')).toBe(true)
    expect(direct('https://api.example.test:8443', 'api.example.test:443')).toBe(false)
    expect(direct('https://api.example.test', 'api.example.test:443')).toBe(true)
    expect(direct('http://api.example.test', 'api.example.test:80')).toBe(true)
    expect(direct('https://anything.example', '*')).toBe(true)
  })

  it('a list separated by commas and spaces; no_proxy wins over NO_PROXY', () => {
    expect(direct('https://b.example', ' a.example, b.example  c.example')).toBe(true)
    const both = settings({ HTTPS_PROXY: 'http://proxy:3128', no_proxy: 'a.example', NO_PROXY: 'b.example' })
    expect(both.noProxy).toEqual(['a.example'])
  })

  it('this machine is never proxied, whatever NO_PROXY says', () => {
    for (const url of ['http://127.0.0.1:8080', 'https://localhost', 'http://[::1]:3000', 'http://127.1.2.3']) {
      expect(direct(url, '')).toBe(true)
    }
    expect(direct('http://127.10.200.30', '')).toBe(true)
    expect(direct('http://127.example.test', '')).toBe(false)
    // Only an address in 127/8, not a name that starts with one. (A name that ends in one, such as
    // x127.0.0.1, is no valid URL host: WHATWG's parser reads a numeric last label as IPv4.)
    expect(direct('http://127.0.0.1.example.test', '')).toBe(false)
  })

  it('sends a request NO_PROXY names direct, and one with another scheme through no proxy', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'http://proxy:3128', NO_PROXY: 'api.example.test' }
    expect(via('https://api.example.test/v1/messages', env)).toBeUndefined()
    expect(via('https://other.example.test/v1/messages', env)).toBeDefined()
    expect(via('ftp://files.example.test/', env)).toBeUndefined()
  })
})

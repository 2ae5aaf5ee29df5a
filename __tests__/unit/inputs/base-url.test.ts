import { parseConfig } from '../../../src/inputs/config.js'
import { useWorkspace } from '../../fixtures/workspace.js'
import { hideUrlCredentials, plainHttpWarning } from '../../../src/inputs/base-url.js'
import { ConfigError } from '../../../src/inputs/read.js'

const { source } = useWorkspace()
const minimal = { prompt: 'Hi', 'anthropic-api-key': 'sk-ant-x' }

describe('base-url', () => {
  it.each([
    ['https://user:hunter2@proxy.example/v1', 'https://***@proxy.example/v1'],
    ['http://:hunter2@127.0.0.1:8080', 'http://***@127.0.0.1:8080'],
    ['https://user@proxy.example', 'https://***@proxy.example'],
    // No slashes and backslashes: the URL parser still reads credentials there.
    ['http:user:hunter2@proxy.example', 'http:***@proxy.example'],
    ['https:\\\\user:hunter2@proxy.example', 'https:\\\\***@proxy.example'],
    // A password with '@' in it: everything up to the last '@' is hidden.
    ['https://user:hun@ter2@proxy.example', 'https://***@proxy.example']
  ])('refuses credentials in %s, showing %s and never the password', async (url, shown) => {
    const places: Array<{ inputs: Record<string, string>; env: Record<string, string> }> = [
      { inputs: { 'base-url': url }, env: {} },
      { inputs: {}, env: { ANTHROPIC_BASE_URL: url } }
    ]
    for (const place of places) {
      let error: unknown
      try {
        await parseConfig(source({ ...minimal, ...place.inputs }, place.env))
      } catch (thrown) {
        error = thrown
      }
      expect(error).toBeInstanceOf(ConfigError)
      const message = (error as Error).message
      expect(message).toContain(`has invalid value '${shown}': it holds a user name or password`)
      expect(message.startsWith(place.env.ANTHROPIC_BASE_URL ? 'ANTHROPIC_BASE_URL' : "Input 'base-url'")).toBe(true)
      expect(message).not.toContain('hunter2')
      expect(message).not.toContain('ter2')
    }
  })

  it.each(['ftp://proxy.example', 'file:///etc/passwd', 'javascript:alert(1)', 'proxy.example'])(
    'refuses %s: only http: and https:',
    async url => {
      await expect(parseConfig(source({ ...minimal, 'base-url': url }))).rejects.toThrow(
        new ConfigError(`Input 'base-url' has invalid value '${url}'. Expected an http:// or https:// URL.`)
      )
    }
  )

  it('hides credentials even in a URL it cannot parse', async () => {
    await expect(parseConfig(source({ ...minimal, 'base-url': 'http://user:hunter2@ho st/' }))).rejects.toThrow(
      new ConfigError("Input 'base-url' has invalid value 'http://***@ho st/'. Expected an http:// or https:// URL.")
    )
    expect(hideUrlCredentials('https://proxy.example/v1')).toBe('https://proxy.example/v1')
  })
})

describe('plainHttpWarning', () => {
  it.each([
    'http://127.0.0.1:8080',
    'http://127.8.9.10/',
    'http://localhost:3000/v1',
    'http://LOCALHOST',
    'http://[::1]:9/',
    'http://2130706433/',
    'http://[::ffff:127.0.0.1]/'
  ])('is silent for loopback %s', url => expect(plainHttpWarning(url)).toBeUndefined())

  it.each(['https://proxy.example', 'https://10.0.0.5'])('is silent for https: %s', url =>
    expect(plainHttpWarning(url)).toBeUndefined()
  )

  it('is silent when no base URL is set', () => expect(plainHttpWarning(undefined)).toBeUndefined())

  it.each([
    ['http://proxy.example/v1', 'proxy.example'],
    ['http://10.0.0.5:8080', '10.0.0.5:8080'],
    ['http://128.0.0.1', '128.0.0.1'],
    ['http://localhost.evil.example', 'localhost.evil.example'],
    ['http://[::2]', '[::2]']
  ])('warns for plain http to %s: the key travels in clear text', async (url, host) => {
    expect(plainHttpWarning(url)).toBe(
      `The API base URL is plain http:// to ${host}, not this machine: the API key and the prompt travel in clear text. Use https://.`
    )
  })
})

import { headersInput } from '../../../src/inputs/headers.js'
import { ConfigError } from '../../../src/inputs/read.js'

const source = (headers: string) => ({ getInput: (name: string) => (name === 'headers' ? headers : '') })

describe('the headers input, values outside Latin-1', () => {
  it('refuses a value with a character above U+00FF before any request, naming the header but not the value', () => {
    const read = () => headersInput(source('x-route: eu\ncf-aig-authorization: Bearer tok‑en€secret'))
    expect(read).toThrow(ConfigError)
    expect(read).toThrow(
      "Input 'headers' line 2 'cf-aig-authorization: <value hidden>': the value holds a character outside Latin-1"
    )
    try {
      read()
    } catch (error) {
      expect((error as Error).message).not.toContain('secret')
    }
  })

  it('accepts Latin-1 characters (fetch sends them as single bytes)', () => {
    expect(headersInput(source('x-team: Équipe ñ ÿ'))).toEqual({ 'x-team': 'Équipe ñ ÿ' })
  })
})

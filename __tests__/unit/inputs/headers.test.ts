import { sdkHeaders } from '../../../src/providers/anthropic.js'
import {
  carriesCredential,
  credentialHeaderValues,
  headersInput,
  isCredentialHeader
} from '../../../src/inputs/headers.js'
import { ConfigError } from '../../../src/inputs/read.js'

const source = (headers: string) => ({ getInput: (name: string) => (name === 'headers' ? headers : '') })

describe('the headers input', () => {
  it('reads Name: value lines, trimming spaces and CRLF endings, skipping blank lines', () => {
    expect(headersInput(source('  X-Route :  eu-1 \r\n\n\tAuthorization: Bearer a:b \n'))).toEqual({
      'X-Route': 'eu-1',
      Authorization: 'Bearer a:b'
    })
    expect(headersInput(source(''))).toEqual({})
  })

  it('credential headers: Authorization, x-api-key and any name with key, token, secret or auth', () => {
    for (const name of [
      'Authorization',
      'x-api-key',
      'X-Portkey-Api-Key',
      'cf-aig-authorization',
      'X-Token',
      'client-secret'
    ]) {
      expect(isCredentialHeader(name)).toBe(true)
    }
    for (const name of ['x-gateway-route', 'anthropic-version', 'x-team']) expect(isCredentialHeader(name)).toBe(false)
  })

  it('masks the values of credential lines only, even on lines that fail parsing later', () => {
    expect(
      credentialHeaderValues(source('x-api-key: t1\nx-route: 42\nbad name token: t2\nno colon token\nx-secret:'))
    ).toEqual(['t1', 't2'])
  })

  it('masks the token of a `Scheme token` value on its own too', () => {
    expect(credentialHeaderValues(source('Authorization: Bearer abc.def\nx-token: two words here'))).toEqual([
      'Bearer abc.def',
      'abc.def',
      'two words here'
    ])
  })

  it('only Authorization or x-api-key replaces the key', () => {
    expect(carriesCredential({ 'X-API-KEY': 't' })).toBe(true)
    expect(carriesCredential({ authorization: 't' })).toBe(true)
    expect(carriesCredential({ 'cf-aig-authorization': 't' })).toBe(false)
  })
})

describe("the SDK's headers", () => {
  it("remove the SDK's Authorization when x-api-key replaces the key, keep the user's own", () => {
    expect(sdkHeaders({ 'x-api-key': 't', 'x-route': 'eu' })).toEqual({
      'x-api-key': 't',
      'x-route': 'eu',
      Authorization: null
    })
    expect(sdkHeaders({ AUTHORIZATION: 'Bearer t' })).toEqual({ AUTHORIZATION: 'Bearer t' })
    expect(sdkHeaders({ 'x-route': 'eu' })).toEqual({ 'x-route': 'eu' })
  })
})

describe('the headers input, values outside Latin-1', () => {
  const source = (headers: string) => ({ getInput: (name: string) => (name === 'headers' ? headers : '') })

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

/** The request fingerprint resume compares (issue 20): canonical JSON, keys sorted, attachment bytes in. */
import { canonicalJson, requestSha256 } from '../../../src/request/request-hash.js'

describe('requestSha256', () => {
  it('is the same whatever order the keys were built in, at every level', () => {
    const a = { model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] }
    const b = { messages: [{ content: 'Hi', role: 'user' }], max_tokens: 5, model: 'm' }
    expect(canonicalJson(b)).toBe('{"max_tokens":5,"messages":[{"content":"Hi","role":"user"}],"model":"m"}')
    expect(requestSha256(a)).toBe(requestSha256(b))
    expect(requestSha256(a)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes with any value sent, attachment bytes included; undefined members are not sent, so do not count', () => {
    const image = (data: string) => ({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', data } }] }]
    })
    expect(requestSha256(image('AAAA'))).not.toBe(requestSha256(image('AAAB')))
    expect(requestSha256({ model: 'm', system: undefined })).toBe(requestSha256({ model: 'm' }))
    expect(requestSha256({ model: 'm', max_tokens: 5 })).not.toBe(requestSha256({ model: 'm', max_tokens: 6 }))
  })
})

import { hasBatches, resultsUrl } from '../../../src/claude/batches.js'

describe('the results download of a Message Batch', () => {
  const base = 'https://api.anthropic.com'
  it('follows results_url on the base URL origin', () => {
    const url = 'https://api.anthropic.com/v1/messages/batches/msgbatch_1/results?x=1'
    expect(resultsUrl(base, { id: 'msgbatch_1', results_url: url })).toBe(url)
  })

  it('never sends the credentials to another host: the documented path under the base URL instead', () => {
    const batch = { id: 'msgbatch_1', results_url: 'https://collector.example.test/steal' }
    expect(resultsUrl('https://gateway.example.test/anthropic/', batch)).toBe(
      'https://gateway.example.test/anthropic/v1/messages/batches/msgbatch_1/results'
    )
    expect(resultsUrl(base, { id: 'a/b', results_url: 'not a url' })).toBe(
      'https://api.anthropic.com/v1/messages/batches/a%2Fb/results'
    )
    expect(resultsUrl(base, { id: 'msgbatch_2', results_url: null })).toBe(
      'https://api.anthropic.com/v1/messages/batches/msgbatch_2/results'
    )
  })

  it('knows which clients have the Message Batches API', () => {
    expect(hasBatches({ messages: { batches: { create: () => undefined } } })).toBe(true)
    expect(hasBatches({ messages: {} })).toBe(false)
    expect(hasBatches(undefined)).toBe(false)
  })
})

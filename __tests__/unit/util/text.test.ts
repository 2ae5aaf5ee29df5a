import { fenceFor, truncateUtf8 } from '../../../src/util/text.js'

describe('truncateUtf8', () => {
  it('never splits a character', () => {
    expect(truncateUtf8('a€b', 2)).toBe('a')
    expect(truncateUtf8('a€b', 4)).toBe('a€')
    expect(truncateUtf8('abc', 10)).toBe('abc')
  })
})

describe('fenceFor', () => {
  it('is at least three backticks, one more than the longest run in the text', () => {
    expect(fenceFor('plain')).toBe('```')
    expect(fenceFor('a ````` b')).toBe('``````')
  })
})

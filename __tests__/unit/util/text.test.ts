import { truncateUtf8 } from '../../../src/util/text.js'

describe('truncateUtf8', () => {
  it('never splits a character', () => {
    expect(truncateUtf8('a€b', 2)).toBe('a')
    expect(truncateUtf8('a€b', 4)).toBe('a€')
    expect(truncateUtf8('abc', 10)).toBe('abc')
  })
})

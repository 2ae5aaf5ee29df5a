import { isRecord, isTokenCount } from '../../../src/util/record.js'

describe('isRecord', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null) as object, true],
    [null, false],
    [[], false],
    [[{ a: 1 }], false],
    ['{}', false],
    [0, false],
    [undefined, false]
  ])('%j is a record: %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected)
  })
})

describe('isTokenCount', () => {
  it.each([0, 1, 200_000, Number.MAX_SAFE_INTEGER])('accepts %d', value => {
    expect(isTokenCount(value)).toBe(true)
  })
  it.each([-1, 1.5, Number.NaN, Infinity, Number.MAX_SAFE_INTEGER + 1, '5', null, undefined])('refuses %p', value => {
    expect(isTokenCount(value)).toBe(false)
  })
})

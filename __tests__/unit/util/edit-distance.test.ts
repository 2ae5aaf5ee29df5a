import { describe, expect, it } from '@jest/globals'
import { editDistance } from '../../../src/util/edit-distance.js'

describe('editDistance', () => {
  it.each([
    ['model', 'model', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['modle', 'model', 1], // a swap of neighbours is one edit
    ['mode', 'model', 1],
    ['max-token', 'max-tokens', 1],
    ['jiter', 'jitter', 1],
    ['kitten', 'sitting', 3]
  ])('%s -> %s is %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
    expect(editDistance(b, a)).toBe(distance)
  })
})

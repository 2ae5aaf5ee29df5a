import { ITEM_ID } from '../../../src/request/prompt-line.js'

describe('ITEM_ID', () => {
  it.each([
    ['a', true],
    ['A-z_09', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['', false],
    ['a.b', false],
    ['a/b', false],
    ['é', false]
  ])('%s -> %s', (id, ok) => expect(ITEM_ID.test(id)).toBe(ok))
})

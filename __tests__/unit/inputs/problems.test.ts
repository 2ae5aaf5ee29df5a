import { describe, expect, it } from '@jest/globals'
import { InputProblems } from '../../../src/inputs/problems.js'
import { ConfigError } from '../../../src/inputs/read.js'

describe('InputProblems', () => {
  it('records each ConfigError, returns the fallback, and throws them all at the end, in order', async () => {
    const problems = new InputProblems()
    expect(
      problems.check(() => {
        throw new ConfigError('first')
      }, 7)
    ).toBe(7)
    expect(problems.check(() => 3, 0)).toBe(3)
    expect(await problems.checkAsync(() => Promise.reject(new ConfigError('second', ['prompt'])), 'x')).toBe('x')
    problems.check(() => {
      throw new ConfigError([{ text: 'third' }, { text: 'fourth' }])
    }, undefined)
    let thrown: unknown
    try {
      problems.throwIfAny()
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).problems).toEqual([
      { text: 'first' },
      { text: 'second', empty: ['prompt'] },
      { text: 'third' },
      { text: 'fourth' }
    ])
    expect((thrown as ConfigError).message).toBe('first\nsecond\nthird\nfourth')
  })

  it('throws nothing when every check passed, and lets any other error through at once', () => {
    const problems = new InputProblems()
    expect(() => problems.throwIfAny()).not.toThrow()
    expect(() =>
      problems.check(() => {
        throw new TypeError('a bug, not an input problem')
      }, 0)
    ).toThrow(TypeError)
  })
})

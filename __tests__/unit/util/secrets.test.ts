import { REDACTED, SecretRegistry, scrubAnswer, scrubDeep, scrubText } from '../../../src/util/secrets.js'

describe('the scrub', () => {
  it('replaces every occurrence and counts them', () => {
    expect(scrubText('a tok-0123456789 b tok-0123456789', ['tok-0123456789'])).toEqual({
      value: `a ${REDACTED} b ${REDACTED}`,
      replaced: 2
    })
    expect(scrubText('nothing here', ['tok-0123456789'])).toEqual({ value: 'nothing here', replaced: 0 })
  })

  it('overlapping secrets become one replacement, with no tail of either left', () => {
    const text = 'x abcdefgh12345678 y'
    const out = scrubText(text, ['abcdefgh1234', 'gh12345678'])
    expect(out).toEqual({ value: `x ${REDACTED} y`, replaced: 1 })
    // The order of the list does not matter.
    expect(scrubText(text, ['gh12345678', 'abcdefgh1234'])).toEqual(out)
    // One secret inside another: the longer goes whole.
    expect(scrubText('Bearer tok-0123456789', ['tok-0123456789', 'Bearer tok-0123456789']).value).toBe(REDACTED)
  })

  it('scrubs every string of a JSON value, keys included, keeping its shape', () => {
    const value = { a: ['tok-0123456789'], 'k-tok-0123456789': { n: 1, s: 'x tok-0123456789' } }
    expect(scrubDeep(value, ['tok-0123456789'])).toEqual({
      value: { a: [REDACTED], [`k-${REDACTED}`]: { n: 1, s: `x ${REDACTED}` } },
      replaced: 3
    })
  })

  it('an answer that is JSON stays valid JSON, a secret the JSON escaped included', () => {
    const secret = 'pa"ss\\word-123'
    const answer = JSON.stringify({ note: `the key is ${secret}`, list: [secret, 'ok'] }, null, 2)
    // The raw text holds only the escaped form: a plain replace would miss it.
    expect(answer).not.toContain(secret)
    const { value, replaced } = scrubAnswer(answer, [secret])
    expect(replaced).toBe(2)
    expect(JSON.parse(value)).toEqual({ note: `the key is ${REDACTED}`, list: [REDACTED, 'ok'] })
    // A secret that starts like an escape (n after a backslash) cannot break the JSON either.
    const tricky = scrubAnswer('{"a":"line\\nsecret-value-1"}', ['nsecret-value-1'])
    expect(tricky.replaced).toBe(0)
    expect(JSON.parse(tricky.value)).toEqual({ a: 'line\nsecret-value-1' })
    // Text that is not JSON: replaced as it stands; nothing found, nothing changed.
    expect(scrubAnswer('say tok-0123456789', ['tok-0123456789']).value).toBe(`say ${REDACTED}`)
    expect(scrubAnswer('{ "a" : 1 }', ['tok-0123456789']).value).toBe('{ "a" : 1 }')
  })
})

describe('the registry', () => {
  it('registers values of 8 characters or more, masks each once, and warns about a shorter one without its value', () => {
    const masked: string[] = []
    const short: string[] = []
    const registry = new SecretRegistry()
    registry.start({ mask: value => masked.push(value), tooShort: what => short.push(what) })
    registry.add('12345678', 'the eight')
    registry.add('1234567', 'the seven')
    registry.add('1234567', 'the seven')
    registry.add('12345678', 'the eight')
    registry.add('', 'empty')
    registry.add(undefined, 'unset')
    expect(masked).toEqual(['12345678', '1234567'])
    expect(short).toEqual(['the seven'])
    expect(registry.list()).toEqual(['12345678'])
    expect(registry.apply(list => scrubText('1234567 and 12345678', list))).toBe(`1234567 and ${REDACTED}`)
  })

  it('also holds the URL-encoded and JSON-escaped forms of a value, and counts every replacement', () => {
    const registry = new SecretRegistry()
    registry.start({})
    registry.add('p@ss/word+"1', 'a proxy password')
    expect(registry.list()).toEqual(['p@ss/word+"1', 'p@ss/word+\\"1', 'p%40ss%2Fword%2B%221'])
    registry.apply(list => scrubText('http://u:p%40ss%2Fword%2B%221@proxy {"p":"p@ss/word+\\"1"}', list))
    expect(registry.replaced).toBe(2)
    registry.start({})
    expect(registry.replaced).toBe(0)
    expect(registry.list()).toEqual([])
  })
})

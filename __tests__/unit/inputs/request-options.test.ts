import { ConfigError, type InputSource } from '../../../src/inputs/read.js'
import { type OptionContext, optionsFit, requestOptionsInput } from '../../../src/inputs/request-options.js'

const source = (inputs: Record<string, string>): InputSource => ({ getInput: name => inputs[name] ?? '', env: {} })
const context = (overrides: Partial<OptionContext> = {}): OptionContext => ({
  maxTokens: 4096,
  cacheable: true,
  ...overrides
})
/** Each input checked alone, then against the others (as parseConfig does). */
const options = (inputs: Record<string, string>, overrides: Partial<OptionContext> = {}) => {
  const read = requestOptionsInput(source(inputs))
  optionsFit(read, context(overrides))
  return read
}
const refusal = (inputs: Record<string, string>, overrides: Partial<OptionContext> = {}) => {
  try {
    options(inputs, overrides)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('requestOptionsInput', () => {
  it('with nothing given, adds nothing to the request', () => {
    expect(options({})).toEqual({
      thinking: undefined,
      effort: undefined,
      stopSequences: [],
      serviceTier: undefined,
      metadataUserId: undefined,
      cache: undefined
    })
  })

  it.each([
    ['off', undefined],
    ['OFF', undefined],
    ['  ', undefined],
    ['Adaptive', { type: 'adaptive' }],
    ['1024', { type: 'enabled', budget_tokens: 1024 }],
    [' 4095 ', { type: 'enabled', budget_tokens: 4095 }]
  ])('thinking %j', (thinking, expected) => {
    expect(options({ thinking }).thinking).toEqual(expected)
  })

  it.each(['1023', '0', '-2000', '1e4', '2048.5', 'on', String(2 ** 60)])('refuses thinking %j', thinking => {
    expect(refusal({ thinking }, { maxTokens: 2 ** 62 })).toMatch(/^Input 'thinking' has invalid value/)
  })

  it('a budget must stay below max-tokens, and the error says which max tokens', () => {
    expect(refusal({ thinking: '4096' })).toMatch(
      /^Input 'thinking' is a budget of 4096 tokens, which is not less than 'max-tokens' \(4096\);.* Raise 'max-tokens' or lower the budget\.$/
    )
    expect(refusal({ thinking: '5000' }, { maxTokens: 2000, maxTokensFromFile: true })).toMatch(
      /not less than the max tokens of 'prompt-yml' \(2000, its modelParameters win over 'max-tokens'\);.* Raise the file's max tokens or lower the budget\.$/
    )
  })

  it('stop sequences: one a line, trimmed, blank lines and repeats dropped', () => {
    expect(options({ 'stop-sequences': 'END\r\n\n  ###  \nEND\n' }).stopSequences).toEqual(['END', '###'])
  })

  it('effort and service tier only when given; an unknown value is refused', () => {
    expect(options({ effort: 'XHigh', 'service-tier': 'standard_only' })).toMatchObject({
      effort: 'xhigh',
      serviceTier: 'standard_only'
    })
    expect(refusal({ effort: 'extreme' })).toMatch(/'effort'/)
    expect(refusal({ 'service-tier': 'priority' })).toMatch(/'service-tier'/)
  })

  it('metadata-user-id trimmed, or none', () => {
    expect(options({ 'metadata-user-id': '  user-42 ' }).metadataUserId).toBe('user-42')
    expect(options({ 'metadata-user-id': '   ' }).metadataUserId).toBeUndefined()
  })

  it('cache needs something to mark; none is always fine', () => {
    expect(options({ cache: '1h' }).cache).toBe('1h')
    expect(options({ cache: 'none' }, { cacheable: false }).cache).toBeUndefined()
    expect(refusal({ cache: '5m' }, { cacheable: false })).toMatch(
      /^Input 'cache' is '5m' but there is nothing to cache: .* leave 'cache' at 'none'\.$/
    )
  })
})

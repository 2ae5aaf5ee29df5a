import { describe, expect, it } from '@jest/globals'
import { invalidInputsText, unknownInputWarning } from '../../../src/report/input-lines.js'

describe('unknownInputWarning', () => {
  it('names the input or variable in lower case, and what it most likely meant', () => {
    expect(unknownInputWarning({ name: 'system-prompt', meant: { input: 'system' } })).toBe(
      "Input or variable 'system-prompt' (INPUT_SYSTEM-PROMPT) is not an input of this action and is ignored: did you mean 'system'?"
    )
    expect(unknownInputWarning({ name: 'use_bedrock', meant: { input: 'provider', value: 'bedrock' } })).toContain(
      "did you mean 'provider: bedrock'?"
    )
  })

  it('says what to use instead of claude_args, and where the inputs are listed when nothing is close', () => {
    expect(unknownInputWarning({ name: 'claude_args', meant: { input: undefined } })).toContain(
      "Give the request's settings as inputs instead: 'model', 'max-tokens'"
    )
    expect(unknownInputWarning({ name: 'top_p', meant: undefined })).toBe(
      "Input or variable 'top_p' (INPUT_TOP_P) is not an input of this action and is ignored. The action's docs/inputs.md lists every input."
    )
  })
})

describe('invalidInputsText', () => {
  it('one problem: its sentence alone; several: the count, then one line each', () => {
    expect(invalidInputsText([{ text: 'A.' }])).toBe('A.')
    expect(invalidInputsText([{ text: 'A.' }, { text: 'B.' }, { text: 'C.' }])).toBe(
      '3 problems with the inputs:\n- A.\n- B.\n- C.'
    )
  })

  it('an empty required input names the misspelt name given instead', () => {
    const unknown = [
      { name: 'top_p', meant: undefined },
      { name: 'anthropic_api_key', meant: { input: 'anthropic-api-key' } }
    ]
    expect(invalidInputsText([{ text: 'No API key.', empty: ['anthropic-api-key'] }], unknown)).toBe(
      "No API key. An input or variable 'anthropic_api_key' was given: did you mean 'anthropic-api-key'?"
    )
    expect(invalidInputsText([{ text: 'No API key.' }], unknown)).toBe('No API key.')
  })
})

describe('invalidInputsText with a problem of several lines', () => {
  it('keeps its lines under its item, indented', () => {
    expect(invalidInputsText([{ text: 'A.' }, { text: 'B:\n  line 2: bad\nHow to fix.' }])).toBe(
      '2 problems with the inputs:\n- A.\n- B:\n    line 2: bad\n  How to fix.'
    )
  })
})

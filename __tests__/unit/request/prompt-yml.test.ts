/**
 * A .prompt.yml's sampling parameters (temperature, topP, topK): the API version the SDK sends
 * removed them, and nearly every GitHub Models file sets one, so they are dropped (and named for
 * the warning), never sent and never a failure. Other unknown parameters still fail.
 */
import { mapPromptYml, REMOVED_PARAMETERS } from '../../../src/request/prompt-yml.js'
import { droppedParametersWarning } from '../../../src/report/request-warnings.js'

const label = "Input 'prompt-yml' ('p.prompt.yml')"
const map = (file: unknown) => mapPromptYml(file, label, new Map(), 'vars')
const turns = [{ role: 'user', content: 'Hi' }]

describe('mapPromptYml: parameters the API version removed', () => {
  it('drops temperature, topP and topK, naming each, and keeps the parameters it can send', () => {
    const mapped = map({ messages: turns, modelParameters: { temperature: 0.5, topP: 0.9, topK: 40, maxTokens: 300 } })
    expect(mapped).toMatchObject({
      messages: turns,
      maxTokens: 300,
      droppedParameters: ['temperature', 'topP', 'topK']
    })
    expect(REMOVED_PARAMETERS).toEqual(['temperature', 'topP', 'topK'])
  })

  it('names nothing when the file sets none of them', () => {
    expect(map({ messages: turns, modelParameters: { maxTokens: 5 } }).droppedParameters).toBeUndefined()
    expect(map({ messages: turns }).droppedParameters).toBeUndefined()
  })

  it('still refuses a parameter Claude never had, and only that one', () => {
    expect(() => map({ messages: turns, modelParameters: { temperature: 1, seed: 2 } })).toThrow(
      `${label}: 'modelParameters' has 'modelParameters.seed', which this action does not support.`
    )
  })
})

describe('droppedParametersWarning', () => {
  it('names each parameter with its API field, says why (the API version) and that the request is sent', () => {
    expect(droppedParametersWarning(['temperature', 'topP'])).toBe(
      "The 'prompt-yml' file sets 'modelParameters.temperature' (temperature), 'modelParameters.topP' (top_p): dropped, not sent. " +
        'Why: the Messages API version this action sends (anthropic-version 2026-10-21, the SDK 1.x default) removed temperature, top_p and top_k, ' +
        'and answers 400 to a request that carries any of them. The request is sent without them; delete them from the file to end this warning.'
    )
    expect(droppedParametersWarning(['topK'])).toMatch(
      /'modelParameters.topK' \(top_k\): dropped, not sent\..* without it; delete it /
    )
    expect(droppedParametersWarning([])).toBeUndefined()
  })
})

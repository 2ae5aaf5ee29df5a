import * as yaml from 'yaml'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { mapPromptYml, parsePromptYml, REMOVED_PARAMETERS } from '../../../src/request/prompt-yml.js'
import { REPO_ROOT } from '../../support/run-action.js'
import { docFiles } from '../../support/workflow-files.js'
import { droppedParametersWarning } from '../../../src/report/request-warnings.js'

const label = "Input 'prompt-yml' ('p.prompt.yml')"
const map = (file: unknown, vars: Record<string, string> = {}) =>
  mapPromptYml(file, label, new Map(Object.entries(vars)), 'vars')
const turns = [{ role: 'user', content: 'Hi' }]

describe('mapPromptYml: each field onto the Messages API', () => {
  it.each([
    ['messages only', { messages: turns }, { system: undefined, messages: turns, unusedVars: [] }],
    [
      'leading system messages become system, joined by a blank line',
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'system', content: 'Answer in French.' },
          { role: 'user', content: 'Q1' },
          { role: 'assistant', content: 'A1' },
          { role: 'user', content: 'Q2' }
        ]
      },
      {
        system: 'Be brief.\n\nAnswer in French.',
        messages: [
          { role: 'user', content: 'Q1' },
          { role: 'assistant', content: 'A1' },
          { role: 'user', content: 'Q2' }
        ]
      }
    ],
    ['a Claude model', { messages: turns, model: 'claude-haiku-5' }, { model: 'claude-haiku-5' }],
    ['maxTokens', { messages: turns, modelParameters: { maxTokens: 300 } }, { maxTokens: 300 }],
    ['maxCompletionTokens', { messages: turns, modelParameters: { maxCompletionTokens: 500 } }, { maxTokens: 500 }],
    ['stop as a string', { messages: turns, modelParameters: { stop: 'END' } }, { stopSequences: ['END'] }],
    ['stop as a list', { messages: turns, modelParameters: { stop: ['A', 'B'] } }, { stopSequences: ['A', 'B'] }],
    ['responseFormat text', { messages: turns, responseFormat: 'text' }, { messages: turns }],
    [
      'json_schema with jsonSchema as JSON text',
      {
        messages: turns,
        responseFormat: 'json_schema',
        jsonSchema: '{"name": "x", "strict": true, "schema": {"type": "object"}}'
      },
      { jsonSchema: { type: 'object' } }
    ],
    [
      'json_schema with jsonSchema as a mapping',
      { messages: turns, responseFormat: 'json_schema', jsonSchema: { name: 'x', schema: { type: 'string' } } },
      { jsonSchema: { type: 'string' } }
    ],
    [
      'descriptive and evaluation fields are ignored',
      { name: 'N', description: 'D', testData: [{ input: 'x' }], evaluators: [{ name: 'e' }], messages: turns },
      { system: undefined, messages: turns, unusedVars: [] }
    ]
  ])('%s', (_name, file, expected) => {
    expect(map(file)).toMatchObject(expected)
  })

  it('fills {{vars}} in every message, system included, and reports the unused ones', () => {
    const file = {
      messages: [
        { role: 'system', content: 'You label {{ kind }}s.' },
        { role: 'user', content: 'Label: {{title}} {{title}}' }
      ]
    }
    expect(map(file, { kind: 'issue', title: '{{kind}}', extra: 'x' })).toEqual({
      system: 'You label issues.',
      messages: [{ role: 'user', content: 'Label: {{kind}} {{kind}}' }],
      unusedVars: ['extra']
    })
  })

  it.each([
    ['not a mapping', ['a'], `${label} does not hold a mapping.`],
    [
      'an unsupported field',
      { messages: turns, tools: [] },
      `${label} has a field this action does not support: 'tools'.`
    ],
    ['no messages', { model: 'claude-haiku-5' }, `${label}: 'messages' is missing or empty.`],
    ['an unknown role', { messages: [{ role: 'tool', content: 'x' }] }, `${label}: messages[0] has role "tool".`],
    [
      'non-text content',
      { messages: [{ role: 'user', content: ['x'] }] },
      `${label}: messages[0] has no text content.`
    ],
    [
      'an extra message key',
      { messages: [{ role: 'user', content: 'x', name: 'n' }] },
      `${label}: messages[0] has 'name'.`
    ],
    [
      'a system message after a turn',
      { messages: [...turns, { role: 'system', content: 's' }] },
      `${label}: messages[1] has role 'system' after the conversation started.`
    ],
    [
      'only system messages',
      { messages: [{ role: 'system', content: 's' }] },
      `${label}: 'messages' has no user turn.`
    ],
    [
      'roles that do not alternate (indices as written)',
      { messages: [{ role: 'system', content: 's' }, ...turns, ...turns] },
      `${label}: messages[2] has role 'user' right after another 'user' turn.`
    ],
    [
      'an assistant turn last',
      { messages: [...turns, { role: 'assistant', content: 'a' }] },
      `${label}: the last turn, messages[1], has role 'assistant'.`
    ],
    [
      'a missing var',
      { messages: [{ role: 'user', content: '{{a}} {{b}}' }] },
      `${label}: use placeholders with no value in 'vars': 'a', 'b'.`
    ],
    [
      'a GitHub Models model',
      { messages: turns, model: 'openai/gpt-4o' },
      `${label}: 'model' is "openai/gpt-4o", which is not a Claude model`
    ],
    [
      'an unsupported model parameter',
      { messages: turns, modelParameters: { frequencyPenalty: 1, seed: 2 } },
      `${label}: 'modelParameters' has 'modelParameters.frequencyPenalty', 'modelParameters.seed', which this action does not support.`
    ],
    [
      'model parameters that are not a mapping',
      { messages: turns, modelParameters: ['maxTokens: 5'] },
      `${label}: 'modelParameters' is a list. Expected a mapping of maxTokens (or maxCompletionTokens) and stop, e.g. 'maxTokens: 500'.`
    ],
    [
      'both token limits',
      { messages: turns, modelParameters: { maxTokens: 1, maxCompletionTokens: 2 } },
      "sets both 'maxTokens' and 'maxCompletionTokens'"
    ],
    ['a zero token limit', { messages: turns, modelParameters: { maxTokens: 0 } }, "'modelParameters'.maxTokens is 0."],
    ['a blank stop', { messages: turns, modelParameters: { stop: [' '] } }, '\'modelParameters\'.stop is [" "].'],
    [
      'json_object',
      { messages: turns, responseFormat: 'json_object' },
      `${label}: 'responseFormat' is "json_object", which this action does not support.`
    ],
    [
      'json_schema without jsonSchema',
      { messages: turns, responseFormat: 'json_schema' },
      "its 'schema' object is missing"
    ],
    [
      'jsonSchema that is not JSON',
      { messages: turns, responseFormat: 'json_schema', jsonSchema: '{"name":' },
      `${label}: 'jsonSchema' is not valid JSON`
    ],
    [
      'jsonSchema without responseFormat json_schema',
      { messages: turns, jsonSchema: '{"name":"x","schema":{}}' },
      `${label}: 'jsonSchema' is given but 'responseFormat' is not 'json_schema'.`
    ]
  ])('rejects %s, naming the field', (_name, file, message) => {
    expect(() => map(file)).toThrow(message)
  })

  it('rejects a message left empty by an empty var', () => {
    expect(() => map({ messages: [{ role: 'user', content: '{{v}}' }] }, { v: ' ' })).toThrow(
      `${label}: messages[0] is empty (after filling vars).`
    )
  })
})

describe('parsePromptYml', () => {
  it('rejects YAML that does not parse, and duplicate keys', () => {
    expect(() => parsePromptYml('messages: [', label, yaml)).toThrow(`${label} is not valid YAML (`)
    expect(() => parsePromptYml('model: a\nmodel: b\n', label, yaml)).toThrow(/Map keys must be unique/)
  })

  it("maps the docs' prompt files (```yml blocks of README.md and docs/)", () => {
    const docs = docFiles().map(file => readFileSync(path.join(REPO_ROOT, file), 'utf8'))
    const files = docs.flatMap(text => [...text.matchAll(/^```yml\n([\s\S]*?)^```$/gm)].map(m => m[1] as string))
    expect(files.length).toBeGreaterThanOrEqual(1)
    for (const text of files) {
      const vars = new Map([...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map(m => [m[1] as string, 'x']))
      expect(() => mapPromptYml(parsePromptYml(text, label, yaml), label, vars, 'vars')).not.toThrow()
    }
  })
})

/*
 * A .prompt.yml's sampling parameters (temperature, topP, topK): the API version the SDK sends
 * removed them, and nearly every GitHub Models file sets one, so they are dropped (and named for
 * the warning), never sent and never a failure. Other unknown parameters still fail.
 */

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

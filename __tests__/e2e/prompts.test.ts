/**
 * End to end with the built action: a .prompt.yml, vars and messages reach the API as the runner
 * passes them (INPUT_PROMPT-YML, INPUT_VARS), through the bundled YAML parser, on the runtime
 * under test. The cases themselves run in-process: __tests__/inprocess/prompts.test.ts.
 */
import { api, askWith } from '../support/ask.js'
import { runAction } from '../support/run-action.js'

const ask = askWith(runAction)

it('sends a .prompt.yml with its vars filled, and the file settings over the inputs', async () => {
  const file = [
    'name: Greeting',
    'model: claude-haiku-5-5',
    'modelParameters:',
    '  maxTokens: 64',
    'messages:',
    '  - role: system',
    '    content: You greet {{ team }}.',
    '  - role: user',
    '    content: Say hello to {{name}}.',
    'testData:',
    '  - name: Ada',
    ''
  ].join('\n')
  const result = await ask(
    [{ kind: 'message', text: 'Hello, Ada.' }],
    { prompt: '', 'prompt-yml': 'greet.prompt.yml', vars: '{"team": "the docs team", "name": "Ada 🙂"}' },
    { workspaceFiles: { 'greet.prompt.yml': file } }
  )
  expect(result.code).toBe(0)
  expect(api?.requests.map(r => r.body)).toEqual([
    {
      model: 'claude-haiku-5-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello to Ada 🙂.' }],
      system: 'You greet the docs team.'
    }
  ])
  expect(result.outputs.response).toBe('Hello, Ada.')
})

it("sends an ai-inference file's request without temperature and topP, with one warning naming them", async () => {
  const file = [
    'modelParameters:',
    '  temperature: 0.2',
    '  topP: 0.9',
    '  maxTokens: 100',
    'messages:',
    '  - role: user',
    '    content: Hi',
    ''
  ].join('\n')
  const result = await ask(
    [{ kind: 'message', text: 'Hello.' }],
    { prompt: '', 'prompt-yml': 'p.prompt.yml' },
    { workspaceFiles: { 'p.prompt.yml': file } }
  )
  expect(result.code).toBe(0)
  expect(api?.requests.map(r => r.body)).toEqual([
    { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] }
  ])
  expect(result.commands.filter(c => c.name === 'warning').map(c => c.data)).toEqual([
    "The 'prompt-yml' file sets 'modelParameters.temperature' (temperature), 'modelParameters.topP' (top_p): dropped, not sent. " +
      'Why: the Messages API version this action sends (anthropic-version 2026-10-21, the SDK 1.x default) removed temperature, top_p and top_k, ' +
      'and answers 400 to a request that carries any of them. The request is sent without them; delete them from the file to end this warning.'
  ])
  expect(result.outputs.response).toBe('Hello.')
})

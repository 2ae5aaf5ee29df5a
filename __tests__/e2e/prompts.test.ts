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
    'model: claude-haiku-5',
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
      model: 'claude-haiku-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Say hello to Ada 🙂.' }],
      system: 'You greet the docs team.'
    }
  ])
  expect(result.outputs.response).toBe('Hello, Ada.')
})

/**
 * Templates (`vars`), GitHub Models prompt files (`prompt-yml`) and conversations (`messages`),
 * in-process against the fake API: each test asserts the exact JSON body the API received, or
 * that no request was made at all when an input is wrong.
 */
import { api, askWith } from '../support/ask.js'
import type { RunResult } from '../support/run-action.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess)
const MODEL = 'claude-sonnet-5-5'
const bodies = (path = '/v1/messages') => api?.requests.filter(r => r.path === path).map(r => r.body) ?? []
const warnings = (result: RunResult) => result.commands.filter(c => c.name === 'warning').map(c => c.data)
const answer = { kind: 'message', text: 'Done.' } as const

/** The step failed on its inputs: nothing reached the API, and the error says why. */
function expectRefused(result: RunResult, message: string | RegExp) {
  expect(api?.requests).toEqual([])
  expect(result.code).toBe(1)
  expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]' })
  const error = result.outputs.error ?? ''
  expect(error.startsWith('invalid_input: ')).toBe(true)
  expect(error.slice('invalid_input: '.length)).toEqual(expect.stringMatching(message))
}

describe('vars: templates in prompt and system', () => {
  it('fills prompt and system once, so a value holding {{x}} reaches the API as written', async () => {
    const result = await ask([answer], {
      prompt: 'Label the issue "{{ title }}" of {{repo}}.',
      system: 'You triage issues of {{repo}}.',
      vars: 'title: "Crash when {{repo}} starts"\nrepo: acme/widgets\n'
    })
    expect(result.code).toBe(0)
    expect(bodies()).toEqual([
      {
        model: MODEL,
        max_tokens: 4096,
        messages: [{ role: 'user', content: 'Label the issue "Crash when {{repo}} starts" of acme/widgets.' }],
        system: 'You triage issues of acme/widgets.'
      }
    ])
    expect(warnings(result)).toEqual([])
  })

  it('takes vars as JSON too', async () => {
    await ask([answer], { prompt: 'v{{n}}', vars: '{"n": 1.10}' })
    expect(bodies()[0]?.messages).toEqual([{ role: 'user', content: 'v1.10' }])
  })

  it('fails before any request when a placeholder has no value, listing every missing name', async () => {
    const result = await ask([answer], { prompt: '{{a}} {{b}} {{ a }}', system: '{{c}}', vars: 'd: 1' })
    expectRefused(
      result,
      /Inputs 'prompt' and 'system' use placeholders with no value in 'vars': 'a', 'b', 'c'\. Give each a value/
    )
    expect(result.stdout).toMatch(/::error::Inputs 'prompt' and 'system' use placeholders with no value/)
  })

  it('warns about a var that nothing uses, and still asks', async () => {
    const result = await ask([answer], { prompt: 'Hi {{name}}', vars: 'name: Ada\nnmae: typo' })
    expect(result.code).toBe(0)
    expect(bodies()[0]?.messages).toEqual([{ role: 'user', content: 'Hi Ada' }])
    expect(warnings(result)).toEqual([
      "Input 'vars' has a var that no placeholder uses: 'nmae'. Only 'prompt', 'system' and the messages of a 'prompt-yml' file are templates; 'prompt-file', 'system-file' and 'messages' are data and are never filled."
    ])
  })

  it('never fills prompt-file or system-file: they are data', async () => {
    const result = await ask(
      [answer],
      { prompt: '', 'prompt-file': 'issue.md', 'system-file': 'system.md', vars: 'title: X' },
      { workspaceFiles: { 'issue.md': 'Body with {{title}} and {{ missing }}', 'system.md': 'Sys {{title}}' } }
    )
    expect(result.code).toBe(0)
    expect(bodies()).toEqual([
      {
        model: MODEL,
        max_tokens: 4096,
        messages: [{ role: 'user', content: 'Body with {{title}} and {{ missing }}' }],
        system: 'Sys {{title}}'
      }
    ])
    expect(warnings(result)).toEqual([
      expect.stringMatching(/^Input 'vars' has a var that no placeholder uses: 'title'/)
    ])
  })

  it('without vars, {{...}} in prompt is sent as written (as before vars existed)', async () => {
    const result = await ask([answer], { prompt: 'Explain {{ this }} in Mustache.' })
    expect(result.code).toBe(0)
    expect(bodies()[0]?.messages).toEqual([{ role: 'user', content: 'Explain {{ this }} in Mustache.' }])
  })
})

describe('messages: conversations', () => {
  const fewShot = [
    { role: 'user', content: 'Label: "The build is slow"' },
    { role: 'assistant', content: 'performance' }
  ]

  it('without prompt, the array is the whole conversation', async () => {
    const conversation = [...fewShot, { role: 'user', content: [{ type: 'text', text: 'Label: "Crash on start"' }] }]
    const result = await ask([answer], { prompt: '', messages: JSON.stringify(conversation), system: 'One word.' })
    expect(result.code).toBe(0)
    expect(bodies()).toEqual([{ model: MODEL, max_tokens: 4096, messages: conversation, system: 'One word.' }])
    expect(result.stdout).toMatch(/Asking claude-sonnet-5-5: conversation of 3 turns, 60 characters,/)
  })

  it('with prompt, the prompt is the last user turn; messages are never templated', async () => {
    const turns = [...fewShot.slice(0, 1), { role: 'assistant', content: '{{label}}' }]
    const result = await ask([answer], {
      prompt: 'Label: "{{title}}"',
      messages: JSON.stringify(turns),
      vars: 'title: Crash on start'
    })
    expect(result.code).toBe(0)
    expect(bodies()).toEqual([
      {
        model: MODEL,
        max_tokens: 4096,
        messages: [...turns, { role: 'user', content: 'Label: "Crash on start"' }]
      }
    ])
  })

  it('the token guard counts the same conversation it then sends', async () => {
    const result = await ask(
      { script: [answer], countTokens: 50 },
      {
        prompt: 'Q2',
        messages: JSON.stringify(fewShot),
        system: 'S',
        'max-input-tokens': '1000'
      }
    )
    expect(result.code).toBe(0)
    const [counted] = bodies('/v1/messages/count_tokens')
    const [sent] = bodies()
    expect(counted).toEqual({ model: MODEL, messages: sent.messages, system: 'S' })
    expect(sent.messages).toEqual([...fewShot, { role: 'user', content: 'Q2' }])
  })

  it.each([
    [
      'roles that do not alternate',
      { prompt: '', messages: JSON.stringify([fewShot[0], fewShot[0]]) },
      /^Input 'messages': messages\[1\] has role 'user' right after another 'user' turn\./
    ],
    [
      'a user turn last while prompt adds another',
      { prompt: 'Q', messages: JSON.stringify([fewShot[0]]) },
      /^Input 'messages': the last turn, messages\[0\], has role 'user'\. 'prompt' becomes the last user turn/
    ],
    [
      'a system turn',
      { prompt: '', messages: '[{"role":"system","content":"x"},{"role":"user","content":"y"}]' },
      /^Input 'messages': messages\[0\] has role 'system'.*Give it in the 'system' input\./
    ],
    ['text that is not JSON', { prompt: '', messages: '[{"role": "user"' }, /^Input 'messages' is not valid JSON/]
  ])('refuses %s before any request', async (_name, inputs, message) => {
    expectRefused(await ask([answer], inputs), message)
  })
})

describe('prompt-yml: GitHub Models prompt files', () => {
  const PROMPT_YML = `name: Triage
description: Labels an issue
model: claude-haiku-5-5
modelParameters:
  maxCompletionTokens: 300
  stop: ["\\nEND"]
messages:
  - role: system
    content: You label issues of {{repo}}.
  - role: user
    content: |
      Label this issue:
      {{body}}
responseFormat: json_schema
jsonSchema: |-
  {"name": "label", "strict": true,
   "schema": {"type": "object", "additionalProperties": false, "required": ["label"],
              "properties": {"label": {"enum": ["bug", "feature"]}}}}
testData:
  - body: The build crashes.
evaluators:
  - name: is a label
    string:
      contains: label
`

  it('maps messages, model, parameters and schema; fills vars; the file wins over the inputs', async () => {
    const result = await ask(
      [{ kind: 'message', text: '{"label":"bug"}' }],
      {
        prompt: '',
        'prompt-yml': '.github/prompts/triage.prompt.yml',
        vars: 'repo: acme/widgets\nbody: "It crashes: {{repo}}"',
        'max-tokens': '4096'
      },
      { workspaceFiles: { '.github/prompts/triage.prompt.yml': PROMPT_YML } }
    )
    expect(result.code).toBe(0)
    expect(bodies()).toEqual([
      {
        model: 'claude-haiku-5-5',
        max_tokens: 300,
        messages: [{ role: 'user', content: 'Label this issue:\nIt crashes: {{repo}}\n' }],
        stop_sequences: ['\nEND'],
        system: 'You label issues of acme/widgets.',
        output_config: {
          format: {
            type: 'json_schema',
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['label'],
              properties: { label: { enum: ['bug', 'feature'] } }
            }
          }
        }
      }
    ])
    expect(result.outputs.json).toBe('{"label":"bug"}')
    expect(warnings(result)).toEqual([])
  })

  it('drops a temperature in the file with a warning naming it and why, and sends the request', async () => {
    const file = 'messages:\n  - role: user\n    content: Hi\nmodelParameters:\n  temperature: 0.8\n'
    const result = await ask(
      [answer],
      { prompt: '', 'prompt-yml': 'p.prompt.yml' },
      { workspaceFiles: { 'p.prompt.yml': file } }
    )
    expect(result.code).toBe(0)
    expect(bodies()).toEqual([{ model: MODEL, max_tokens: 4096, messages: [{ role: 'user', content: 'Hi' }] }])
    expect(warnings(result)).toEqual([
      expect.stringMatching(
        /^The 'prompt-yml' file sets 'modelParameters.temperature' \(temperature\): dropped, not sent\. Why: .*anthropic-version 2026-10-21.* removed temperature, top_p and top_k/
      )
    ])
  })

  it('takes system from the input when the file has none, filled from the same vars', async () => {
    const file = 'messages:\n  - role: user\n    content: Review {{pr}}.\n'
    const result = await ask(
      [answer],
      {
        prompt: '',
        'prompt-yml': 'p.prompt.yml',
        system: 'You review {{repo}}.',
        vars: 'pr: "#7"\nrepo: acme\nspare: x'
      },
      { workspaceFiles: { 'p.prompt.yml': file } }
    )
    expect(bodies()).toEqual([
      {
        model: MODEL,
        max_tokens: 4096,
        messages: [{ role: 'user', content: 'Review #7.' }],
        system: 'You review acme.'
      }
    ])
    expect(warnings(result)).toEqual([
      expect.stringMatching(/^Input 'vars' has a var that no placeholder uses: 'spare'\./)
    ])
  })

  it.each([
    [
      'a schema in the file and json-schema',
      'messages:\n  - role: user\n    content: Hi\nresponseFormat: json_schema\njsonSchema: \'{"name":"x","schema":{"type":"object"}}\'\n',
      { 'json-schema': '{"type":"object"}' },
      /sets 'responseFormat: json_schema' with its own 'jsonSchema', and 'json-schema' was given too\./
    ],
    [
      'an unsupported field',
      'messages:\n  - role: user\n    content: Hi\ntools: []\n',
      {},
      /^Input 'prompt-yml' \('p\.prompt\.yml'\) has a field this action does not support: 'tools'\./
    ],
    [
      'a GitHub Models model',
      'model: openai/gpt-4o\nmessages:\n  - role: user\n    content: Hi\n',
      {},
      /^Input 'prompt-yml' \('p\.prompt\.yml'\): 'model' is "openai\/gpt-4o", which is not a Claude model/
    ],
    [
      'a placeholder without a value',
      'messages:\n  - role: user\n    content: "{{body}}"\n',
      {},
      /^Input 'prompt-yml' \('p\.prompt\.yml'\): uses a placeholder with no value in 'vars': 'body'\./
    ],
    [
      'prompt with prompt-yml',
      'messages:\n  - role: user\n    content: Hi\n',
      { prompt: 'Hello' },
      /^Input 'prompt-yml' holds the whole conversation, so 'prompt' cannot be given with it\./
    ],
    [
      'prompt-file and messages with prompt-yml',
      'messages:\n  - role: user\n    content: Hi\n',
      { 'prompt-file': 'p.prompt.yml', messages: '[]' },
      /^Input 'prompt-yml' holds the whole conversation, so 'prompt-file' and 'messages' cannot be given with it\./
    ],
    [
      'a system message and the system input',
      'messages:\n  - role: system\n    content: S\n  - role: user\n    content: Hi\n',
      { system: 'Other' },
      /has a system message, and 'system' was given too\./
    ]
  ])('refuses %s before any request', async (_name, file, inputs, message) => {
    const result = await ask(
      [answer],
      { prompt: '', 'prompt-yml': 'p.prompt.yml', ...inputs },
      { workspaceFiles: { 'p.prompt.yml': file } }
    )
    expectRefused(result, message)
  })
})

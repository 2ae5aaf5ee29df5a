/**
 * The request options, in-process against the fake API: the exact body for each option, thinking
 * blocks kept in `message` but not in `response`, cache marks, and every combination the API
 * refuses, refused before any request with both inputs named.
 */
import { api, askWith, hello } from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import { runInProcess } from '../support/run-in-process.js'
import type { RunResult } from '../support/run-action.js'

const ask = askWith(runInProcess, { prompt: 'Plan the release.' })
const sent = () => api?.requests.find(r => r.path === '/v1/messages')?.body
const plain = {
  model: 'claude-sonnet-5-5',
  max_tokens: 4096,
  messages: [{ role: 'user', content: 'Plan the release.' }]
}

function expectRefused(result: RunResult, message: string) {
  expect(api?.requests).toHaveLength(0)
  expect(result.code).toBe(1)
  expect(result.outputs.attempts).toBe('0')
  expect(result.outputs.error).toBe(`invalid_input: ${message}`)
}

describe('each option reaches the API as its field', () => {
  it('defaults add nothing: thinking off, cache none', async () => {
    await ask([hello], { thinking: 'off', cache: 'none', 'max-files': '100', 'files-optional': 'false' })
    expect(sent()).toEqual(plain)
  })

  it.each([
    [{ thinking: 'adaptive' }, { thinking: { type: 'adaptive' } }],
    [{ thinking: '1024' }, { thinking: { type: 'enabled', budget_tokens: 1024 } }],
    [{ effort: 'xhigh' }, { output_config: { effort: 'xhigh' } }],
    [{ 'stop-sequences': 'END\n\n  ###  \nEND\n' }, { stop_sequences: ['END', '###'] }],
    [{ 'service-tier': 'standard_only' }, { service_tier: 'standard_only' }],
    [{ 'metadata-user-id': ' 5f2b9c ' }, { metadata: { user_id: '5f2b9c' } }]
  ])('%j', async (inputs, fields) => {
    const result = await ask([hello], inputs)
    expect(result.code).toBe(0)
    expect(sent()).toEqual({ ...plain, ...fields })
  })

  it('effort and json-schema share output_config', async () => {
    await ask([{ kind: 'message', text: '{}' }], { effort: 'low', 'json-schema': '{"type":"object"}' })
    expect(sent()).toEqual({
      ...plain,
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } }, effort: 'low' }
    })
  })

  it('thinking blocks stay in message; response holds only the text', async () => {
    const answer = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content: [
        { type: 'thinking', thinking: 'First, the changelog.', signature: 'sig' },
        { type: 'text', text: 'Tag v2, then publish.' }
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 40 }
    }
    const reply: Reply = {
      kind: 'raw',
      status: 200,
      headers: { 'content-type': 'application/json', 'request-id': 'req_think' },
      body: JSON.stringify(answer)
    }
    const result = await ask([reply], { thinking: '2048' })
    expect(result.code).toBe(0)
    expect(sent()).toEqual({ ...plain, thinking: { type: 'enabled', budget_tokens: 2048 } })
    expect(result.outputs.response).toBe('Tag v2, then publish.')
    expect(result.responseFileText).toBe('Tag v2, then publish.')
    expect(JSON.parse(result.outputs.message ?? '{}').content).toEqual(answer.content)
  })

  it('a stop sequence that ended the answer shows in stop-reason', async () => {
    const result = await ask([{ kind: 'message', text: 'Step 1', stopReason: 'stop_sequence' }], {
      'stop-sequences': 'Step 2'
    })
    expect(result.outputs['stop-reason']).toBe('stop_sequence')
  })
})

describe('cache marks the system prompt and the last attachment', () => {
  it('1h: both marked (two breakpoints); the cache outputs report what the API did', async () => {
    const result = await ask(
      [{ kind: 'message', text: 'Done.', usage: { cache_creation_input_tokens: 1800, cache_read_input_tokens: 0 } }],
      { system: 'You are the release manager.', files: 'a.md\nb.md', cache: '1h' },
      { workspaceFiles: { 'a.md': 'A', 'b.md': 'B' } }
    )
    expect(result.code).toBe(0)
    const ttl = { type: 'ephemeral', ttl: '1h' }
    expect(sent()).toEqual({
      ...plain,
      system: [{ type: 'text', text: 'You are the release manager.', cache_control: ttl }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '<file path="a.md">\nA\n</file>' },
            { type: 'text', text: '<file path="b.md">\nB\n</file>', cache_control: ttl },
            { type: 'text', text: 'Plan the release.' }
          ]
        }
      ]
    })
    expect(result.outputs['cache-creation-input-tokens']).toBe('1800')
  })

  it('5m with only a system prompt marks it; the count request carries the mark too', async () => {
    await ask({ script: [hello], countTokens: 50 }, { system: 'Be brief.', cache: '5m', 'max-input-tokens': '100' })
    const system = [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '5m' } }]
    expect(sent()).toEqual({ ...plain, system })
    expect(api?.requests.find(r => r.path === '/v1/messages/count_tokens')?.body).toEqual({
      model: 'claude-sonnet-5-5',
      messages: plain.messages,
      system
    })
  })

  it('thinking is counted too: the count request carries it', async () => {
    await ask({ script: [hello], countTokens: 50 }, { thinking: 'adaptive', 'max-input-tokens': '100' })
    expect(api?.requests.find(r => r.path === '/v1/messages/count_tokens')?.body).toEqual({
      model: 'claude-sonnet-5-5',
      messages: plain.messages,
      thinking: { type: 'adaptive' }
    })
  })
})

describe('refused before any request', () => {
  it.each([
    [
      { thinking: '4096' },
      "Input 'thinking' is a budget of 4096 tokens, which is not less than 'max-tokens' (4096); the API needs the thinking budget below max_tokens, since thinking counts toward it. Raise 'max-tokens' or lower the budget."
    ],
    [
      { thinking: '1023' },
      "Input 'thinking' has invalid value '1023'. Expected 'off', 'adaptive', or a thinking budget in tokens: an integer >= 1024 and less than 'max-tokens'."
    ],
    [
      { thinking: 'on' },
      "Input 'thinking' has invalid value 'on'. Expected 'off', 'adaptive', or a thinking budget in tokens: an integer >= 1024 and less than 'max-tokens'."
    ],
    [
      { effort: 'extreme' },
      "Input 'effort' has invalid value 'extreme'. Expected one of 'low', 'medium', 'high', 'xhigh', 'max'."
    ],
    [
      { 'service-tier': 'priority' },
      "Input 'service-tier' has invalid value 'priority'. Expected one of 'auto', 'standard_only'."
    ],
    [{ cache: '2h' }, "Input 'cache' has invalid value '2h'. Expected one of 'none', '5m', '1h'."],
    [
      { cache: '5m' },
      "Input 'cache' is '5m' but there is nothing to cache: it marks the system prompt ('system', 'system-file' or the system message of a 'prompt-yml' file) and the last file attached by 'files', and this request has neither. Give one of them, or leave 'cache' at 'none'."
    ],
    [
      { 'files-optional': 'yes', files: 'a.md' },
      "Input 'files-optional' has invalid value 'yes'. Expected one of 'true', 'false'."
    ],
    [{ 'max-files': '0', files: 'a.md' }, "Input 'max-files' has invalid value '0'. Expected an integer >= 1."]
  ])('%j', async (inputs, message) => {
    expectRefused(await ask([hello], inputs), message)
  })
})

describe('with a .prompt.yml', () => {
  const yml = (parameters: string) =>
    `messages:\n  - role: system\n    content: Be brief.\n  - role: user\n    content: Plan it.\n${parameters}`

  it("checks the thinking budget against the file's max tokens, which win over 'max-tokens', and names them", async () => {
    const result = await ask(
      [hello],
      { prompt: '', 'prompt-yml': 'p.prompt.yml', 'max-tokens': '8000', thinking: '1024' },
      { workspaceFiles: { 'p.prompt.yml': yml('modelParameters:\n  maxTokens: 1024\n') } }
    )
    expectRefused(
      result,
      "Input 'thinking' is a budget of 1024 tokens, which is not less than the max tokens of 'prompt-yml' (1024, its modelParameters win over 'max-tokens'); the API needs the thinking budget below max_tokens, since thinking counts toward it. Raise the file's max tokens or lower the budget."
    )
  })

  it("refuses 'stop-sequences' beside the file's own stop, as for its system message and schema", async () => {
    const result = await ask(
      [hello],
      { prompt: '', 'prompt-yml': 'p.prompt.yml', 'stop-sequences': 'DONE' },
      { workspaceFiles: { 'p.prompt.yml': yml('modelParameters:\n  stop: END\n') } }
    )
    expectRefused(
      result,
      "Input 'prompt-yml' ('p.prompt.yml') sets 'modelParameters.stop', and 'stop-sequences' was given too. Keep one of them."
    )
  })
})

/**
 * The features, in-process (runInProcess): structured output, model fallback, mock mode, the
 * max-input-tokens guard and PR/issue comments through a fake GitHub API on 127.0.0.1.
 */
import { api, askWith, commentStep, KEY, retryLog, startApi, startGitHub } from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import { DEFAULT_OWNER, DEFAULT_REPO } from '../support/fake-github.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess, { prompt: 'Classify this issue.' })
const messagesRequests = () => api?.requests.filter(r => r.path === '/v1/messages') ?? []

const SCHEMA = JSON.stringify({
  type: 'object',
  properties: { label: { enum: ['bug', 'feature'] }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
  required: ['label', 'confidence'],
  additionalProperties: false
})

describe('structured output (json-schema)', () => {
  it('asks for the schema, validates the answer and sets the json output', async () => {
    const result = await ask(
      { script: [{ kind: 'message', text: '{"label":"bug","confidence":0.9}' }] },
      { 'json-schema': SCHEMA }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body.output_config).toEqual({
      format: { type: 'json_schema', schema: JSON.parse(SCHEMA) }
    })
    expect(JSON.parse(result.outputs.json ?? '')).toEqual({ label: 'bug', confidence: 0.9 })
  })

  it('retries an answer that is not JSON or breaks the schema, logging why, then takes a valid one', async () => {
    const result = await ask(
      {
        script: [
          { kind: 'message', text: 'Sure! Here it is: {' },
          { kind: 'message', text: '{"label":"question","confidence":2}' },
          { kind: 'message', text: '{"label":"feature","confidence":0.5}' }
        ]
      },
      { 'json-schema': SCHEMA }
    )
    expect(result.code).toBe(0)
    expect(retryLog(result).map(a => [a.status, a.errorType])).toEqual([
      [200, 'invalid_json'],
      [200, 'schema_mismatch'],
      [200, null]
    ])
    expect(result.stdout).toMatch(
      /the answer does not follow the schema: answer\/label must be equal to one of the allowed values/
    )
    expect(result.outputs.json).toBe('{"label":"feature","confidence":0.5}')
  })

  it('fails clearly when every answer is invalid, and does not retry an answer cut off at max-tokens', async () => {
    const invalid = await ask(
      { defaultReply: { kind: 'message', text: 'not json' } },
      { 'json-schema': SCHEMA, 'max-retries': '1' }
    )
    expect(invalid.code).toBe(1)
    expect(invalid.outputs).toMatchObject({
      attempts: '2',
      error: expect.stringMatching(/^invalid_json: the answer is not JSON/)
    })
    expect(invalid.outputs.json).toBeUndefined()
    await api?.close()
    const cut = await ask(
      { script: [{ kind: 'message', text: '{"label":"bu', stopReason: 'max_tokens' }] },
      { 'json-schema': SCHEMA }
    )
    expect(cut.outputs).toMatchObject({ attempts: '1', error: expect.stringMatching(/^output_truncated: /) })
  })

  it('a schema that is not valid JSON Schema fails before any request', async () => {
    const result = await ask({}, { 'json-schema': '{"type":"objekt"}' })
    expect(result.code).toBe(1)
    expect(api?.requests).toHaveLength(0)
    expect(result.stdout).toMatch(/::error::Input 'json-schema' is not a valid JSON Schema: /)
    expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]' })
  })

  it('reads the schema from json-schema-file', async () => {
    const result = await ask(
      { script: [{ kind: 'message', text: '{"label":"bug","confidence":1}' }] },
      { 'json-schema-file': 'schema.json' },
      { workspaceFiles: { 'schema.json': SCHEMA } }
    )
    expect(result.outputs.json).toBe('{"label":"bug","confidence":1}')
  })
})

describe('model fallback', () => {
  const overloaded: Reply = { kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' }

  it('moves to the next model after fallback-after overloads in a row; outputs say which model answered', async () => {
    const result = await ask(
      {
        script: request =>
          request.body.model === 'claude-sonnet-5-5' ? overloaded : { kind: 'message', text: 'From the fallback.' }
      },
      { 'fallback-models': 'claude-haiku-5-5, claude-opus-5', 'fallback-after': '2' }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests().map(r => r.body.model)).toEqual([
      'claude-sonnet-5-5',
      'claude-sonnet-5-5',
      'claude-haiku-5-5'
    ])
    expect(retryLog(result).map(a => [a.model, a.waitReason])).toEqual([
      ['claude-sonnet-5-5', 'backoff'],
      ['claude-sonnet-5-5', 'fallback'],
      ['claude-haiku-5-5', null]
    ])
    expect(result.outputs.model).toBe('claude-haiku-5-5')
    expect(result.stdout).toMatch(
      /Attempt 2 of 6: 529 overloaded_error .*Retrying at once \(fallback; moving on to model claude-haiku-5-5\)/
    )
    expect(result.summary).toMatch(/Attempt 3 200 ok claude-haiku-5-5/)
    // The headline names the model that answered, as the model output does, and that it was a fallback.
    expect(result.summary).toContain('\n\nmodel `claude-haiku-5-5` (fallback from `claude-sonnet-5-5`) · 3 attempts · ')
    expect(result.stdout).toMatch(
      /Done in [\d.]+ s after 3 attempts\. claude-haiku-5-5 answered, a fallback from claude-sonnet-5-5\./
    )
  })

  it('moves on at once from a model that is not found, through the whole chain', async () => {
    const result = await ask(
      {
        script: request =>
          request.body.model === 'claude-retired'
            ? { kind: 'error', status: 404, type: 'not_found_error', message: 'model: claude-retired' }
            : request.body.model === 'claude-haiku-5-5'
              ? overloaded
              : { kind: 'message', text: 'Third time.' }
      },
      { model: 'claude-retired', 'fallback-models': 'claude-haiku-5-5\nclaude-opus-5', 'fallback-after': '1' }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests().map(r => r.body.model)).toEqual(['claude-retired', 'claude-haiku-5-5', 'claude-opus-5'])
  })

  it('without fallbacks a 404 stays final', async () => {
    const result = await ask({ script: [{ kind: 'error', status: 404, type: 'not_found_error' }] }, {})
    expect(result.outputs.attempts).toBe('1')
  })
})

describe('mock-response: no secret, no request', () => {
  it('publishes the given text through the same outputs and summary, with no key and no request', async () => {
    const fake = await startApi({})
    const result = await runInProcess({
      inputs: { prompt: 'Review this PR.', 'mock-response': 'Looks good (mock).', 'base-url': fake.url }
    })
    expect(result.code).toBe(0)
    expect(fake.requests).toHaveLength(0)
    expect(result.stdout).toMatch(/'mock-response' is set: no request is sent to the API/)
    expect(result.outputs).toMatchObject({
      response: 'Looks good (mock).',
      attempts: '0',
      'retry-log': '[]',
      model: 'claude-sonnet-5-5',
      'stop-reason': 'end_turn'
    })
    expect(result.responseFileText).toBe('Looks good (mock).')
    expect(result.summary).toContain('mock response')
  })

  it('validates the mock text against json-schema too', async () => {
    const ok = await runInProcess({
      inputs: { prompt: 'x', 'mock-response': '{"label":"bug","confidence":0.1}', 'json-schema': SCHEMA }
    })
    expect(ok.outputs.json).toBe('{"label":"bug","confidence":0.1}')
    const bad = await runInProcess({
      inputs: { prompt: 'x', 'mock-response': '{"label":"bug"}', 'json-schema': SCHEMA }
    })
    expect(bad.code).toBe(1)
    expect(bad.outputs.error).toMatch(/^schema_mismatch: /)
  })
})

describe('mock-response with the inputs of issues 11 and 12', () => {
  it('needs no credentials, region, project or resource for any provider: nothing is sent', async () => {
    for (const provider of ['bedrock', 'vertex', 'foundry']) {
      const result = await runInProcess({ inputs: { prompt: 'x', provider, 'mock-response': 'Mocked.' } })
      expect([provider, result.outputs.error]).toEqual([provider, undefined])
      expect(result.outputs).toMatchObject({ response: 'Mocked.', attempts: '0' })
    }
  })

  it('still reads and checks every input: files, prompt-yml, vars, headers, a proxy variable', async () => {
    const inputs = {
      'prompt-yml': 'p.prompt.yml',
      vars: 'name: World',
      files: 'notes.md',
      headers: 'x-api-key: gateway-key',
      'mock-response': 'Mocked.'
    }
    const workspaceFiles = {
      'p.prompt.yml': 'messages:\n  - role: user\n    content: Hi {{name}}.\n',
      'notes.md': 'n\n'
    }
    const ok = await runInProcess({ inputs, workspaceFiles, env: { HTTPS_PROXY: 'http://127.0.0.1:9' } })
    expect(ok.outputs).toMatchObject({ response: 'Mocked.', attempts: '0' })
    expect(ok.summary).toContain('notes.md')
    // A mock run tests the workflow's inputs: a file that is missing fails it as the real run would.
    const missing = await runInProcess({ inputs, workspaceFiles: { 'notes.md': 'n\n' } })
    expect(missing.outputs.error).toMatch(/^invalid_input: Input 'prompt-yml'/)
  })
})

describe('max-input-tokens', () => {
  it('counts the prompt first and fails before the real request when it is too large', async () => {
    const result = await ask({ countTokens: 5000 }, { 'max-input-tokens': '4000' })
    expect(result.code).toBe(1)
    expect(api?.requests.map(r => r.path)).toEqual(['/v1/messages/count_tokens'])
    expect(api?.requests[0]?.body).toMatchObject({
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: 'Classify this issue.' }]
    })
    expect(result.stdout).toMatch(
      /::error::The prompt counts 5000 input tokens, more than 'max-input-tokens' \(4000\); no Messages request was sent/
    )
    expect(result.outputs).toMatchObject({
      attempts: '0',
      'input-tokens-counted': '5000',
      error: 'too_many_input_tokens: 5000 > 4000'
    })
  })

  it('lets a prompt within the limit through', async () => {
    const result = await ask(
      { countTokens: 300, script: [{ kind: 'message', text: 'Fine.' }] },
      { 'max-input-tokens': '4000' }
    )
    expect(result.code).toBe(0)
    expect(api?.requests.map(r => r.path)).toEqual(['/v1/messages/count_tokens', '/v1/messages'])
    expect(result.outputs).toMatchObject({ response: 'Fine.', 'input-tokens-counted': '300', attempts: '1' })
  })
})

describe('comment-on', () => {
  const prEvent = { pull_request: { number: 7 }, repository: { full_name: `${DEFAULT_OWNER}/${DEFAULT_REPO}` } }
  it('creates a comment on the PR, then updates the same one on a re-run', async () => {
    const fakeGitHub = await startGitHub({
      token: 'ghs_test_token',
      comments: [{ issue: 7, body: 'An unrelated human comment.' }]
    })
    const withEvent = (text: string) =>
      ask(
        { script: [{ kind: 'message', text }] },
        { 'comment-on': 'pr', 'github-token': 'ghs_test_token' },
        commentStep(fakeGitHub.url, prEvent)
      )
    const created = await withEvent('First review.')
    expect(created.code).toBe(0)
    expect(created.stdout).toMatch(/Comment created: /)
    await api?.close()
    const updated = await withEvent('Second review.')
    expect(updated.code).toBe(0)
    expect(updated.stdout).toMatch(/Comment updated: /)
    const comments = fakeGitHub.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 7)
    expect(comments).toHaveLength(2)
    expect(comments[1]?.body).toMatch(
      /^<!-- ask-claude:Review\/review -->\n<sub>Ask Claude · claude-sonnet-5-5 · 1 attempt · [\d.]+ s · \[run\]\([^)]+\)<\/sub>\n\nSecond review\.\n$/
    )
    expect(comments[1]?.body).toContain('[run](https://github.example/octo-org/octo-repo/actions/runs/42)')
    expect(updated.outputs['comment-url']).toBeTruthy()
    expect(JSON.stringify(fakeGitHub.requests)).not.toContain(KEY)
  })

  it('says which permission is missing when GitHub refuses, after writing the outputs', async () => {
    const fakeGitHub = await startGitHub({ writeError: { status: 403 } })
    const result = await ask(
      { script: [{ kind: 'message', text: 'Review.' }] },
      { 'comment-on': 'pr', 'github-token': 'ghs_x' },
      commentStep(fakeGitHub.url, prEvent)
    )
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/::error::The answer was not posted: .*permissions: pull-requests: write/)
    expect(result.outputs.response).toBe('Review.')
    // The summary, written before the comment, holds the answer and then says it was not posted.
    expect(result.summary).toContain('Review.')
    expect(result.summary).toMatch(/\*\*The answer was not posted as a comment:\*\* .*pull-requests: write[^\n]*\n$/)
  })

  it('works in mock mode too, so fork PRs and workflow tests exercise the comment path', async () => {
    const fakeGitHub = await startGitHub({})
    const issueEvent = { issue: { number: 3 } }
    const result = await runInProcess({
      inputs: { prompt: 'x', 'mock-response': 'Triage (mock).', 'comment-on': 'issue', 'github-token': 'ghs_y' },
      ...commentStep(fakeGitHub.url, issueEvent, 'issues')
    })
    expect(result.code).toBe(0)
    expect(fakeGitHub.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 3)[0]?.body).toContain('Triage (mock).')
    expect(fakeGitHub.commentsOn(DEFAULT_OWNER, DEFAULT_REPO, 3)[0]?.body).toContain(
      'mock response (no request was sent)'
    )
  })
})

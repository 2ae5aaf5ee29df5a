import { symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parseConfig } from '../../../src/inputs/config.js'
import { useWorkspace } from '../../fixtures/workspace.js'
import { streamsFor } from '../../../src/request/build.js'
import { ConfigError } from '../../../src/inputs/read.js'
import { NO_OPTIONS } from '../../../src/request/options.js'

const { dirs, source } = useWorkspace()
const minimal = { prompt: 'Hi', 'anthropic-api-key': 'sk-ant-x' }

describe('parseConfig', () => {
  it('applies the documented defaults to empty inputs', async () => {
    expect(await parseConfig(source(minimal))).toEqual({
      conversation: { messages: [{ role: 'user', content: 'Hi' }], unusedVars: [], sampling: {} },
      system: undefined,
      model: 'claude-sonnet-5-5',
      maxTokens: 4096,
      apiKey: 'sk-ant-x',
      baseUrl: undefined,
      headers: {},
      retry: {
        maxRetries: 5,
        baseDelayMs: 1000,
        maxDelayMs: 60_000,
        jitter: 'full',
        attemptTimeoutMs: 600_000,
        totalTimeoutMs: undefined
      },
      streamMode: 'auto',
      summary: 'full',
      jsonSchema: undefined,
      fallbackModels: [],
      fallbackAfter: 2,
      mockResponse: undefined,
      maxInputTokens: undefined,
      cost: { book: { overrides: {} }, maxUsd: undefined },
      comment: undefined,
      attachments: [],
      options: NO_OPTIONS,
      provider: { name: 'anthropic' }
    })
  })

  it('reads the issue-5 inputs: schema, fallbacks, mock text, token guard, comment target', async () => {
    const config = await parseConfig(
      source({
        ...minimal,
        'json-schema': '{"type":"object"}',
        'fallback-models': 'claude-haiku-5,\n claude-opus-5, claude-sonnet-5-5, claude-haiku-5',
        'fallback-after': '3',
        'mock-response': 'Mocked.',
        'max-input-tokens': '1000',
        'comment-on': 'pr',
        'github-token': 'ghs_abc'
      })
    )
    expect(config).toMatchObject({
      jsonSchema: { type: 'object' },
      // the configured model and repeats are dropped: each model is tried once, in order
      fallbackModels: ['claude-haiku-5', 'claude-opus-5'],
      fallbackAfter: 3,
      mockResponse: 'Mocked.',
      maxInputTokens: 1000,
      comment: { on: 'pr', token: 'ghs_abc' }
    })
  })

  it('needs no key in mock mode', async () => {
    expect((await parseConfig(source({ prompt: 'Hi', 'mock-response': 'x' }))).apiKey).toBe('')
  })

  it.each([
    [{ 'json-schema': '{not json' }, /^Input 'json-schema' is not valid JSON/],
    [{ 'json-schema': '[1]' }, /^Input 'json-schema' is not a JSON object/],
    [{ 'fallback-after': '0' }, /^Input 'fallback-after' has invalid value '0'. Expected an integer >= 1.$/],
    [{ 'max-input-tokens': 'many' }, /^Input 'max-input-tokens' has invalid value 'many'/],
    [
      { 'comment-on': 'commit' },
      /^Input 'comment-on' has invalid value 'commit'. Expected one of 'none', 'pr', 'issue', 'pr-review'.$/
    ],
    [{ 'comment-on': 'pr' }, /^Input 'comment-on' is 'pr' but 'github-token' is empty/]
  ])('rejects %j', async (inputs, message) => {
    await expect(parseConfig(source({ ...minimal, ...inputs }))).rejects.toThrow(message)
  })

  it('quotes at most the first 200 bytes of an invalid value, so a huge input cannot make a huge error', async () => {
    const huge = { 'max-tokens': '9'.repeat(1_000_000) }
    await expect(parseConfig(source({ ...minimal, ...huge }))).rejects.toThrow(
      /^Input 'max-tokens' has invalid value '9{197}…'. Expected an integer >= 1.$/
    )
  })

  it('reads every input, converting seconds to exact milliseconds', async () => {
    const config = await parseConfig(
      source({
        ...minimal,
        system: 'Be brief.',
        model: 'claude-opus-5',
        'max-tokens': '100',
        'base-url': 'http://127.0.0.1:9/',
        'max-retries': '0',
        'base-delay': '1.1',
        'max-delay': '0',
        jitter: 'Decorrelated',
        timeout: '2.5',
        'total-timeout': '30',
        stream: 'true',
        summary: 'metadata'
      })
    )
    expect(config).toMatchObject({
      system: 'Be brief.',
      model: 'claude-opus-5',
      maxTokens: 100,
      baseUrl: 'http://127.0.0.1:9/',
      retry: {
        maxRetries: 0,
        baseDelayMs: 1100,
        maxDelayMs: 0,
        jitter: 'decorrelated',
        attemptTimeoutMs: 2500,
        totalTimeoutMs: 30_000
      },
      streamMode: 'true',
      summary: 'metadata'
    })
  })

  it('falls back to ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL', async () => {
    const config = await parseConfig(
      source({ prompt: 'Hi' }, { ANTHROPIC_API_KEY: 'sk-env', ANTHROPIC_BASE_URL: 'https://proxy.example/' })
    )
    expect(config).toMatchObject({ apiKey: 'sk-env', baseUrl: 'https://proxy.example/' })
  })

  it('reads prompt-file relative to the workspace and absolute paths as given', async () => {
    writeFileSync(path.join(dirs.runnerTemp, 'system.md'), 'System.')
    const files = { 'prompts/review.md': 'Review this.' }
    const config = await parseConfig(
      source(
        {
          'anthropic-api-key': 'k',
          'prompt-file': 'prompts/review.md',
          'system-file': path.join(dirs.runnerTemp, 'system.md')
        },
        {},
        files
      )
    )
    expect(config).toMatchObject({
      conversation: { messages: [{ role: 'user', content: 'Review this.' }] },
      system: 'System.'
    })
  })

  it.each(['prompt-file', 'system-file', 'json-schema-file', 'prompt-yml'])(
    '%s: a symlink out of the workspace is refused before anything is read, naming the input and the real path',
    async input => {
      const secret = path.join(dirs.root, 'outside.txt')
      writeFileSync(secret, '{"FAKE_SECRET":"must not be read"}')
      symlinkSync(secret, path.join(dirs.ws, 'link.md'))
      const asks = input === 'prompt-file' || input === 'prompt-yml'
      const inputs = { 'anthropic-api-key': 'k', prompt: asks ? '' : 'Hi', [input]: 'link.md' }
      await expect(parseConfig(source(inputs))).rejects.toThrow(
        new ConfigError(
          `Input '${input}' has invalid value 'link.md': it resolves to ${secret}, which is outside the allowed directories. ` +
            `Expected a regular file of at most 32 MiB under GITHUB_WORKSPACE (${dirs.ws}) or RUNNER_TEMP (${dirs.runnerTemp}); ` +
            `relative paths start at ${dirs.ws}, and symbolic links may point only inside those directories.`
        )
      )
    }
  )

  it.each([
    [{ 'max-retries': '-1' }, "Input 'max-retries' has invalid value '-1'. Expected an integer >= 0."],
    [{ 'max-retries': '2.5' }, "Input 'max-retries' has invalid value '2.5'. Expected an integer >= 0."],
    [{ 'max-tokens': '1e3' }, "Input 'max-tokens' has invalid value '1e3'. Expected an integer >= 1."],
    [{ 'base-delay': '-1' }, "Input 'base-delay' has invalid value '-1'. Expected a number of seconds >= 0."],
    [{ 'max-delay': 'ten' }, "Input 'max-delay' has invalid value 'ten'. Expected a number of seconds >= 0."],
    [{ 'total-timeout': '0' }, "Input 'total-timeout' has invalid value '0'. Expected a number of seconds > 0."],
    [
      { temperature: '0.7' },
      "Input 'temperature' ('0.7') is no longer accepted: the Messages API version this action sends (anthropic-version 2026-10-21, the SDK 1.x default) removed temperature, top_p and top_k, and answers 400 to a request that carries any of them. Remove it."
    ],
    [{ stream: 'yes' }, "Input 'stream' has invalid value 'yes'. Expected one of 'auto', 'true', 'false'."],
    [{ summary: 'all' }, "Input 'summary' has invalid value 'all'. Expected one of 'full', 'metadata', 'off'."],
    [
      { model: 'claude sonnet' },
      "Input 'model' has invalid value 'claude sonnet'. Expected a model name without spaces, e.g. claude-sonnet-5-5."
    ],
    [
      { 'base-url': 'not a url' },
      "Input 'base-url' has invalid value 'not a url'. Expected an http:// or https:// URL."
    ],
    [{ system: 'a', 'system-file': 'b' }, "Inputs 'system' and 'system-file' were both given. Give only one of them."],
    [
      { prompt: '   ' },
      "Input 'prompt' is required: give the message in 'prompt', or a path to a file holding it in 'prompt-file' " +
        "(or a conversation in 'messages', or a GitHub Models prompt file in 'prompt-yml')."
    ]
  ])('rejects %j with an error naming the input, the value and what is accepted', async (inputs, message) => {
    await expect(parseConfig(source({ ...minimal, ...inputs }))).rejects.toThrow(new ConfigError(message))
  })

  it('rejects an empty prompt file and says where it looked for a missing one', async () => {
    await expect(
      parseConfig(source({ 'anthropic-api-key': 'k', 'prompt-file': 'e.md' }, {}, { 'e.md': '\n' }))
    ).rejects.toThrow("Input 'prompt-file' has invalid value 'e.md'. Expected a file that is not empty.")
    await expect(parseConfig(source({ 'anthropic-api-key': 'k', 'prompt-file': 'm.md' }))).rejects.toThrow(
      `reading ${dirs.ws}/m.md failed: ENOENT`
    )
  })

  it('without a key, says how to pass a secret', async () => {
    await expect(parseConfig(source({ prompt: 'Hi' }))).rejects.toThrow(/secrets\.ANTHROPIC_API_KEY/)
  })

  it('stream auto: streams exactly when max-tokens passes the SDK limit; true and false are kept', async () => {
    const streams = async (inputs: Record<string, string>) => {
      const config = await parseConfig(source({ ...minimal, ...inputs }))
      return streamsFor(config.streamMode, config.maxTokens)
    }
    expect(await streams({ 'max-tokens': '21333' })).toBe(false)
    expect(await streams({ 'max-tokens': '21334' })).toBe(true)
    expect(await streams({ 'max-tokens': '64000', stream: 'false' })).toBe(false)
    expect(await streams({ 'max-tokens': '10', stream: 'true' })).toBe(true)
    // A prompts-file line's own max-tokens is decided by the same rule (many/item.ts).
    expect(streamsFor('auto', 32_000)).toBe(true)
    expect(streamsFor('false', 32_000)).toBe(false)
  })
})

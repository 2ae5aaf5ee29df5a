/**
 * End to end (the built dist/, as the runner runs it): a user's ordinary mistakes are each found in
 * one run, before any request. Misspelt or foreign input names are named with the input meant;
 * every bad input is reported at once; comment-on without its PR or issue, a missing key on a
 * fork or Dependabot run, and vars that is not YAML fail with the fix, and nothing is sent.
 */
import { api, askWith, commentStep, hello, KEY, startApi, startGitHub } from '../support/ask.js'
import { DEFAULT_OWNER, DEFAULT_REPO } from '../support/fake-github.js'
import { runAction, type RunResult } from '../support/run-action.js'

const ask = askWith(runAction)

const errors = (result: RunResult) => result.commands.filter(c => c.name === 'error').map(c => c.data)
const warnings = (result: RunResult) => result.commands.filter(c => c.name === 'warning').map(c => c.data)

describe('misspelt and foreign input names', () => {
  it('warns, never fails, naming each in lower case with the input meant; never prints the value', async () => {
    const result = await ask([hello], { 'system-prompt': 'Be brief.', max_tokens: '100', use_bedrock: 'true' })
    expect(result.code).toBe(0)
    expect(warnings(result)).toEqual([
      "Input or variable 'system-prompt' (INPUT_SYSTEM-PROMPT) is not an input of this action and is ignored: did you mean 'system'?",
      "Input or variable 'max_tokens' (INPUT_MAX_TOKENS) is not an input of this action and is ignored: did you mean 'max-tokens'?",
      "Input or variable 'use_bedrock' (INPUT_USE_BEDROCK) is not an input of this action and is ignored: did you mean 'provider: bedrock'?"
    ])
    expect(result.stdout).not.toContain('Be brief.')
    expect(api?.requests).toHaveLength(1)
  })

  it('a job-level env: INPUT_X is named too, and claude_args says what to use instead', async () => {
    const result = await ask([hello], {}, { env: { INPUT_CLAUDE_ARGS: '--max-turns 3', INPUT_MODLE: 'x' } })
    expect(result.code).toBe(0)
    const lines = warnings(result)
    expect(lines).toContainEqual(expect.stringMatching(/^Input or variable 'claude_args' .* runs no CLI/))
    expect(lines).toContainEqual(
      expect.stringContaining(
        "'modle' (INPUT_MODLE) is not an input of this action and is ignored: did you mean 'model'?"
      )
    )
    expect(result.stdout).not.toContain('--max-turns')
  })

  it('when the misspelling leaves the key empty, the error names it; its value is masked, never printed', async () => {
    const fake = await startApi({ script: [hello] })
    const result = await runAction({
      inputs: { prompt: 'Hi', anthropic_api_key: KEY, 'base-url': fake.url },
      env: { ANTHROPIC_API_KEY: undefined }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toMatch(
      /^invalid_input: No API key: .* An input or variable 'anthropic_api_key' was given: did you mean 'anthropic-api-key'\?$/
    )
    expect(result.stdout).toContain(`::add-mask::${KEY}`)
    expect(result.stdout.replace(`::add-mask::${KEY}`, '')).not.toContain(KEY)
    expect(fake.requests).toHaveLength(0)
  })

  it('when the misspelling leaves the prompt empty, the error names it', async () => {
    const result = await ask([hello], { prompt: '', prompt_file: 'question.md' })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain("An input or variable 'prompt_file' was given: did you mean 'prompt-file'?")
    expect(api?.requests).toHaveLength(0)
  })
})

describe('every bad input in one run', () => {
  it('three bad inputs: one error, the count first, one line each naming input, value and what is accepted', async () => {
    const result = await ask([hello], { 'max-tokens': '4k', jitter: 'random', cache: '10m' })
    expect(result.code).toBe(1)
    const expected = [
      '3 problems with the inputs:',
      "- Input 'max-tokens' has invalid value '4k'. Expected an integer >= 1.",
      "- Input 'jitter' has invalid value 'random'. Expected one of 'full', 'equal', 'decorrelated', 'none'.",
      "- Input 'cache' has invalid value '10m'. Expected one of 'none', '5m', '1h'."
    ].join('\n')
    expect(result.outputs.error).toBe(`invalid_input: ${expected}`)
    expect(errors(result)).toEqual([`${expected}\nNo request was sent.`])
    expect(result.summary).toContain("> 3 problems with the inputs:\n> - Input 'max-tokens' has invalid value")
    expect(api?.requests).toHaveLength(0)
  })

  it('checks across inputs come after the single-input checks, and are reported too', async () => {
    const result = await ask([hello], { thinking: '8000', 'max-tokens': '4096', stream: 'sometimes' })
    expect(result.code).toBe(1)
    const lines = (result.outputs.error ?? '').split('\n')
    expect(lines[0]).toBe('invalid_input: 2 problems with the inputs:')
    expect(lines[1]).toMatch(/^- Input 'stream' has invalid value 'sometimes'/)
    expect(lines[2]).toMatch(
      /^- Input 'thinking' is a budget of 8000 tokens, which is not less than 'max-tokens' \(4096\)/
    )
    expect(api?.requests).toHaveLength(0)
  })

  it('a check across inputs is skipped when an input it reads is itself invalid (no second, wrong error)', async () => {
    const result = await ask([hello], { thinking: '8000', 'max-tokens': '4k' })
    expect(result.outputs.error).toBe(
      "invalid_input: Input 'max-tokens' has invalid value '4k'. Expected an integer >= 1."
    )
  })
})

describe('comment-on on an event without its pull request or issue', () => {
  it('comment-on: pr on workflow_dispatch fails before any request, with the guarding expression', async () => {
    const fakeGitHub = await startGitHub({})
    const result = await ask(
      [hello],
      { 'comment-on': 'pr', 'github-token': 'ghs_x' },
      commentStep(fakeGitHub.url, {}, 'workflow_dispatch')
    )
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain('this run was triggered by workflow_dispatch, which has no pull request')
    expect(result.outputs.error).toContain(
      "write 'comment-on: ${{ (github.event.pull_request || github.event.issue.pull_request) && 'pr' || 'none' }}'"
    )
    expect(api?.requests).toHaveLength(0)
    expect(fakeGitHub.requests).toHaveLength(0)
  })

  it('comment-on: issue on push fails before any request too, with its own expression', async () => {
    const fakeGitHub = await startGitHub({})
    const result = await ask(
      [hello],
      { 'comment-on': 'issue', 'github-token': 'ghs_x' },
      commentStep(fakeGitHub.url, {}, 'push')
    )
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain("write 'comment-on: ${{ github.event.issue && 'issue' || 'none' }}'")
    expect(api?.requests).toHaveLength(0)
  })
})

describe('a missing key where the run gets no repository secrets', () => {
  const noKey = { 'anthropic-api-key': '' }
  const prFrom = (headRepo: object | null) => ({ pull_request: { number: 7, head: { repo: headRepo } } })
  const run = async (event: object, eventName: string, actor = 'octocat') => {
    const step = commentStep('http://127.0.0.1:9', event, eventName)
    return ask([hello], noKey, { ...step, env: { ...step.env, GITHUB_ACTOR: actor, ANTHROPIC_API_KEY: undefined } })
  }

  it('a pull_request from a fork (or a deleted fork) points to mock-response and the fork recipe', async () => {
    for (const event of [prFrom({ full_name: 'stranger/octo-repo' }), prFrom(null)]) {
      const result = await run(event, 'pull_request')
      expect(result.code).toBe(1)
      expect(result.outputs.error).toContain(
        'This run is a pull request from a fork, and GitHub gives such runs no secrets.'
      )
      expect(result.outputs.error).toContain("Set 'mock-response' for fork pull requests")
      expect(result.outputs.error).toContain("the README's fork recipe")
      expect(result.outputs.error).not.toContain('repository secret')
      expect(api?.requests).toHaveLength(0)
    }
  })

  it('Dependabot: store the key as a Dependabot secret, or use mock-response', async () => {
    const result = await run(
      prFrom({ full_name: `${DEFAULT_OWNER}/${DEFAULT_REPO}` }),
      'pull_request',
      'dependabot[bot]'
    )
    expect(result.outputs.error).toContain('store the key as a Dependabot secret')
    expect(result.outputs.error).toContain("'mock-response'")
  })

  it('pull_request_target and a branch of the same repository keep the usual advice', async () => {
    for (const [event, name] of [
      [prFrom({ full_name: 'stranger/octo-repo' }), 'pull_request_target'],
      [prFrom({ full_name: `${DEFAULT_OWNER}/${DEFAULT_REPO}` }), 'pull_request']
    ] as const) {
      const result = await run(event, name)
      expect(result.outputs.error).toContain('Store the key as a repository secret')
    }
  })
})

describe('vars that is not valid YAML', () => {
  it('says where, without a stray ":)", and gives the fix: toJSON around untrusted values', async () => {
    const result = await ask([hello], { prompt: 'Triage {{title}}', vars: 'title: Fix: the build' })
    expect(result.code).toBe(1)
    expect(result.outputs.error).toContain('(Nested mappings are not allowed in compact mappings at line 1, column 8).')
    expect(result.outputs.error).not.toContain(':)')
    expect(result.outputs.error).toContain("'title: ${{ toJSON(github.event.issue.title) }}'")
    expect(api?.requests).toHaveLength(0)
  })
})

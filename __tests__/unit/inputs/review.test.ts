import { ConfigError, type InputSource } from '../../../src/inputs/read.js'
import { reviewInputs } from '../../../src/inputs/review.js'
import { REVIEW_SCHEMA } from '../../../src/request/review-schema.js'
import { parseConfig } from '../../../src/inputs/config.js'
import { useWorkspace } from '../../fixtures/workspace.js'

const sourceOf = (inputs: Record<string, string>): InputSource => ({ getInput: name => inputs[name] ?? '', env: {} })
const noProblem = { pullRequestProblem: () => undefined }
const problems = (run: () => unknown): string[] => {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(p => p.text)
    throw error
  }
  return []
}

describe('reviewInputs', () => {
  it('with pr-review: the defaults, the schema, and the files read for posting though not attached', () => {
    expect(reviewInputs(sourceOf({}), 'pr-review', 'tok', noProblem)).toEqual({
      review: { maxComments: 30, suggestions: false },
      diff: { attach: false, exclude: [], token: 'tok' },
      commentKey: '',
      schema: REVIEW_SCHEMA
    })
  })
  it('without pr-review or pr-diff: nothing read from the pull request', () => {
    expect(reviewInputs(sourceOf({ 'comment-key': ' linux ' }), 'pr', 'tok', noProblem)).toEqual({
      review: undefined,
      diff: undefined,
      commentKey: 'linux',
      schema: undefined
    })
  })
  it('reads pr-diff-exclude as a comma or newline list, and the other inputs', () => {
    const source = sourceOf({
      'pr-diff': 'true',
      'pr-diff-exclude': 'package-lock.json, dist/**\n*.min.js',
      'max-review-comments': '100',
      'review-suggestions': 'TRUE'
    })
    expect(reviewInputs(source, 'pr-review', 'tok', noProblem)).toMatchObject({
      review: { maxComments: 100, suggestions: true },
      diff: { attach: true, exclude: ['package-lock.json', 'dist/**', '*.min.js'] }
    })
  })
  it('reports every problem at once, each naming the input, the value and what is accepted', () => {
    const source = sourceOf({
      'pr-diff': 'yes',
      'max-review-comments': '1e2',
      'review-suggestions': '1',
      'pr-diff-exclude': '!keep.ts',
      'json-schema': '{}',
      'mock-response': '{"summary": "s", "comments": [{"path": "a", "line": 0, "body": "b"}]}'
    })
    expect(problems(() => reviewInputs(source, 'pr-review', 'tok', noProblem))).toEqual([
      "Input 'pr-diff' has invalid value 'yes'. Expected one of 'true', 'false'.",
      expect.stringMatching(/^Input 'pr-diff-exclude' has invalid value '!keep.ts'. Expected globs/),
      "Input 'max-review-comments' has invalid value '1e2'. Expected an integer from 1 to 100.",
      "Input 'review-suggestions' has invalid value '1'. Expected one of 'true', 'false'.",
      expect.stringMatching(/^Input 'json-schema' cannot be used with 'comment-on: pr-review'/),
      expect.stringMatching(/^Input 'mock-response' is not a review: comments\[0\]\.line is not a positive integer\./)
    ])
  })
  it("a prompt-yml file's own jsonSchema is refused with pr-review, not silently replaced", () => {
    const source = sourceOf({ 'prompt-yml': 'review.prompt.yml' })
    expect(problems(() => reviewInputs(source, 'pr-review', 'tok', { ...noProblem, promptYmlSchema: true }))).toEqual([
      "Input 'prompt-yml' ('review.prompt.yml') sets 'responseFormat: json_schema' with its own 'jsonSchema', which cannot be used with 'comment-on: pr-review': the review asks for its own schema. Remove 'responseFormat' and 'jsonSchema' from the file, or use 'comment-on: pr' to post your JSON as a comment."
    ])
    expect(reviewInputs(source, 'pr', 'tok', { ...noProblem, promptYmlSchema: true }).schema).toBeUndefined()
  })
  it('max-review-comments is 1 to 100', () => {
    for (const value of ['0', '101', '-1', '2.5'])
      expect(
        problems(() => reviewInputs(sourceOf({ 'max-review-comments': value }), 'pr-review', 't', noProblem))
      ).toEqual([`Input 'max-review-comments' has invalid value '${value}'. Expected an integer from 1 to 100.`])
  })
  it('a mock-response that is not JSON, pr-diff without a token or without a pull request', () => {
    expect(problems(() => reviewInputs(sourceOf({ 'mock-response': 'LGTM' }), 'pr-review', 'tok', noProblem))).toEqual([
      expect.stringMatching(/^Input 'mock-response' is not valid JSON .* it must be a review/)
    ])
    const noPr = () => 'comment-on is pr, but this run was triggered by push, which has no pull request.'
    const source = {
      getInput: (name: string) => (name === 'pr-diff' ? 'true' : ''),
      env: { GITHUB_EVENT_NAME: 'push' }
    }
    expect(problems(() => reviewInputs(source, 'none', '', { pullRequestProblem: noPr }))).toEqual([
      expect.stringMatching(/^Input 'pr-diff' is true but 'github-token' is empty/),
      "Input 'pr-diff' is true, but this run (push) has no pull request to read. Set it only on runs that have one: 'pr-diff: ${{ (github.event.pull_request || github.event.issue.pull_request) && 'true' || 'false' }}'."
    ])
    // comment-on pr or pr-review reports the token and the event itself: said once, not twice.
    for (const commentOn of ['pr', 'pr-review'] as const)
      expect(problems(() => reviewInputs(source, commentOn, '', { pullRequestProblem: noPr }))).toEqual([])
    expect(problems(() => reviewInputs(source, 'issue', 'tok', { pullRequestProblem: noPr }))).toEqual([
      expect.stringMatching(/^Input 'pr-diff' is true, but this run \(push\) has no pull request to read/)
    ])
  })
})

/** A GitHub Models prompt file that asks for its own JSON. */
const PROMPT_YML = [
  'messages:',
  '  - role: user',
  '    content: Review.',
  'responseFormat: json_schema',
  'jsonSchema: \'{"name": "mine", "schema": {"type": "object"}}\''
].join('\n')

describe('parseConfig with pr-review', () => {
  const { source } = useWorkspace()
  const base = { prompt: 'Review', 'anthropic-api-key': 'sk-ant-x', 'github-token': 'ght' }
  it('holds the answer to the review schema, and refuses a prompt-yml schema and prompts-file with it', async () => {
    const config = await parseConfig(source({ ...base, 'comment-on': 'pr-review' }))
    expect(config.jsonSchema).toBe(REVIEW_SCHEMA)
    expect(config.comment).toEqual({
      on: 'pr-review',
      token: 'ght',
      key: '',
      review: { maxComments: 30, suggestions: false }
    })
    expect(config.prDiff).toEqual({ attach: false, exclude: [], token: 'ght' })
    await expect(
      parseConfig(
        source(
          { ...base, prompt: '', 'prompt-yml': 'r.prompt.yml', 'comment-on': 'pr-review' },
          {},
          { 'r.prompt.yml': PROMPT_YML }
        )
      )
    ).rejects.toThrow(
      /Input 'prompt-yml' \('r\.prompt\.yml'\) sets 'responseFormat: json_schema' with its own 'jsonSchema', which cannot be used with 'comment-on: pr-review'/
    )
    await expect(
      parseConfig(source({ ...base, prompt: '', 'prompts-file': 'p.jsonl', 'comment-on': 'pr-review' }))
    ).rejects.toThrow(/Input 'comment-on' cannot be used with 'prompts-file'/)
  })
})

/**
 * The inputs of review comments and the attached diff (`comment-on: pr-review`, `pr-diff`,
 * `pr-diff-exclude`, `max-review-comments`, `review-suggestions`) and `comment-key`, read and
 * checked before any request, every problem reported through InputProblems.
 */
import { REVIEW_SCHEMA, reviewProblem } from '../request/review-schema.js'
import { type CommentTargetInput, Defaults, Inputs } from './input-names.js'
import { InputProblems } from './problems.js'
import { booleanInput, ConfigError, type InputSource, invalid, listInput } from './read.js'

export interface ReviewSettings {
  /** `max-review-comments`: the most inline comments; the rest go into the review's body. */
  maxComments: number
  /** `review-suggestions`: suggestion blocks allowed. */
  suggestions: boolean
}

export interface PrDiffSettings {
  /** `pr-diff`: attach the labelled diff before the prompt (else the files are read only to place comments). */
  attach: boolean
  /** `pr-diff-exclude`: globs of files left out of the diff shown to the model. */
  exclude: string[]
  /** `github-token`, which reads the pull request. */
  token: string
}

export interface ReviewInputs {
  review: ReviewSettings | undefined
  /** Set when the PR's files are read: `pr-diff`, or `comment-on: pr-review`. */
  diff: PrDiffSettings | undefined
  /** `comment-key`: separates the comments of matrix legs; '' when not given. */
  commentKey: string
  /** With pr-review: the built-in review schema, which the answer is held to like `json-schema`'s. */
  schema: Record<string, unknown> | undefined
}

const MAX_REVIEW_COMMENTS = 100

/** pr-diff only on runs with a pull request (pull_request events, comments on pull requests). */
const PR_DIFF_GUARD = "${{ (github.event.pull_request || github.event.issue.pull_request) && 'true' || 'false' }}"

/** What parseConfig knows already that the review's checks need. */
export interface ReviewChecks {
  /** The event check that a pull request is there: why not, or undefined. */
  pullRequestProblem: () => string | undefined
  /** The `prompt-yml` file sets its own jsonSchema, which the review schema would replace. */
  promptYmlSchema?: boolean
}

/** `commentOn` as parseConfig read it. */
export function reviewInputs(
  source: InputSource,
  commentOn: CommentTargetInput,
  githubToken: string,
  { pullRequestProblem, promptYmlSchema = false }: ReviewChecks
): ReviewInputs {
  const problems = new InputProblems()
  const check = problems.check.bind(problems)
  const isReview = commentOn === 'pr-review'
  const attach = check(() => booleanInput(source, Inputs.prDiff, Defaults.prDiff), false)
  const exclude = check(() => globList(source), [])
  const maxComments = check(() => maxReviewComments(source), Defaults.maxReviewComments)
  const suggestions = check(() => booleanInput(source, Inputs.reviewSuggestions, Defaults.reviewSuggestions), false)
  const commentKey = source.getInput(Inputs.commentKey).trim()

  if (isReview) {
    for (const name of [Inputs.jsonSchema, Inputs.jsonSchemaFile]) {
      if (source.getInput(name).trim() !== '')
        check(() => {
          throw new ConfigError(
            `Input '${name}' cannot be used with '${Inputs.commentOn}: pr-review', which asks for its own review schema. Remove '${name}', or use '${Inputs.commentOn}: pr' to post your JSON as a comment.`
          )
        }, undefined)
    }
    if (promptYmlSchema)
      check(() => {
        throw new ConfigError(
          `Input '${Inputs.promptYml}' ('${source.getInput(Inputs.promptYml).trim()}') sets 'responseFormat: json_schema' with its own 'jsonSchema', which cannot be used with '${Inputs.commentOn}: pr-review': the review asks for its own schema. Remove 'responseFormat' and 'jsonSchema' from the file, or use '${Inputs.commentOn}: pr' to post your JSON as a comment.`
        )
      }, undefined)
    const mock = source.getInput(Inputs.mockResponse)
    if (mock.trim() !== '') check(() => mockReview(mock), undefined)
  }
  // Any comment-on but none needs the token, and pr and pr-review the pull request: reported once, for comment-on.
  if (attach && commentOn === 'none' && githubToken === '')
    check(() => {
      throw new ConfigError(
        `Input '${Inputs.prDiff}' is true but '${Inputs.githubToken}' is empty. Pass 'with: ${Inputs.githubToken}: \${{ github.token }}' (the default in action.yml).`
      )
    }, undefined)
  // The diff is read from a pull request: without one the step would fail after the request.
  if (attach && (commentOn === 'none' || commentOn === 'issue') && pullRequestProblem() !== undefined)
    check(() => {
      const event = source.env.GITHUB_EVENT_NAME || 'this event'
      throw new ConfigError(
        `Input '${Inputs.prDiff}' is true, but this run (${event}) has no pull request to read. Set it only on runs that have one: '${Inputs.prDiff}: ${PR_DIFF_GUARD}'.`
      )
    }, undefined)
  problems.throwIfAny()
  return {
    review: isReview ? { maxComments, suggestions } : undefined,
    diff: attach || isReview ? { attach, exclude, token: githubToken } : undefined,
    commentKey,
    schema: isReview ? REVIEW_SCHEMA : undefined
  }
}

function globList(source: InputSource): string[] {
  return listInput(
    source,
    Inputs.prDiffExclude,
    glob => !glob.startsWith('!') && !/\s/.test(glob),
    "globs of file paths without spaces or '!', separated by commas or new lines (e.g. 'package-lock.json, dist/**')"
  )
}

function maxReviewComments(source: InputSource): number {
  const raw = source.getInput(Inputs.maxReviewComments).trim()
  if (raw === '') return Defaults.maxReviewComments
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_REVIEW_COMMENTS)
    throw invalid(Inputs.maxReviewComments, raw, `an integer from 1 to ${MAX_REVIEW_COMMENTS}`)
  return value
}

/** What a review looks like, for the errors about mock-response. */
const REVIEW_SHAPE = '{"summary": "…", "comments": [{"path": "…", "line": 1, "body": "…"}]}'

/** In a mock run the text stands in for Claude's answer, so it must be a review as well. */
function mockReview(text: string): void {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(
      `Input '${Inputs.mockResponse}' is not valid JSON (${(error as Error).message}); with '${Inputs.commentOn}: pr-review' it must be a review: ${REVIEW_SHAPE}.`
    )
  }
  const problem = reviewProblem(value)
  if (problem !== undefined)
    throw new ConfigError(
      `Input '${Inputs.mockResponse}' is not a review: ${problem}. With '${Inputs.commentOn}: pr-review' it must be ${REVIEW_SHAPE}.`
    )
}

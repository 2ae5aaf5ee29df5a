/**
 * The built-in review schema of `comment-on: pr-review`: the answer Claude is asked for through
 * the same structured-output path as `json-schema` (sent as the output format, validated, a
 * non-conforming answer retried). Pure.
 *
 * Only keywords the structured-output format accepts are used (no numeric or length bounds);
 * what they would say (a line is a positive integer) is checked by `reviewProblem`, and a line
 * that is not on the diff sends the finding to the review's body anyway.
 */

/** One finding: a comment on `line` (or `start_line..line`) of `path`. */
export interface ReviewFinding {
  path: string
  line: number
  start_line?: number
  /** RIGHT (default): a line of the new file; LEFT: a removed line of the old file. */
  side?: 'RIGHT' | 'LEFT'
  body: string
  /** Replacement text for the lines, posted as a suggestion block when `review-suggestions` allows it. */
  suggestion?: string
}

export interface ReviewAnswer {
  summary: string
  comments: ReviewFinding[]
}

export const REVIEW_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'comments'],
  properties: {
    summary: { type: 'string', description: 'The review as a whole, in Markdown.' },
    comments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'line', 'body'],
        properties: {
          path: { type: 'string', description: "The file's path in the pull request." },
          line: {
            type: 'integer',
            description: 'The line the comment is on: the number after R (new file) or L (removed line) in the diff.'
          },
          start_line: { type: 'integer', description: 'For a range: its first line, in the same hunk, below line.' },
          side: {
            type: 'string',
            enum: ['RIGHT', 'LEFT'],
            description: 'LEFT for removed (L) lines; RIGHT by default.'
          },
          body: { type: 'string', description: 'The comment, in Markdown.' },
          suggestion: { type: 'string', description: 'Replacement text for start_line..line (or line), if any.' }
        }
      }
    }
  }
}

const positive = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value > 0

/** What is wrong with `value` as a review, or undefined when it is one. */
export function reviewProblem(value: unknown): string | undefined {
  const answer = value as Partial<Record<string, unknown>> | null
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) return 'it is not a JSON object'
  if (typeof answer.summary !== 'string') return "'summary' is not a string"
  if (!Array.isArray(answer.comments)) return "'comments' is not a list"
  for (const [index, item] of answer.comments.entries()) {
    const at = `comments[${index}]`
    const c = item as Partial<Record<string, unknown>> | null
    if (c === null || typeof c !== 'object' || Array.isArray(c)) return `${at} is not an object`
    if (typeof c.path !== 'string' || c.path === '') return `${at}.path is not a file path`
    if (!positive(c.line)) return `${at}.line is not a positive integer`
    if (c.start_line !== undefined && !positive(c.start_line)) return `${at}.start_line is not a positive integer`
    if (c.side !== undefined && c.side !== 'RIGHT' && c.side !== 'LEFT') return `${at}.side is not RIGHT or LEFT`
    if (typeof c.body !== 'string') return `${at}.body is not a string`
    if (c.suggestion !== undefined && typeof c.suggestion !== 'string') return `${at}.suggestion is not a string`
  }
  return undefined
}

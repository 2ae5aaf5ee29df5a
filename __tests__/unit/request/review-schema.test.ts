import { REVIEW_SCHEMA, reviewProblem } from '../../../src/request/review-schema.js'
import { compileSchema } from '../../../src/claude/schema.js'

describe('reviewProblem', () => {
  it('accepts a review, with every optional field', () => {
    expect(reviewProblem({ summary: 's', comments: [] })).toBeUndefined()
    const full = { path: 'a', line: 3, start_line: 1, side: 'LEFT', body: 'b', suggestion: 'x' }
    expect(reviewProblem({ summary: 's', comments: [full] })).toBeUndefined()
  })
  it.each([
    [[], 'it is not a JSON object'],
    [{ comments: [] }, "'summary' is not a string"],
    [{ summary: 's' }, "'comments' is not a list"],
    [{ summary: 's', comments: [1] }, 'comments[0] is not an object'],
    [{ summary: 's', comments: [{ line: 1, body: '' }] }, 'comments[0].path is not a file path'],
    [{ summary: 's', comments: [{ path: 'a', line: 0, body: '' }] }, 'comments[0].line is not a positive integer'],
    [
      { summary: 's', comments: [{ path: 'a', line: 1, start_line: 1.5, body: '' }] },
      'comments[0].start_line is not a positive integer'
    ],
    [
      { summary: 's', comments: [{ path: 'a', line: 1, side: 'right', body: '' }] },
      'comments[0].side is not RIGHT or LEFT'
    ],
    [{ summary: 's', comments: [{ path: 'a', line: 1 }] }, 'comments[0].body is not a string'],
    [
      { summary: 's', comments: [{ path: 'a', line: 1, body: '', suggestion: 1 }] },
      'comments[0].suggestion is not a string'
    ]
  ])('%j: %s', (value, problem) => {
    expect(reviewProblem(value)).toBe(problem)
  })
})

describe('REVIEW_SCHEMA', () => {
  it('compiles, and agrees with reviewProblem on the shape', async () => {
    const check = await compileSchema(REVIEW_SCHEMA)
    expect(check({ summary: 's', comments: [{ path: 'a', line: 2, body: 'b', side: 'RIGHT' }] })).toBeUndefined()
    expect(check({ summary: 's', comments: [{ path: 'a', line: 'two', body: 'b' }] })).toMatch(/line/)
    expect(check({ summary: 's', comments: [], extra: 1 })).toMatch(/additional/)
  })
})

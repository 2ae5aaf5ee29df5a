import { oneLine } from '../../../src/report/format.js'
import { parseWorkflowCommands } from '../../support/run-action.js'

describe('oneLine (the gate for server and user text on a log line)', () => {
  it.each([
    'no ##[error title=Deploy approved]All checks passed',
    '##[add-mask]x',
    '::error::at the start',
    ' \t\u00a0\u0085::warning::after white space the runner trims',
    'a\n::error::after LF\r::add-mask::after CR\u2028::error::after LS',
    '##[stop-commands]t\n##[error]x'
  ])('%j runs no command as the runner reads it, and still reads the same', text => {
    const line = oneLine(text)
    expect(parseWorkflowCommands(`Attempt 1: ${line}`)).toEqual([])
    expect(parseWorkflowCommands(line)).toEqual([])
    expect(line.replace(/\u200b/g, '')).toBe(text.replace(/[\r\n\u2028\u2029]+/g, ' '))
  })
})

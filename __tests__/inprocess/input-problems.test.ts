/**
 * Every input problem in one run, in-process: inside the sections that hold several inputs
 * (the cost guard, many prompts, request options) each bad input is reported, not only the first,
 * and a check across inputs stays quiet when an input it reads is itself invalid.
 */
import { api, askWith, hello } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess)
/** The problems' first lines (a problem of several lines continues indented). */
const problems = (error: string | undefined) =>
  (error ?? '')
    .split('\n')
    .slice(1)
    .filter(line => line.startsWith('- '))

describe('several problems in one section', () => {
  it('cost: prices and max-cost-usd both reported', async () => {
    const result = await ask([hello], { prices: '{not json', 'max-cost-usd': '-1' })
    expect(result.outputs.error).toMatch(/^invalid_input: 2 problems with the inputs:\n/)
    expect(problems(result.outputs.error)).toEqual([
      expect.stringMatching(/^- Input 'prices' /),
      "- Input 'max-cost-usd' has invalid value '-1'. Expected a number of US dollars > 0, e.g. 0.50."
    ])
    expect(api?.requests).toHaveLength(0)
  })

  it('many prompts: mode, concurrency, shard and batch-wait all reported, with the prompts file', async () => {
    const result = await ask(
      [hello],
      {
        prompt: '',
        'prompts-file': 'items.jsonl',
        mode: 'fast',
        concurrency: '999',
        shard: '5/4',
        'batch-wait': 'maybe'
      },
      { workspaceFiles: { 'items.jsonl': '{"id": "a", "prompt": "x"}\nnot json\n' } }
    )
    const lines = problems(result.outputs.error)
    expect(lines).toEqual([
      expect.stringMatching(/^- Input 'shard' has invalid value '5\/4'/),
      expect.stringMatching(/^- Input 'concurrency' has invalid value '999'/),
      expect.stringMatching(/^- Input 'mode' has invalid value 'fast'/),
      expect.stringMatching(/^- Input 'batch-wait' has invalid value 'maybe'/),
      expect.stringMatching(/^- Input 'prompts-file' \('items.jsonl'\)/)
    ])
    expect(result.outputs.error).toContain('\n    line 2: not valid JSON')
    expect(api?.requests).toHaveLength(0)
  })

  it('request options: thinking, effort and service-tier all reported', async () => {
    const result = await ask([hello], { thinking: 'lots', effort: 'extreme', 'service-tier': 'gold' })
    expect(problems(result.outputs.error)).toEqual([
      expect.stringMatching(/^- Input 'thinking' has invalid value 'lots'/),
      expect.stringMatching(/^- Input 'effort' has invalid value 'extreme'/),
      expect.stringMatching(/^- Input 'service-tier' has invalid value 'gold'/)
    ])
  })

  it('an invalid provider gives no second, wrong "No API key" error', async () => {
    const result = await ask([hello], { provider: 'bedrok', 'anthropic-api-key': '' })
    expect(result.outputs.error).toMatch(/^invalid_input: Input 'provider' has invalid value 'bedrok'\. [^\n]*$/)
  })
})

/**
 * Batch mode as a step (run() in this process): the inputs choose it (mode batch, auto from 100
 * items), the results go through the many-prompts Recorder into the outputs and the summary, and
 * where no Message Batches API exists the step says so. The engine itself is tested in
 * batch.test.ts, the bundle in __tests__/e2e/batch.test.ts.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { priceOf } from '../../src/cost/prices.js'
import { DEFAULT_MODEL } from '../../src/inputs/input-names.js'
import { api, askWith } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'
import { promptsWorkspace as workspace, resultRows as rows } from '../support/many.js'

const ask = askWith(runInProcess, { prompt: '', 'base-delay': '0.01', 'max-delay': '0.05' })

const inputs = { 'prompts-file': 'prompts.jsonl', 'results-file': 'out/results.jsonl' }

describe('batch mode as a step', () => {
  it('mode auto sends 100 items as a Message Batch; outputs and summary count its results', async () => {
    const dir = workspace(100)
    const result = await ask({ batches: {} }, inputs, { env: { GITHUB_WORKSPACE: dir } })
    expect(result.code).toBe(0)
    expect(api!.batches.created).toEqual(['msgbatch_fake_1'])
    expect(api!.requests.filter(r => r.path === '/v1/messages')).toEqual([])
    expect(rows(dir)).toHaveLength(100)
    expect(new Set(rows(dir).map(r => r.id)).size).toBe(100)
    expect(result.outputs).toMatchObject({ total: '100', succeeded: '100', failed: '0', 'output-tokens': '500' })
    expect(result.stdout).toContain('to send in batch mode')
    expect(result.summary).toContain('| Mode | batch |')
    expect(result.summary).toContain('Message Batches: msgbatch\\_fake\\_1')
    // Message Batches are billed at half the standard price.
    const { price } = priceOf(DEFAULT_MODEL, { overrides: {} })!
    expect(Number(result.outputs['cost-usd'])).toBeCloseTo((100 * (10 * price.input + 5 * price.output)) / 2e6, 9)
  })

  it('mode auto below 100 items stays direct', async () => {
    const dir = workspace(3)
    const result = await ask({ batches: {} }, inputs, { env: { GITHUB_WORKSPACE: dir } })
    expect(result.code).toBe(0)
    expect(api!.batches.calls).toEqual([])
    expect(api!.requests.filter(r => r.path === '/v1/messages')).toHaveLength(3)
  })

  it('batch-wait false: the summary notes the batches still to collect, the step is green', async () => {
    const dir = workspace(2)
    const result = await ask(
      { batches: {} },
      { ...inputs, mode: 'batch', 'batch-wait': 'false' },
      {
        env: { GITHUB_WORKSPACE: dir }
      }
    )
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ 'batch-ids': 'msgbatch_fake_1', succeeded: '0', failed: '0' })
    expect(result.summary).toContain("Still to collect (output 'batch-ids'): msgbatch\\_fake\\_1")
  })

  it('collecting with resume leaves the ids that already succeeded as they were', async () => {
    const dir = workspace(2)
    const submitted = await ask(
      { batches: { pollsUntilEnded: 0 } },
      { ...inputs, mode: 'batch', 'batch-wait': 'false' },
      {
        env: { GITHUB_WORKSPACE: dir }
      }
    )
    const earlier = { id: 'item-1', status: 'succeeded', response: 'from an earlier run', attempts: 1 }
    writeFileSync(path.join(dir, 'out/results.jsonl'), `${JSON.stringify(earlier)}\n`)
    const collected = await runInProcess({
      inputs: {
        'anthropic-api-key': 'sk-ant-api03-batch-step-key',
        'base-url': api!.url,
        'max-delay': '0.05',
        'batch-ids': submitted.outputs['batch-ids']!,
        'results-file': 'out/results.jsonl',
        resume: 'true'
      },
      env: { GITHUB_WORKSPACE: dir }
    })
    expect(collected.code).toBe(0)
    // A run that only collects says so, not "0 items, 0 to send".
    expect(collected.stdout).toContain(
      `Many prompts: collecting 1 Message Batch (${submitted.outputs['batch-ids']}) into results-file `
    )
    const list = rows(dir)
    expect(list.map(r => [r.id, r.response])).toEqual([
      ['item-1', 'from an earlier run'],
      ['item-2', 'Answer to item-2.']
    ])
    expect(collected.outputs).toMatchObject({ succeeded: '1', failed: '0' })
  })

  it('mode batch with mock-response fails every item before any request, saying why', async () => {
    const dir = workspace(2)
    const result = await ask(
      { batches: {} },
      { ...inputs, mode: 'batch', 'mock-response': 'Hi' },
      {
        env: { GITHUB_WORKSPACE: dir }
      }
    )
    expect(result.code).toBe(1)
    expect(api!.requests).toEqual([])
    expect(rows(dir).map(r => r.error)).toEqual(
      Array(2).fill("'mock-response' has no Message Batches API; use 'mode: direct' (or the Claude API).")
    )
  })
})

/**
 * Batch mode as the runner runs it: the built dist/index.js in a child process against the fake
 * API's Message Batches endpoints (fake-batches.ts) on 127.0.0.1. What only a child shows: the
 * bundle, two steps handing batch ids on, and a SIGINT (the batches cancelled, the step ending
 * within a second).
 */
import { KEY, startApi } from '../support/ask.js'
import type { FakeBatchesOptions } from '../support/fake-batches.js'
import { runAction, type RunOptions } from '../support/run-action.js'
import { allIds, ids, promptsWorkspace as workspace, RESULTS, resultRows as rows } from '../support/many.js'

async function run(
  dir: string,
  batches: FakeBatchesOptions | undefined,
  inputs: Record<string, string> = {},
  extra: Partial<RunOptions> = {}
) {
  const api = batches ? await startApi({ batches }) : undefined
  return runAction({
    inputs: {
      'anthropic-api-key': KEY,
      'base-url': api?.url ?? inputs['base-url'] ?? '',
      'base-delay': '0.01',
      'max-delay': '0.05',
      'prompts-file': 'prompts.jsonl',
      'results-file': RESULTS,
      mode: 'batch',
      ...inputs
    },
    env: { GITHUB_WORKSPACE: dir },
    ...extra
  }).then(result => ({ result, api }))
}

describe('batch mode, dist/index.js in a child', () => {
  it('submits, polls, collects: each id exactly once, outputs and progress lines', async () => {
    const dir = workspace(6)
    const { result, api } = await run(dir, { pollsUntilEnded: 2 })
    expect(result.code).toBe(0)
    expect(ids(rows(dir))).toEqual(allIds(6))
    expect(rows(dir).every(r => r.status === 'succeeded' && r.response === `Answer to ${r.id}.`)).toBe(true)
    expect(result.outputs).toMatchObject({ total: '6', succeeded: '6', failed: '0', 'input-tokens': '60' })
    expect(result.outputs['batch-ids']).toBeUndefined()
    expect(result.stdout).toContain('Message Batch msgbatch_fake_1: in_progress; ')
    expect(result.stdout).toContain('Message Batch msgbatch_fake_1: ended; 6 of 6 ended (succeeded 6,')
    expect(api!.batches.created).toEqual(['msgbatch_fake_1'])
  })

  it('splits into several batches when the API refuses one as too large', async () => {
    const dir = workspace(8)
    // About three requests fit the fake's byte limit.
    const { result, api } = await run(dir, { maxBytes: 600 })
    expect(result.code).toBe(0)
    expect(api!.batches.created.length).toBeGreaterThan(1)
    const members = [...api!.batches.members.values()].flat()
    expect(members.sort()).toEqual(allIds(8))
    expect(ids(rows(dir))).toEqual(allIds(8))
  })

  it('resubmits transient errored and expired items; a final error fails the step with the error in its line', async () => {
    const dir = workspace(4)
    const outcome: FakeBatchesOptions['outcome'] = (id, submission) =>
      id === 'item-1' && submission === 0
        ? { type: 'errored', errorType: 'overloaded_error' }
        : id === 'item-2' && submission === 0
          ? { type: 'expired' }
          : id === 'item-3'
            ? { type: 'errored', errorType: 'invalid_request_error', message: 'prompt is too long' }
            : { type: 'succeeded' }
    const { result, api } = await run(dir, { outcome })
    expect(result.code).toBe(1)
    const list = rows(dir)
    expect(ids(list)).toEqual(allIds(4))
    expect(list.find(r => r.id === 'item-1')).toMatchObject({ status: 'succeeded', attempts: 2 })
    expect(list.find(r => r.id === 'item-2')).toMatchObject({ status: 'succeeded', attempts: 2 })
    expect(list.find(r => r.id === 'item-3')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'invalid_request_error: prompt is too long'
    })
    expect([...api!.batches.members.values()]).toEqual([allIds(4), ['item-1', 'item-2']])
    expect(result.outputs).toMatchObject({ total: '4', succeeded: '3', failed: '1' })
  })

  it('batch-wait false submits and ends green; a later run collects by batch-ids alone', async () => {
    const dir = workspace(5)
    const submitted = await run(dir, { pollsUntilEnded: 0 }, { 'batch-wait': 'false' })
    expect(submitted.result.code).toBe(0)
    expect(submitted.result.outputs['batch-ids']).toBe('msgbatch_fake_1')
    expect(submitted.api!.batches.calls.map(c => c.kind)).toEqual(['create'])
    // The create request is counted, the batch is said to be submitted (not "succeeded"), with
    // its id and how to collect it; no cost yet (it is billed when it runs).
    expect(submitted.result.outputs).toMatchObject({ attempts: '1', succeeded: '0', failed: '0' })
    expect(submitted.result.outputs['cost-usd']).toBeUndefined()
    const summary = submitted.result.summary
    expect(summary).toContain(
      '### 📨 Ask Claude (many prompts): Message Batches still processing, results not collected yet'
    )
    expect(summary).toContain('| Submitted | 5 requests in 1 Message Batch, not collected yet |')
    expect(summary).toContain('| Requests | 1 (creating the Message Batches) |')
    expect(summary).toContain(
      "Not collected yet: 1 Message Batch (msgbatch\\_fake\\_1) is still processing. To collect the results, pass this step's `batch-ids` output to the `batch-ids` input"
    )
    expect(summary).not.toMatch(/succeeded|Every result is in|Estimated cost/)
    expect(submitted.result.stdout).toContain(
      "Done: 5 requests submitted in 1 Message Batch (1 create request), no result collected yet. To collect them, pass the output 'batch-ids' (msgbatch_fake_1) to the input 'batch-ids' of a later step or run."
    )

    const collected = await runAction({
      inputs: {
        'anthropic-api-key': KEY,
        'base-url': submitted.api!.url,
        'max-delay': '0.05',
        'batch-ids': submitted.result.outputs['batch-ids']!,
        'results-file': 'collected.jsonl'
      },
      env: { GITHUB_WORKSPACE: dir }
    })
    expect(collected.code).toBe(0)
    expect(ids(rows(dir, 'collected.jsonl'))).toEqual(allIds(5))
    expect(collected.outputs).toMatchObject({ total: '5', succeeded: '5', failed: '0' })
    expect(collected.outputs['batch-ids']).toBeUndefined()
  })

  it('SIGINT cancels the open batch with an API call and the step ends within a second', async () => {
    const dir = workspace(3)
    const { result, api } = await run(
      dir,
      { pollsUntilEnded: 10_000 },
      { 'max-delay': '0.2' },
      { signal: { name: 'SIGINT', whenStdoutMatches: /Message Batch msgbatch_fake_1: in_progress/ } }
    )
    expect(api!.batches.calls.filter(c => c.kind === 'cancel')).toEqual([{ kind: 'cancel', id: 'msgbatch_fake_1' }])
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ error: 'cancelled', 'batch-ids': 'msgbatch_fake_1' })
    expect(rows(dir).map(r => r.error)).toEqual(
      Array(3).fill('cancelled (Message Batch msgbatch_fake_1 was cancelled)')
    )
    if (process.env.BATCH_STATS) console.error({ exitedAfterSignalMs: result.exitedAfterSignalMs })
    // At least: it ended after the signal; at most: a second, plus a generous margin for a busy machine.
    expect(result.exitedAfterSignalMs).toBeGreaterThanOrEqual(0)
    expect(result.exitedAfterSignalMs).toBeLessThan(2500)
  })
})

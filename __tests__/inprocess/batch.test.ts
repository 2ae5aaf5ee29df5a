/**
 * Batch mode (src/batch/run-batches.ts) in this process: the real SDK client against the fake API's
 * Message Batches endpoints (fake-batches.ts), a real results file, the real retry loop and
 * sleeps (short: max-delay caps the poll waits).
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Anthropic from '@anthropic-ai/sdk'
import { boundedFetch } from '../../src/claude/bounded-fetch.js'
import { collectBatches, runBatches, type BatchDeps } from '../../src/batch/run-batches.js'
import { itemList } from '../../src/many/context.js'
import { readResults, ResultsFile } from '../../src/many/results-file.js'
import type { PromptItem } from '../../src/request/prompts-file.js'
import type { RetryPolicy } from '../../src/retry/policy.js'
import { sleep } from '../../src/retry/sleep.js'
import type { FakeBatchesOptions } from '../support/fake-batches.js'
import { type FakeApi, startFakeApi } from '../support/fake-api.js'

/** The Claude API client as the action builds it: no SDK retries, bodies bounded. */
const claudeClient = (baseURL: string) => new Anthropic({ apiKey: KEY, baseURL, maxRetries: 0, fetch: boundedFetch() })

const KEY = 'sk-ant-api03-batch-test-key-DO-NOT-PRINT'
const POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 5,
  maxDelayMs: 20,
  jitter: 'full',
  attemptTimeoutMs: 10_000,
  totalTimeoutMs: undefined
}

let api: FakeApi | undefined
const dirs: string[] = []
afterEach(async () => {
  await api?.close()
  api = undefined
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true })
})

const promptItems = (n: number, prefix = 'item'): PromptItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    line: i + 1,
    params: { model: 'claude-fake', max_tokens: 64, messages: [{ role: 'user', content: `Question ${i + 1}` }] }
  }))

const items = (n: number, prefix = 'item') => itemList(promptItems(n, prefix))

interface Run {
  outcome: Awaited<ReturnType<typeof runBatches>>
  results: Array<Record<string, unknown>>
  log: string[]
  api: FakeApi
  /** What the run left in its folder (the create bodies' files must be gone). */
  files: string[]
}

async function setUp(batches: FakeBatchesOptions, overrides: Partial<BatchDeps> = {}) {
  api = await startFakeApi({ batches })
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'batch-test-'))
  dirs.push(dir)
  const file = path.join(dir, 'results.jsonl')
  const results = await ResultsFile.open(file, { resume: false })
  const log: string[] = []
  const deps: BatchDeps = {
    client: claudeClient(api.url),
    results,
    policy: POLICY,
    loop: { now: Date.now, sleep, random: Math.random, signal: new AbortController().signal },
    wait: true,
    tempDir: dir,
    log: { info: line => log.push(line), warning: line => log.push(`warning: ${line}`) },
    ...overrides
  }
  const finish = async (outcome: Run['outcome']): Promise<Run> => {
    await results.close()
    const lines: Array<Record<string, unknown>> = []
    for await (const line of readResults(file)) lines.push(line as unknown as Record<string, unknown>)
    return { outcome, results: lines, log, api: api!, files: await fs.readdir(dir) }
  }
  return { deps, finish, file }
}

async function run(n: number, batches: FakeBatchesOptions, overrides: Partial<BatchDeps> = {}): Promise<Run> {
  const { deps, finish } = await setUp(batches, overrides)
  return finish(await runBatches(items(n), deps))
}

const ids = (results: Array<Record<string, unknown>>) => results.map(r => r.id as string).sort()
const expectEachOnce = (results: Array<Record<string, unknown>>, n: number) =>
  expect(ids(results)).toEqual(
    promptItems(n)
      .map(item => item.id)
      .sort()
  )

describe('batch mode against the fake Message Batches API', () => {
  it('submits one batch, polls it until it ends and writes every result once', async () => {
    const { outcome, results, log, api, files } = await run(5, { pollsUntilEnded: 2 })
    expect(outcome).toMatchObject({ total: 5, succeeded: 5, failed: 0, inputTokens: 50, outputTokens: 25 })
    expect(outcome.batchIds).toEqual(['msgbatch_fake_1'])
    expect(outcome.pending).toEqual([])
    expectEachOnce(results, 5)
    expect(results[0]).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      model: 'claude-fake',
      stop_reason: 'end_turn'
    })
    expect(results.find(r => r.id === 'item-3')?.response).toBe('Answer to item-3.')
    // in_progress twice with moving counts, then ended, then the results read.
    expect(log).toContain('Message Batch msgbatch_fake_1: 5 results read.')
    const progress = log.filter(line => / \d+ of \d+ ended/.test(line))
    expect(progress).toHaveLength(3)
    expect(progress[0]).toContain('in_progress; 1 of 5 ended')
    expect(progress[2]).toContain('ended; 5 of 5 ended (succeeded 5, errored 0, expired 0, canceled 0), 0 processing')
    expect(api.batches.calls.map(call => call.kind)).toEqual(['create', 'retrieve', 'retrieve', 'retrieve', 'results'])
    // The create request carried every item with its id as custom_id.
    const create = api.requests.find(r => r.method === 'POST' && r.path === '/v1/messages/batches')
    expect(create?.body.requests.map((r: { custom_id: string }) => r.custom_id)).toEqual(promptItems(5).map(i => i.id))
    expect(create?.body.requests[2]).toEqual({ custom_id: 'item-3', params: promptItems(5)[2]!.params })
    expect(create?.headers['content-type']).toBe('application/json')
    expect(create?.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(create?.body))))
    // The create body went through a file of its own, removed once the batch was created.
    expect(files).toEqual(['results.jsonl'])
  })

  it('splits the items into several batches beyond the per-batch request limit', async () => {
    const { outcome, results, api } = await run(7, { maxRequests: 3 }, { limits: { maxRequests: 3, maxBytes: 1e9 } })
    expect(outcome.batchIds).toEqual(['msgbatch_fake_1', 'msgbatch_fake_2', 'msgbatch_fake_3'])
    expect([...api.batches.members.values()].map(m => m.length)).toEqual([3, 3, 1])
    expect(outcome.succeeded).toBe(7)
    expectEachOnce(results, 7)
  })

  it('splits by bytes too, and the fake refuses a batch over its byte limit', async () => {
    const one = Buffer.byteLength(JSON.stringify({ custom_id: 'item-1', params: promptItems(1)[0]!.params })) + 1
    const maxBytes = 20 + 2 * one + 5
    const { outcome, api } = await run(5, { maxBytes }, { limits: { maxRequests: 100, maxBytes } })
    expect([...api.batches.members.values()].map(m => m.length)).toEqual([2, 2, 1])
    expect(outcome.succeeded).toBe(5)
  })

  it('a body that cannot be written (a temp folder that is not there) fails its items, and nothing is sent', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-folder-for-batch-bodies', 'x')
    const { outcome, results, log, api } = await run(3, {}, { tempDir: missing })
    expect(outcome).toMatchObject({ total: 3, succeeded: 0, failed: 3, batchIds: [] })
    expect(api.batches.calls).toEqual([])
    expect(results.map(r => r.error)).toEqual(
      Array(3).fill(`client_error: the batch's body could not be written under ${missing}: ENOENT`)
    )
    expect(log.some(line => line.startsWith('warning:') && line.includes('ENOENT'))).toBe(true)
  })

  it('halves a batch the API (or a gateway) refuses as too large (413) until each half fits', async () => {
    const one = Buffer.byteLength(JSON.stringify({ custom_id: 'item-1', params: promptItems(1)[0]!.params })) + 1
    const { outcome, results, log, api } = await run(5, { maxBytes: 20 + 2 * one + 5 })
    expect([...api.batches.members.values()].map(m => m.length)).toEqual([2, 1, 2])
    expect(api.batches.calls.filter(c => c.kind === 'create').map(c => c.requests)).toEqual([5, 3, 2, 1, 2])
    expect(log).toContain('A Message Batch of 5 requests was refused as too large (413): submitting it in two halves.')
    expect(outcome).toMatchObject({ succeeded: 5, failed: 0 })
    expectEachOnce(results, 5)
  })

  it('resubmits transient errored and expired items in a new batch, within max-retries', async () => {
    const outcome = (id: string, submission: number) =>
      id === 'item-2' && submission === 0
        ? ({ type: 'errored', errorType: 'overloaded_error' } as const)
        : id === 'item-4' && submission < 2
          ? ({ type: 'expired' } as const)
          : ({ type: 'succeeded' } as const)
    const { outcome: done, results, log, api } = await run(5, { outcome })
    expect(done).toMatchObject({ total: 5, succeeded: 5, failed: 0 })
    expect([...api.batches.members.values()]).toEqual([promptItems(5).map(i => i.id), ['item-2', 'item-4'], ['item-4']])
    expectEachOnce(results, 5)
    expect(results.find(r => r.id === 'item-2')?.attempts).toBe(2)
    expect(results.find(r => r.id === 'item-4')?.attempts).toBe(3)
    expect(log).toContain('Resubmitting 2 requests in a new Message Batch (1 overloaded_error, 1 expired).')
  })

  it('a transient error past max-retries and a final error are failures with the error in the line', async () => {
    const outcome = (id: string) =>
      id === 'item-1'
        ? ({ type: 'errored', errorType: 'invalid_request_error', message: 'max_tokens: too large' } as const)
        : id === 'item-2'
          ? ({ type: 'errored', errorType: 'api_error' } as const)
          : ({ type: 'succeeded' } as const)
    const { outcome: done, results, api } = await run(3, { outcome }, { policy: { ...POLICY, maxRetries: 1 } })
    expect(done).toMatchObject({ total: 3, succeeded: 1, failed: 2 })
    expect(results.find(r => r.id === 'item-1')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'invalid_request_error: max_tokens: too large'
    })
    expect(results.find(r => r.id === 'item-2')).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: 'api_error: Fake api_error'
    })
    expect(api.batches.created).toHaveLength(2)
  })

  it('retries a refused create (529) through the retry loop', async () => {
    const { outcome, results, api } = await run(2, { createScript: [{ status: 529, type: 'overloaded_error' }] })
    expect(outcome.succeeded).toBe(2)
    expect(api.batches.calls.filter(c => c.kind === 'create')).toHaveLength(2)
    expectEachOnce(results, 2)
  })

  it('a results download cut half-way is read again, and no id is written twice', async () => {
    const { outcome, results, api } = await run(6, { cutResultsOnceAfter: 3 })
    expect(outcome).toMatchObject({ succeeded: 6, failed: 0 })
    expect(api.batches.calls.filter(c => c.kind === 'results')).toHaveLength(2)
    expectEachOnce(results, 6)
  })

  it('batch-wait false submits and hands the ids on; collectBatches by id alone writes the results', async () => {
    const first = await run(
      4,
      { maxRequests: 2, pollsUntilEnded: 0 },
      { wait: false, limits: { maxRequests: 2, maxBytes: 1e9 } }
    )
    expect(first.outcome).toMatchObject({
      total: 4,
      succeeded: 0,
      failed: 0,
      pending: ['msgbatch_fake_1', 'msgbatch_fake_2']
    })
    expect(first.results).toEqual([])
    expect(first.api.batches.calls.map(c => c.kind)).toEqual(['create', 'create'])
    expect(first.log.some(line => line.includes("'batch-wait' is false"))).toBe(true)

    // The same fake (the batches live there), a fresh results file, no items.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'batch-collect-'))
    dirs.push(dir)
    const file = path.join(dir, 'collected.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    const client = claudeClient(first.api.url)
    const loop = { now: Date.now, sleep, random: Math.random, signal: new AbortController().signal }
    const collected = await collectBatches(first.outcome.pending, {
      client,
      results,
      policy: POLICY,
      loop,
      wait: true,
      tempDir: dir,
      log: { info: () => {}, warning: () => {} }
    })
    await results.close()
    expect(collected).toMatchObject({ total: 4, succeeded: 4, failed: 0, pending: [] })
    const lines: string[] = []
    for await (const line of readResults(file)) lines.push(line.id)
    expect(lines.sort()).toEqual(['item-1', 'item-2', 'item-3', 'item-4'])
  })

  it('collecting without waiting leaves batches still in progress as pending', async () => {
    const { deps, finish } = await setUp({ pollsUntilEnded: 5 }, { wait: false })
    await runBatches(items(2), deps)
    const { outcome } = await finish(await collectBatches(['msgbatch_fake_1'], deps))
    expect(outcome).toMatchObject({ succeeded: 0, pending: ['msgbatch_fake_1'] })
  })

  it('stops at total-timeout with the batch left running, its items failed with a deadline error', async () => {
    const { outcome, results, api } = await run(
      2,
      { pollsUntilEnded: 1000 },
      { policy: { ...POLICY, totalTimeoutMs: 300 } }
    )
    expect(outcome).toMatchObject({ stopped: 'deadline', succeeded: 0, failed: 2, pending: ['msgbatch_fake_1'] })
    expect(results).toHaveLength(2)
    expect(results.every(r => String(r.error).startsWith('deadline: Message Batch msgbatch_fake_1'))).toBe(true)
    expect(api.batches.calls.filter(c => c.kind === 'cancel')).toEqual([])
  })

  it('a cancel cancels the open batch with one call and returns at once', async () => {
    const cancel = new AbortController()
    const { deps, finish } = await setUp(
      { pollsUntilEnded: 1000 },
      {
        loop: { now: Date.now, sleep, random: Math.random, signal: cancel.signal },
        policy: { ...POLICY, maxDelayMs: 200 }
      }
    )
    const running = runBatches(items(3), deps)
    await new Promise(resolve => setTimeout(resolve, 300))
    const cancelledAt = Date.now()
    cancel.abort()
    const { outcome, results, api } = await finish(await running)
    expect(Date.now() - cancelledAt).toBeLessThan(1000)
    expect(outcome).toMatchObject({ stopped: 'cancelled', failed: 3, pending: ['msgbatch_fake_1'] })
    expect(api.batches.calls.filter(c => c.kind === 'cancel')).toEqual([{ kind: 'cancel', id: 'msgbatch_fake_1' }])
    expect(results.map(r => r.error)).toEqual(Array(3).fill('cancelled (Message Batch msgbatch_fake_1 was cancelled)'))
  })
})

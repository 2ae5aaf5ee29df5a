import { Recorder } from '../../../src/many/recorder.js'
import type { ItemResult, ResultsFile } from '../../../src/many/results-file.js'
import { LISTED_FAILURES } from '../../../src/report/many-summary.js'

/** The results file's two writes, kept in memory: each call is one write (and one fsync). */
function memoryFile() {
  const writes: string[][] = []
  const file = {
    write: async (result: ItemResult) => void writes.push([result.id]),
    writeAll: async (results: readonly ItemResult[]) => void writes.push(results.map(r => r.id))
  }
  return { writes, file: file as unknown as ResultsFile }
}
const clockAt = (start: number) => {
  const clock = { t: start, now: () => clock.t }
  return clock
}
const ok = (id: string, usage?: Record<string, number | null>): ItemResult => ({
  id,
  status: 'succeeded',
  attempts: 1,
  usage: usage as ItemResult['usage']
})
const failed = (id: string, attempts = 3): ItemResult => ({ id, status: 'failed', attempts, error: `boom ${id}` })

describe('Recorder', () => {
  it('starts with the skipped items counted as succeeded, and the clock at its start', () => {
    const recorder = new Recorder(memoryFile().file, 10, 4, clockAt(1000))
    expect(recorder.startedAt).toBe(1000)
    expect(recorder.done).toBe(0)
    expect(recorder.tally).toMatchObject({ total: 10, skipped: 4, succeeded: 4, failed: 0, requests: 0, costUsd: 0 })
  })

  it('writes before it counts, and counts requests, tokens (null as 0) and when each item ended', async () => {
    const { file, writes } = memoryFile()
    const clock = clockAt(1000)
    const recorder = new Recorder(file, 3, 0, clock)
    clock.t = 1250
    await recorder.record(
      ok('a', { input_tokens: 10, output_tokens: 2, cache_read_input_tokens: 5, cache_creation_input_tokens: null })
    )
    clock.t = 1900
    await recorder.record({ ...failed('b'), usage: { input_tokens: 7, output_tokens: 0 } as ItemResult['usage'] })
    expect(writes).toEqual([['a'], ['b']])
    expect(recorder.done).toBe(2)
    expect(recorder.tally).toMatchObject({
      succeeded: 1,
      failed: 1,
      requests: 4,
      inputTokens: 17,
      outputTokens: 2,
      cacheReadInputTokens: 5,
      cacheCreationInputTokens: 0,
      completions: [250, 900],
      failures: [{ id: 'b', attempts: 3, error: 'boom b' }]
    })
  })

  it('counts nothing when the write fails', async () => {
    const file = { write: () => Promise.reject(new Error('disk full')) } as unknown as ResultsFile
    const recorder = new Recorder(file, 1, 0, clockAt(0))
    await expect(recorder.record(ok('a'))).rejects.toThrow('disk full')
    expect(recorder.tally).toMatchObject({ succeeded: 0, failed: 0, requests: 0, completions: [] })
  })

  it('recordAll: one write for items that ended together, each priced; none for an empty list', async () => {
    const { file, writes } = memoryFile()
    const recorder = new Recorder(file, 3, 0, clockAt(0))
    await recorder.recordAll([])
    expect(writes).toEqual([])
    await recorder.recordAll([ok('a'), ok('b'), failed('c')], result =>
      result.status === 'succeeded' ? { usd: 0.25, attemptsPriced: 1 } : { usd: 0, attemptsPriced: 0 }
    )
    expect(writes).toEqual([['a', 'b', 'c']])
    expect(recorder.tally.costUsd).toBe(0.5)
  })

  it('the cost turns unknown at the first item without one, keeps that reason, and stays unknown', async () => {
    const recorder = new Recorder(memoryFile().file, 4, 0, clockAt(0))
    await recorder.record(ok('a'), { usd: 1, attemptsPriced: 1 })
    await recorder.record(ok('b'))
    expect(recorder.tally.costUsd).toBe(1)
    await recorder.record(ok('c'), { usd: undefined, why: 'first reason' })
    await recorder.record(ok('d'), { usd: undefined, why: 'second reason' })
    await recorder.record(ok('e'), { usd: 2, attemptsPriced: 1 })
    expect(recorder.tally.costUsd).toBeUndefined()
    expect(recorder.tally.costUnknown).toBe('first reason')
  })

  it('lists the first LISTED_FAILURES failures and counts them all', async () => {
    const recorder = new Recorder(memoryFile().file, LISTED_FAILURES + 2, 0, clockAt(0))
    const all = Array.from({ length: LISTED_FAILURES + 2 }, (_, i) => failed(`f${i}`, 1))
    await recorder.recordAll(all)
    expect(recorder.tally.failed).toBe(LISTED_FAILURES + 2)
    expect(recorder.tally.failures).toHaveLength(LISTED_FAILURES)
    expect(recorder.tally.failures.at(-1)?.id).toBe(`f${LISTED_FAILURES - 1}`)
  })
})

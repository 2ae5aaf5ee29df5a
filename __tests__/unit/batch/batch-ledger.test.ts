import { type BatchResults, Ledger } from '../../../src/batch/batch-ledger.js'
import type { ItemResult } from '../../../src/many/results-file.js'

/** Results that keep each write as one batch of lines. */
function recording(): BatchResults & { writes: ItemResult[][] } {
  const writes: ItemResult[][] = []
  return { writes, writeAll: async results => void writes.push([...results]) }
}
const ok = (id: string, input = 0, output = 0): ItemResult => ({
  id,
  status: 'succeeded',
  attempts: 1,
  usage: { input_tokens: input, output_tokens: output } as ItemResult['usage']
})
const failed = (id: string): ItemResult => ({ id, status: 'failed', attempts: 2, error: 'e' })

describe('Ledger', () => {
  it('claims an id once; ids a resumed file already holds are never claimed', () => {
    const ledger = new Ledger(recording(), 3, new Set(['old']))
    expect(ledger.has('a')).toBe(false)
    expect(ledger.claim('a')).toBe(true)
    expect(ledger.claim('a')).toBe(false)
    expect(ledger.has('a')).toBe(true)
    expect(ledger.has('old')).toBe(true)
    expect(ledger.claim('old')).toBe(false)
  })

  it('writes what is committed in one write, then counts it; an empty commit writes nothing', async () => {
    const results = recording()
    const ledger = new Ledger(results, 3)
    await ledger.commit([])
    expect(results.writes).toEqual([])
    await ledger.commit([ok('a', 10, 3), failed('b'), ok('c', 5, 1)])
    expect(results.writes.map(w => w.map(r => r.id))).toEqual([['a', 'b', 'c']])
    expect(ledger.outcome).toMatchObject({ succeeded: 2, failed: 1, inputTokens: 15, outputTokens: 4 })
  })

  it('counts nothing when the write fails', async () => {
    const ledger = new Ledger({ writeAll: () => Promise.reject(new Error('disk full')) }, 1)
    await expect(ledger.commit([ok('a', 1, 1)])).rejects.toThrow('disk full')
    expect(ledger.outcome).toMatchObject({ succeeded: 0, failed: 0, inputTokens: 0, outputTokens: 0 })
  })

  it('fails the ids that have no line yet, with their attempts, in one write', async () => {
    const results = recording()
    const ledger = new Ledger(results, 4, new Set(['skipped']))
    ledger.claim('done')
    const attempts = new Map([['x', 3]])
    await ledger.fail(
      ['done', 'x', 'skipped', 'y'],
      'deadline: still processing',
      id => attempts.get(id) ?? 1,
      () => 0
    )
    expect(results.writes).toEqual([
      [
        { id: 'x', status: 'failed', attempts: 3, error: 'deadline: still processing' },
        { id: 'y', status: 'failed', attempts: 1, error: 'deadline: still processing' }
      ]
    ])
    expect(ledger.outcome.failed).toBe(2)
    // Failed once, never again.
    await ledger.fail(
      ['x', 'y'],
      'again',
      () => 1,
      () => 0
    )
    expect(results.writes).toHaveLength(1)
  })

  it('fails nothing once the clock reaches `until`', async () => {
    const results = recording()
    const ledger = new Ledger(results, 2)
    await ledger.fail(
      ['a'],
      'late',
      () => 1,
      () => 100,
      100
    )
    expect(results.writes).toEqual([])
    expect(ledger.claim('a')).toBe(true)
    await ledger.fail(
      ['b'],
      'in time',
      () => 1,
      () => 99,
      100
    )
    expect(results.writes.flat().map(r => r.id)).toEqual(['b'])
  })

  it('finish: every claimed id counts toward the total', async () => {
    const ledger = new Ledger(recording(), 0)
    ledger.claim('a')
    ledger.claim('b')
    await ledger.commit([ok('a')])
    expect(ledger.finish()).toEqual({
      total: 2,
      succeeded: 1,
      failed: 0,
      inputTokens: 0,
      outputTokens: 0,
      batchIds: [],
      pending: [],
      submitted: 0,
      createRequests: 0
    })
  })

  it('finish after a stop: items without a line are failures, and the stop is named', async () => {
    const ledger = new Ledger(recording(), 5)
    await ledger.commit([ok('a'), failed('b')])
    expect(ledger.finish('cancelled')).toMatchObject({ total: 5, succeeded: 1, failed: 4, stopped: 'cancelled' })
    // Without a stop the counts are what was written, and there is no `stopped`.
    const plain = ledger.finish()
    expect(plain).toMatchObject({ total: 5, succeeded: 1, failed: 1 })
    expect(plain).not.toHaveProperty('stopped')
  })
})

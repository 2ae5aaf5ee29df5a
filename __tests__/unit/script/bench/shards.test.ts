// The shards section of the benchmark (npm run bench -- --shards): its cases and its Markdown, no processes.
import { describe, expect, it } from '@jest/globals'
import { IDEAL_MS, label, SHARD_CASES, type ShardRow, shardsMarkdown } from '../../../../script/bench/shards.js'

const row = (over: Partial<ShardRow>): ShardRow => ({
  shards: 4,
  staggerMs: 0,
  headers: true,
  runs: [{ requests: 404, refused: 4, wallMs: 21_000, serverMs: 20_200, succeeded: 400, failedProcesses: 0 }],
  requestsPerItem: 1.01,
  refused: 4,
  wallRatio: 1.05,
  serverRatio: 1.01,
  ok: true,
  ...over
})

describe('the shards bench', () => {
  it('measures n = 1, 2, 4, 8 together and 4 staggered, with and without headers, against 20 s', () => {
    expect(SHARD_CASES.map(label)).toEqual([
      'n = 1, launched together, rate-limit headers',
      'n = 2, launched together, rate-limit headers',
      'n = 4, launched together, rate-limit headers',
      'n = 8, launched together, rate-limit headers',
      'n = 4, launched 2 s apart, rate-limit headers',
      'n = 1, launched together, no headers (retry-after only)',
      'n = 2, launched together, no headers (retry-after only)',
      'n = 4, launched together, no headers (retry-after only)',
      'n = 8, launched together, no headers (retry-after only)',
      'n = 4, launched 2 s apart, no headers (retry-after only)'
    ])
    expect(IDEAL_MS).toBe(20_000)
  })

  it('renders one table row per case with its goal, and every run', () => {
    const text = shardsMarkdown(
      [row({ shards: 1 }), row({}), row({ staggerMs: 2000 }), row({ headers: false, ok: false }), row({ shards: 2 })],
      { date: '2026-12-04', machine: '2 × CPU', node: '24.0.0', load: '1.0' }
    )
    expect(text).toContain(
      '| 1 | together | yes | 1.010 | 4 | 1.05 | 1.01 | yes | ≤ 1.05 requests per item, wall ≤ 1.1× |'
    )
    expect(text).toContain(
      '| 4 | together | yes | 1.010 | 4 | 1.05 | 1.01 | yes | ≤ 1.05 requests per item, wall ≤ 1.15× (n = 4 and 8) |'
    )
    expect(text).toContain(
      '| 4 | 2 s apart | yes | 1.010 | 4 | 1.05 | 1.01 | yes | ≤ 1.05 requests per item, wall ≤ 1.15× |'
    )
    expect(text).toContain('| 4 | together | no | 1.010 | 4 | 1.05 | 1.01 | **no** | ≤ 1.3 requests per item (n = 4) |')
    expect(text).toContain('| 2 | together | yes | 1.010 | 4 | 1.05 | 1.01 | yes |  |')
    expect(text).toContain('404 requests, 4 × 429, wall 21.0 s, at the fake 20.2 s')
    expect(text).toContain('measured 2026-12-04 on 2 × CPU, the action on Node 24.0.0, load average 1.0')
  })
})

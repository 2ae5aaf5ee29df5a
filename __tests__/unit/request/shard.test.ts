import { inShard, parseShard, shardOf } from '../../../src/request/shard.js'

describe('shards', () => {
  it('parses k/n with 1 <= k <= n', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 })
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '1/2/3', '-1/2']) expect(parseShard(bad)).toBeUndefined()
  })

  it('splits ids into disjoint shards that cover all, by id alone (stable across reordering)', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `item-${i}`)
    const sizes = [1, 2, 3].map(k => ids.filter(id => inShard(id, { index: k, count: 3 })).length)
    expect(sizes.reduce((a, b) => a + b)).toBe(1000)
    for (const size of sizes) expect(size).toBeGreaterThan(280)
    // Known values: the hash is part of the contract (a shard's cached results-file stays valid).
    expect(ids.slice(0, 6).map(id => shardOf(id, 3))).toEqual([2, 3, 3, 1, 1, 2])
    expect(shardOf('a', 4)).toBe(((0xe40c292c % 4) + 1) as number)
  })
})

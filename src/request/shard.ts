/**
 * request/: the shard rule (`shard: k/n`): which items of a prompts-file one job of a matrix takes.
 */

/** `shard: k/n`, 1 <= k <= n. */
export interface Shard {
  index: number
  count: number
}

export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined
  return { index, count }
}

/**
 * Shard k of n takes the items whose id hashes (FNV-1a, 32 bits) to k-1 modulo n. By id, not by
 * line number: an item's shard depends on nothing but its id, so adding, removing or reordering
 * lines never moves an item to another shard. A shard's cached results-file stays valid across
 * such edits, and merged shards never hold an id twice. The price: shards differ in size by a few
 * percent (a binomial spread) instead of by at most one item.
 */
export function inShard(id: string, shard: Shard): boolean {
  return shardOf(id, shard.count) === shard.index
}

/** 1-based shard of `id` among `count`. */
export function shardOf(id: string, count: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return (hash % count) + 1
}

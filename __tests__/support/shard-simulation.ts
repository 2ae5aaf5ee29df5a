/**
 * n shards against one rate-limit bucket, on one virtual clock: each shard is a Limiter (as one
 * process of a `shard: k/n` matrix has) with its own workers and items, all drawing from the same
 * token bucket (token-bucket.ts, the fake API's). An item retries a 429 after the server's
 * retry-after, else 1 s, as the retry loop does. Nothing really waits.
 */
import { Limiter } from '../../src/many/limiter.js'
import { virtualTime } from '../fixtures/virtual-time.js'
import { type BucketOptions, tokenBucket } from './token-bucket.js'

export interface ShardSimulation {
  /** When each shard starts, ms after the first; its length is n. */
  startsMs: number[]
  /** Items of each shard. */
  items: number[]
  bucket: BucketOptions
  concurrency?: number
  /** Time from a request's start to its response. */
  latencyMs?: number
  /**
   * Up to this long (uniformly) between a request's start and its arrival at the bucket, as on a
   * busy machine: the reset header is then read against an earlier start. Within latencyMs.
   */
  wayMs?: number
  seed?: number
  /**
   * The n each shard's limiter is told (its `shard` input): by default the real n. 1 for jobs that
   * do not declare `shard` and each believe they are alone.
   */
  declared?: number
}

export interface Grant {
  shard: number
  at: number
  granted: boolean
}

export interface SimulationResult {
  requests: number
  refused: number
  /** First shard's start to the last shard's end. */
  elapsedMs: number
  /** Each shard's end, ms after the first start. */
  endsMs: number[]
  /** Every request at the bucket, in time order (ms after the first start). */
  log: Grant[]
  /** The most requests one item needed (the action gives up after max-retries + 1). */
  maxAttempts: number
}

const T0 = Date.parse('2026-12-01T12:00:00Z')

export async function simulateShards(sim: ShardSimulation): Promise<SimulationResult> {
  const time = virtualTime(T0)
  const take = tokenBucket(sim.bucket, time.now)
  const random = seeded(sim.seed ?? 1)
  const n = sim.startsMs.length
  const latency = sim.latencyMs ?? 20
  const log: Grant[] = []
  const endsMs: number[] = new Array<number>(n).fill(0)
  const signal = new AbortController().signal
  let maxAttempts = 0

  const shard = async (k: number) => {
    await time.sleep(sim.startsMs[k] ?? 0)
    const limiter = new Limiter({ now: time.now, sleep: time.sleep, random }, sim.declared ?? n)
    let next = 0
    const items = sim.items[k] ?? 0
    const worker = async () => {
      while (next < items) {
        next++
        for (let attempt = 1; ; attempt++) {
          maxAttempts = Math.max(maxAttempts, attempt)
          const ticket = (await limiter.acquire(signal))!
          const way = Math.floor(random() * (sim.wayMs ?? 0))
          if (way > 0) await time.sleep(way)
          const { granted, headers } = take()
          log.push({ shard: k, at: time.now() - T0, granted })
          await time.sleep(Math.max(0, latency - way))
          limiter.observe(ticket, granted ? 200 : 429, headers)
          if (granted) break
          await time.sleep(Number(headers['retry-after'] ?? 1) * 1000)
        }
      }
    }
    const workers = Math.max(1, Math.min(sim.concurrency ?? 4, items))
    await Promise.all(Array.from({ length: workers }, worker))
    endsMs[k] = time.now() - T0
  }
  await time.run(Promise.all(Array.from({ length: n }, (_, k) => shard(k))))
  return {
    requests: log.length,
    refused: log.filter(g => !g.granted).length,
    elapsedMs: time.elapsed(),
    endsMs,
    log,
    maxAttempts
  }
}

/** A small deterministic random source (LCG), so a simulation replays exactly. */
export function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

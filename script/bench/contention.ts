// The jitter question, as a deterministic discrete-event simulation (no real time).
//
// The model is the one of AWS's public backoff simulator
// (github.com/aws-samples/aws-arch-backoff-simulator, src/backoff_simulator.py), re-written here:
// N clients each want one successful optimistic-concurrency write to one shared row. A client reads
// the row's version, then writes with that version; the write succeeds only if no other client's
// write landed in between. Every message (read request, read reply, write request, write reply)
// takes |Normal(10 ms, 2 ms)|. After a failed write a client sleeps its backoff, then reads again.
// "Calls" are writes, as in the simulator; the time is when the last client has its success reply.
//
// The action's strategies call the real schedule in src/retry/backoff.ts; the others are baselines.

import { backoffDelay } from '../../src/retry/backoff.js'
import type { JitterMode } from '../../src/retry/policy.js'

export type Random = () => number

/** mulberry32: a tiny seeded PRNG with uniform output in [0, 1). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A Normal(mean, sd) sample by Box-Muller. */
export function normal(random: Random, mean: number, sd: number): number {
  const u = 1 - random() // (0, 1]: log is finite
  const v = random()
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
}

export const MODEL = {
  /** The simulator's base: expo(n) = min(cap, base * 2^n) with n = 1 on the first retry. */
  baseMs: 5,
  capMs: 2000,
  netMeanMs: 10,
  netSdMs: 2
}

/**
 * The first wait of the simulator's exponential schedules: base * 2^1 = 10 ms. The action's
 * `base-delay` is its first step (base * 2^(retry-1)), so base-delay = 10 ms gives exactly the
 * simulator's expo(n); decorrelated uses `base` as its floor and first `previous`, so it keeps 5 ms.
 */
export const FIRST_STEP_MS = 2 * MODEL.baseMs

export interface Strategy {
  name: string
  /** Where the schedule comes from, for the results table. */
  source: string
  /** The wait before retry `retry` (1 = first retry); `previousWaitMs` is the last wait slept. */
  wait(retry: number, previousWaitMs: number | undefined, random: Random): number
}

/** One of the action's jitter modes, through the real backoffDelay, rounded to ms as retry/loop.ts does. */
export function actionStrategy(jitter: JitterMode, baseDelayMs: number, maxDelayMs = MODEL.capMs): Strategy {
  return {
    name: `action ${jitter}`,
    source: `src/retry/backoff.ts backoffDelay, base-delay ${baseDelayMs} ms, max-delay ${maxDelayMs} ms`,
    wait: (retry, previousWaitMs, random) =>
      Math.round(backoffDelay(retry, previousWaitMs, { baseDelayMs, maxDelayMs, jitter }, random))
  }
}

/** The user's reference loop: base * 2^(attempt-1), optionally U(0, that); no cap at all. */
export function referenceStrategy(jitter: boolean, baseMs = FIRST_STEP_MS): Strategy {
  return {
    name: jitter ? 'reference loop, jitter' : 'reference loop, no jitter',
    source: `seed 000 loop scaled to base ${baseMs} ms${jitter ? ', U(0, base·2^(n-1))' : ''}, uncapped`,
    wait: (retry, _previous, random) => {
      const step = baseMs * 2 ** (retry - 1)
      return jitter ? random() * step : step
    }
  }
}

/** The Anthropic SDK's own schedule, scaled: min(base * 2^n, cap) * U(0.75, 1], n = retries so far from 0. */
export function sdkStrategy(baseMs = FIRST_STEP_MS, capMs = MODEL.capMs): Strategy {
  return {
    name: 'SDK schedule',
    source: `min(${baseMs} ms·2^n, ${capMs} ms)·U(0.75, 1]`,
    wait: (retry, _previous, random) => Math.min(baseMs * 2 ** (retry - 1), capMs) * (1 - 0.25 * random())
  }
}

/** The strategies of the results table, in order. */
export function strategies(): Strategy[] {
  return [
    actionStrategy('full', FIRST_STEP_MS),
    actionStrategy('equal', FIRST_STEP_MS),
    actionStrategy('decorrelated', MODEL.baseMs),
    actionStrategy('none', FIRST_STEP_MS),
    referenceStrategy(false),
    referenceStrategy(true),
    sdkStrategy()
  ]
}

export interface RunResult {
  /** Writes per client, by client. */
  calls: number[]
  /** Simulated ms until the last client got its success reply. */
  timeMs: number
}

type Step = 'read' | 'readReply' | 'write' | 'writeReply'
interface Event {
  at: number
  seq: number
  client: number
  step: Step
  /** Version read (readReply, write) or the write's outcome as 1/0 (writeReply). */
  value: number
}

/** A binary min-heap of events by time, then by insertion order (so ties are deterministic). */
class EventQueue {
  private heap: Event[] = []
  get size(): number {
    return this.heap.length
  }
  push(event: Event): void {
    const h = this.heap
    h.push(event)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(h[i]!, h[p]!)) break
      ;[h[i], h[p]] = [h[p]!, h[i]!]
      i = p
    }
  }
  pop(): Event {
    const h = this.heap
    const top = h[0]!
    const last = h.pop()!
    if (h.length > 0) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && before(h[l]!, h[m]!)) m = l
        if (r < h.length && before(h[r]!, h[m]!)) m = r
        if (m === i) break
        ;[h[i], h[m]] = [h[m]!, h[i]!]
        i = m
      }
    }
    return top
  }
}

function before(a: Event, b: Event): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}

/** One run: `clients` clients, one strategy, one seed. */
export function simulate(clients: number, strategy: Strategy, seed: number, model = MODEL): RunResult {
  const random = mulberry32(seed)
  const net = () => Math.abs(normal(random, model.netMeanMs, model.netSdMs))
  const calls = new Array<number>(clients).fill(0)
  const previousWait = new Array<number | undefined>(clients).fill(undefined)
  const queue = new EventQueue()
  let seq = 0
  let version = 0
  let now = 0
  const send = (at: number, client: number, step: Step, value = 0) =>
    queue.push({ at, seq: seq++, client, step, value })

  for (let c = 0; c < clients; c++) send(net(), c, 'read')
  while (queue.size > 0) {
    const e = queue.pop()
    now = e.at
    switch (e.step) {
      case 'read':
        send(now + net(), e.client, 'readReply', version)
        break
      case 'readReply':
        send(now + net(), e.client, 'write', e.value)
        break
      case 'write': {
        calls[e.client]!++
        const ok = e.value === version
        if (ok) version++
        send(now + net(), e.client, 'writeReply', ok ? 1 : 0)
        break
      }
      case 'writeReply':
        if (e.value === 0) {
          const wait = strategy.wait(calls[e.client]!, previousWait[e.client], random)
          previousWait[e.client] = wait
          send(now + net() + wait, e.client, 'read')
        }
        break
    }
  }
  return { calls, timeMs: now }
}

export interface Summary {
  strategy: string
  source: string
  clients: number
  runs: number
  /** Mean over runs of total writes / clients. */
  callsPerClient: number
  /** Largest number of writes any one client needed, over all runs. */
  maxCalls: number
  /** Share of clients that needed more than `limit` writes (they would have given up). */
  overLimit: Record<number, number>
  /** Mean over runs of the time until the last client succeeded, ms. */
  timeMs: number
}

/** `runs` seeded runs (seeds 1..runs) of one strategy at one N. */
export function summarize(clients: number, strategy: Strategy, runs: number, limits: number[] = [5, 6]): Summary {
  let calls = 0
  let time = 0
  let maxCalls = 0
  const over: Record<number, number> = Object.fromEntries(limits.map(l => [l, 0]))
  for (let seed = 1; seed <= runs; seed++) {
    const run = simulate(clients, strategy, seed)
    for (const c of run.calls) {
      calls += c
      if (c > maxCalls) maxCalls = c
      for (const l of limits) if (c > l) over[l]!++
    }
    time += run.timeMs
  }
  for (const l of limits) over[l]! /= runs * clients
  return {
    strategy: strategy.name,
    source: strategy.source,
    clients,
    runs,
    callsPerClient: calls / (runs * clients),
    maxCalls,
    overLimit: over,
    timeMs: time / runs
  }
}

// Real `node dist/index.js` processes against the fake API: a herd behind a token bucket, the
// accuracy of server-requested waits, and peak memory for a large streamed response.
import { readdirSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { JitterMode } from '../../src/retry/policy.js'
import { DEFAULT_TEXT, type FakeApi, type Reply, startFakeApi } from '../../__tests__/support/fake-api.js'
import { runAction, type RunResult } from '../../__tests__/support/run-action.js'
import { mean, median, PROBE, probeEnv, readProbe, scratch } from './stats.js'

const KEY = 'sk-ant-bench'

function inputs(api: FakeApi, prompt: string, extra: Record<string, string> = {}): Record<string, string> {
  return { prompt, 'anthropic-api-key': KEY, 'base-url': api.url, ...extra }
}

function promptOf(body: unknown): string {
  const content = (body as { messages?: { content?: unknown }[] })?.messages?.[0]?.content
  return typeof content === 'string' ? content : ''
}

// ---------------------------------------------------------------------------------------------
// 2. The herd: N processes at once behind a token bucket.

/**
 * What a refused request gets: `retry-after` (and the rate-limit headers), only the
 * `anthropic-ratelimit-*` headers (remaining 0 and a reset time), or a bare 429 with no hint at all,
 * so only the backoff schedule can spread the herd.
 */
export type ServerHints = 'retry-after' | 'rate-limit headers' | 'bare 429'

export interface HerdOptions {
  processes: number
  perSecond: number
  burst: number
  hints: ServerHints
  jitter: JitterMode
  baseDelay: string
  maxDelay: string
  maxRetries: string
}

export interface HerdResult extends HerdOptions {
  failures: number
  requests: number
  requestsPerProcess: { mean: number; max: number }
  /** Release of the barrier to the last request at the server (which is the last success). */
  spanMs: number
  /** (processes - burst) / rate: the span if each process sent one request, each when a token was free. */
  idealSpanMs: number
  /** Release to the first request of the last process to send one: how together the herd fired. */
  arrivalSpreadMs: number
  /** Launch to the last ready process: start-up of all processes on this machine, excluded from the span. */
  startupMs: number
}

/**
 * Launch all processes, hold each one's first request (probe.mjs barrier) until all have loaded,
 * release them together, and count at the server. Without the barrier, start-up on two cores
 * spreads 50 processes over several seconds and the rate limit is never reached.
 */
export async function herd(options: HerdOptions): Promise<HerdResult> {
  const { processes, perSecond, burst, hints } = options
  const api = await startFakeApi(
    hints === 'bare 429'
      ? { script: bareBucket(perSecond, burst) }
      : { rateLimit: { perSecond, burst, retryAfter: hints === 'retry-after' } }
  )
  const barrier = scratch()
  try {
    const launched = performance.now()
    let settled = 0
    const running = Array.from({ length: processes }, (_, i) =>
      runAction({
        inputs: inputs(api, `bench herd client ${i}`, {
          jitter: options.jitter,
          'base-delay': options.baseDelay,
          'max-delay': options.maxDelay,
          'max-retries': options.maxRetries,
          summary: 'metadata'
        }),
        env: { NODE_OPTIONS: `--import=${PROBE}`, BENCH_BARRIER_DIR: barrier.dir },
        timeoutMs: 120_000
      }).finally(() => settled++)
    )
    const deadline = launched + 90_000
    while (readdirSync(barrier.dir).length + settled < processes && performance.now() < deadline) await sleep(10)
    const startupMs = performance.now() - launched
    const released = performance.now()
    for (const name of readdirSync(barrier.dir)) process.kill(Number(name), 'SIGUSR2')
    const runs = await Promise.all(running)

    const messages = api.requests.filter(r => r.method === 'POST' && r.path === '/v1/messages')
    const byProcess = new Map<string, number[]>()
    for (const request of messages) {
      const prompt = promptOf(request.body)
      byProcess.set(prompt, [...(byProcess.get(prompt) ?? []), request.receivedAtMs])
    }
    const counts = [...byProcess.values()].map(times => times.length)
    const firstArrivals = [...byProcess.values()].map(times => Math.min(...times))
    const allTimes = messages.map(r => r.receivedAtMs)
    return {
      ...options,
      failures: runs.filter(r => r.code !== 0).length + (processes - byProcess.size),
      requests: messages.length,
      requestsPerProcess: { mean: mean(counts), max: Math.max(...counts) },
      spanMs: Math.max(...allTimes) - released,
      idealSpanMs: (Math.max(0, processes - burst) / perSecond) * 1000,
      arrivalSpreadMs: Math.max(...firstArrivals) - released,
      startupMs
    }
  } finally {
    barrier.done()
    await api.close()
  }
}

/** The fake's token bucket again, as a script, answering a refused request with a 429 and no headers. */
function bareBucket(perSecond: number, burst: number): () => Reply {
  let tokens = burst
  let last = performance.now()
  return () => {
    const now = performance.now()
    tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000)
    last = now
    if (tokens < 1) return { kind: 'error', status: 429, type: 'rate_limit_error' }
    tokens -= 1
    return { kind: 'message' }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Wait accuracy: the server asks for 1 s, then 400 ms.

export const ASKED_WAITS: Reply[] = [
  { kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after': '1' } },
  { kind: 'error', status: 529, type: 'overloaded_error', headers: { 'retry-after-ms': '400' } },
  { kind: 'message' }
]
/** The same three answers asking for no wait: the same requests and code paths, minus the waits. */
export const ZERO_WAITS: Reply[] = [
  { kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after': '0' } },
  { kind: 'error', status: 529, type: 'overloaded_error', headers: { 'retry-after-ms': '0' } },
  { kind: 'message' }
]
export const ASKED_MS = 1400

export interface WaitAccuracy {
  reps: number
  askedMs: number
  /** Median wall times of one process: waits asked for, the same answers without waits, one instant success. */
  waitedRunMs: number
  zeroWaitRunMs: number
  instantRunMs: number
  /** (waited - zero-wait) / asked: the waits alone. */
  ratio: number
  /** (waited - instant) / asked: the waits plus two extra failed round trips. */
  ratioVsInstant: number
  /** Median of (third request - first request) at the server / asked. */
  serverRatio: number
  /** Median gap between requests at the server for each asked wait (1000 ms, 400 ms). */
  gapsMs: [number, number]
  /** Median, from the action's retry-log, of the time between attempts (end of one to start of the next) / asked. */
  sleptRatio: number
  failures: number
}

/** `reps` rounds of three runs (instant success, zero waits, asked waits), each round in that order. */
export async function waitAccuracy(reps: number): Promise<WaitAccuracy> {
  const wall = { instant: [] as number[], zero: [] as number[], waited: [] as number[] }
  const server: number[] = []
  const gaps: [number[], number[]] = [[], []]
  const slept: number[] = []
  let failures = 0
  for (let i = 0; i < reps; i++) {
    for (const kind of ['instant', 'zero', 'waited'] as const) {
      const script = kind === 'instant' ? [{ kind: 'message' } as Reply] : kind === 'zero' ? ZERO_WAITS : ASKED_WAITS
      const api = await startFakeApi({ script })
      try {
        const run = await runAction({ inputs: inputs(api, 'bench wait accuracy', { 'max-delay': '10' }) })
        if (run.code !== 0) failures++
        wall[kind].push(run.durationMs)
        const times = api.requests.map(r => r.receivedAtMs)
        if (kind === 'waited' && times.length === 3) {
          server.push((times[2]! - times[0]!) / ASKED_MS)
          gaps[0].push(times[1]! - times[0]!)
          gaps[1].push(times[2]! - times[1]!)
          const log = JSON.parse(run.outputs['retry-log'] ?? '[]') as { startMs: number; durationMs: number }[]
          if (log.length === 3)
            slept.push(
              log.slice(1).reduce((sum, a, k) => sum + a.startMs - (log[k]!.startMs + log[k]!.durationMs), 0) / ASKED_MS
            )
        } else if (times.length !== script.length) {
          failures++
        }
      } finally {
        await api.close()
      }
    }
  }
  const waitedRunMs = median(wall.waited)
  const zeroWaitRunMs = median(wall.zero)
  const instantRunMs = median(wall.instant)
  return {
    reps,
    askedMs: ASKED_MS,
    waitedRunMs,
    zeroWaitRunMs,
    instantRunMs,
    ratio: (waitedRunMs - zeroWaitRunMs) / ASKED_MS,
    ratioVsInstant: (waitedRunMs - instantRunMs) / ASKED_MS,
    serverRatio: median(server),
    gapsMs: [median(gaps[0]), median(gaps[1])],
    sleptRatio: median(slept),
    failures
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Memory: peak RSS for a 1 MB streamed response, with and without retries first.

const ONE_MB_TEXT = 'All work and no play makes Jack a dull boy. '.repeat(Math.ceil(2 ** 20 / 44)).slice(0, 2 ** 20)

export interface MemoryRow {
  label: string
  failuresFirst: number
  maxRssKb: number
  /** Peak RSS over the 1 MB / 0 retries row. */
  ratio: number
  /** Largest minus smallest peak over the runs of this case. */
  spreadKb: number
  /** Heap still live after a full GC at exit (median): what the process kept. */
  liveHeapKb: number
  attempts: number
  ok: boolean
}

interface MemoryCase {
  label: string
  failuresFirst: number
  script: Reply[]
  /** Length of the text the action should get. */
  responseLength: number
}

function memoryCases(): MemoryCase[] {
  const big: Reply = { kind: 'message', text: ONE_MB_TEXT, chunks: 2048 }
  const overloaded: Reply = {
    kind: 'error',
    status: 529,
    type: 'overloaded_error',
    headers: { 'retry-after-ms': '20' }
  }
  const brokenStream: Reply = { kind: 'stream-error', type: 'overloaded_error', text: ONE_MB_TEXT }
  return [
    {
      label: '1 MB stream, first attempt succeeds',
      failuresFirst: 0,
      script: [big],
      responseLength: ONE_MB_TEXT.length
    },
    {
      label: '1 MB stream after 5 × HTTP 529',
      failuresFirst: 5,
      script: [...Array(5).fill(overloaded), big],
      responseLength: ONE_MB_TEXT.length
    },
    {
      label: '1 MB stream after 5 streams that each sent 1 MB, then an error event',
      failuresFirst: 5,
      script: [...Array(5).fill(brokenStream), big],
      responseLength: ONE_MB_TEXT.length
    },
    {
      label: 'small reply, for scale',
      failuresFirst: 0,
      script: [{ kind: 'message' }],
      responseLength: DEFAULT_TEXT.length
    }
  ]
}

export async function memory(reps: number): Promise<MemoryRow[]> {
  const cases = memoryCases()
  const rss = cases.map(() => [] as number[])
  const live = cases.map(() => [] as number[])
  const attempts = cases.map(() => 0)
  const ok = cases.map(() => true)
  const files = scratch()
  try {
    for (let i = 0; i < reps; i++) {
      for (const [c, testCase] of cases.entries()) {
        const api = await startFakeApi({ script: testCase.script })
        const file = files.file(`mem-${i}-${c}.json`)
        try {
          const run: RunResult = await runAction({
            inputs: inputs(api, 'bench memory', { stream: 'true', 'base-delay': '0.02', 'max-delay': '1' }),
            env: probeEnv(file, { NODE_OPTIONS: `--expose-gc --import=${PROBE}` })
          })
          const response = run.outputs.response ?? ''
          // Past GitHub's output budget the action cuts `response` (the whole text is in response-file).
          const whole =
            testCase.responseLength < 1000
              ? response.length === testCase.responseLength
              : response.length > 800_000 && ONE_MB_TEXT.startsWith(response)
          ok[c] = ok[c]! && run.code === 0 && whole
          attempts[c] = Number(run.outputs.attempts)
          const marks = readProbe(file)
          rss[c]!.push(marks.maxRssKb)
          live[c]!.push(marks.liveHeapKb ?? NaN)
        } finally {
          await api.close()
        }
      }
    }
  } finally {
    files.done()
  }
  const base = median(rss[0]!)
  return cases.map((testCase, c) => ({
    label: testCase.label,
    failuresFirst: testCase.failuresFirst,
    maxRssKb: median(rss[c]!),
    ratio: median(rss[c]!) / base,
    spreadKb: Math.max(...rss[c]!) - Math.min(...rss[c]!),
    liveHeapKb: median(live[c]!),
    attempts: attempts[c]!,
    ok: ok[c]!
  }))
}

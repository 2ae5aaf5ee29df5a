// Section 6, many prompts (issue 13): real `node dist/index.js` processes with a `prompts-file`
// against the fake API. One step in direct mode (one shared limiter) against the same items split
// over a herd of independent processes, behind the same token bucket; and the peak memory of batch
// mode at 1,000 and 10,000 items.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { type FakeApi, type RecordedRequest, startFakeApi } from '../../__tests__/support/fake-api.js'
import { ACTION_NODE, runAction, type RunResult } from '../../__tests__/support/run-action.js'
import { median, PROBE, probeEnv, readProbe, scratch } from './stats.js'

const KEY = 'sk-ant-bench'

/** The bucket of section 6: 20 requests/s, a burst of 20, rate-limit headers on every answer. */
export const MANY_BUCKET = { perSecond: 20, burst: 20, retryAfter: true }
export const MANY_ITEMS = 500
export const MANY_PROCESSES = 50

export interface ManyDirectResult {
  items: number
  perSecond: number
  burst: number
  /** The action's inputs that differ from its defaults. */
  inputs: Record<string, string>
  requests: number
  requestsPerItem: number
  /** Largest number of requests one item needed. */
  maxRequestsPerItem: number
  /** 429 answers among the requests. */
  refused: number
  /** Launch of the process to its exit (start-up, validation, results file and summary included). */
  wallMs: number
  /** items / rate. */
  idealMs: number
  /** First to last request at the server. */
  serverSpanMs: number
  succeeded: number
  failed: number
  exitCode: number | null
}

export interface ManyHerdResult {
  processes: number
  itemsPerProcess: number
  items: number
  inputs: Record<string, string>
  requests: number
  requestsPerItem: number
  maxRequestsPerItem: number
  refused: number
  /** Release of the barrier to the last request at the server. */
  spanMs: number
  idealMs: number
  /** Launch to the last ready process (excluded from the span). */
  startupMs: number
  /** Items the processes reported as succeeded, from their `succeeded` outputs. */
  succeeded: number
  /** Processes that exited non-zero or never reported. */
  failedProcesses: number
}

export interface BatchMemoryRow {
  items: number
  /** Median peak RSS of the action's process (process.resourceUsage().maxRSS at exit, via probe.mjs). */
  maxRssKb: number
  spreadKb: number
  /** Median heap still live after a full GC at exit (--expose-gc): what the process kept. */
  liveHeapKb: number
  wallMs: number
  /** Every run exited 0 with `succeeded` equal to the items. */
  ok: boolean
  /** Batches the runs created (per run). */
  batches: number
}

export interface ManyResults {
  /** The Node that ran the action (the bench's own, Node 24 under npm run bench, or ACTION_NODE). */
  node: string
  direct: ManyDirectResult
  herd: ManyHerdResult
  batch: { runs: number; rows: BatchMemoryRow[]; inputs: Record<string, string> } | { error: string }
}

/** A labelling job: `count` items with ids item-0001…, prompts of about 120 characters. */
export function promptsFile(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => {
    const id = itemId(from + i)
    const prompt = `Label issue #${from + i + 1} (${id}) as bug, feature or question. Title: the action times out after a retry.`
    return `${JSON.stringify({ id, prompt })}\n`
  }).join('')
}

export const itemId = (i: number) => `item-${String(i + 1).padStart(5, '0')}`

/** The item a Messages request is for, from the id in its prompt. */
export function itemOf(request: RecordedRequest): string | undefined {
  const content: unknown = (request.body as { messages?: { content?: unknown }[] })?.messages?.[0]?.content
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map(block => (typeof block?.text === 'string' ? block.text : '')).join('')
        : ''
  return /\((item-\d+)\)/.exec(text)?.[1]
}

function messageRequests(api: FakeApi): RecordedRequest[] {
  return api.requests.filter(r => r.method === 'POST' && r.path.split('?')[0] === '/v1/messages')
}

/** Requests per item, counted at the server, and how many of them the bucket refused. */
function perItem(api: FakeApi, answered: Set<RecordedRequest>) {
  const requests = messageRequests(api)
  const counts = new Map<string, number>()
  for (const request of requests) {
    const id = itemOf(request) ?? '?'
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return {
    requests: requests.length,
    maxRequestsPerItem: Math.max(0, ...counts.values()),
    refused: requests.filter(r => !answered.has(r)).length,
    times: requests.map(r => r.receivedAtMs)
  }
}

/** The fake behind the bucket; `answered` holds the requests the bucket let through to the script. */
async function bucketApi(): Promise<{ api: FakeApi; answered: Set<RecordedRequest> }> {
  const answered = new Set<RecordedRequest>()
  const api = await startFakeApi({
    rateLimit: MANY_BUCKET,
    script: request => {
      answered.add(request)
      return { kind: 'message', text: 'bug' }
    }
  })
  return { api, answered }
}

function common(api: FakeApi): Record<string, string> {
  return { 'anthropic-api-key': KEY, 'base-url': api.url, summary: 'metadata' }
}

/** 500 items in one step, direct mode, default concurrency and retry inputs. */
export async function manyDirect(): Promise<ManyDirectResult> {
  const { api, answered } = await bucketApi()
  const inputs = { 'prompts-file': 'prompts.jsonl', mode: 'direct' }
  try {
    const run = await runAction({
      inputs: { ...common(api), ...inputs },
      workspaceFiles: { 'prompts.jsonl': promptsFile(MANY_ITEMS) },
      timeoutMs: 300_000
    })
    const counted = perItem(api, answered)
    return {
      items: MANY_ITEMS,
      perSecond: MANY_BUCKET.perSecond,
      burst: MANY_BUCKET.burst,
      inputs,
      requests: counted.requests,
      requestsPerItem: counted.requests / MANY_ITEMS,
      maxRequestsPerItem: counted.maxRequestsPerItem,
      refused: counted.refused,
      wallMs: run.durationMs,
      idealMs: (MANY_ITEMS / MANY_BUCKET.perSecond) * 1000,
      serverSpanMs: Math.max(...counted.times) - Math.min(...counted.times),
      succeeded: Number(run.outputs.succeeded ?? 0),
      failed: Number(run.outputs.failed ?? MANY_ITEMS),
      exitCode: run.code
    }
  } finally {
    await api.close()
  }
}

/**
 * The same 500 items as 50 independent steps of 10 items each (lines 1–10, 11–20, …: a matrix of
 * 50 jobs; `shard: k/50` splits by a hash of the id, whose shard sizes spread a few percent, so
 * equal files keep the comparison even), each with its own limiter, released together
 * behind the same bucket once all have loaded (probe.mjs barrier), as jobs on separate runners.
 */
export async function manyHerd(): Promise<ManyHerdResult> {
  const { api, answered } = await bucketApi()
  const itemsPerProcess = MANY_ITEMS / MANY_PROCESSES
  const inputs = { 'prompts-file': 'prompts.jsonl', mode: 'direct' }
  const barrier = scratch()
  try {
    const launched = performance.now()
    let settled = 0
    const running: Promise<RunResult>[] = Array.from({ length: MANY_PROCESSES }, (_, p) =>
      runAction({
        inputs: { ...common(api), ...inputs },
        workspaceFiles: { 'prompts.jsonl': promptsFile(itemsPerProcess, p * itemsPerProcess) },
        env: { NODE_OPTIONS: `--import=${PROBE}`, BENCH_BARRIER_DIR: barrier.dir },
        timeoutMs: 300_000
      }).finally(() => settled++)
    )
    const deadline = launched + 120_000
    while (readdirSync(barrier.dir).length + settled < MANY_PROCESSES && performance.now() < deadline) await sleep(10)
    const startupMs = performance.now() - launched
    const released = performance.now()
    for (const name of readdirSync(barrier.dir)) process.kill(Number(name), 'SIGUSR2')
    const runs = await Promise.all(running)
    const counted = perItem(api, answered)
    return {
      processes: MANY_PROCESSES,
      itemsPerProcess,
      items: MANY_ITEMS,
      inputs,
      requests: counted.requests,
      requestsPerItem: counted.requests / MANY_ITEMS,
      maxRequestsPerItem: counted.maxRequestsPerItem,
      refused: counted.refused,
      spanMs: Math.max(...counted.times) - released,
      idealMs: (MANY_ITEMS / MANY_BUCKET.perSecond) * 1000,
      startupMs,
      succeeded: runs.reduce((sum, run) => sum + Number(run.outputs.succeeded ?? 0), 0),
      failedProcesses: runs.filter(run => run.code !== 0 || run.outputs.succeeded === undefined).length
    }
  } finally {
    barrier.done()
    await api.close()
  }
}

/** Batch mode, waiting for the results: peak RSS of the action at each size, `runs` runs each, alternating. */
export async function batchMemory(sizes: number[], runs: number): Promise<ManyResults['batch']> {
  // max-delay caps the poll interval; the fake says in_progress for two polls, then ended.
  const inputs = { 'prompts-file': 'prompts.jsonl', mode: 'batch', 'max-delay': '0.5' }
  const rss = sizes.map(() => [] as number[])
  const live = sizes.map(() => [] as number[])
  const wall = sizes.map(() => [] as number[])
  const ok = sizes.map(() => true)
  const batches = sizes.map(() => 0)
  const files = scratch()
  try {
    for (let i = 0; i < runs; i++) {
      for (const [s, items] of sizes.entries()) {
        const api = await startFakeApi({ batches: { pollsUntilEnded: 2 } })
        const file = files.file(`batch-${i}-${s}.json`)
        try {
          const run = await runAction({
            inputs: { ...common(api), ...inputs },
            workspaceFiles: { 'prompts.jsonl': promptsFile(items) },
            env: probeEnv(file, { NODE_OPTIONS: `--expose-gc --import=${PROBE}` }),
            timeoutMs: 300_000
          })
          if (run.code !== 0) {
            return { error: `batch mode, ${items} items: exit ${run.code}\n${run.stdout.slice(-2000)}` }
          }
          ok[s] = ok[s]! && Number(run.outputs.succeeded) === items
          batches[s] = api.batches.created.length
          const marks = readProbe(file)
          rss[s]!.push(marks.maxRssKb)
          live[s]!.push(marks.liveHeapKb ?? NaN)
          wall[s]!.push(run.durationMs)
        } finally {
          await api.close()
        }
      }
    }
  } finally {
    files.done()
  }
  return {
    runs,
    inputs,
    rows: sizes.map((items, s) => ({
      items,
      maxRssKb: median(rss[s]!),
      spreadKb: Math.max(...rss[s]!) - Math.min(...rss[s]!),
      liveHeapKb: median(live[s]!),
      wallMs: median(wall[s]!),
      ok: ok[s]!,
      batches: batches[s]!
    }))
  }
}

const nodeVersion = (binary: string) =>
  execFileSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()

export async function measureMany(step: (name: string) => void): Promise<ManyResults> {
  step(`6. many prompts: ${MANY_ITEMS} items in one step, direct mode`)
  const direct = await manyDirect()
  step(`6. many prompts: the same items as ${MANY_PROCESSES} processes`)
  const herd = await manyHerd()
  step('6. many prompts: batch mode, peak RSS at 1,000 and 10,000 items')
  let batch: ManyResults['batch']
  try {
    batch = await batchMemory([1000, 10_000], 3)
  } catch (error) {
    batch = { error: error instanceof Error ? error.message : String(error) }
  }
  return { node: nodeVersion(ACTION_NODE), direct, herd, batch }
}

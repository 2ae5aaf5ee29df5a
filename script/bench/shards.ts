// Shards that share one rate limit (issue 22), `npm run bench -- --shards`: 400 items split by
// `shard: k/n` over n real `node dist/index.js` processes in mode direct, as a matrix's jobs run,
// all against one fake API token bucket (20 requests/s, burst 4) in this process. With the
// rate-limit headers (the API's meaning) and without them (only retry-after on a 429, as behind a
// gateway that strips them). n = 1, 2, 4, 8 launched together, and n = 4 launched 2 s apart.
// Writes docs/bench/shards.md and shards.json. About ten minutes on a 2-core machine.
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { type FakeApi, type RecordedRequest, startFakeApi } from '../../__tests__/support/fake-api.js'
import { runAction, type RunResult } from '../../__tests__/support/run-action.js'
import { itemOf, promptsFile } from './many.js'
import { median } from './stats.js'

export const SHARD_BUCKET = { perSecond: 20, burst: 4, retryAfter: true }
export const SHARD_ITEMS = 400
/** BENCH_SHARD_RUNS and BENCH_SHARD_ONLY (a part of a case's label) narrow it for a quick look. */
const RUNS = Number(process.env.BENCH_SHARD_RUNS ?? 3)
const KEY = 'sk-ant-bench'

export interface ShardCase {
  shards: number
  /** ms between two shards' launches (0: all at once). */
  staggerMs: number
  headers: boolean
}

export interface ShardRun {
  requests: number
  refused: number
  /** Launch of the first process to the exit of the last. */
  wallMs: number
  /** First request to the last one at the fake (it answers at once). */
  serverMs: number
  succeeded: number
  failedProcesses: number
}

export interface ShardRow extends ShardCase {
  runs: ShardRun[]
  requestsPerItem: number
  refused: number
  /** Medians over the runs, ÷ the ideal (items ÷ rate). */
  wallRatio: number
  serverRatio: number
  ok: boolean
}

export const SHARD_CASES: ShardCase[] = [
  ...[1, 2, 4, 8].map(shards => ({ shards, staggerMs: 0, headers: true })),
  { shards: 4, staggerMs: 2000, headers: true },
  ...[1, 2, 4, 8].map(shards => ({ shards, staggerMs: 0, headers: false })),
  { shards: 4, staggerMs: 2000, headers: false }
].filter(c => label(c).includes(process.env.BENCH_SHARD_ONLY ?? ''))

export const IDEAL_MS = (SHARD_ITEMS / SHARD_BUCKET.perSecond) * 1000

function messages(api: FakeApi): RecordedRequest[] {
  return api.requests.filter(r => r.method === 'POST' && r.path.split('?')[0] === '/v1/messages')
}

/** One run of a case: n processes, one bucket. */
export async function shardRun(c: ShardCase): Promise<ShardRun> {
  const answered = new Set<RecordedRequest>()
  const api = await startFakeApi({
    rateLimit: { ...SHARD_BUCKET, headers: c.headers },
    script: request => {
      answered.add(request)
      return { kind: 'message', text: 'bug' }
    }
  })
  const file = promptsFile(SHARD_ITEMS)
  try {
    const launched = performance.now()
    const running: Promise<RunResult>[] = []
    for (let k = 1; k <= c.shards; k++) {
      if (k > 1 && c.staggerMs > 0) await sleep(launched + (k - 1) * c.staggerMs - performance.now())
      running.push(
        runAction({
          inputs: {
            'anthropic-api-key': KEY,
            'base-url': api.url,
            summary: 'metadata',
            'prompts-file': 'prompts.jsonl',
            mode: 'direct',
            shard: `${k}/${c.shards}`
          },
          workspaceFiles: { 'prompts.jsonl': file },
          timeoutMs: 300_000
        })
      )
    }
    const runs = await Promise.all(running)
    const wallMs = performance.now() - launched
    const sent = messages(api)
    const times = sent.map(r => r.receivedAtMs)
    const items = new Set(sent.filter(r => answered.has(r)).map(itemOf))
    const succeeded = runs.reduce((sum, run) => sum + Number(run.outputs.succeeded ?? 0), 0)
    return {
      requests: sent.length,
      refused: sent.filter(r => !answered.has(r)).length,
      wallMs,
      serverMs: Math.max(...times) - Math.min(...times),
      succeeded: Math.min(succeeded, items.size),
      failedProcesses: runs.filter(run => run.code !== 0).length
    }
  } finally {
    await api.close()
  }
}

/** Every case RUNS times, the cases interleaved (a slow minute on a shared machine hits them all alike). */
export async function measureShards(step: (name: string) => void): Promise<ShardRow[]> {
  const runs: ShardRun[][] = SHARD_CASES.map(() => [])
  for (let r = 0; r < RUNS; r++) {
    for (const [i, c] of SHARD_CASES.entries()) {
      step(`7. shards: run ${r + 1}/${RUNS}, ${label(c)}`)
      runs[i]!.push(await shardRun(c))
    }
  }
  return SHARD_CASES.map((c, i) => {
    const list = runs[i]!
    return {
      ...c,
      runs: list,
      requestsPerItem: median(list.map(run => run.requests)) / SHARD_ITEMS,
      refused: median(list.map(run => run.refused)),
      wallRatio: median(list.map(run => run.wallMs)) / IDEAL_MS,
      serverRatio: median(list.map(run => run.serverMs)) / IDEAL_MS,
      ok: list.every(run => run.succeeded === SHARD_ITEMS && run.failedProcesses === 0)
    }
  })
}

export function label(c: ShardCase): string {
  const when = c.staggerMs > 0 ? `launched ${c.staggerMs / 1000} s apart` : 'launched together'
  return `n = ${c.shards}, ${when}, ${c.headers ? 'rate-limit headers' : 'no headers (retry-after only)'}`
}

const GOALS: Record<string, string> = {
  together: '≤ 1.05 requests per item, wall ≤ 1.15× (n = 4 and 8)',
  single: '≤ 1.05 requests per item, wall ≤ 1.1×',
  stagger: '≤ 1.05 requests per item, wall ≤ 1.15×',
  blind: '≤ 1.3 requests per item (n = 4)'
}

function goalOf(row: ShardRow): string {
  if (!row.headers) return row.shards === 4 && row.staggerMs === 0 ? GOALS.blind! : ''
  if (row.staggerMs > 0) return GOALS.stagger!
  if (row.shards === 1) return GOALS.single!
  return row.shards >= 4 ? GOALS.together! : ''
}

/** docs/bench/shards.md from the measured rows. */
export function shardsMarkdown(rows: ShardRow[], about: { date: string; machine: string; node: string; load: string }) {
  const f2 = (v: number) => v.toFixed(2)
  const lines = rows.map(
    row =>
      `| ${row.shards} | ${row.staggerMs > 0 ? `${row.staggerMs / 1000} s apart` : 'together'} | ${row.headers ? 'yes' : 'no'} | ${row.requestsPerItem.toFixed(3)} | ${row.refused} | ${f2(row.wallRatio)} | ${f2(row.serverRatio)} | ${row.ok ? 'yes' : '**no**'} | ${goalOf(row)} |`
  )
  const raw = rows.map(
    row =>
      `- ${label(row)}: ${row.runs.map(run => `${run.requests} requests, ${run.refused} × 429, wall ${(run.wallMs / 1000).toFixed(1)} s, at the fake ${(run.serverMs / 1000).toFixed(1)} s`).join('; ')}`
  )
  return `# Shards that share one rate limit

\`npm run bench -- --shards\` (script/bench/shards.ts), measured ${about.date} on ${about.machine}, the action on Node ${about.node}, load average ${about.load} at the start.

${SHARD_ITEMS} items (one prompts-file) split by \`shard: k/n\` over n processes, each the built \`dist/index.js\` as the runner starts it (\`mode: direct\`, default \`concurrency\` 4 and retry inputs), all against one fake API token bucket in the bench's process: ${SHARD_BUCKET.perSecond} requests/s, burst ${SHARD_BUCKET.burst}, \`retry-after\` on every 429. With headers, every answer carries \`anthropic-ratelimit-requests-{limit,remaining,reset}\` with the API's meaning (limit ${SHARD_BUCKET.perSecond * 60} per minute, remaining now, reset when full); without, there are none. The ideal is items ÷ rate = ${IDEAL_MS / 1000} s, also for the staggered launch (the first shard alone has more work than the bucket serves before the others start). Medians of ${RUNS} runs, the cases interleaved.

| n | launched | headers | requests per item | 429s | wall ÷ ideal (launch → last exit) | at the fake ÷ ideal (first → last request) | all items | goal |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

Wall time includes every process's start-up, input checks, results file and summary; on 2 cores, 8 processes start up in turn. How the shards share the limit: [docs/many-prompts.md](../many-prompts.md#shards-that-share-one-rate-limit).

Each run:

${raw.join('\n')}
`
}

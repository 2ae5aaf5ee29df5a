// Renders the benchmark's results as Markdown (docs/bench/results.md) and the SVG chart.
import type { Summary } from './contention.js'
import type { HerdResult, MemoryRow, WaitAccuracy } from './processes.js'
import { duration } from './stats.js'
import type { LoadProfile, Phase, StartupComparison } from './startup.js'
import { chart, type Series } from './svg.js'

export interface Results {
  date: string
  machine: string
  node: string
  loadAverage: string
  elapsedS: number
  contention: { runs: number; sizes: number[]; rows: Summary[]; sensitivity: Summary[] }
  herds: HerdResult[]
  waits: WaitAccuracy
  startup: StartupComparison
  phases: Phase[]
  phaseRuns: number
  profile: LoadProfile
  composition: { name: string; bytes: number }[]
  memory: MemoryRow[]
  memoryRuns: number
}

/** Published figures at N = 100 (AWS architecture blog; the SDK row from the project's facts). */
export const ANCHORS: Record<string, { calls: number; timeS: number }> = {
  'action full': { calls: 8.0, timeS: 4.9 },
  'action equal': { calls: 8.1, timeS: 6.6 },
  'action decorrelated': { calls: 10.0, timeS: 4.6 },
  'action none': { calls: 18.6, timeS: 64 },
  'SDK schedule': { calls: 9.0, timeS: 10.1 }
}

export const COLORS: Record<string, string> = {
  'action full': '#1f77b4',
  'action equal': '#ff7f0e',
  'action decorrelated': '#2ca02c',
  'action none': '#d62728',
  'reference loop, no jitter': '#9467bd',
  'reference loop, jitter': '#8c564b',
  'SDK schedule': '#7f7f7f'
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(c => String(c).replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

const f1 = (v: number) => v.toFixed(1)
const f2 = (v: number) => v.toFixed(2)
const pct = (v: number) => `${(100 * v).toFixed(0)} %`
const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`

export function contentionTable(rows: Summary[], n: number): string {
  return table(
    [
      'Strategy',
      'Calls per client',
      'Max calls',
      'Time until the last client succeeds',
      'Clients needing > 6 calls',
      'Schedule'
    ],
    rows
      .filter(r => r.clients === n)
      .map(r => [r.strategy, f2(r.callsPerClient), r.maxCalls, duration(r.timeMs), pct(r.overLimit[6] ?? 0), r.source])
  )
}

export function maxDeviation(rows: Summary[]): number {
  return Math.max(
    ...rows
      .filter(x => x.clients === 100 && ANCHORS[x.strategy])
      .flatMap(x => [
        Math.abs(x.callsPerClient / ANCHORS[x.strategy]!.calls - 1),
        Math.abs(x.timeMs / 1000 / ANCHORS[x.strategy]!.timeS - 1)
      ])
  )
}

export function anchorTable(rows: Summary[]): string {
  return table(
    ['Strategy (N = 100)', 'Calls per client', 'Published', 'Ratio', 'Time', 'Published', 'Ratio'],
    rows
      .filter(r => r.clients === 100 && ANCHORS[r.strategy])
      .map(r => {
        const a = ANCHORS[r.strategy]!
        return [
          r.strategy,
          f2(r.callsPerClient),
          f1(a.calls),
          f2(r.callsPerClient / a.calls),
          duration(r.timeMs),
          `${a.timeS} s`,
          f2(r.timeMs / 1000 / a.timeS)
        ]
      })
  )
}

const HINT_LABEL: Record<HerdResult['hints'], string> = {
  'retry-after': '429 with retry-after',
  'rate-limit headers': '429 with anthropic-ratelimit-* only',
  'bare 429': '429 without any hint'
}

export function herdTable(herds: HerdResult[]): string {
  return table(
    [
      'Server',
      'Jitter',
      'Requests per process (mean / max)',
      'Last request after release',
      'Ideal',
      'Ratio',
      'Herd fired within',
      'Failures'
    ],
    herds.map(h => [
      HINT_LABEL[h.hints],
      h.jitter,
      `${f2(h.requestsPerProcess.mean)} / ${h.requestsPerProcess.max}`,
      duration(h.spanMs),
      duration(h.idealSpanMs),
      h.failures ? `${f2(h.spanMs / h.idealSpanMs)} (not all succeeded)` : f2(h.spanMs / h.idealSpanMs),
      duration(h.arrivalSpreadMs),
      `${h.failures} of ${h.processes}`
    ])
  )
}

/** The verdict table in words, with the ranges taken from it. */
export function jitterNotes(rows: Summary[], sizes: number[]): string {
  const at = (strategy: string, n: number) => rows.find(r => r.strategy === strategy && r.clients === n)!
  const range = (mode: string, pick: (r: Summary) => number) => {
    const values = sizes.map(n => pick(at(`action ${mode}`, n)) / pick(at('action full', n)))
    return `${f2(Math.min(...values))}–${f2(Math.max(...values))}×`
  }
  const calls = (r: Summary) => r.callsPerClient
  const time = (r: Summary) => r.timeMs
  const modes = ['full', 'equal', 'decorrelated', 'none']
  // How far a mode is from the best of the four, at the N where it is furthest.
  const worstGap = (mode: string, pick: (r: Summary) => number) =>
    Math.max(
      ...sizes.map(n => pick(at(`action ${mode}`, n)) / Math.min(...modes.map(m => pick(at(`action ${m}`, n)))) - 1)
    )
  const ref = at('reference loop, no jitter', 100)
  const refJitter = at('reference loop, jitter', 100)
  return [
    `Across N = ${sizes.join(', ')}, relative to \`full\`: \`none\` needs ${range('none', calls)} the calls and ${range('none', time)} the time, because clients that failed together retry together and collide again; \`equal\` needs ${range('equal', calls)} the calls and ${range('equal', time)} the time (it never retries early, so it finishes later); \`decorrelated\` needs ${range('decorrelated', calls)} the calls and ${range('decorrelated', time)} the time, and its unlucky clients need many more calls (the "Max calls" column).`,
    `The reference loop without jitter collides like \`none\`, and without a cap its waits grow without bound: ${duration(ref.timeMs)} of simulated time at N = 100; with its jitter it needs as few calls as \`full\` but ${duration(refJitter.timeMs)} instead of ${duration(at('action full', 100).timeMs)}, for want of the cap; and at N = 100, ${pct(refJitter.overLimit[5] ?? 0)} of its clients need more than its 5 attempts. The SDK's ×U(0.75, 1] is too narrow to break a herd up (${f2(at('SDK schedule', 100).callsPerClient)} calls and ${duration(at('SDK schedule', 100).timeMs)} at N = 100).`,
    `\`full\` is the action's default: at every N its calls are within ${pct(worstGap('full', calls))} of the fewest and its time within ${pct(worstGap('full', time))} of the shortest among the four modes${
      modes.some(
        m =>
          m !== 'full' && worstGap(m, calls) <= worstGap('full', calls) && worstGap(m, time) <= worstGap('full', time)
      )
        ? '.'
        : ', and no other mode stays that close to the best on both.'
    }`
  ].join('\n\n')
}

/** Per N: each of the action's modes, calls and time as a ratio to full jitter. */
export function verdictTable(rows: Summary[], sizes: number[]): string {
  const modes = ['action full', 'action equal', 'action decorrelated', 'action none']
  return table(
    ['N', ...modes.map(m => `${m.replace('action ', '')}: calls / time`)],
    sizes.map(n => {
      const full = rows.find(r => r.strategy === 'action full' && r.clients === n)!
      return [
        n,
        ...modes.map(m => {
          const r = rows.find(x => x.strategy === m && x.clients === n)!
          return m === 'action full'
            ? `${f2(r.callsPerClient)} / ${duration(r.timeMs)}`
            : `${f2(r.callsPerClient / full.callsPerClient)}× / ${f2(r.timeMs / full.timeMs)}×`
        })
      ]
    })
  )
}

/** The wait at exit, from the phases table. */
export function exitNotes(r: Results): string {
  const teardown = r.phases.find(p => p.name.startsWith('spawn'))!
  const empty = teardown.emptyMs ?? 0
  const actionWait = teardown.actionMs - empty
  const bareWait = (teardown.bareMs ?? 0) - empty
  const parts = [
    `The bare script's first \`fetch\` also loads Node's built-in fetch implementation${bundlesUndici(r) ? '; the action pays for that while loading (its bundle installs the bundled undici as the global dispatcher)' : ''}.`,
    `The spawn-and-teardown row is ${duration(empty)} for an empty script, ${duration(teardown.actionMs)} for the action and ${duration(teardown.bareMs ?? 0)} for the bare script.`
  ]
  if (Math.max(actionWait, bareWait) > 30) {
    parts.push(
      `A process that has just made its first request with fetch waits at exit (after its 'exit' event) for V8's background optimising compile of undici's llhttp WebAssembly parser; with \`--liftoff-only\` (the bare script in the last column) the row is ${duration(teardown.liftoffMs ?? 0)}.`
    )
  }
  parts.push(
    actionWait > 30
      ? `That wait is ${duration(actionWait)} of the action's wall time.`
      : `The action sets \`--liftoff-only\` itself (\`src/startup.ts\`), so it does not pay that wait (${duration(actionWait)} over the empty script).`
  )
  return parts.join(' ')
}

function bundlesUndici(r: Results): boolean {
  return r.composition.some(x => x.name.startsWith('undici') && x.bytes > 0)
}

export function memoryNote(rows: MemoryRow[]): string {
  const retried = rows.filter(m => m.failuresFirst > 0)
  const worst = Math.max(...retried.map(m => m.ratio))
  const liveWorst = Math.max(...retried.map(m => m.liveHeapKb / rows[0]!.liveHeapKb))
  const kept =
    liveWorst <= 1.1
      ? `The heap still live after a full collection at exit is at most ${f2(liveWorst)}× the single attempt's: a failed attempt's text is not kept.`
      : `The heap still live after a full collection at exit is up to ${f2(liveWorst)}× the single attempt's: failed attempts leave memory behind.`
  const peak =
    worst <= 1.1
      ? `After five failed attempts the peak is at most ${f2(worst)}× the single attempt's.`
      : `After five failed attempts the peak is up to ${f2(worst)}× the single attempt's: garbage from the broken streams that the collector has not reclaimed yet when the peak is reached.`
  return `${peak} ${kept}`
}

/** What the start-up profile points to, from the numbers. */
export function loadNotes(r: Results): string {
  const share = (pred: (name: string) => boolean) =>
    r.profile.load.filter(x => pred(x.name)).reduce((s, x) => s + x.ms, 0) / r.profile.loadMs
  const size = share(n => n.startsWith('V8:') || n.startsWith('read + UTF-8'))
  const builtins = share(n => n.startsWith('node built-ins'))
  const total = r.composition.reduce((s, x) => s + x.bytes, 0)
  const kib = (pred: (name: string) => boolean) =>
    r.composition.filter(x => pred(x.name)).reduce((s, x) => s + x.bytes, 0)
  const undici = kib(n => n.startsWith('undici') || n.startsWith('tunnel') || n === '@actions/http-client')
  const unusedSdk = kib(n =>
    [
      '@anthropic-ai/sdk/resources/beta',
      '@anthropic-ai/sdk/resources/organization',
      '@anthropic-ai/sdk/lib/tools'
    ].includes(n)
  )
  return `**What this points to.** ${pct(size)} of the loading is reading, parsing and compiling code: it scales with the size of what is loaded, not with what runs. Another ${pct(builtins)} is Node built-ins the bundle pulls in at load. ${undici > 0 ? `Undici with @actions/http-client and tunnel is ${(undici / 1024).toFixed(0)} KiB (${pct(undici / total)}) of the bundle: \`@actions/core\` imports \`@actions/http-client\` for OIDC tokens, which the action never requests, and on load the bundled undici makes itself Node's global fetch dispatcher, so the SDK's requests then go through this copy (compiling its llhttp WebAssembly on the first request) rather than Node's built-in one. ` : ''}The SDK's beta and organization resources and tool helpers (${(unusedSdk / 1024).toFixed(0)} KiB, ${pct(unusedSdk / total)}) load too, though only \`messages\` is used: the SDK's client module imports every resource.`
}

function compareBare(full: { requests: number; ratio: number }, none: { requests: number; ratio: number }): string {
  const r = full.requests / none.requests
  const requests =
    Math.abs(r - 1) < 0.15 ? 'about as many requests as no jitter' : `${f2(r)}× the requests of no jitter`
  const t = full.ratio / none.ratio
  const time =
    t < 0.9 ? `and finishes in ${f2(t)}× its time` : t > 1.1 ? `but takes ${f2(t)}× its time` : 'in about the same time'
  return `Full jitter makes ${requests}, ${time}.`
}

/** Mean over the bare-429 runs of one jitter mode. */
export function bareAverage(
  herds: HerdResult[],
  jitter: string
): { runs: number; requests: number; ratio: number; failures: number } {
  const rows = herds.filter(h => h.hints === 'bare 429' && h.jitter === jitter)
  const avg = (f: (h: HerdResult) => number) => rows.reduce((sum, h) => sum + f(h), 0) / rows.length
  return {
    runs: rows.length,
    requests: avg(h => h.requestsPerProcess.mean),
    ratio: avg(h => h.spanMs / h.idealSpanMs),
    failures: rows.reduce((n, h) => n + h.failures, 0)
  }
}

/** The herd's findings, in words, from the numbers. */
export function herdNotes(herds: HerdResult[]): string {
  const notes: string[] = []
  const ra = herds.find(h => h.hints === 'retry-after')
  if (ra) {
    notes.push(
      `With \`retry-after\` the action waits exactly what the server asks (jitter does not apply): ${f2(ra.requestsPerProcess.mean)} requests per process, last request at ${f2(ra.spanMs / ra.idealSpanMs)}× the ideal, ${ra.failures} failures. The fake's \`retry-after\` is whole seconds, so the processes refused together come back together.`
    )
  }
  const full = bareAverage(herds, 'full')
  const none = bareAverage(herds, 'none')
  const rl = herds.find(h => h.hints === 'rate-limit headers')
  if (rl) {
    const outcome = rl.failures
      ? `and ${rl.failures} of ${rl.processes} processes failed (retries exhausted)${full.runs && rl.failures > full.failures ? ': worse than a bare 429 with full jitter below. Every refused process learns the same reset time; waiting exactly until then brings them all back at once for one token' : ''}`
      : `last request at ${f2(rl.spanMs / rl.idealSpanMs)}× the ideal, no failures`
    notes.push(
      `With only the rate-limit headers, the action's wait starts from \`anthropic-ratelimit-requests-reset\` (see \`src/retry/loop.ts\`); the fake's reset is the moment the bucket next holds one whole token, the same moment for every refused process. ${f2(rl.requestsPerProcess.mean)} requests per process (up to ${rl.requestsPerProcess.max}), ${outcome}.`
    )
  }
  if (full.runs && none.runs) {
    const bare = herds.filter(h => h.hints === 'bare 429')
    const spread = bare.reduce((sum, h) => sum + h.arrivalSpreadMs, 0) / bare.length
    notes.push(
      `With a bare 429 the schedule does the work. Mean of ${full.runs} runs each: full jitter ${f2(full.requests)} requests per process, last request at ${f2(full.ratio)}× the ideal, ${full.failures} failures; no jitter ${f2(none.requests)} requests per process, ${f2(none.ratio)}×, ${none.failures} failures. ${compareBare(full, none)} Against a token bucket a refused request costs the others nothing (unlike a collision in section 1), so jitter cannot save much load here; and even the released herd reaches the server spread over about ${duration(spread)}${spread > Number(herds[0]!.baseDelay) * 1000 ? ` (more than the ${herds[0]!.baseDelay} s first step), which already breaks up some of the lock-step` : ''}. One herd on two cores is noisy; compare the runs above.`
    )
  }
  return notes.join('\n\n')
}

export function contentionSvg(rows: Summary[], sizes: number[], runs: number): string {
  const names = [...new Set(rows.map(r => r.strategy))]
  const series = (pick: (r: Summary) => number): Series[] =>
    names.map(name => ({
      name,
      color: COLORS[name] ?? '#000',
      values: sizes.map(n => pick(rows.find(r => r.strategy === name && r.clients === n)!))
    }))
  const groups = sizes.map(n => `N = ${n}`)
  const maxCalls = Math.ceil(Math.max(...rows.map(r => r.callsPerClient)) / 5) * 5
  return chart(
    'Contention: N clients, one shared row, retry until one write succeeds',
    `Model of AWS's backoff simulator (base 5 ms, cap 2 s, network |N(10 ms, 2 ms)|), mean of ${runs} seeded runs per bar; the reference loop has no cap. Lower is better.`,
    [
      {
        title: 'Calls per client',
        groups,
        series: series(r => r.callsPerClient),
        scale: 'linear',
        min: 0,
        max: maxCalls,
        ticks: Array.from({ length: maxCalls / 5 + 1 }, (_, i) => i * 5),
        format: v => (Number.isInteger(v) ? String(v) : v.toFixed(1))
      },
      {
        title: 'Time until the last client succeeds (log scale)',
        groups,
        series: series(r => r.timeMs / 1000),
        scale: 'log',
        min: 0.1,
        max: 1000,
        ticks: [0.1, 1, 10, 100, 1000],
        format: v => duration(v * 1000),
        tickFormat: v => `${v} s`
      }
    ]
  )
}

export function markdown(r: Results): string {
  const c = r.contention
  const full100 = c.rows.find(x => x.strategy === 'action full' && x.clients === 100)!
  const none100 = c.rows.find(x => x.strategy === 'action none' && x.clients === 100)!
  const memBase = r.memory[0]!
  const memMax = Math.max(...r.memory.filter(m => m.failuresFirst > 0).map(m => m.ratio))
  const herdFull = r.herds.find(h => h.hints === 'bare 429' && h.jitter === 'full')
  const herdNone = r.herds.find(h => h.hints === 'bare 429' && h.jitter === 'none')
  const out: string[] = []
  out.push(`# Benchmarks

Generated by \`npm run bench\` (\`tsx script/bench/run.ts\`; raw figures in [results.json](results.json), re-render with \`npm run bench -- --render-only\`) on ${r.date}: ${r.machine}, Node ${r.node}; load average at the start ${r.loadAverage}; the whole run took ${r.elapsedS.toFixed(0)} s.
To reproduce: \`npm ci && npm run build && npm run bench\` (it builds \`dist/\` itself if missing). Every figure below is a count, or a ratio of two things measured in the same run, so it holds on a slower or busier machine; absolute milliseconds are this machine's and vary with its load.

## At a glance

- **Contention (N = 100):** full jitter ${f2(full100.callsPerClient)} calls per client and ${duration(full100.timeMs)} until the last client succeeds; no jitter ${f2(none100.callsPerClient)} calls (${f1(none100.callsPerClient / full100.callsPerClient)}×) and ${duration(none100.timeMs)} (${f1(none100.timeMs / full100.timeMs)}×). The model reproduces the published simulator's figures within ${pct(maxDeviation(c.rows))}.`)
  if (herdFull && herdNone) {
    const headersOnly = r.herds.find(h => h.hints === 'rate-limit headers')
    const retryAfter = r.herds.find(h => h.hints === 'retry-after')
    const full = bareAverage(r.herds, 'full')
    const none = bareAverage(r.herds, 'none')
    out.push(
      `- **${herdFull.processes} real processes, ${herdFull.perSecond} requests/s:** with \`retry-after\` ${retryAfter ? f2(retryAfter.requestsPerProcess.mean) : '?'} requests per process, ${retryAfter?.failures ?? '?'} failures; with only the rate-limit headers ${headersOnly ? f2(headersOnly.requestsPerProcess.mean) : '?'} requests per process and ${headersOnly?.failures ? `**${headersOnly.failures} failures**` : '0 failures'}; with a bare 429 (mean of ${full.runs} runs each), full jitter ${f2(full.requests)} requests per process and last request at ${f2(full.ratio)}× the ideal, no jitter ${f2(none.requests)} and ${f2(none.ratio)}×, failures ${full.failures} and ${none.failures}.`
    )
  }
  out.push(`- **Wait accuracy:** asked for ${r.waits.askedMs} ms of waits; the server saw the first and last request ${f2(r.waits.serverRatio)}× that apart (including two failed round trips); the wall time beyond the same run without waits was ${f2(r.waits.ratio)}× the asked time.
- **Start-up:** \`node dist/index.js\` takes ${f2(r.startup.ratio)}× a bare \`fetch\` script (medians of ${r.startup.pairs} runs each in rotating order, ${duration(r.startup.actionMs)} against ${duration(r.startup.bareMs)}). Goal ≤ 1.2×. Against the bare script also run with \`--liftoff-only\` (as the action runs): ${f2(r.startup.liftoffRatio)}×.
- **Memory:** peak RSS for a 1 MB streamed response ${mib(memBase.maxRssKb)}; after 5 failed attempts first, at most ${f2(memMax)}× that. Heap still live after a full GC at exit: ${mib(memBase.liveHeapKb)} with no retry, at most ${mib(Math.max(...r.memory.filter(m => m.failuresFirst > 0).map(m => m.liveHeapKb)))} after 5.

## 1. Contention (simulation)

N clients each need one successful write to one shared row; a write fails when another client's write landed between its read and its write; after a failure a client sleeps its backoff and reads again. This is the model of AWS's public simulator ([aws-samples/aws-arch-backoff-simulator](https://github.com/aws-samples/aws-arch-backoff-simulator), \`src/backoff_simulator.py\`), re-implemented as a deterministic discrete-event simulation with a seeded PRNG (mulberry32, seeds 1…${c.runs} for every cell): every message (read, read reply, write, write reply) takes |Normal(10 ms, 2 ms)|; base 5 ms, cap 2 s. "Calls" are writes, as in the simulator; the time is when the last client got its success reply. The action's four modes call the real \`backoffDelay\` of \`src/retry/backoff.ts\` (rounded to whole ms, as \`src/retry/loop.ts\` does).

The simulator's exponential schedules are \`min(cap, base·2^n)\` with n = 1 on the first retry, so their first step is 10 ms; the action's \`base-delay\` is the first step (\`base-delay·2^(n-1)\`), so \`full\`, \`equal\`, \`none\`, the reference loop and the SDK schedule run with a 10 ms first step, which is exactly the simulator's schedule. \`decorrelated\` uses base as its floor and first "previous" wait, in the simulator and in the action alike, so it runs with base-delay 5 ms. The user's reference loop (\`base·2^(attempt-1)\`, optionally \`U(0, base·2^(attempt-1))\`) has no cap at all and only 5 attempts; here it retries until it succeeds, and the "> 6 calls" column shows how many clients the action's default \`max-retries: 5\` (6 attempts) would have failed. The SDK schedule is \`min(base·2^n, cap)·U(0.75, 1]\` with n = retries so far from 0.

### Against the published figures (N = 100)

${anchorTable(c.rows)}

Largest deviation from a published figure: ${pct(maxDeviation(c.rows))}. The simulator averaged 100 runs per cell with Python's own PRNG, so some difference is sampling noise; the action's waits are also rounded to whole milliseconds.

![Contention chart](contention.svg)
`)
  for (const n of c.sizes) out.push(`### N = ${n}\n\n${contentionTable(c.rows, n)}\n`)
  out.push(`### Sensitivity: the action's schedules with a 5 ms first step (N = 100)

If "base 5 ms" is read as the action's \`base-delay\` (first wait 5 ms rather than the simulator's 10 ms):

${table(
  ['Strategy', 'Calls per client', 'Time', 'Schedule'],
  c.sensitivity.map(s => [s.strategy, f2(s.callsPerClient), duration(s.timeMs), s.source])
)}

### What it means for choosing \`jitter\`

The action's four modes at each N (calls and time relative to \`full\`):

${verdictTable(c.rows, c.sizes)}

${jitterNotes(c.rows, c.sizes)}

## 2. Real processes against a rate-limited server

${r.herds[0]!.processes} real \`node dist/index.js\` processes, launched at once through the runner emulation (\`__tests__/support/run-action.ts\`, inputs as \`INPUT_*\`), against the fake API behind a token bucket of ${r.herds[0]!.perSecond} requests/s with a burst of ${r.herds[0]!.burst}; inputs \`max-retries: ${r.herds[0]!.maxRetries}\`, \`base-delay: ${r.herds[0]!.baseDelay}\`, \`max-delay: ${r.herds[0]!.maxDelay}\`. Three kinds of refusal: 429 with \`retry-after\` (the fake rounds it up to whole seconds, as the header requires) plus the rate-limit headers; 429 with only \`anthropic-ratelimit-requests-remaining: 0\` and \`-reset\` (the fake's reset is when the bucket next holds a whole token); and a bare 429 with no hint, where only the backoff schedule can spread the herd.

On two cores, starting ${r.herds[0]!.processes} Node processes takes several seconds (${r.herds.map(h => duration(h.startupMs)).join(', ')} here), which by itself would spread the requests out below the limit. So each process holds its first request (after one warm-up request to another path, not counted) until all have loaded, and all are released together, as ${r.herds[0]!.processes} jobs on separate runners would fire. "Ideal" is (processes − burst) / rate: each process sending exactly one request, as soon as a token is free. "Herd fired within" is when the last process's first request reached the server: even a released herd is spread a little by the CPU it needs on two cores. The rate is ${r.herds[0]!.perSecond}/s rather than 20/s because twenty completions a second of real processes already take a large share of two cores, which would make the machine, not the server, the bottleneck.

${herdTable(r.herds)}

${herdNotes(r.herds)}

## 3. Wait accuracy

A server that answers 429 with \`retry-after: 1\`, then 529 with \`retry-after-ms: 400\`, then succeeds: ${r.waits.askedMs} ms asked for. ${r.waits.reps} rounds of three runs: an instant success, the same three answers asking for no wait (\`retry-after: 0\`, \`retry-after-ms: 0\`), and the real waits; medians.

${table(
  ['Measure', 'Value'],
  [
    ['First to third request at the server / asked', f2(r.waits.serverRatio)],
    [
      'Gap at the server around the 1000 ms wait (includes the failed request and its handling)',
      duration(r.waits.gapsMs[0])
    ],
    ['Gap at the server around the 400 ms wait', duration(r.waits.gapsMs[1])],
    ["Time between attempts in the action's retry-log / asked", f2(r.waits.sleptRatio)],
    ['Wall time: waited run', duration(r.waits.waitedRunMs)],
    ['Wall time: same answers, no waits', duration(r.waits.zeroWaitRunMs)],
    ['Wall time: instant success', duration(r.waits.instantRunMs)],
    ['(waited − no waits) / asked', f2(r.waits.ratio)],
    ['(waited − instant success) / asked', f2(r.waits.ratioVsInstant)],
    ['Failures', r.waits.failures]
  ]
)}

Goal ≤ 1.05 plus start-up. The server-side and retry-log ratios are the direct measures; the wall-time differences subtract medians of whole processes and carry their noise.${r.waits.ratio < 1 ? ` Here they come out below 1: the run that waited spent ${duration(r.waits.zeroWaitRunMs - (r.waits.waitedRunMs - r.waits.askedMs))} less on its own work than the same run without waits, presumably because background compilation and garbage collection finish during the idle waits.` : ''}

## 4. Start-up

\`node dist/index.js\` against an instant success, and \`script/bench/bare-call.mjs\` (the same inputs, one \`fetch\` POST to the same fake, print the text, exit), both through the same runner emulation; ${r.startup.pairs} runs of each, in rotating order with the what-if below. Medians: action ${duration(r.startup.actionMs)}, bare ${duration(r.startup.bareMs)}, **ratio ${f2(r.startup.ratio)}** (goal ≤ 1.2). ${r.startup.failures} failures.

The action keeps WebAssembly on V8's baseline compiler (\`src/startup.ts\`: \`v8.setFlagsFromString('--liftoff-only')\`), which spares it the wait at exit described below. The bare script given the same flag (\`script/bench/liftoff.mjs\`, preloaded), in the same rounds, took ${duration(r.startup.liftoffMs)}: the action is **${f2(r.startup.liftoffRatio)}×** that, the cost of loading its code.

### Where the time goes (probe marks, medians of ${r.phaseRuns} alternating runs each)

\`script/bench/probe.mjs\` is preloaded (\`NODE_OPTIONS=--import\`) and marks, in the child's own clock, its preload, the first stdout write (the action's first log line is written right after the bundle has loaded), the first \`fetch\` and its response headers, and \`exit\`.

${table(
  ['Phase', 'Action', 'Bare script', 'Empty script', 'Bare script, --liftoff-only'],
  r.phases.map(p => [
    p.name,
    duration(p.actionMs),
    p.bareMs === undefined ? '—' : duration(p.bareMs),
    p.emptyMs === undefined ? '—' : duration(p.emptyMs),
    p.liftoffMs === undefined ? '—' : duration(p.liftoffMs)
  ])
)}

${exitNotes(r)}

### What the loading costs (CPU profile of one run, 100 µs sampling)

${r.profile.cutFound ? '' : '**No sample fell inside `askClaude()` (renamed in src/main.ts?), so the whole run counts as loading below.** '}Profiled ${duration(r.profile.loadMs)} from the preload to the first sample inside \`askClaude()\`; samples attributed to the package their code came from (\`CONCATENATED MODULE\` headers and module ids in \`dist/index.js\`):

${table(
  ['Category', 'ms', 'Share'],
  r.profile.load.filter(x => x.ms >= 0.5).map(x => [x.name, f1(x.ms), pct(x.ms / r.profile.loadMs)])
)}

After loading (request, response, outputs, summary; ${duration(r.profile.restMs)} profiled):

${table(
  ['Category', 'ms'],
  r.profile.rest.filter(x => x.ms >= 1).map(x => [x.name, f1(x.ms)])
)}

${loadNotes(r)}

### Bundle composition (\`dist/index.js\`)

${table(
  ['Package', 'KiB', 'Share'],
  r.composition
    .filter(x => x.bytes >= 4096)
    .map(x => [x.name, (x.bytes / 1024).toFixed(0), pct(x.bytes / r.composition.reduce((s, y) => s + y.bytes, 0))])
)}

## 5. Memory

Peak RSS (\`process.resourceUsage().maxRSS\` at exit, via the probe) for a 1 MiB response streamed in 2048 chunks (\`stream: true\`); ${r.memoryRuns} runs of each case, alternating:

${table(
  [
    'Case',
    'Attempts',
    'Peak RSS (median)',
    'Ratio to the first row',
    'Spread over runs',
    'Heap live after GC at exit',
    'Response intact'
  ],
  r.memory.map(m => [
    m.label,
    m.attempts,
    mib(m.maxRssKb),
    f2(m.ratio),
    mib(m.spreadKb),
    mib(m.liveHeapKb),
    m.ok ? 'yes' : 'NO'
  ])
)}

${memoryNote(r.memory)}
`)
  return out.join('\n')
}

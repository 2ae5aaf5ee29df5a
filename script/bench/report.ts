// Renders the benchmark's results as Markdown (docs/bench/results.md, from the prose in
// docs/bench/template.md) and the SVG chart. The sentences here are the ones whose wording
// depends on the figures.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Summary } from './contention.js'
import type { ManyResults } from './many.js'
import { manyGlance, manyValues } from './many-report.js'
import type { HerdResult, MemoryRow, WaitAccuracy } from './processes.js'
import { duration } from './stats.js'
import type { LoadProfile, Phase, StartupComparison } from './startup.js'
import { chart, type Series } from './svg.js'

/** A start-up comparison and the Node version (process.versions.node) it ran the action on. */
export type StartupRow = StartupComparison & { node: string }

export interface Results {
  date: string
  machine: string
  node: string
  loadAverage: string
  elapsedS: number
  contention: { runs: number; sizes: number[]; rows: Summary[]; sensitivity: Summary[] }
  herds: HerdResult[]
  waits: WaitAccuracy
  /** On the Node running the bench (Node 24 under npm run bench). */
  startup: StartupComparison
  /** The same comparison on each Node version (older results.json files lack it). */
  startupByNode?: StartupRow[]
  /** When section 4 was last measured (npm run bench -- --startup-only), if not on `date`. */
  startupDate?: string
  /** The Node version the phases and the profile ran the action on. */
  phasesNode?: string
  phases: Phase[]
  phaseRuns: number
  profile: LoadProfile
  composition: { name: string; bytes: number }[]
  /** Bytes of dist/index.js and its chunks together (older results.json files lack it). */
  distBytes?: number
  /** Where and under what load section 4 ran: `nproc` and the CPU model, the load average (older files lack it). */
  startupMachine?: string
  startupLoadAverage?: string
  memory: MemoryRow[]
  memoryRuns: number
  /** Section 6, many prompts (older results.json files lack it). */
  many?: ManyResults
  /** When section 6 was last measured (npm run bench -- --many-only), if not on `date`. */
  manyDate?: string
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
      : `The action does not pay that wait here (${duration(actionWait)} over the empty script).`
  )
  return parts.join(' ')
}

/** Issue 18's goals for start-up (the ≤ 1.3× goal before it was not reached by the bundle alone). */
export const STARTUP_GOALS =
  'Goals on Node 24: ≤ 1.5× (stretch ≤ 1.3×); on Node 20 no worse than before the lean bundle (1.43× on 2026-11-29, and the *Action / baseline* column when the old build runs in the same rounds).'

const BUNDLE_GOALS = { distBytes: 3.5e6, defaultPathBytes: 1.2e6 }

const defaultPathBytes = (r: Results) => r.composition.reduce((t, x) => t + x.bytes, 0)

function bundleGlance(r: Results): string {
  if (r.distBytes === undefined) return ''
  return ` Bundle: \`dist/*.js\` ${(r.distBytes / 1e6).toFixed(2)} MB (goal ≤ 3.5 MB), the default path loads ${(defaultPathBytes(r) / 1e6).toFixed(2)} MB (goal ≤ 1.2 MB).`
}

/** The composition table's total and dist/'s, against the goals. */
function bundleTotals(r: Results): string {
  const loaded = defaultPathBytes(r)
  const parts = [
    `In all, every run loads ${(loaded / 1e6).toFixed(2)} MB (${(loaded / 1024).toFixed(0)} KiB) of JavaScript: goal ≤ ${BUNDLE_GOALS.defaultPathBytes / 1e6} MB, ${loaded <= BUNDLE_GOALS.defaultPathBytes ? 'met' : '**not met**'}.`
  ]
  if (r.distBytes !== undefined)
    parts.push(
      `\`dist/*.js\` (the entry and every chunk) is ${(r.distBytes / 1e6).toFixed(2)} MB: goal ≤ ${BUNDLE_GOALS.distBytes / 1e6} MB, ${r.distBytes <= BUNDLE_GOALS.distBytes ? 'met' : '**not met**'}.`
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

/** The prose of results.md: a Markdown file with {{name}} placeholders (docs/bench/template.md). */
export const TEMPLATE = fileURLToPath(new URL('../../docs/bench/template.md', import.meta.url))

/** Replaces every {{name}} with values[name] and drops the leading <!-- … --> comment; an unknown name throws. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/^<!--[\s\S]*?-->\n/, '').replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`docs/bench/template.md: no value for {{${name}}}`)
    return String(values[name])
  })
}

/** One row per Node version: the action, the bare script, and the what-if with --liftoff-only. */
export function startupTable(rows: StartupRow[]): string {
  // The baseline columns appear only when the run measured an older build (BENCH_BASELINE_ENTRY).
  const withBaseline = rows.some(s => s.baselineMs !== undefined)
  return table(
    [
      'Node',
      'Action',
      'Bare fetch script',
      'Action / bare',
      'Bare, --liftoff-only',
      'Action / that',
      ...(withBaseline ? ['Baseline build', 'Action / baseline'] : []),
      'Failures'
    ],
    rows.map(s => [
      s.node,
      duration(s.actionMs),
      duration(s.bareMs),
      `**${f2(s.ratio)}**`,
      duration(s.liftoffMs),
      f2(s.liftoffRatio),
      ...(withBaseline
        ? [s.baselineMs ? duration(s.baselineMs) : '–', s.baselineRatio ? f2(s.baselineRatio) : '–']
        : []),
      s.failures
    ])
  )
}

/** The start-up rows: one per Node version, or the single Node 24 comparison of an older results.json. */
export function startupRows(r: Results): StartupRow[] {
  return r.startupByNode ?? [{ node: r.node, ...r.startup }]
}

export function markdown(r: Results, template = readFileSync(TEMPLATE, 'utf8')): string {
  const c = r.contention
  const full100 = c.rows.find(x => x.strategy === 'action full' && x.clients === 100)!
  const none100 = c.rows.find(x => x.strategy === 'action none' && x.clients === 100)!
  const memBase = r.memory[0]!
  const retried = r.memory.filter(m => m.failuresFirst > 0)
  const herd = r.herds[0]!
  const herdFull = r.herds.find(h => h.hints === 'bare 429' && h.jitter === 'full')
  const herdNone = r.herds.find(h => h.hints === 'bare 429' && h.jitter === 'none')
  let herdGlance = ''
  if (herdFull && herdNone) {
    const headersOnly = r.herds.find(h => h.hints === 'rate-limit headers')
    const retryAfter = r.herds.find(h => h.hints === 'retry-after')
    const full = bareAverage(r.herds, 'full')
    const none = bareAverage(r.herds, 'none')
    herdGlance = `- **${herdFull.processes} real processes, ${herdFull.perSecond} requests/s:** with \`retry-after\` ${retryAfter ? f2(retryAfter.requestsPerProcess.mean) : '?'} requests per process, ${retryAfter?.failures ?? '?'} failures; with only the rate-limit headers ${headersOnly ? f2(headersOnly.requestsPerProcess.mean) : '?'} requests per process and ${headersOnly?.failures ? `**${headersOnly.failures} failures**` : '0 failures'}; with a bare 429 (mean of ${full.runs} runs each), full jitter ${f2(full.requests)} requests per process and last request at ${f2(full.ratio)}× the ideal, no jitter ${f2(none.requests)} and ${f2(none.ratio)}×, failures ${full.failures} and ${none.failures}.\n`
  }
  const startup = startupRows(r)
  const startupGlance = startup
    .map(
      s => `Node ${s.node.split('.')[0]} **${f2(s.ratio)}×** (${duration(s.actionMs)} against ${duration(s.bareMs)})`
    )
    .join('; ')
  const w = r.waits
  return fill(template, {
    date: r.date,
    machine: r.machine,
    node: r.node,
    loadAverage: r.loadAverage,
    elapsedS: r.elapsedS.toFixed(0),
    startupOnlyNote:
      r.startupDate && r.startupDate !== r.date
        ? ` Section 4 (start-up) was measured again on ${r.startupDate} (\`--startup-only\`).`
        : '',
    full100Calls: f2(full100.callsPerClient),
    full100Time: duration(full100.timeMs),
    none100Calls: f2(none100.callsPerClient),
    none100Time: duration(none100.timeMs),
    noneCallsRatio: f1(none100.callsPerClient / full100.callsPerClient),
    noneTimeRatio: f1(none100.timeMs / full100.timeMs),
    maxDeviation: pct(maxDeviation(c.rows)),
    herdGlance: herdGlance + manyGlance(r.many),
    askedMs: w.askedMs,
    serverRatio: f2(w.serverRatio),
    waitRatio: f2(w.ratio),
    startupGlance: `\`node dist/index.js\` against a bare \`fetch\` script making the same call: ${startupGlance}; medians of ${startup[0]!.pairs} runs each in rotating order, each Node's pair in the same run. ${STARTUP_GOALS}${bundleGlance(r)}`,
    startupWhere: r.startupMachine
      ? ` Section 4 ran on ${r.startupMachine}, load average ${r.startupLoadAverage ?? '?'} at its start.`
      : '',
    bundleTotals: bundleTotals(r),
    memBase: mib(memBase.maxRssKb),
    memMax: f2(Math.max(...retried.map(m => m.ratio))),
    liveBase: mib(memBase.liveHeapKb),
    liveMax: mib(Math.max(...retried.map(m => m.liveHeapKb))),
    runs: c.runs,
    anchorTable: anchorTable(c.rows),
    contentionTables: c.sizes.map(n => `### N = ${n}\n\n${contentionTable(c.rows, n)}\n`).join('\n'),
    sensitivityTable: table(
      ['Strategy', 'Calls per client', 'Time', 'Schedule'],
      c.sensitivity.map(x => [x.strategy, f2(x.callsPerClient), duration(x.timeMs), x.source])
    ),
    verdictTable: verdictTable(c.rows, c.sizes),
    jitterNotes: jitterNotes(c.rows, c.sizes),
    processes: herd.processes,
    perSecond: herd.perSecond,
    burst: herd.burst,
    maxRetries: herd.maxRetries,
    baseDelay: herd.baseDelay,
    maxDelay: herd.maxDelay,
    herdStartups: r.herds.map(h => duration(h.startupMs)).join(', '),
    herdTable: herdTable(r.herds),
    herdNotes: herdNotes(r.herds),
    waitReps: w.reps,
    waitTable: table(
      ['Measure', 'Value'],
      [
        ['First to third request at the server / asked', f2(w.serverRatio)],
        [
          'Gap at the server around the 1000 ms wait (includes the failed request and its handling)',
          duration(w.gapsMs[0])
        ],
        ['Gap at the server around the 400 ms wait', duration(w.gapsMs[1])],
        ["Time between attempts in the action's retry-log / asked", f2(w.sleptRatio)],
        ['Wall time: waited run', duration(w.waitedRunMs)],
        ['Wall time: same answers, no waits', duration(w.zeroWaitRunMs)],
        ['Wall time: instant success', duration(w.instantRunMs)],
        ['(waited − no waits) / asked', f2(w.ratio)],
        ['(waited − instant success) / asked', f2(w.ratioVsInstant)],
        ['Failures', w.failures]
      ]
    ),
    waitBelowOne:
      w.ratio < 1
        ? ` Here they come out below 1: the run that waited spent ${duration(w.zeroWaitRunMs - (w.waitedRunMs - w.askedMs))} less on its own work than the same run without waits, presumably because background compilation and garbage collection finish during the idle waits.`
        : '',
    startupPairs: startup[0]!.pairs,
    startupTable: startupTable(startup),
    phasesNode: (r.phasesNode ?? r.node).split('.')[0]!,
    phaseRuns: r.phaseRuns,
    phasesTable: table(
      ['Phase', 'Action', 'Bare script', 'Empty script', 'Bare script, --liftoff-only'],
      r.phases.map(p => [
        p.name,
        duration(p.actionMs),
        p.bareMs === undefined ? '—' : duration(p.bareMs),
        p.emptyMs === undefined ? '—' : duration(p.emptyMs),
        p.liftoffMs === undefined ? '—' : duration(p.liftoffMs)
      ])
    ),
    exitNotes: exitNotes(r),
    cutMissing: r.profile.cutFound
      ? ''
      : '**No sample fell inside `askClaude()` or `src/phases/configure.ts` (renamed or moved?), so the whole run counts as loading below.** ',
    loadMs: duration(r.profile.loadMs),
    loadTable: table(
      ['Category', 'ms', 'Share'],
      r.profile.load.filter(x => x.ms >= 0.5).map(x => [x.name, f1(x.ms), pct(x.ms / r.profile.loadMs)])
    ),
    restMs: duration(r.profile.restMs),
    restTable: table(
      ['Category', 'ms'],
      r.profile.rest.filter(x => x.ms >= 1).map(x => [x.name, f1(x.ms)])
    ),
    loadNotes: loadNotes(r),
    compositionTable: table(
      ['Package', 'KiB', 'Share'],
      r.composition
        .filter(x => x.bytes >= 4096)
        .map(x => [x.name, (x.bytes / 1024).toFixed(0), pct(x.bytes / r.composition.reduce((t, y) => t + y.bytes, 0))])
    ),
    memoryRuns: r.memoryRuns,
    memoryTable: table(
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
    ),
    memoryNote: memoryNote(r.memory),
    ...manyValues(r.many, r.manyDate)
  })
}

// npm run bench: measures, prints the key tables, writes docs/bench/results.md (the prose is
// docs/bench/template.md), contention.svg and results.json (the raw figures).
// `npm run bench -- --render-only` re-renders the Markdown and the chart from results.json without
// measuring again; `-- --startup-only` measures section 4 (start-up) again and keeps the rest of
// results.json; `-- --many-only` does the same for section 6 (many prompts); `-- --shards` measures
// only section 7 (shards sharing one rate limit, about ten minutes) into docs/bench/shards.md. Under five minutes on a 2-core machine; only 127.0.0.1 is contacted (the fake API).
// The action runs on the Node running the bench (Node 24 under npm run bench) or ACTION_NODE; the
// start-up comparison also runs on every other Node in nodeBinaries().
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { JitterMode } from '../../src/retry/policy.js'
import { ACTION_NODE, DEFAULT_ENTRY, REPO_ROOT } from '../../__tests__/support/run-action.js'
import { actionStrategy, MODEL, sdkStrategy, strategies, summarize, type Summary } from './contention.js'
import { measureMany } from './many.js'
import { manyValues } from './many-report.js'
import { herd, type HerdResult, memory, type ServerHints, waitAccuracy } from './processes.js'
import { measureShards, shardsMarkdown } from './shards.js'
import {
  anchorTable,
  contentionSvg,
  contentionTable,
  herdTable,
  markdown,
  type Results,
  type StartupRow,
  STARTUP_GOALS,
  startupRows,
  startupTable,
  table
} from './report.js'
import { bundleComposition, bundleFiles, phases, profileLoad } from './startup.js'
import { BENCH_DIR } from './stats.js'

const SIZES = [10, 50, 100, 150]
const RUNS = 100
const OUT_DIR = path.join(REPO_ROOT, 'docs', 'bench')
const JSON_FILE = path.join(OUT_DIR, 'results.json')

const started = performance.now()
const step = (name: string) =>
  console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${name}`)

const STARTUP_PAIRS = 21
const TSX = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs')

const nodeVersion = (binary: string) =>
  execFileSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()

/**
 * The Node binaries to compare start-up on, one per major version: the action's runtime (the
 * `node` devDependency, Node 24) and the system Node (NODE20, default /usr/bin/node), if present.
 */
function nodeBinaries(): string[] {
  const candidates = [
    ACTION_NODE,
    path.join(REPO_ROOT, 'node_modules', '.bin', 'node'),
    process.env.NODE20 ?? '/usr/bin/node'
  ]
  const seen = new Map<string, string>()
  for (const binary of candidates.filter(existsSync)) {
    const major = nodeVersion(binary).split('.')[0]!
    if (!seen.has(major)) seen.set(major, binary)
  }
  return [...seen.entries()].sort(([a], [b]) => Number(b) - Number(a)).map(([, binary]) => binary)
}

function ensureBuilt(): void {
  if (!existsSync(DEFAULT_ENTRY)) {
    step('dist/index.js is missing: npm run build')
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
  }
}

/** Section 4: action against the bare script on each Node, then phases and a profile on ACTION_NODE. */
async function measureStartup(): Promise<
  Pick<
    Results,
    | 'startup'
    | 'startupByNode'
    | 'phases'
    | 'phaseRuns'
    | 'phasesNode'
    | 'profile'
    | 'composition'
    | 'distBytes'
    | 'startupMachine'
    | 'startupLoadAverage'
  >
> {
  ensureBuilt()
  const startupByNode: StartupRow[] = []
  for (const binary of nodeBinaries()) {
    step(`4. start-up on Node ${nodeVersion(binary)}: ${STARTUP_PAIRS} rounds of action, bare script, what-if`)
    const out = execFileSync(process.execPath, [TSX, path.join(BENCH_DIR, 'startup-node.ts'), String(STARTUP_PAIRS)], {
      env: { ...process.env, ACTION_NODE: binary },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit']
    })
    startupByNode.push(JSON.parse(out.trim().split('\n').pop()!) as StartupRow)
  }
  const phasesNode = nodeVersion(ACTION_NODE)
  step(`4. start-up: phases and a CPU profile on Node ${phasesNode}`)
  const phaseRuns = 7
  const phaseRows = await phases(phaseRuns)
  const profile = await profileLoad()
  const composition = bundleComposition(bundleFiles(DEFAULT_ENTRY, true).map(file => readFileSync(file, 'utf8')))
  const distBytes = bundleFiles(DEFAULT_ENTRY).reduce((sum, file) => sum + statSync(file).size, 0)
  const { node: _, ...startup } = startupByNode.find(row => row.node === phasesNode) ?? startupByNode[0]!
  return {
    startup,
    startupByNode,
    phases: phaseRows,
    phaseRuns,
    phasesNode,
    profile,
    composition,
    distBytes,
    startupMachine: machine(),
    startupLoadAverage: loadAverageAtStart
  }
}

/** `nproc` (the CPUs this process may use) and the CPU model, with the memory and the kernel. */
function machine(): string {
  const cpus = os.cpus()
  return `${os.availableParallelism()} × ${cpus[0]?.model ?? 'unknown CPU'} (nproc ${os.availableParallelism()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`
}

const loadAverageAtStart = os
  .loadavg()
  .map(l => l.toFixed(1))
  .join(' / ')

async function measure(): Promise<Results> {
  const loadAverage = loadAverageAtStart

  step('1. contention simulation')
  const rows: Summary[] = []
  for (const n of SIZES) for (const strategy of strategies()) rows.push(summarize(n, strategy, RUNS))
  const sensitivity = [
    ...(['full', 'equal', 'none'] as const).map(j => summarize(100, actionStrategy(j, MODEL.baseMs), RUNS)),
    summarize(100, sdkStrategy(MODEL.baseMs), RUNS)
  ]

  // Start-up first: it is the most sensitive to the load the herds leave behind.
  const startup = await measureStartup()

  step('3. wait accuracy')
  const waits = await waitAccuracy(5)

  step('5. memory')
  const memoryRuns = 5
  const mem = await memory(memoryRuns)

  // The jitter comparison (bare 429) twice each, alternating: one herd on two cores is noisy.
  const herdCases: [ServerHints, JitterMode][] = [
    ['retry-after', 'full'],
    ['rate-limit headers', 'full'],
    ['bare 429', 'full'],
    ['bare 429', 'none'],
    ['bare 429', 'full'],
    ['bare 429', 'none']
  ]
  const herds: HerdResult[] = []
  for (const [hints, jitter] of herdCases) {
    step(`2. 50 processes, ${hints}, jitter ${jitter}`)
    herds.push(
      await herd({
        processes: 50,
        perSecond: 10,
        burst: 10,
        hints,
        jitter,
        baseDelay: '0.2',
        maxDelay: '10',
        maxRetries: '10'
      })
    )
  }

  const many = await measureMany(step)

  return {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    node: process.versions.node,
    loadAverage,
    elapsedS: (performance.now() - started) / 1000,
    contention: { runs: RUNS, sizes: SIZES, rows, sensitivity },
    herds,
    waits,
    ...startup,
    memory: mem,
    memoryRuns,
    many
  }
}

function print(r: Results): void {
  const f2 = (v: number) => v.toFixed(2)
  const { rows, runs } = r.contention
  console.log(`\nContention, N = 100 (${runs} seeded runs)\n${contentionTable(rows, 100)}\n\n${anchorTable(rows)}`)
  console.log(`\n50 processes against a rate-limited fake\n${herdTable(r.herds)}`)
  console.log(`\nStart-up: action / bare fetch script\n${startupTable(startupRows(r))}\n${STARTUP_GOALS}`)
  console.log(
    `\n${table(
      ['Measure', 'Value', 'Goal'],
      [
        ['Wait accuracy: (waited run − same answers without waits) / asked', f2(r.waits.ratio), '≤ 1.05'],
        ['Wait accuracy: (waited run − instant success) / asked', f2(r.waits.ratioVsInstant), '≤ 1.05 + start-up'],
        ['Wait accuracy: span at the server / asked', f2(r.waits.serverRatio), '≤ 1.05'],
        ...r.memory.map(m => [
          `Peak RSS (heap live after GC): ${m.label}`,
          `${(m.maxRssKb / 1024).toFixed(1)} MiB (${f2(m.ratio)}×), live ${(m.liveHeapKb / 1024).toFixed(1)} MiB`,
          m.failuresFirst ? 'live heap does not grow' : ''
        ])
      ]
    )}`
  )
  const many = manyValues(r.many, r.manyDate)
  console.log(
    `\nMany prompts (goals: ≤ 1.05 requests per item, ≤ 1.1× the ideal time)\n${many.manyDirectTable}\n\n${many.manyNotes}`
  )
  console.log(`\nBatch mode, peak RSS (goal: 10,000 items ≤ 1.2× 1,000)\n${many.batchTable}\n\n${many.batchNote}`)
}

if (process.argv.includes('--shards')) {
  ensureBuilt()
  const about = {
    date: new Date().toISOString().slice(0, 10),
    machine: machine(),
    node: nodeVersion(ACTION_NODE),
    load: loadAverageAtStart
  }
  const rows = await measureShards(step)
  mkdirSync(OUT_DIR, { recursive: true })
  writeFileSync(path.join(OUT_DIR, 'shards.json'), `${JSON.stringify({ ...about, rows }, null, 2)}\n`)
  const text = shardsMarkdown(rows, about)
  writeFileSync(path.join(OUT_DIR, 'shards.md'), text)
  console.log(text)
  process.exit(0)
}

const renderOnly = process.argv.includes('--render-only')
const startupOnly = process.argv.includes('--startup-only')
const manyOnly = process.argv.includes('--many-only')
const previous = () => JSON.parse(readFileSync(JSON_FILE, 'utf8')) as Results
const today = () => new Date().toISOString().slice(0, 10)
const results: Results = renderOnly
  ? previous()
  : startupOnly
    ? { ...previous(), ...(await measureStartup()), startupDate: today() }
    : manyOnly
      ? { ...previous(), many: (ensureBuilt(), await measureMany(step)), manyDate: today() }
      : await measure()
mkdirSync(OUT_DIR, { recursive: true })
if (!renderOnly) writeFileSync(JSON_FILE, `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(path.join(OUT_DIR, 'results.md'), markdown(results))
writeFileSync(
  path.join(OUT_DIR, 'contention.svg'),
  contentionSvg(results.contention.rows, results.contention.sizes, results.contention.runs)
)
print(results)
console.log(
  `\nWrote ${path.relative(REPO_ROOT, OUT_DIR)}/results.md, contention.svg${renderOnly ? '' : ' and results.json'} (${results.elapsedS.toFixed(0)} s of measuring).`
)

// Start-up cost of `node dist/index.js` against a bare script making the same call, where the
// time goes inside the process (probe.mjs marks), and what in the bundle costs it (a V8 CPU
// profile of one run, attributed to the packages the bundle was built from).
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { startFakeApi } from '../../__tests__/support/fake-api.js'
import { DEFAULT_ENTRY, runAction } from '../../__tests__/support/run-action.js'
import { BARE_CALL, EMPTY, LIFTOFF, median, PROBE, type ProbeMarks, probeEnv, readProbe, scratch } from './stats.js'

const INPUTS = { prompt: 'bench start-up', 'anthropic-api-key': 'sk-ant-bench' }

export interface StartupComparison {
  pairs: number
  actionMs: number
  bareMs: number
  ratio: number
  /** The bare script with WebAssembly kept on V8's baseline compiler too (liftoff.mjs preloaded), as the action does itself. */
  liftoffMs: number
  /** The action against that bare script: both on the same footing. */
  liftoffRatio: number
  /**
   * With BENCH_BASELINE_ENTRY (an older dist/index.js, e.g. from `git archive <commit> dist`): that
   * build in the same rounds, so a change's effect on start-up is a ratio measured in one run.
   */
  baselineMs?: number
  /** Action / baseline build. */
  baselineRatio?: number
  failures: number
}

/** `pairs` rounds of action, bare script and the what-if, rotating the order, against one instant-success fake; medians of wall time. */
export async function compareStartup(pairs: number): Promise<StartupComparison> {
  const api = await startFakeApi()
  const kinds = [
    { name: 'action', entry: DEFAULT_ENTRY, env: {} },
    { name: 'bare', entry: BARE_CALL, env: {} },
    { name: 'liftoff', entry: BARE_CALL, env: { NODE_OPTIONS: `--import=${LIFTOFF}` } }
  ]
  const baselineEntry = process.env.BENCH_BASELINE_ENTRY
  if (baselineEntry) kinds.push({ name: 'baseline', entry: baselineEntry, env: {} })
  const times: Record<string, number[]> = { action: [], bare: [], liftoff: [], baseline: [] }
  let failures = 0
  try {
    for (let i = 0; i < pairs; i++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length]!
        const run = await runAction({ inputs: { ...INPUTS, 'base-url': api.url }, entry: kind.entry, env: kind.env })
        if (run.code !== 0) failures++
        times[kind.name]!.push(run.durationMs)
      }
    }
  } finally {
    await api.close()
  }
  const actionMs = median(times.action!)
  const bareMs = median(times.bare!)
  const liftoffMs = median(times.liftoff!)
  const baseline = baselineEntry ? { baselineMs: median(times.baseline!) } : {}
  return {
    pairs,
    actionMs,
    bareMs,
    ratio: actionMs / bareMs,
    liftoffMs,
    liftoffRatio: actionMs / liftoffMs,
    ...baseline,
    ...(baseline.baselineMs ? { baselineRatio: actionMs / baseline.baselineMs } : {}),
    failures
  }
}

export interface Phase {
  name: string
  actionMs: number
  bareMs: number | undefined
  emptyMs: number | undefined
  /** The bare script with liftoff.mjs preloaded too. */
  liftoffMs: number | undefined
}

type Marks = ProbeMarks & { wall: number }

/**
 * Median probe marks over `runs` rounds of the action, the bare script and an empty script, as
 * phases: node's own bootstrap, loading the code, the action's set-up before the request, the
 * request, the rest until 'exit', and what the parent saw beyond that (spawn, and the wait at exit).
 */
export async function phases(runs: number): Promise<Phase[]> {
  const api = await startFakeApi()
  const files = scratch()
  const rows: Record<string, Marks[]> = { action: [], bare: [], empty: [], liftoff: [] }
  const entries: [string, string][] = [
    ['action', DEFAULT_ENTRY],
    ['bare', BARE_CALL],
    ['empty', EMPTY],
    ['liftoff', BARE_CALL]
  ]
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, entry] of entries) {
        const file = files.file(`${i}-${name}.json`)
        const extra: Record<string, string> =
          name === 'liftoff' ? { NODE_OPTIONS: `--import=${PROBE} --import=${LIFTOFF}` } : {}
        const run = await runAction({ inputs: { ...INPUTS, 'base-url': api.url }, entry, env: probeEnv(file, extra) })
        rows[name]!.push({ ...readProbe(file), wall: run.durationMs })
      }
    }
  } finally {
    files.done()
    await api.close()
  }
  type Pick = (r: Marks) => number
  // For each phase: how to read it from the action's marks, the bare script's (also for the bare script with --liftoff-only), the empty script's.
  const defs: [string, Pick, Pick | undefined, Pick | undefined][] = [
    ['node bootstrap (process start to the preload)', r => r.preload, r => r.preload, r => r.preload],
    [
      'load the code (action: to its first log line; bare: to its fetch)',
      r => r.firstStdout! - r.preload,
      r => r.fetchStart! - r.preload,
      r => r.exit - r.preload
    ],
    ['inputs, config, SDK client, request building', r => r.fetchStart! - r.firstStdout!, undefined, undefined],
    [
      'request to response headers',
      r => r.fetchHeaders! - r.fetchStart!,
      r => r.fetchHeaders! - r.fetchStart!,
      undefined
    ],
    ['body, outputs, summary, until exit', r => r.exit - r.fetchHeaders!, r => r.exit - r.fetchHeaders!, undefined],
    [
      "spawn, and teardown after 'exit' (parent's wall time minus the exit mark)",
      r => r.wall - r.exit,
      r => r.wall - r.exit,
      r => r.wall - r.exit
    ],
    ['total wall time (with the probe preloaded)', r => r.wall, r => r.wall, r => r.wall]
  ]
  const m = (name: string, pick: Pick | undefined) => (pick ? median(rows[name]!.map(pick)) : undefined)
  return defs.map(([name, action, bare, empty]) => ({
    name,
    actionMs: m('action', action)!,
    liftoffMs: m('liftoff', bare),
    bareMs: m('bare', bare),
    emptyMs: m('empty', empty)
  }))
}

// ---------------------------------------------------------------------------------------------
// Where the loading goes: a CPU profile of one run, attributed to the bundle's packages.

/** For each line of the bundle (0-based), the package or src file it came from. */
export function bundleMap(source: string): string[] {
  const lines = source.split('\n')
  const owner = new Array<string>(lines.length).fill('webpack runtime')
  // Modules start at "/***/ 1234:" headers; the last one ends where the webpack runtime starts.
  // In the chunks script/minify-chunks.mjs rewrote, the header names the module's source too.
  const starts: [number, string][] = []
  const sources = new Map<string, string>()
  lines.forEach((line, i) => {
    const match = /^\/\*\*\*\/ (\d+):(?: \/\/ (\S+))?/.exec(line)
    if (!match) return
    starts.push([i, match[1]!])
    if (match[2]) sources.set(match[1]!, match[2])
  })
  const ranges = new Map<string, [number, number]>()
  starts.forEach(([start, id], k) => {
    const end =
      k + 1 < starts.length
        ? starts[k + 1]![0]
        : lines.findIndex((l, i) => i > start && l.startsWith('/******/ // The module cache'))
    ranges.set(id, [start, end > start ? end : lines.length])
  })
  const text = (id: string) => lines.slice(...ranges.get(id)!).join('\n')
  // "module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http")" and nothing else.
  const isShim = (id: string) => text(id).length < 300 && text(id).includes('__WEBPACK_EXTERNAL_createRequire')

  // ES modules that webpack concatenated carry "// CONCATENATED MODULE: ./node_modules/<pkg>/..." headers.
  for (const [id, [start, end]] of ranges) {
    if (!text(id).includes('CONCATENATED MODULE')) continue
    let current = sources.has(id) ? packageOf(sources.get(id)!) : 'concatenated ESM'
    for (let i = start; i < end; i++) {
      // "// CONCATENATED MODULE: <path>" as ncc writes it; "/*! CONCATENATED MODULE: <path> */" once minified.
      const match = /(?:\/\/|\/\*!) CONCATENATED MODULE: (\S+)/.exec(lines[i]!)
      if (match) current = packageOf(match[1]!)
      owner[i] = current
    }
  }
  // CommonJS modules @actions/http-client requires, and everything they require: undici and tunnel.
  const httpClient = new Set<string>()
  const stack: string[] = []
  lines.forEach((line, i) => {
    if (owner[i] === '@actions/http-client')
      for (const m of line.matchAll(/__(?:nccwpck|webpack)_require__\((\d+)\)/g)) stack.push(m[1]!)
  })
  while (stack.length > 0) {
    const id = stack.pop()!
    if (httpClient.has(id) || !ranges.has(id) || isShim(id) || text(id).includes('CONCATENATED MODULE')) continue
    httpClient.add(id)
    for (const m of text(id).matchAll(/__(?:nccwpck|webpack)_require__\((\d+)\)/g)) stack.push(m[1]!)
  }
  for (const [id, [start, end]] of ranges) {
    const body = text(id)
    if (body.includes('CONCATENATED MODULE')) continue
    let label: string
    const source = sources.get(id)
    if (isShim(id)) label = 'node built-in shims'
    else if (source) label = labelOf(packageOf(source))
    else if (httpClient.has(id))
      label = body.includes('TunnelingAgent')
        ? 'tunnel (@actions/http-client)'
        : 'undici (bundled by @actions/http-client)'
    else if (/harmony export/.test(body)) label = '@anthropic-ai/sdk'
    else label = 'other CommonJS'
    for (let i = start; i < end; i++) owner[i] = label
  }
  return owner
}

/** The labels the unminified chunks get from the require graph, for the same packages named by a minified chunk's headers. */
function labelOf(name: string): string {
  if (name === 'undici') return 'undici (bundled by @actions/http-client)'
  if (name === 'tunnel') return 'tunnel (@actions/http-client)'
  return name
}

/** ./node_modules/@scope/name/x/y.mjs -> @scope/name (the SDK one level deeper); ./src/x.ts stays. */
function packageOf(modulePath: string): string {
  const parts = modulePath.split('/')
  if (parts[1] !== 'node_modules') return modulePath.replace(/^\.\//, '')
  const scoped = parts[2]!.startsWith('@')
  const name = scoped ? `${parts[2]}/${parts[3]}` : parts[2]!
  if (name !== '@anthropic-ai/sdk') return name
  const rest = parts.slice(4)
  const area = rest[0] === 'resources' || rest[0] === 'lib' ? rest.slice(0, 2).join('/') : rest[0]!
  return `${name}/${area.replace(/\.mjs$/, '')}`
}

/**
 * The bundle's files: the entry (dist/index.js, minified by ncc, with the webpack runtime) and the
 * chunks it loads lazily (dist/NNN.index.js, which ncc does not minify). src/index.ts installs the
 * cancel handler and then imports main.js, which webpack emits as chunks; other chunks (Ajv for
 * json-schema, @actions/github for comment-on) load only when a step needs them. With
 * `startupOnly`, the entry and the chunks of that first import: what every run loads.
 */
export function bundleFiles(entry = DEFAULT_ENTRY, startupOnly = false): string[] {
  const dir = path.dirname(entry)
  let chunks = readdirSync(dir).filter(name => /^\d+\.index\.js$/.test(name))
  if (startupOnly) {
    // The entry's first dynamic import, minified: Promise.all([t.e(455),t.e(368)]) or t.e(455).
    const first = /((?:\w+\.e\(\d+\),?)+)\]?\)\.then/.exec(readFileSync(entry, 'utf8'))?.[1]
    const ids = [...(first ?? '').matchAll(/\.e\((\d+)\)/g)].map(m => `${m[1]}.index.js`)
    if (ids.length > 0) chunks = chunks.filter(name => ids.includes(name))
  }
  return [entry, ...chunks.map(name => path.join(dir, name))]
}

/** Is this profile URL or path one of the bundle's files (the entry or a chunk)? */
export function isBundleFile(url: string): boolean {
  return /\/(\d+\.)?index\.js$/.test(url) && !url.startsWith('node:')
}

/** The line owners of every bundle file, by file name (index.js, 455.index.js, …). */
export function bundleMaps(files = bundleFiles()): Map<string, string[]> {
  return new Map(files.map(file => [path.basename(file), bundleMap(readFileSync(file, 'utf8'))]))
}

/** Bytes per package of the given bundle files (source text), largest first. */
export function bundleComposition(sources: string[]): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>()
  for (const source of sources) {
    const owner = bundleMap(source)
    source.split('\n').forEach((line, i) => {
      const key = coarse(owner[i]!)
      bytes.set(key, (bytes.get(key) ?? 0) + line.length + 1)
    })
  }
  return [...bytes].map(([name, b]) => ({ name, bytes: b })).sort((a, b) => b.bytes - a.bytes)
}

/** Group the SDK's areas for the composition table; keep big ones apart. */
function coarse(name: string): string {
  if (!name.startsWith('@anthropic-ai/sdk/')) return name.startsWith('src/') ? 'src (the action itself)' : name
  const area = name.slice('@anthropic-ai/sdk/'.length)
  if (['resources/beta', 'resources/organization', 'lib/tools'].includes(area)) return name
  if (
    area.startsWith('resources/messages') ||
    area.startsWith('lib/MessageStream') ||
    area.startsWith('core') ||
    area.startsWith('internal') ||
    area === 'client'
  ) {
    return '@anthropic-ai/sdk (client, core, messages)'
  }
  return '@anthropic-ai/sdk (other resources and lib)'
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
  positionTicks?: { line: number; ticks: number }[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface LoadProfile {
  /** Profiled ms from the preload to the first sample inside askClaude(). */
  loadMs: number
  load: { name: string; ms: number }[]
  /** From askClaude() to exit: the request and everything after. */
  restMs: number
  rest: { name: string; ms: number }[]
  /** False if no sample was inside askClaude() (renamed?): then everything counts as loading. */
  cutFound: boolean
}

/** One action run with a CPU profile (100 µs sampling); its samples attributed to categories. */
export async function profileLoad(): Promise<LoadProfile> {
  const api = await startFakeApi()
  const files = scratch()
  try {
    const file = files.file('run.cpuprofile')
    const run = await runAction({
      inputs: { ...INPUTS, 'base-url': api.url },
      env: probeEnv(files.file('marks.json'), { BENCH_CPU_PROFILE: file })
    })
    if (run.code !== 0) throw new Error(`profiled run failed: ${run.stderr}`)
    return attribute(JSON.parse(readFileSync(file, 'utf8')) as Profile, bundleMaps())
  } finally {
    files.done()
    await api.close()
  }
}

export function attribute(profile: Profile, owners: Map<string, string[]>): LoadProfile {
  const nodes = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const isBundle = (n: ProfileNode) => isBundleFile(n.callFrame.url)
  const ownerOf = (n: ProfileNode, line: number) => owners.get(path.basename(n.callFrame.url))?.[line] ?? '?'
  const chain = (id: number) => {
    const out: ProfileNode[] = []
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) out.push(nodes.get(x)!)
    return out
  }

  // Self time per node and phase; the phase flips at the first sample inside askClaude(). The
  // chunks are minified (script/minify-chunks.mjs renames functions), so also at the first sample
  // in src/phases/configure.ts, the first thing askClaude() calls (its lines keep their owner).
  const startsRest = (n: ProfileNode) =>
    isBundle(n) &&
    (n.callFrame.functionName === 'askClaude' || ownerOf(n, n.callFrame.lineNumber) === 'src/phases/configure.ts')
  const self = { load: new Map<number, number>(), rest: new Map<number, number>() }
  let inRest = false
  profile.samples.forEach((id, i) => {
    if (!inRest && chain(id).some(startsRest)) inRest = true
    const map = inRest ? self.rest : self.load
    map.set(id, (map.get(id) ?? 0) + profile.timeDeltas[i]! / 1000)
  })

  const categorize = (selfTimes: Map<number, number>) => {
    const out = new Map<string, number>()
    const add = (name: string, ms: number) => out.set(name, (out.get(name) ?? 0) + ms)
    for (const [id, ms] of selfTimes) {
      const node = nodes.get(id)!
      const { functionName, url } = node.callFrame
      if (functionName === '(garbage collector)') add('garbage collection', ms)
      else if (functionName === '(idle)' || functionName === '(program)') add('idle / V8 (unattributed)', ms)
      else if (functionName === 'compileSourceTextModule')
        add('V8: parse the bundle as ES modules (entry and chunks)', ms)
      else if ((functionName === 'decode' && url.includes('encoding')) || functionName === 'decodeUTF8')
        add('read + UTF-8 decode of the bundle', ms)
      else if (isBundle(node) && functionName === '__nccwpck_require__')
        add('V8: compile module functions on first call (size-driven)', ms)
      else if (isBundle(node)) {
        // Self time by line, where V8 recorded it; else the function's own line.
        const ticks = node.positionTicks ?? []
        const total = ticks.reduce((s, t) => s + t.ticks, 0)
        if (total === 0) add(`run: ${coarse(ownerOf(node, node.callFrame.lineNumber))}`, ms)
        else for (const t of ticks) add(`run: ${coarse(ownerOf(node, t.line - 1))}`, (ms * t.ticks) / total)
      } else if (url.startsWith('node:') || url === '') {
        const inBundle = chain(id).some(isBundle)
        add(
          inBundle
            ? 'node built-ins and natives called by the bundle'
            : 'node internals (ESM loader, bootstrap, probe)',
          ms
        )
      } else add('other', ms)
    }
    return [...out].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms)
  }
  const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  return {
    loadMs: sum(self.load),
    load: categorize(self.load),
    restMs: sum(self.rest),
    rest: categorize(self.rest),
    cutFound: inRest
  }
}

/**
 * Many prompts (issue 13), end to end: the BUILT dist/index.js runs a `prompts-file` in direct mode
 * as a child process against the fake API on 127.0.0.1, which answers each item from its own
 * generated fault sequence (keyed by the id written into the item's prompt). The child is killed
 * with SIGKILL at a generated moment (when the fake receives the k-th request of the run, plus a
 * few ms), up to twice, each time resumed with `resume: true`, then resumed once more to the end.
 * After some kills half a line is appended, as a crash mid-write on a slower disk would leave it.
 *
 * After every kill: each complete line of `results-file` parses and names an id at most once; only
 * the last line may be torn (no newline), which the next run must tolerate. After the last run:
 * every id exactly once (none lost), its status what the fake last answered it (succeeded with
 * exactly that answer, or failed), and no run re-sent an item the file already held as succeeded.
 *
 * No timed assertion: kills are triggered by requests, and every bound is generous.
 * The seed is fixed in `npm test` (support/fast-check-seed.ts) and printed with the shrunk case on failure.
 */
import { it } from '@fast-check/jest'
import { describe, expect } from '@jest/globals'
import { spawn } from 'node:child_process'
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { type Reply, startFakeApi } from '../support/fake-api.js'
import { ACTION_NODE, DEFAULT_ENTRY, prepareStep, stepOutputs } from '../support/run-action.js'

const NUM_RUNS = 10
const KEY = 'sk-ant-api03-ManyKillPropKey-DO-NOT-LEAK'
const RESULTS = 'out/results.jsonl'

type Fault = 'overloaded' | 'server' | 'rate-limited' | 'reset' | 'invalid'

/** Retryable faults ask for short waits, so a case stays well under a second of waiting. */
const FAULT_REPLY: Record<Fault, Reply> = {
  overloaded: { kind: 'error', status: 529, type: 'overloaded_error', headers: { 'retry-after-ms': '10' } },
  server: { kind: 'error', status: 500, type: 'api_error' },
  'rate-limited': { kind: 'error', status: 429, type: 'rate_limit_error', headers: { 'retry-after-ms': '20' } },
  reset: { kind: 'reset' },
  // Final: the item fails in this run and runs again on resume.
  invalid: { kind: 'error', status: 400, type: 'invalid_request_error', message: 'fake: bad item' }
}

interface Kill {
  /** Kill when the fake receives this request (1-based, counted within the run). */
  atRequest: number
  /** ... this many ms later (0: before answering it). */
  delayMs: number
  /**
   * Then append half a line for the item at this index (mod the count), as a crash mid-write on a
   * slower disk leaves it: the next run must drop it, not glue its own line onto it.
   */
  tear?: number
}

interface KillCase {
  ids: string[]
  /** Per item, the replies before its first success. */
  faults: Fault[][]
  concurrency: number
  maxRetries: number
  kills: Kill[]
}

const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/)

const caseArb: fc.Arbitrary<KillCase> = fc
  .uniqueArray(idArb, { minLength: 3, maxLength: 12, selector: id => id })
  .chain(ids =>
    fc.record({
      ids: fc.constant(ids),
      faults: fc.array(
        fc.array(fc.constantFrom<Fault>('overloaded', 'server', 'rate-limited', 'reset', 'invalid'), { maxLength: 3 }),
        { minLength: ids.length, maxLength: ids.length }
      ),
      concurrency: fc.integer({ min: 1, max: 4 }),
      maxRetries: fc.integer({ min: 0, max: 2 }),
      // The first kill always lands: at once, on a request the first run is sure to send (every
      // item needs one). A later kill may come after the run has finished.
      kills: fc
        .tuple(
          fc.record({
            atRequest: fc.integer({ min: 1, max: ids.length }),
            delayMs: fc.constant(0),
            tear: fc.option(fc.nat(), { nil: undefined })
          }),
          fc.array(
            fc.record({
              atRequest: fc.integer({ min: 1, max: Math.max(1, ids.length * 2) }),
              delayMs: fc.constantFrom(0, 0, 1, 5, 20),
              tear: fc.option(fc.nat(), { nil: undefined })
            }),
            { maxLength: 1 }
          )
        )
        .map(([first, rest]) => [first, ...rest])
    })
  )

const answerFor = (id: string) => `Answer for ${id}.`
const promptFor = (id: string) => `Question about <<${id}>>, please.`
const idOf = (body: any): string | undefined => {
  const content = body?.messages?.[0]?.content
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((b: any) => (typeof b?.text === 'string' ? b.text : '')).join('')
        : ''
  return /<<([A-Za-z0-9_-]+)>>/.exec(text)?.[1]
}

interface ResultLine {
  id: string
  status: 'succeeded' | 'failed'
  response?: string
}

/** The file's complete lines, parsed; a last line without a newline is the torn one (returned apart). */
function readResults(text: string): { lines: ResultLine[]; torn: string | undefined } {
  const parts = text.split('\n')
  const torn = parts.pop() // '' when the file ends with a newline
  const lines = parts.filter(line => line.trim() !== '').map(line => JSON.parse(line) as ResultLine)
  return { lines, torn: torn === '' ? undefined : torn }
}

function expectAtMostOnce(lines: ResultLine[], ids: string[]): void {
  const seen = lines.map(l => l.id)
  expect(new Set(seen).size).toBe(seen.length)
  for (const id of seen) expect(ids).toContain(id)
}

async function readIfExists(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined
    throw err
  })
}

async function runCase(c: KillCase): Promise<void> {
  const served = new Map<string, number>() // replies consumed per id, across runs
  const lastReply = new Map<string, Reply['kind']>()
  const faultsOf = new Map(c.ids.map((id, i) => [id, c.faults[i]!]))
  /** Per run: the ids requested in it. */
  const requestedIn: string[][] = []
  let onRequest: (() => void) | undefined
  const api = await startFakeApi({
    script: request => {
      const id = idOf(request.body)
      onRequest?.()
      if (id === undefined || !faultsOf.has(id)) {
        return { kind: 'error', status: 400, type: 'invalid_request_error', message: 'fake: no known id in prompt' }
      }
      requestedIn.at(-1)!.push(id)
      const n = served.get(id) ?? 0
      served.set(id, n + 1)
      const reply = FAULT_REPLY[faultsOf.get(id)![n]!] ?? { kind: 'message', text: answerFor(id) }
      lastReply.set(id, reply.kind)
      return reply
    }
  })
  const root = await mkdtemp(path.join(os.tmpdir(), 'many-kill-'))
  const workspace = path.join(root, 'ws')
  const resultsPath = path.join(workspace, RESULTS)
  const prompts = c.ids.map(id => `${JSON.stringify({ id, prompt: promptFor(id) })}\n`).join('')
  const inputs = {
    'prompts-file': 'prompts.jsonl',
    'results-file': RESULTS,
    mode: 'direct',
    concurrency: String(c.concurrency),
    'max-retries': String(c.maxRetries),
    'base-delay': '0.01',
    'max-delay': '0.1',
    timeout: '10',
    summary: 'metadata',
    'anthropic-api-key': KEY,
    'base-url': api.url
  }

  /** One step in its own runner temp, the same workspace; killed at `kill` if it gets that far. */
  async function step(run: number, resume: boolean, kill: Kill | undefined) {
    const runDir = path.join(root, `run-${run}`)
    await mkdir(runDir)
    const prepared = await prepareStep(runDir, {
      inputs: { ...inputs, resume: String(resume) },
      env: { GITHUB_WORKSPACE: workspace },
      workspaceFiles: run === 0 ? { 'prompts.jsonl': prompts } : {}
    })
    const succeededBefore = new Set(
      readResults((await readIfExists(resultsPath)) ?? '')
        .lines.filter(l => l.status === 'succeeded')
        .map(l => l.id)
    )
    requestedIn.push([])
    const child = spawn(ACTION_NODE, [DEFAULT_ENTRY], {
      env: prepared.env,
      cwd: prepared.cwd,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.resume()
    let requests = 0
    onRequest = () => {
      if (!kill || ++requests !== kill.atRequest) return
      if (kill.delayMs === 0) child.kill('SIGKILL')
      else setTimeout(() => child.kill('SIGKILL'), kill.delayMs)
    }
    // Generous: a wedged child fails the case rather than hanging the suite.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000)
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve =>
      child.once('close', (code, signal) => resolve({ code, signal }))
    )
    clearTimeout(guard)
    onRequest = undefined
    // No run sends an item its results file already held as succeeded.
    for (const id of requestedIn.at(-1)!) expect(succeededBefore.has(id)).toBe(false)
    return { ...exit, stdout, outputFile: prepared.files.GITHUB_OUTPUT }
  }

  try {
    let run = 0
    for (const kill of c.kills) {
      const result = await step(run, run > 0, kill)
      if (run === 0) expect(result.signal).toBe('SIGKILL')
      run++
      if (result.signal !== 'SIGKILL') continue // finished before the kill point
      const text = await readIfExists(resultsPath)
      if (text === undefined) continue // killed before the first item finished
      const { lines } = readResults(text)
      expectAtMostOnce(lines, c.ids)
      if (kill.tear !== undefined && (text === '' || text.endsWith('\n'))) {
        await appendFile(resultsPath, `{"id":"${c.ids[kill.tear % c.ids.length]!}","status":"succ`)
      }
    }

    const last = await step(run, true, undefined)
    expect(last.signal).toBeNull()
    const text = (await readIfExists(resultsPath)) ?? ''
    expect(text.endsWith('\n')).toBe(true)
    const { lines, torn } = readResults(text)
    expect(torn).toBeUndefined()
    expectAtMostOnce(lines, c.ids)
    expect(lines.map(l => l.id).sort()).toEqual([...c.ids].sort())
    for (const line of lines) {
      if (lastReply.get(line.id) === 'message') {
        expect(line).toMatchObject({ id: line.id, status: 'succeeded', response: answerFor(line.id) })
      } else {
        expect(line).toMatchObject({ id: line.id, status: 'failed' })
      }
    }
    const outputs = stepOutputs(await readFile(last.outputFile, 'utf8'), `exit ${last.code}`, last.stdout, '')
    const succeeded = lines.filter(l => l.status === 'succeeded').length
    expect(outputs).toMatchObject({
      total: String(c.ids.length),
      succeeded: String(succeeded),
      failed: String(c.ids.length - succeeded),
      'results-file': resultsPath
    })
    // Only the mask registration names the key.
    expect(last.stdout.replaceAll(`::add-mask::${KEY}`, '')).not.toContain(KEY)
  } finally {
    await api.close()
    await rm(root, { recursive: true, force: true })
  }
}

describe('many prompts: kill -9 at random points, then resume (end to end)', () => {
  it.prop({ c: caseArb }, { numRuns: NUM_RUNS })(
    'results-file holds each id at most once after a kill, exactly once after resume; succeeded items are not re-sent',
    async ({ c }) => {
      await runCase(c)
    },
    120_000
  )
})

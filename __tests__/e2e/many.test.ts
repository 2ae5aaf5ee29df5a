/**
 * Many prompts in one step, run as the runner runs it: the built dist/index.js in a child process
 * against the fake API on 127.0.0.1. What only a child shows: the bundle, a kill -9 in the middle
 * (and the resume after it), a SIGINT and how fast the step then ends.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Reply } from '../support/fake-api.js'
import { api, askWith, RUNNER_KILLS_AFTER_MS } from '../support/ask.js'
import { runAction } from '../support/run-action.js'
import { allIds, ids, promptsWorkspace as workspace, RESULTS, resultRows as rows } from '../support/many.js'

const ask = askWith(runAction, { prompt: '', 'base-delay': '0.01', 'max-delay': '2' })

const text = (dir: string, file = RESULTS) => readFileSync(path.join(dir, file), 'utf8')
const echo =
  (delayMs = 0) =>
  (request: { body: any }): Reply => ({
    kind: 'message',
    text: `answer to ${request.body.messages.at(-1).content}`,
    delayMs
  })
const run = (dir: string, fake: Parameters<typeof ask>[0], inputs: Record<string, string> = {}, extra = {}) =>
  ask(
    fake,
    { 'prompts-file': 'prompts.jsonl', 'results-file': RESULTS, mode: 'direct', ...inputs },
    { env: { GITHUB_WORKSPACE: dir }, ...extra }
  )
/** stdout shows `n` items written (their debug lines). */
const itemsOnDisk = (n: number) => new RegExp(`(::debug::\\[item-\\d+\\] succeeded[^\\n]*\\n[\\s\\S]*){${n}}`)

describe('many prompts, dist/index.js in a child', () => {
  it('says files under RUNNER_TEMP do not outlive the job only when results-file is under RUNNER_TEMP', async () => {
    const note = 'Files under RUNNER_TEMP do not outlive the job'
    const inWorkspace = await run(workspace(1), { script: echo() })
    expect(inWorkspace.code).toBe(0)
    expect(inWorkspace.summary).toContain('Every result is in `results-file`: ')
    expect(inWorkspace.summary).not.toContain(note)

    const byDefault = await run(workspace(1), { script: echo() }, { 'results-file': '' })
    expect(byDefault.code).toBe(0)
    expect(byDefault.summary).toContain(`(JSONL, one line per id). ${note}: upload it with actions/upload-artifact`)
  })

  it('20 items on 4 workers against a rate-limited API: each id exactly once, fewer 429s than items', async () => {
    const dir = workspace(20)
    const result = await run(
      dir,
      { script: echo(30), rateLimit: { perSecond: 25, burst: 3, retryAfter: true } },
      {
        concurrency: '4'
      }
    )
    expect(result.code).toBe(0)
    const list = rows(dir)
    expect(list).toHaveLength(20)
    expect(ids(list)).toEqual(allIds(20))
    const refused = (api?.requests.length ?? 0) - 20
    if (process.env.MANY_STATS) console.error({ refused, ms: result.durationMs, log: result.stdout })
    expect(refused).toBeLessThan(20)
    expect(result.outputs).toMatchObject({ total: '20', succeeded: '20', failed: '0' })
    expect(result.stdout).toMatch(/Progress: 20\/20 items/)
  })

  it('shard 1/2 and 2/2 split the file: disjoint, together every id', async () => {
    const dir = workspace(10)
    const one = await run(dir, { script: echo() }, { shard: '1/2', 'results-file': 'one.jsonl' })
    const two = await run(dir, { script: echo() }, { shard: '2/2', 'results-file': 'two.jsonl' })
    expect([one.code, two.code]).toEqual([0, 0])
    const first = ids(rows(dir, 'one.jsonl'))
    const second = ids(rows(dir, 'two.jsonl'))
    expect(first.filter(id => second.includes(id))).toEqual([])
    expect([...first, ...second].sort()).toEqual(allIds(10))
    expect(Number(one.outputs.total) + Number(two.outputs.total)).toBe(10)
  })

  it('bad lines are listed by number, and nothing is sent', async () => {
    const dir = workspace(0)
    writeFileSync(
      path.join(dir, 'prompts.jsonl'),
      '{"id":"a","prompt":"x"}\nnot json\n{"id":"a","prompt":"y"}\n{"id":"b"}\n'
    )
    const result = await run(dir, [])
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    expect(result.outputs.error).toMatch(/has 3 bad lines/)
    expect(result.outputs.error).toMatch(
      /line 2: not valid JSON[\s\S]*line 3: id 'a' is already used on line 1[\s\S]*line 4: has neither/
    )
  })

  it('kill -9 in the middle, then resume: every id exactly once, none lost, done ones not sent again', async () => {
    const dir = workspace(20)
    const killed = await run(
      dir,
      { script: echo(150) },
      { concurrency: '2' },
      {
        signal: { name: 'SIGKILL', whenStdoutMatches: itemsOnDisk(5) }
      }
    )
    expect(killed.signal).toBe('SIGKILL')
    const before = rows(dir, RESULTS, { tornTail: true })
    expect(before.length).toBeGreaterThanOrEqual(5)
    expect(before.length).toBeLessThan(20)
    expect(new Set(ids(before)).size).toBe(before.length)

    const resumed = await run(dir, { script: echo() }, { concurrency: '2', resume: 'true' })
    expect(resumed.code).toBe(0)
    const after = rows(dir)
    expect(ids(after)).toEqual(allIds(20))
    expect(after.every(r => r.status === 'succeeded')).toBe(true)
    // Only what was not on disk was sent again.
    const sentAgain = (api?.requests ?? []).map(r => r.body.messages[0].content as string)
    expect(sentAgain).toHaveLength(20 - before.length)
    for (const row of before) expect(sentAgain).not.toContain(`Question ${row.id.slice('item-'.length)}`)
    expect(text(dir).endsWith('\n')).toBe(true)
  })

  it('total-timeout: items not started by the deadline are written as failed with deadline', async () => {
    const dir = workspace(10)
    const result = await run(dir, { script: echo(600) }, { concurrency: '2', 'total-timeout': '1' })
    expect(result.code).toBe(1)
    const list = rows(dir)
    expect(ids(list)).toEqual(allIds(10))
    const deadline = list.filter(r => r.error === 'deadline')
    expect(deadline.length).toBeGreaterThan(0)
    for (const row of deadline) expect(row).toMatchObject({ status: 'failed', attempts: 0 })
    expect(Number(result.outputs.failed)).toBe(list.filter(r => r.status === 'failed').length)
    expect(result.summary).toContain('#### Failed items')
  })

  it('SIGINT: stops taking items, aborts those in flight, writes every id and exits promptly', async () => {
    const dir = workspace(20)
    const result = await run(
      dir,
      { script: echo(200) },
      { concurrency: '2' },
      {
        signal: { name: 'SIGINT', whenStdoutMatches: itemsOnDisk(3) }
      }
    )
    expect(result.signal).toBeNull()
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe('cancelled')
    expect(result.exitedAfterSignalMs).toBeLessThan(RUNNER_KILLS_AFTER_MS.SIGINT)
    const list = rows(dir)
    expect(ids(list)).toEqual(allIds(20))
    expect(list.filter(r => r.status === 'succeeded').length).toBeGreaterThanOrEqual(3)
    expect(list.filter(r => r.error === 'cancelled').length).toBeGreaterThan(0)
    expect(result.summary).toContain('cancelled')
  })
})

/**
 * Many prompts in one step (prompts-file), in-process against the fake API with the real SDK:
 * the results file (each id once), the shared rate limiter, resume, shard, deadline, cancel,
 * failures and the summary. Child-process runs of dist/ are in __tests__/e2e/many.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Reply } from '../support/fake-api.js'
import { api, askWith } from '../support/ask.js'
import type { RunResult } from '../support/run-action.js'
import { runInProcess } from '../support/run-in-process.js'
import {
  allIds as sortedIds,
  ids,
  items,
  promptsWorkspace as workspace,
  resultRows as results
} from '../support/many.js'

const ask = askWith(runInProcess, { prompt: '', 'base-delay': '0.01', 'max-delay': '2' })
const messageBodies = () => api?.requests.filter(r => r.path === '/v1/messages').map(r => r.body) ?? []

/** Echo the question back, so each result can be matched to its request. */
const echo =
  (delayMs = 0) =>
  (request: { body: any }): Reply => ({
    kind: 'message',
    text: `answer to ${JSON.stringify(request.body.messages.at(-1).content)}`,
    delayMs
  })
const run = (dir: string, fake: Parameters<typeof ask>[0], inputs: Record<string, string> = {}, extra = {}) =>
  ask(
    fake,
    { 'prompts-file': 'prompts.jsonl', 'results-file': 'out/results.jsonl', ...inputs },
    {
      env: { GITHUB_WORKSPACE: dir },
      ...extra
    }
  )

describe('prompts-file, direct mode', () => {
  it('runs 20 items on 4 workers against a rate-limited API: each id once, few 429s', async () => {
    const dir = workspace(items(20))
    const result = await run(
      dir,
      { script: echo(20), rateLimit: { perSecond: 40, burst: 4, retryAfter: false } },
      {
        concurrency: '4',
        mode: 'direct'
      }
    )
    expect(result.code).toBe(0)
    const rows = results(dir)
    expect(ids(rows)).toEqual(sortedIds(20))
    for (const row of rows) {
      expect(row.status).toBe('succeeded')
      expect(row.response).toBe(`answer to "Question ${row.id.slice('item-'.length)}"`)
      expect(row.usage).toMatchObject({ input_tokens: 12, output_tokens: 7 })
    }
    const sent = api?.requests.length ?? 0
    if (process.env.MANY_STATS) console.error({ sent, ms: result.durationMs, stdout: result.stdout })
    expect(sent - 20).toBeLessThan(20) // 429s: fewer than items
    expect(result.outputs).toMatchObject({
      total: '20',
      succeeded: '20',
      failed: '0',
      'input-tokens': '240',
      'output-tokens': '140',
      attempts: String(sent),
      'results-file': path.join(dir, 'out/results.jsonl')
    })
    expect(result.stdout).toMatch(/Progress: 20\/20 items \(100%\)/)
    expect(result.summary).toContain('xychart-beta')
    expect(result.summary).toContain('out/results.jsonl')
  })

  it("builds each line's request from the inputs, the line's fields winning", async () => {
    const dir = workspace([
      { id: 'a', prompt: 'Label {{title}}', vars: { title: 'Crash' } },
      { id: 'b', prompt: 'Plain', model: 'claude-other', 'max-tokens': 50, system: 'Own system' },
      {
        id: 'c',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' }
        ],
        prompt: 'Next'
      }
    ])
    const result = await run(
      dir,
      { script: echo() },
      {
        system: 'You help {{team}}.',
        vars: 'team: infra',
        'max-tokens': '100',
        concurrency: '1'
      }
    )
    expect(result.code).toBe(0)
    expect(messageBodies()).toEqual([
      {
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        system: 'You help infra.',
        messages: [{ role: 'user', content: 'Label Crash' }]
      },
      { model: 'claude-other', max_tokens: 50, system: 'Own system', messages: [{ role: 'user', content: 'Plain' }] },
      {
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        system: 'You help infra.',
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Next' }
        ]
      }
    ])
  })

  it.each([
    ['auto', [false, true]],
    ['false', [false, false]],
    ['true', [true, true]]
  ])("stream: %s decides per line, from the line's own max-tokens", async (stream, expected) => {
    const dir = workspace([
      { id: 'short', prompt: 'Short' },
      { id: 'long', prompt: 'Long', 'max-tokens': 32_000 }
    ])
    const result = await run(dir, { script: echo() }, { stream, concurrency: '1' })
    expect(result.code).toBe(0)
    expect(messageBodies().map(body => body.stream === true)).toEqual(expected)
    expect(results(dir).map(r => r.status)).toEqual(['succeeded', 'succeeded'])
  })

  it('lists the bad lines by number and sends nothing', async () => {
    const dir = workspace([
      { id: 'ok', prompt: 'x' },
      '{oops',
      { id: 'bad id', prompt: 'x' },
      { id: 'ok', prompt: 'y' }
    ])
    const result = await run(dir, [])
    expect(result.code).toBe(1)
    expect(api?.requests).toEqual([])
    const error = result.outputs.error ?? ''
    expect(error).toMatch(/has 3 bad lines/)
    expect(error).toContain('line 2: not valid JSON')
    expect(error).toContain("line 3: 'id' is 'bad id'")
    expect(error).toContain("line 4: id 'ok' is already used on line 1")
  })

  it('refuses prompt, messages and prompt-yml with prompts-file, and resume without results-file', async () => {
    const dir = workspace(items(1))
    const both = await run(dir, [], { prompt: 'Hi' })
    expect(both.outputs.error).toMatch(/'prompt' cannot be given with it/)
    const resume = await ask(
      [],
      { 'prompts-file': 'prompts.jsonl', resume: 'true' },
      { env: { GITHUB_WORKSPACE: dir } }
    )
    expect(resume.outputs.error).toMatch(/'resume' is 'true' but 'results-file' is empty/)
    expect(api?.requests).toEqual([])
  })

  it.each([
    [{ shard: '3/2' }, /Input 'shard' has invalid value '3\/2'. Expected 'k\/n' with 1 <= k <= n/],
    [{ concurrency: '65' }, /Input 'concurrency' has invalid value '65'. Expected an integer from 1 to 64/],
    [{ 'comment-on': 'pr', 'github-token': 'ghs_x' }, /Input 'comment-on' cannot be used with 'prompts-file'/],
    [{ 'max-cost-usd': '1' }, /Input 'max-cost-usd' cannot be used with 'prompts-file'/],
    [{ 'max-input-tokens': '100' }, /Input 'max-input-tokens' cannot be used with 'prompts-file'/],
    [{ mode: 'fast' }, /Input 'mode' has invalid value 'fast'/],
    [{ 'system-file': 'missing.txt' }, /Input 'system-file' has invalid value 'missing.txt'/],
    [{ 'prompts-file': '', prompt: 'Hi', 'results-file': 'r.jsonl' }, /'results-file' works only with 'prompts-file'/]
  ])('refuses %j before any request', async (inputs, message) => {
    const dir = workspace(items(1))
    const result = await run(dir, [], inputs)
    expect(result.code).toBe(1)
    expect(result.outputs.error).toMatch(message)
    expect(api?.requests).toEqual([])
  })

  it('a final failure fails the step after everything is written; a retried one does not', async () => {
    const dir = workspace(items(4))
    const result = await run(
      dir,
      {
        script: (request, index) =>
          request.body.messages[0].content === 'Question 2'
            ? { kind: 'error', status: 400, type: 'invalid_request_error', message: 'bad request' }
            : index === 0
              ? { kind: 'error', status: 529, type: 'overloaded_error' }
              : echo()(request)
      },
      { concurrency: '1' }
    )
    expect(result.code).toBe(1)
    const rows = results(dir)
    expect(ids(rows)).toEqual(sortedIds(4))
    expect(rows.find(r => r.id === 'item-1')).toMatchObject({ status: 'succeeded', attempts: 2 })
    expect(rows.find(r => r.id === 'item-2')).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'invalid_request_error: bad request'
    })
    expect(result.outputs).toMatchObject({ total: '4', succeeded: '3', failed: '1' })
    expect(result.outputs.error).toBe('items_failed: 1 of 4 items failed')
    expect(result.summary).toContain('#### Failed items')
    expect(result.summary).toMatch(/\| item-2 \| 1 \| invalid\\_request\\_error: bad request \|/)
  })

  it('resume: skips what succeeded, runs the failed and the missing, and leaves each id once', async () => {
    const dir = workspace(items(5))
    const earlier = [
      { id: 'item-1', status: 'succeeded', response: 'old 1', attempts: 1 },
      { id: 'item-2', status: 'failed', error: 'overloaded_error: Overloaded', attempts: 6 },
      { id: 'item-3', status: 'succeeded', response: 'old 3', attempts: 1 }
    ]
    const file = path.join(dir, 'out/results.jsonl')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, earlier.map(r => JSON.stringify(r)).join('\n') + '\n{"id":"item-4","sta')
    const result = await run(dir, { script: echo() }, { resume: 'true' })
    expect(result.code).toBe(0)
    expect(messageBodies().map(b => b.messages[0].content)).toEqual(
      expect.arrayContaining(['Question 2', 'Question 4', 'Question 5'])
    )
    expect(messageBodies()).toHaveLength(3)
    const rows = results(dir)
    expect(ids(rows)).toEqual(sortedIds(5))
    expect(rows.find(r => r.id === 'item-1')?.response).toBe('old 1')
    expect(rows.every(r => r.status === 'succeeded')).toBe(true)
    expect(result.outputs).toMatchObject({ total: '5', succeeded: '5', failed: '0' })
    expect(result.stdout).toContain('2 skipped (succeeded in the resumed results-file)')
  })

  it('shard k/n: the shards are disjoint and together cover every id', async () => {
    const dir = workspace(items(12))
    const seen: string[] = []
    for (const shard of ['1/3', '2/3', '3/3']) {
      const file = `out/shard-${shard[0]}.jsonl`
      const result = await run(dir, { script: echo() }, { shard, 'results-file': file })
      expect(result.code).toBe(0)
      seen.push(...ids(results(dir, file)))
    }
    expect(seen.sort()).toEqual(sortedIds(12))
  })

  it('total-timeout: items not started are failed with deadline, none dropped', async () => {
    const dir = workspace(items(10))
    const result = await run(dir, { script: echo(400) }, { concurrency: '2', 'total-timeout': '1' })
    expect(result.code).toBe(1)
    const rows = results(dir)
    expect(ids(rows)).toEqual(sortedIds(10))
    const deadline = rows.filter(r => r.error === 'deadline')
    expect(deadline.length).toBeGreaterThan(0)
    for (const row of deadline) expect(row).toMatchObject({ status: 'failed', attempts: 0 })
    expect(messageBodies().length).toBeLessThan(10)
    expect(result.outputs.failed).toBe(String(rows.filter(r => r.status === 'failed').length))
  })

  it('cancel: stops taking items, aborts the ones in flight, writes every id', async () => {
    const dir = workspace(items(10))
    // Cancelled once the first requests arrived.
    const cancel2 = new AbortController()
    const timer = setInterval(() => {
      if ((api?.requests.length ?? 0) >= 2) cancel2.abort()
    }, 5)
    const cancelled = await run(dir, { script: echo(5000) }, { concurrency: '2' }, { cancel: cancel2.signal })
    clearInterval(timer)
    expect(cancelled.code).toBe(1)
    expect(cancelled.outputs.error).toBe('cancelled')
    const rows = results(dir)
    expect(ids(rows)).toEqual(sortedIds(10))
    expect(rows.every(r => r.status === 'failed' && /cancelled/.test(r.error))).toBe(true)
    expect(cancelled.durationMs).toBeLessThan(4000)
  })

  it('without results-file: a new file under RUNNER_TEMP; in a local run (no RUNNER_TEMP), under the OS temp folder', async () => {
    const dir = workspace(items(2))
    const temp = mkdtempSync(path.join(os.tmpdir(), 'many-temp-'))
    const onRunner = await ask(
      { script: echo() },
      { 'prompts-file': 'prompts.jsonl' },
      {
        env: { GITHUB_WORKSPACE: dir, RUNNER_TEMP: temp }
      }
    )
    expect(onRunner.code).toBe(0)
    const file = onRunner.outputs['results-file'] ?? ''
    expect(path.relative(temp, file).startsWith('..')).toBe(false)
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2)

    const prompts = readFileSync(path.join(dir, 'prompts.jsonl'), 'utf8')
    const local = await ask(
      { script: echo() },
      { 'prompts-file': 'prompts.jsonl' },
      {
        env: { GITHUB_WORKSPACE: undefined, RUNNER_TEMP: undefined },
        workspaceFiles: { 'prompts.jsonl': prompts }
      }
    )
    expect(local.code).toBe(0)
    expect(
      readFileSync(local.outputs['results-file'] ?? '', 'utf8')
        .trim()
        .split('\n')
    ).toHaveLength(2)
  })

  it('json-schema: each answer is checked, its JSON in the results', async () => {
    const dir = workspace(items(2))
    const result = await run(
      dir,
      [
        { kind: 'message', text: '{"n": 1}' },
        { kind: 'message', text: '{"n": 2}' }
      ],
      {
        'json-schema': '{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}',
        concurrency: '1'
      }
    )
    expect(result.code).toBe(0)
    expect(results(dir).map(r => r.json)).toEqual([{ n: 1 }, { n: 2 }])
  })
})

export type { RunResult }

/**
 * resume and a changed request (issue 20): each results-file line carries request_sha256, and an
 * item whose request changed since its line succeeded is sent again; the log and the summary say
 * how many. Lines without the field (older results files) resume as before. In-process, real SDK,
 * direct and batch mode.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { requestSha256 } from '../../src/request/request-hash.js'
import type { Reply } from '../support/fake-api.js'
import { api, askWith } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'
import { items, promptsWorkspace as workspace, resultRows as rows } from '../support/many.js'

const ask = askWith(runInProcess, { prompt: '', 'base-delay': '0.01', 'max-delay': '0.05' })
const inputs = { 'prompts-file': 'prompts.jsonl', 'results-file': 'out/results.jsonl' }
const echo = (request: { body: any }): Reply => ({
  kind: 'message',
  text: `answer to ${request.body.messages.at(-1).content}`
})
const asked = () =>
  api?.requests.filter(r => r.path === '/v1/messages').map(r => r.body.messages.at(-1).content as string) ?? []
const writePrompts = (dir: string, lines: unknown[]) =>
  writeFileSync(path.join(dir, 'prompts.jsonl'), lines.map(line => JSON.stringify(line)).join('\n'))

describe('resume with request_sha256', () => {
  it('direct: each line holds the hash of the request sent; an edited prompt is asked again, the rest skipped', async () => {
    const dir = workspace(items(3))
    const first = await ask({ script: echo }, { ...inputs, mode: 'direct' }, { env: { GITHUB_WORKSPACE: dir } })
    expect(first.code).toBe(0)
    const sent = api!.requests.filter(r => r.path === '/v1/messages')
    const byId = new Map(rows(dir).map(row => [row.id, row]))
    for (const request of sent) {
      const id = `item-${String(request.body.messages[0].content).slice('Question '.length)}`
      const { stream: _stream, ...params } = request.body
      expect(byId.get(id)?.request_sha256).toBe(requestSha256(params))
    }

    writePrompts(dir, [items(3)[0], { id: 'item-2', prompt: 'Question 2, reworded' }, items(3)[2]])
    const again = await ask(
      { script: echo },
      { ...inputs, mode: 'direct', resume: 'true' },
      { env: { GITHUB_WORKSPACE: dir } }
    )
    expect(again.code).toBe(0)
    expect(asked()).toEqual(['Question 2, reworded'])
    expect(rows(dir).map(row => [row.id, row.response])).toEqual([
      ['item-1', 'answer to Question 1'],
      ['item-3', 'answer to Question 3'],
      ['item-2', 'answer to Question 2, reworded']
    ])
    const said = '1 item sent again because its request has changed since the resumed results-file'
    expect(again.stdout).toContain(`2 skipped (succeeded in the resumed results-file), ${said}`)
    expect(again.summary).toContain(`| Request changed | ${said} |`)
    expect(again.outputs).toMatchObject({ total: '3', succeeded: '3', failed: '0' })
  })

  it('a line without request_sha256 counts as unchanged, whatever the prompt says now', async () => {
    const dir = workspace([{ id: 'item-1', prompt: 'Edited since' }])
    const old = { id: 'item-1', status: 'succeeded', response: 'from an older version', attempts: 1 }
    const file = path.join(dir, 'out/results.jsonl')
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify(old)}\n`)
    const result = await ask(
      { script: echo },
      { ...inputs, mode: 'direct', resume: 'true' },
      { env: { GITHUB_WORKSPACE: dir } }
    )
    expect(result.code).toBe(0)
    expect(asked()).toEqual([])
    expect(rows(dir).map(row => row.response)).toEqual(['from an older version'])
    expect(result.stdout).not.toContain('sent again')
  })

  it('batch: result lines carry the hash too, and a changed request goes in the next batch', async () => {
    const dir = workspace(items(2))
    const first = await ask(
      { batches: { pollsUntilEnded: 0 } },
      { ...inputs, mode: 'batch' },
      {
        env: { GITHUB_WORKSPACE: dir }
      }
    )
    expect(first.outputs.error ?? '').toBe('')
    expect(first.code).toBe(0)
    expect(rows(dir).every(row => /^[0-9a-f]{64}$/.test(row.request_sha256))).toBe(true)

    writePrompts(dir, [items(2)[0], { id: 'item-2', prompt: 'Question 2', 'max-tokens': 64 }])
    const again = await ask(
      { batches: { pollsUntilEnded: 0 } },
      { ...inputs, mode: 'batch', resume: 'true' },
      { env: { GITHUB_WORKSPACE: dir } }
    )
    expect(again.outputs.error ?? '').toBe('')
    expect(again.code).toBe(0)
    expect(api!.batches.members.get('msgbatch_fake_1')).toEqual(['item-2'])
    expect(again.stdout).toContain('1 item sent again because its request has changed')
  })
})

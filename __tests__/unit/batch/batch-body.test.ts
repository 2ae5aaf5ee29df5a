import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sendFromFile, writeBatchBody } from '../../../src/batch/batch-body.js'

const folder = () => mkdtempSync(path.join(os.tmpdir(), 'batch-body-'))
const request = (i: number) => JSON.stringify({ custom_id: `item-${i}`, params: { prompt: 'x'.repeat(i % 97) } })

describe('writeBatchBody', () => {
  it('writes {"requests":[…]} to a private file of its own, and dispose removes it', async () => {
    const dir = folder()
    // Enough requests for several writes (64 KiB of text each).
    const count = 3000
    const body = await writeBatchBody(dir, count, request)
    const [own] = readdirSync(dir)
    expect(own).toMatch(/^ask-claude-batch-/)
    const file = path.join(dir, own!, 'requests.json')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(path.join(dir, own!)).mode & 0o777).toBe(0o700)
    expect(body.blob.type).toBe('application/json')
    const parsed = JSON.parse(await body.blob.text()) as { requests: unknown[] }
    expect(parsed.requests).toHaveLength(count)
    expect(parsed.requests[count - 1]).toEqual(JSON.parse(request(count - 1)))
    // The blob can be read again (a retried create sends it again).
    expect(body.blob.size).toBe(Buffer.byteLength(await body.blob.text()))
    await body.dispose()
    expect(readdirSync(dir)).toEqual([])
  })

  it('an empty list is an empty requests array', async () => {
    const body = await writeBatchBody(folder(), 0, request)
    expect(await body.blob.text()).toBe('{"requests":[]}')
    await body.dispose()
  })

  it('leaves nothing behind when building a request fails half-way', async () => {
    const dir = folder()
    const failing = (position: number) => {
      if (position === 1) throw new Error('line went bad')
      return request(position)
    }
    await expect(writeBatchBody(dir, 2, failing)).rejects.toThrow('line went bad')
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('sendFromFile', () => {
  it('sends the file, then removes it, whether the send succeeds or throws', async () => {
    const dir = folder()
    const sent: string[] = []
    const outcome = await sendFromFile(dir, 2, request, async body => {
      sent.push(await body.text())
      expect(readdirSync(dir)).toHaveLength(1)
      return { ok: true, value: 'created', attempts: [], durationMs: 0 }
    })
    expect(outcome).toMatchObject({ ok: true, value: 'created' })
    expect(JSON.parse(sent[0]!)).toEqual({ requests: [JSON.parse(request(0)), JSON.parse(request(1))] })
    expect(readdirSync(dir)).toEqual([])
    await expect(sendFromFile(dir, 1, request, () => Promise.reject(new Error('send blew up')))).rejects.toThrow(
      'send blew up'
    )
    expect(readdirSync(dir)).toEqual([])
  })

  it('a body that cannot be written is a final failure of the call, and nothing is sent', async () => {
    const missing = path.join(folder(), 'gone')
    let sends = 0
    const outcome = await sendFromFile(missing, 1, request, async () => {
      sends++
      return { ok: true, value: 'never', attempts: [], durationMs: 0 }
    })
    expect(sends).toBe(0)
    expect(outcome).toMatchObject({
      ok: false,
      stop: 'final-error',
      failure: { kind: 'client', message: `the batch's body could not be written under ${missing}: ENOENT` }
    })
  })
})

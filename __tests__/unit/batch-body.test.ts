import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeBatchBody } from '../../src/many/batch-body.js'

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

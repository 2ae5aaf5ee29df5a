/**
 * End to end: error bodies without end are read only up to a bound, in bounded memory. The
 * built dist/index.js in a child, whose peak RSS the bench probe reports, against the fake API on
 * 127.0.0.1. The other hostile responses run in-process: __tests__/inprocess/responses.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createGzip } from 'node:zlib'
import { PROBE } from '../../script/bench/stats.js'
import { askWith } from '../support/ask.js'
import type { Reply } from '../support/fake-api.js'
import { runAction, type RunResult } from '../support/run-action.js'

const ask = askWith(runAction)

describe('error bodies are read only up to a bound', () => {
  /** An endless body, 64 KiB at a time, as fast as the client reads. */
  const endless = () => {
    const chunk = Buffer.alloc(64 * 1024, 'x')
    return new Readable({
      read() {
        this.push(chunk)
      }
    })
  }
  /** 1 GiB of zeros, gzipped on the fly (about 1 MB on the wire). */
  const gzipBomb = () => {
    let left = 1024
    const mib = Buffer.alloc(1024 * 1024)
    const zeros = new Readable({
      read() {
        this.push(left-- > 0 ? mib : null)
      }
    })
    return zeros.pipe(createGzip({ level: 1 }))
  }

  /** Run with the bench probe preloaded: it writes the child's peak RSS at exit. */
  async function askMeasured(reply: Reply): Promise<{ result: RunResult; peakMb: number }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-claude-rss-'))
    try {
      const file = path.join(dir, 'probe.json')
      const result = await ask(
        { script: [reply] },
        { 'max-retries': '0', timeout: '8' },
        {
          env: { NODE_OPTIONS: `--import=${PROBE}`, BENCH_PROBE_FILE: file },
          timeoutMs: 40_000
        }
      )
      const peakMb = (JSON.parse(readFileSync(file, 'utf8')) as { maxRssKb: number }).maxRssKb / 1024
      return { result, peakMb }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  const json = { 'content-type': 'application/json' }
  it.each([
    ['an endless 500 body', { kind: 'raw', status: 500, headers: json, body: endless } as Reply, '1 MiB'],
    [
      'a gzip bomb on a 500',
      { kind: 'raw', status: 500, headers: { ...json, 'content-encoding': 'gzip' }, body: gzipBomb } as Reply,
      '1 MiB'
    ],
    [
      'an endless 200 text/html body',
      { kind: 'raw', status: 200, headers: { 'content-type': 'text/html' }, body: endless } as Reply,
      '1 MiB'
    ],
    ['an endless 200 JSON body', { kind: 'raw', status: 200, headers: json, body: endless } as Reply, '64 MiB'],
    ['an endless body with status 999', { kind: 'raw', status: 999, headers: json, body: endless } as Reply, '1 MiB'],
    // The SDK's SSE decoder holds a line whole until it ends: only the line is bounded.
    [
      'an endless line on a 200 event stream',
      { kind: 'raw', status: 200, headers: { 'content-type': 'text/event-stream' }, body: endless } as Reply,
      '16 MiB'
    ]
  ])(
    '%s: cut at the bound, a retryable failure, in bounded memory',
    async (_name, reply, limit) => {
      const { result, peakMb } = await askMeasured(reply)
      expect(result.code).toBe(1)
      expect(result.outputs.error).toMatch(
        new RegExp(`(the response body|a line of the event stream) is more than ${limit}`)
      )
      // Retryable: the loop gave up for want of retries, not because the failure was final.
      expect(result.stdout).toMatch(/Attempt 1 of 1: \d+ \w+ .*Stopping: gave up after 1 attempt \(/)
      // Before the bound, each ran to the 8 s timeout and peaked at 2.3-3.9 GB.
      expect(result.durationMs).toBeLessThan(8_000)
      expect(peakMb).toBeLessThan(300)
    },
    60_000
  )
})

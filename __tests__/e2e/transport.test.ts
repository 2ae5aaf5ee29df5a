/**
 * The direct connection (no proxy variable): src/network/http-fetch.ts, over node:https and
 * node:http, in the built dist/index.js run as the runner runs it. TLS to the fake API with the
 * test CA (fixtures/tls), trusted only through NODE_EXTRA_CA_CERTS as a company's own CA would be;
 * a compressed answer; and the requests as the server saw them.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import { api, askWith, hello, retryLog } from '../support/ask.js'
import { REPO_ROOT, runAction } from '../support/run-action.js'

const TLS_DIR = path.join(REPO_ROOT, '__tests__', 'fixtures', 'tls')
const CA = path.join(TLS_DIR, 'ca.pem')
const tls = {
  key: readFileSync(path.join(TLS_DIR, 'server.key')),
  cert: readFileSync(path.join(TLS_DIR, 'server.pem'))
}
const ask = askWith(runAction, { 'max-retries': '1' })

describe('the direct connection', () => {
  it('speaks TLS to an https:// base-url whose CA is in NODE_EXTRA_CA_CERTS, answered whole and streamed', async () => {
    for (const stream of ['false', 'true']) {
      const result = await ask({ script: [hello], tls }, { stream }, { env: { NODE_EXTRA_CA_CERTS: CA } })
      expect(api!.url).toMatch(/^https:/)
      expect(result.code).toBe(0)
      expect(result.outputs.response).toBe('Hello there.')
      expect(api!.requests).toHaveLength(1)
      expect(Boolean((api!.requests[0]!.body as { stream?: boolean }).stream)).toBe(stream === 'true')
    }
  })

  it('names NODE_EXTRA_CA_CERTS when the certificate is not one the runner trusts, and sends nothing', async () => {
    const result = await ask({ script: [hello], tls }, { 'max-retries': '0' })
    expect(result.code).toBe(1)
    expect(api!.requests).toEqual([])
    expect(result.outputs.error).toBe('certificate_error: Connection error. (UNABLE_TO_VERIFY_LEAF_SIGNATURE)')
    expect(result.stdout).toMatch(/::error::.*set NODE_EXTRA_CA_CERTS to the path of its CA certificate/)
  })

  it('asks for a compressed answer and reads a gzip one', async () => {
    const body = JSON.stringify({
      id: 'msg_gzip',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-5-5',
      content: [{ type: 'text', text: 'Inflated.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 2 }
    })
    const result = await ask([
      {
        kind: 'raw',
        status: 200,
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'request-id': 'req_gz' },
        body: () => Readable.from([gzipSync(body)])
      }
    ])
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Inflated.')
    expect(api!.requests[0]!.headers['accept-encoding']).toBe('gzip, deflate, br')
    expect(retryLog(result)).toEqual([expect.objectContaining({ attempt: 1, requestId: 'req_gz' })])
  })
})

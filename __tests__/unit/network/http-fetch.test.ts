/**
 * http-fetch.ts against a real HTTP server on 127.0.0.1: what goes on the wire, and that it answers
 * as fetch does where the SDK and the action can tell (bodies, inflation, statuses, and the errors
 * of a refused connection, an abort, a cut-off body and a silent server).
 */
import { mkdtempSync, openAsBlob, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { afterEach } from '@jest/globals'
import { httpFetch } from '../../../src/network/http-fetch.js'
import { LightHeaders } from '../../../src/network/light-headers.js'

type Handler = (request: IncomingMessage & { body: string }, response: ServerResponse) => void

let server: Server | undefined
const sockets = new Set<Socket>()
afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  sockets.clear()
  await new Promise(resolve => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** A server that hands each request, its body read, to `handler`; resolves to its base URL. */
async function serve(handler: Handler): Promise<string> {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', chunk => (body += chunk))
    request.on('end', () => handler(Object.assign(request, { body }), response))
  })
  server.on('connection', socket => sockets.add(socket))
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const fetch = httpFetch()

describe('httpFetch', () => {
  it('sends the method, headers and body as given, with fetch’s defaults, and answers with status, headers, url and JSON', async () => {
    let seen: { method?: string; headers?: IncomingMessage['headers']; body?: string } = {}
    const base = await serve((request, response) => {
      seen = { method: request.method, headers: request.headers, body: request.body }
      response.setHeader('set-cookie', ['a=1', 'b=2'])
      response.setHeader('x-many', ['one', 'two'])
      response.writeHead(201, 'Made', { 'content-type': 'application/json', 'request-id': 'req_1' })
      response.end('{"ok":true}')
    })
    const headers = new LightHeaders({ 'content-type': 'application/json', 'X-Api-Key': 'sk-test' })
    const response = await fetch(`${base}/v1/messages?beta=true`, {
      method: 'post',
      headers: headers as unknown as Headers,
      body: '{"é":1}'
    })
    expect(seen.method).toBe('POST')
    expect(seen.body).toBe('{"é":1}')
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      'x-api-key': 'sk-test',
      'content-length': String(Buffer.byteLength('{"é":1}')),
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br'
    })
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Made')
    expect(response.ok).toBe(true)
    expect(response.url).toBe(`${base}/v1/messages?beta=true`)
    expect(response.headers.get('request-id')).toBe('req_1')
    expect(response.headers.get('x-many')).toBe('one, two')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(await response.json()).toEqual({ ok: true })
    await expect(response.text()).rejects.toThrow(TypeError)
  })

  it('types a string body without a content type as text, as fetch does, and sends bytes as they are', async () => {
    const seen: Array<{ type?: string; body: string }> = []
    const base = await serve((request, response) => {
      seen.push({ type: request.headers['content-type'], body: request.body })
      response.end()
    })
    await (await fetch(base, { method: 'PUT', body: 'plain' })).text()
    await (await fetch(base, { method: 'PUT', body: new TextEncoder().encode('bytes') })).text()
    expect(seen).toEqual([
      { type: 'text/plain;charset=UTF-8', body: 'plain' },
      { type: undefined, body: 'bytes' }
    ])
  })

  it('streams a file-backed Blob with its length and type, as a Message Batch’s create body is sent', async () => {
    const seen: Array<{ type?: string; length?: string; body: string }> = []
    const base = await serve((request, response) => {
      seen.push({
        type: request.headers['content-type'],
        length: request.headers['content-length'],
        body: request.body
      })
      response.end()
    })
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'http-fetch-')), 'requests.json')
    const text = `{"requests":[${'"x",'.repeat(50_000)}"y"]}`
    writeFileSync(file, text)
    await (await fetch(base, { method: 'POST', body: await openAsBlob(file, { type: 'application/json' }) })).text()
    await (await fetch(base, { method: 'POST', body: new Blob(['in memory']) })).text()
    expect(seen).toEqual([
      { type: 'application/json', length: String(text.length), body: text },
      { type: undefined, length: '9', body: 'in memory' }
    ])
  })

  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync]
  ])('inflates a %s body', async (coding, compress) => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': coding })
      response.end(compress(Buffer.from('x'.repeat(100_000))))
    })
    expect(await (await fetch(base)).text()).toBe('x'.repeat(100_000))
  })

  it('passes a body in a coding it does not know as it came', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-encoding': 'zz' })
      response.end('raw')
    })
    expect(await (await fetch(base)).text()).toBe('raw')
  })

  it('gives no body for 204 and HEAD, and keeps a status outside 200–599', async () => {
    const base = await serve((request, response) => {
      response.writeHead(request.url === '/none' ? 204 : 999)
      response.end(request.method === 'HEAD' ? undefined : 'odd')
    })
    expect((await fetch(`${base}/none`)).body).toBeNull()
    expect((await fetch(base, { method: 'HEAD' })).body).toBeNull()
    const odd = await fetch(base)
    expect([odd.status, odd.ok, await odd.text()]).toEqual([999, false, 'odd'])
  })

  it('streams the body as it arrives, before the server has sent it all', async () => {
    let finish: () => void = () => undefined
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write('event: one\n\n')
      finish = () => response.end('event: two\n\n')
    })
    const reader = (await fetch(base)).body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: one\n\n')
    finish()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('event: two\n\n')
    expect((await reader.read()).done).toBe(true)
  })

  it('reuses one connection for requests one after another', async () => {
    const ports: number[] = []
    const base = await serve((request, response) => {
      ports.push(request.socket.remotePort!)
      response.end('ok')
    })
    for (let i = 0; i < 3; i++) await (await fetch(base)).text()
    expect(new Set(ports).size).toBe(1)
  })

  it('fails as fetch does when nothing listens: TypeError "fetch failed", the system error as its cause', async () => {
    const base = await serve(() => undefined)
    await new Promise(resolve => server!.close(resolve))
    const failure = await fetch(base).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TypeError)
    expect(failure).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNREFUSED' } })
  })

  it('rejects with the signal’s reason when aborted before the headers, and errors the body when aborted after', async () => {
    const base = await serve((request, response) => {
      if (request.url === '/partial') response.write('part')
    })
    const before = new AbortController()
    const pending = fetch(base, { signal: before.signal })
    setImmediate(() => before.abort())
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })

    const reason = new Error('cancelled by the step')
    const already = new AbortController()
    already.abort(reason)
    await expect(fetch(base, { signal: already.signal })).rejects.toBe(reason)

    const after = new AbortController()
    const reader = (await fetch(`${base}/partial`, { signal: after.signal })).body!.getReader()
    await reader.read()
    after.abort()
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('fails a body cut off mid-way with TypeError "terminated" and the socket’s error as its cause', async () => {
    const base = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': '100' })
      response.write('only part', () => response.socket?.destroy())
    })
    const failure = await (await fetch(base)).text().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(TypeError)
    expect(failure).toMatchObject({ message: 'terminated', cause: { code: 'ECONNRESET', message: 'aborted' } })
  })

  it('gives up on a server silent for the idle limit, before the headers and inside the body', async () => {
    const quick = httpFetch({ idleTimeoutMs: 50 })
    const base = await serve((request, response) => {
      if (request.url === '/body') response.write('start')
    })
    await expect(quick(base)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { code: 'UND_ERR_HEADERS_TIMEOUT', message: 'waited 0.05 s for the response headers' }
    })
    const body = (await quick(`${base}/body`)).text()
    await expect(body).rejects.toMatchObject({ message: 'terminated', cause: { code: 'UND_ERR_BODY_TIMEOUT' } })
  })

  it('hands what it does not carry (a streamed body) to the runtime’s fetch', async () => {
    const seen: Array<string | undefined> = []
    const base = await serve((request, response) => {
      seen.push(request.headers['sec-fetch-mode'])
      response.end()
    })
    await (await fetch(base, { method: 'POST', body: '{}' })).text()
    const stream = new ReadableStream({
      start: controller => (controller.enqueue(new TextEncoder().encode('{}')), controller.close())
    })
    await (await fetch(base, { method: 'POST', body: stream, duplex: 'half' } as RequestInit)).text()
    // Node's fetch sends sec-fetch-mode: cors; this transport sends nothing it was not given.
    expect(seen).toEqual([undefined, 'cors'])
  })
})

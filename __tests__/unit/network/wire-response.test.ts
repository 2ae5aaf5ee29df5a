/**
 * WireResponse (src/network/wire-response.ts) read the ways the SDK and the action read a
 * response, each compared with Node's own Response over the same bytes.
 */
import { LightHeaders } from '../../../src/network/light-headers.js'
import { WireResponse } from '../../../src/network/wire-response.js'

const streamOf = (...chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk)
      controller.close()
    }
  })

const wire = (body: ReadableStream<Uint8Array> | null, status = 200, type = 'application/json') =>
  new WireResponse(body, {
    status,
    headers: new LightHeaders({ 'content-type': type }) as unknown as Headers,
    url: 'https://api.example.test/v1/messages'
  })

describe('WireResponse', () => {
  it('decodes text as fetch does: chunks joined, a leading BOM dropped, invalid UTF-8 replaced', async () => {
    const bytes = [new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3]), new Uint8Array([0xa9, 0xff, 0x21])]
    expect(await wire(streamOf(...bytes)).text()).toBe(await new Response(streamOf(...bytes)).text())
    expect(await wire(streamOf(...bytes)).text()).toBe('hé\ufffd!')
  })

  it('parses JSON, and throws SyntaxError on a body that is not, as fetch does', async () => {
    const encode = (text: string) => new TextEncoder().encode(text)
    expect(await wire(streamOf(encode('{"a":'), encode('[1]}'))).json()).toEqual({ a: [1] })
    await expect(wire(streamOf(encode('{'))).json()).rejects.toMatchObject({ name: 'SyntaxError' })
  })

  it('reads a body once: a second read fails with TypeError, and bodyUsed says so', async () => {
    const response = wire(streamOf(new Uint8Array([1, 2])))
    expect(response.bodyUsed).toBe(false)
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([1, 2])
    expect(response.bodyUsed).toBe(true)
    await expect(response.bytes()).rejects.toThrow(TypeError)
  })

  it('reads an empty body as nothing, a blob with its content type, and a clone alongside the original', async () => {
    expect(await wire(null).text()).toBe('')
    const blob = await wire(streamOf(new Uint8Array([104, 105])), 200, 'text/plain').blob()
    expect([blob.type, await blob.text()]).toEqual(['text/plain', 'hi'])
    const original = wire(streamOf(new Uint8Array([111, 107])))
    const copy = original.clone()
    expect([await original.text(), await copy.text(), copy.url, copy.status]).toEqual(['ok', 'ok', original.url, 200])
  })

  it('is ok for 200–299 only, and keeps any status it is given', () => {
    expect([199, 200, 299, 300, 999].map(status => wire(null, status).ok)).toEqual([false, true, true, false, false])
    expect(wire(null, 999).status).toBe(999)
    expect(Object.prototype.toString.call(wire(null))).toBe(Object.prototype.toString.call(new Response()))
  })
})

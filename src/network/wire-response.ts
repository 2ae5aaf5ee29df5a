/**
 * A fetch `Response` in plain code: what http-fetch.ts answers with, and what bounded-fetch.ts
 * wraps a body in. Node's own `Response`, like its `Headers` (light-headers.ts), would load all
 * of Node's undici on first use. It has what the SDK and the action read of a response: status,
 * ok, headers, url, a web ReadableStream body, and the body read whole as text, JSON or bytes,
 * once (a second read fails as fetch's does). Unlike fetch's, it keeps any status the wire gave
 * (fetch passes up to 999 from the wire but cannot build a Response outside 200–599).
 */

/** Statuses whose response carries no body, whatever its headers say. */
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304])

export type WireResponseInit = {
  status: number
  statusText?: string
  headers: Headers
  url?: string
}

export class WireResponse {
  readonly status: number
  readonly statusText: string
  readonly headers: Headers
  readonly url: string
  readonly type = 'basic'
  readonly redirected = false
  #body: ReadableStream<Uint8Array> | null
  #used = false

  constructor(body: ReadableStream<Uint8Array> | null, init: WireResponseInit) {
    this.#body = body
    this.status = init.status
    this.statusText = init.statusText ?? ''
    this.headers = init.headers
    this.url = init.url ?? ''
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#body
  }

  get bodyUsed(): boolean {
    return this.#used || (this.#body?.locked ?? false)
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read')
    this.#used = true
    const chunks: Uint8Array[] = []
    if (this.#body) for await (const chunk of this.#body) chunks.push(chunk)
    return concat(chunks)
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return (await this.bytes()).buffer
  }

  async text(): Promise<string> {
    // As fetch: UTF-8, a leading byte order mark dropped, invalid bytes replaced.
    return new TextDecoder().decode(await this.bytes())
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text())
  }

  async blob(): Promise<Blob> {
    return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' })
  }

  /** Two readers of one body, as fetch's clone() gives (the body is teed). */
  clone(): WireResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.')
    const [mine, theirs] = this.#body ? this.#body.tee() : [null, null]
    this.#body = mine
    return new WireResponse(theirs, {
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      url: this.url
    })
  }

  get [Symbol.toStringTag](): string {
    return 'Response'
  }
}

function concat(chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const whole = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    whole.set(chunk, at)
    at += chunk.byteLength
  }
  return whole
}

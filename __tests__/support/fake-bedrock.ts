// A fake Amazon Bedrock runtime: a real HTTP server on 127.0.0.1 (random port) that the real
// AnthropicBedrock client (@anthropic-ai/bedrock-sdk) reaches through its baseURL option.
//
// Wire format, as Bedrock's InvokeModel and InvokeModelWithResponseStream speak it:
// - POST /model/{modelId}/invoke: the request body is the Messages body without `model` and
//   `stream`, with `anthropic_version`; the answer is the Message as JSON.
// - POST /model/{modelId}/invoke-with-response-stream: the answer is
//   application/vnd.amazon.eventstream, binary frames (encoded with @smithy/eventstream-codec,
//   the codec the SDK decodes with), each a `chunk` event whose payload is
//   {"bytes": base64(JSON of one Anthropic stream event)}; an exception frame stands for an
//   error in the middle of the stream.
// - Errors: {"message": "..."} with `x-amzn-errortype: <Name>:http://internal.amazon.com/...`.
// - Every response carries `x-amzn-requestid`, and no `request-id`.
// Every request must be SigV4-signed with the fake access key id (or carry the fake Bedrock API
// key as a bearer token), or it gets Bedrock's 403.

import http from 'node:http'
import { EventStreamCodec } from '@smithy/eventstream-codec'
import { messageBody, type RecordedRequest, recordRequest, splitText } from './fake-api.js'
import { listenOnLoopback } from './loopback.js'

export const FAKE_AWS = {
  AWS_ACCESS_KEY_ID: 'AKIAFAKEE2EKEYID0001',
  AWS_SECRET_ACCESS_KEY: 'fake/e2e/secret/DO-NOT-PRINT/0123456789abcdef',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEfake-session-token-DO-NOT-PRINT',
  AWS_REGION: 'us-east-1'
}

/** A Bedrock API key (AWS_BEARER_TOKEN_BEDROCK), which the fake takes instead of a signature. */
export const FAKE_BEDROCK_API_KEY = 'ABSKfake-bedrock-api-key-DO-NOT-PRINT'

export const BEDROCK_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0'

export type BedrockReply =
  | { kind: 'message'; text?: string; stopReason?: string; chunks?: number }
  /** A Bedrock error: `type` goes to x-amzn-errortype, `message` to the body. */
  | { kind: 'error'; status: number; type: string; message?: string; headers?: Record<string, string> }
  /** A stream that starts, then an exception frame (e.g. throttlingException) ends it. */
  | { kind: 'stream-exception'; type: string; message?: string }

export interface FakeBedrock {
  url: string
  requests: RecordedRequest[]
  close: () => Promise<void>
}

const codec = new EventStreamCodec(
  bytes => new TextDecoder().decode(bytes),
  text => new TextEncoder().encode(text)
)

const str = (value: string) => ({ type: 'string' as const, value })

/** One `chunk` event frame carrying an Anthropic stream event. */
function chunkFrame(event: object): Uint8Array {
  const bytes = Buffer.from(JSON.stringify(event)).toString('base64')
  return codec.encode({
    headers: { ':message-type': str('event'), ':event-type': str('chunk'), ':content-type': str('application/json') },
    body: new TextEncoder().encode(JSON.stringify({ bytes }))
  })
}

function exceptionFrame(type: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': str('exception'),
      ':exception-type': str(type),
      ':content-type': str('application/json')
    },
    body: new TextEncoder().encode(JSON.stringify({ message }))
  })
}

const USAGE = { input_tokens: 11, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 }

function messageEvents(id: string, model: string, text: string, stopReason: string, chunks: number): object[] {
  const pieces = splitText(text, chunks)
  return [
    {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        content: [],
        model,
        stop_reason: null,
        stop_sequence: null,
        usage: { ...USAGE, output_tokens: 1 }
      }
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ...pieces.map(piece => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } })),
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { output_tokens: USAGE.output_tokens }
    },
    { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 11, outputTokenCount: 5 } }
  ]
}

export async function startFakeBedrock(script: BedrockReply[]): Promise<FakeBedrock> {
  const requests: RecordedRequest[] = []
  let index = 0
  let n = 0

  const server = http.createServer((req, res) => {
    recordRequest(req, request => {
      requests.push(request)
      const requestId = `fake-bedrock-${++n}-0000-0000-000000000000`
      const fail = (status: number, type: string, message: string, headers: Record<string, string> = {}) => {
        const text = JSON.stringify({ message })
        res.writeHead(status, {
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
          'content-type': 'application/json',
          ...headers
        })
        res.end(text)
      }
      const auth = String(req.headers.authorization ?? '')
      const signed =
        auth.startsWith(`AWS4-HMAC-SHA256 Credential=${FAKE_AWS.AWS_ACCESS_KEY_ID}/`) && req.headers['x-amz-date']
      if (!signed && auth !== `Bearer ${FAKE_BEDROCK_API_KEY}`) {
        return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
      }
      const route = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/.exec(request.path)
      if (req.method !== 'POST' || !route) return fail(404, 'UnknownOperationException', `No route for ${request.path}`)
      const { body } = request
      if (typeof body !== 'object' || body === null || 'model' in body || typeof body.anthropic_version !== 'string') {
        return fail(400, 'ValidationException', 'Malformed input request: the body is not a Bedrock Anthropic body.')
      }
      const model = decodeURIComponent(route[1] as string)
      const streaming = route[2] === 'invoke-with-response-stream'
      const reply = script[index++] ?? {
        kind: 'error',
        status: 500,
        type: 'InternalServerException',
        message: 'fake Bedrock script exhausted'
      }
      const id = `msg_bdrk_${n}`
      if (reply.kind === 'error') return fail(reply.status, reply.type, reply.message ?? reply.type, reply.headers)
      const text = reply.kind === 'message' ? (reply.text ?? 'Hello from the fake Bedrock.') : 'Partial answer'
      const stopReason = reply.kind === 'message' ? (reply.stopReason ?? 'end_turn') : 'end_turn'
      if (!streaming) {
        if (reply.kind !== 'message') return fail(500, 'InternalServerException', 'a stream reply for a plain request')
        res.writeHead(200, { 'x-amzn-requestid': requestId, 'content-type': 'application/json' })
        res.end(messageBody(id, model, text, stopReason, USAGE))
        return
      }
      res.writeHead(200, { 'x-amzn-requestid': requestId, 'content-type': 'application/vnd.amazon.eventstream' })
      const events = messageEvents(id, model, text, stopReason, reply.kind === 'message' ? (reply.chunks ?? 3) : 2)
      if (reply.kind === 'stream-exception') {
        for (const event of events.slice(0, 3)) res.write(chunkFrame(event))
        res.end(exceptionFrame(reply.type, reply.message ?? reply.type))
        return
      }
      for (const event of events) res.write(chunkFrame(event))
      res.end()
    })
  })
  const { port, close } = await listenOnLoopback(server)
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close
  }
}

// The Message Batches endpoints of the fake API (fake-api.ts mounts them with its `batches`
// option): create, retrieve (in_progress for a number of polls, then ended, with request_counts
// that move), the results as JSONL streamed with backpressure, and cancel. Each item's outcome
// is scripted by its custom_id and how many batches it has been in (errored with a type, expired,
// succeeded). A per-batch limit (requests, bytes) lets tests see the client split its batches.
//
// Wire format after the public API reference: MessageBatch objects with processing_status
// in_progress | canceling | ended, request_counts, results_url; one result line per request:
// {"custom_id": ..., "result": {"type": "succeeded", "message": {...}}} or errored (the error
// envelope), canceled, expired.

import type http from 'node:http'
import { Readable } from 'node:stream'

export type BatchItemOutcome =
  | { type: 'succeeded'; text?: string; stopReason?: string; usage?: { input_tokens: number; output_tokens: number } }
  | { type: 'errored'; errorType: string; message?: string }
  | { type: 'expired' }

export interface FakeBatchesOptions {
  /** Retrieves a batch answers `in_progress` before it says `ended` (default 1: the second retrieve sees it ended). */
  pollsUntilEnded?: number
  /** Item outcome by custom_id and submission (0 for the first batch the id is in). Default: succeeded. */
  outcome?: (customId: string, submission: number) => BatchItemOutcome
  /** The API's per-batch limits, small for tests (default 100,000 requests, 256 MB). */
  maxRequests?: number
  maxBytes?: number
  /** Answers to POST /v1/messages/batches before the batch is made (errors only), in order. */
  createScript?: Array<{ status: number; type: string; message?: string }>
  /** The first results download of each batch is cut (socket destroyed) after this many lines. */
  cutResultsOnceAfter?: number
  /** Result lines (succeeded) for these custom_ids, streamed after each batch's own: ids never submitted. */
  strayResultIds?: string[]
}

interface FakeBatch {
  id: string
  createdAt: string
  items: Array<{ custom_id: string; outcome: BatchItemOutcome; model: string }>
  polls: number
  /** When cancelled: how many items had ended then (the rest come back canceled), and the polls so far. */
  cancel?: { finished: number; polls: number }
  downloads: number
}

export interface FakeBatchCall {
  kind: 'create' | 'retrieve' | 'results' | 'cancel'
  id?: string
  /** create: how many requests the batch holds. */
  requests?: number
}

export interface FakeBatches {
  /** Every batch call, in order (refused creates included, without id). */
  calls: FakeBatchCall[]
  /** The ids of the batches made, in order. */
  created: string[]
  /** custom_ids per batch id. */
  members: Map<string, string[]>
}

type Send = (status: number, body: string, headers?: Record<string, string>) => void
type Refuse = (status: number, type: string, message: string) => void

const PATTERN = /^[a-zA-Z0-9_-]{1,64}$/

export function fakeBatches(options: FakeBatchesOptions) {
  const batches = new Map<string, FakeBatch>()
  const submissions = new Map<string, number>()
  const state: FakeBatches = { calls: [], created: [], members: new Map() }
  let createIndex = 0

  const view = (batch: FakeBatch, baseUrl: string) => {
    const n = batch.items.length
    const ended = isEnded(batch)
    const finished = ended ? n : finishedCount(batch)
    const counts = { processing: n - finished, succeeded: 0, errored: 0, canceled: 0, expired: 0 }
    for (let index = 0; index < finished; index++) counts[typeAt(batch, index)]++
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: ended ? 'ended' : batch.cancel ? 'canceling' : 'in_progress',
      request_counts: counts,
      created_at: batch.createdAt,
      expires_at: new Date(Date.parse(batch.createdAt) + 86_400_000).toISOString(),
      ended_at: ended ? new Date().toISOString() : null,
      archived_at: null,
      cancel_initiated_at: batch.cancel ? new Date().toISOString() : null,
      results_url: ended ? `${baseUrl}/v1/messages/batches/${batch.id}/results` : null
    }
  }

  const pollsUntilEnded = options.pollsUntilEnded ?? 1
  /** Ended after pollsUntilEnded retrieves, or at the first retrieve after a cancel. */
  const isEnded = (batch: FakeBatch) =>
    batch.polls > pollsUntilEnded || (batch.cancel !== undefined && batch.polls > batch.cancel.polls)
  /** Items that have ended so far: a share growing with each poll. */
  const finishedCount = (batch: FakeBatch) =>
    Math.min(batch.items.length, Math.floor((batch.items.length * batch.polls) / (pollsUntilEnded + 1)))

  /** A cancelled batch's items that had not ended when it was cancelled come back canceled. */
  function typeAt(batch: FakeBatch, index: number): 'succeeded' | 'errored' | 'expired' | 'canceled' {
    return batch.cancel && index >= batch.cancel.finished ? 'canceled' : batch.items[index]!.outcome.type
  }

  function resultLine(batch: FakeBatch, index: number): string {
    const item = batch.items[index]!
    const type = typeAt(batch, index)
    const o = item.outcome
    const result =
      type === 'succeeded' && o.type === 'succeeded'
        ? {
            type,
            message: {
              id: `msg_${batch.id}_${index}`,
              type: 'message',
              role: 'assistant',
              model: item.model,
              content: [{ type: 'text', text: o.text ?? `Answer to ${item.custom_id}.` }],
              stop_reason: o.stopReason ?? 'end_turn',
              stop_sequence: null,
              usage: o.usage ?? { input_tokens: 10, output_tokens: 5 }
            }
          }
        : type === 'errored' && o.type === 'errored'
          ? {
              type,
              error: { type: 'error', error: { type: o.errorType, message: o.message ?? `Fake ${o.errorType}` } }
            }
          : { type }
    return `${JSON.stringify({ custom_id: item.custom_id, result })}\n`
  }

  function strayLine(batch: FakeBatch, customId: string): string {
    const message = {
      id: `msg_${batch.id}_${customId}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-fake',
      content: [{ type: 'text', text: `Answer to ${customId}, never asked.` }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5 }
    }
    return `${JSON.stringify({ custom_id: customId, result: { type: 'succeeded', message } })}\n`
  }

  function create(body: any, rawBytes: number, send: Send, refuse: Refuse): void {
    const scripted = options.createScript?.[createIndex++]
    const requests: any[] = Array.isArray(body?.requests) ? body.requests : []
    state.calls.push({ kind: 'create', requests: requests.length })
    if (scripted) return refuse(scripted.status, scripted.type, scripted.message ?? `Fake ${scripted.type}`)
    if (requests.length === 0) return refuse(400, 'invalid_request_error', 'requests: at least one request')
    if (requests.length > (options.maxRequests ?? 100_000)) {
      return refuse(400, 'invalid_request_error', `requests: at most ${options.maxRequests ?? 100_000} requests`)
    }
    if (rawBytes > (options.maxBytes ?? 256_000_000)) return refuse(413, 'request_too_large', 'batch too large')
    const seen = new Set<string>()
    for (const request of requests) {
      const id = request?.custom_id
      if (typeof id !== 'string' || !PATTERN.test(id)) {
        return refuse(400, 'invalid_request_error', 'custom_id must match ^[a-zA-Z0-9_-]{1,64}$')
      }
      if (seen.has(id)) return refuse(400, 'invalid_request_error', `custom_id ${id} is used twice`)
      seen.add(id)
    }
    const id = `msgbatch_fake_${batches.size + 1}`
    const items = requests.map(request => {
      const submission = submissions.get(request.custom_id) ?? 0
      submissions.set(request.custom_id, submission + 1)
      const outcome = options.outcome?.(request.custom_id, submission) ?? { type: 'succeeded' as const }
      return { custom_id: request.custom_id as string, outcome, model: String(request.params?.model ?? 'claude-fake') }
    })
    const batch: FakeBatch = { id, createdAt: new Date().toISOString(), items, polls: 0, downloads: 0 }
    batches.set(id, batch)
    state.created.push(id)
    state.members.set(
      id,
      items.map(item => item.custom_id)
    )
    state.calls[state.calls.length - 1]!.id = id
    send(200, JSON.stringify(view(batch, '')))
  }

  /** Answers a /v1/messages/batches request; false when the path is not one of its endpoints. */
  function handle(
    method: string,
    pathname: string,
    body: any,
    rawBytes: number,
    baseUrl: string,
    res: http.ServerResponse,
    send: Send,
    refuse: Refuse
  ): boolean {
    if (method === 'POST' && pathname === '/v1/messages/batches') {
      create(body, rawBytes, send, refuse)
      return true
    }
    const match = /^\/v1\/messages\/batches\/([^/]+)(\/results|\/cancel)?$/.exec(pathname)
    if (!match) return false
    const [, id, tail] = match
    const batch = batches.get(id!)
    const kind = tail === '/results' ? 'results' : tail === '/cancel' ? 'cancel' : 'retrieve'
    state.calls.push({ kind, id })
    if (!batch) {
      refuse(404, 'not_found_error', `no Message Batch ${id}`)
      return true
    }
    if (kind === 'retrieve' && method === 'GET') {
      batch.polls++
      send(200, JSON.stringify(view(batch, baseUrl)))
    } else if (kind === 'cancel' && method === 'POST') {
      batch.cancel ??= { finished: isEnded(batch) ? batch.items.length : finishedCount(batch), polls: batch.polls }
      send(200, JSON.stringify(view(batch, baseUrl)))
    } else if (kind === 'results' && method === 'GET') {
      streamResults(batch, res)
    } else {
      refuse(405, 'invalid_request_error', `${method} not allowed here`)
    }
    return true
  }

  function streamResults(batch: FakeBatch, res: http.ServerResponse): void {
    const cutAfter = batch.downloads++ === 0 ? options.cutResultsOnceAfter : undefined
    let index = 0
    const body = new Readable({
      read() {
        if (cutAfter !== undefined && index >= cutAfter) {
          // Let what was written reach the client, then cut the connection.
          setImmediate(() => res.socket?.destroy())
          return
        }
        if (index === batch.items.length) {
          index++
          for (const id of options.strayResultIds ?? []) this.push(strayLine(batch, id))
        }
        if (index >= batch.items.length) return void this.push(null)
        this.push(resultLine(batch, index++))
      }
    })
    res.writeHead(200, { 'content-type': 'application/x-jsonl', 'request-id': `req_results_${batch.id}` })
    res.on('close', () => body.destroy())
    body.pipe(res)
  }

  return { state, handle }
}

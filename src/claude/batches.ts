/**
 * The Message Batches endpoints, one attempt each (attemptRequest: the step's cancel, the
 * attempt's timeout, errors as AttemptFailures, keys redacted), for batch/run-batches.ts to put into the
 * retry loop. Only the Anthropic API has them: the Bedrock and Vertex SDKs delete
 * `messages.batches`, and Foundry's types leave it out.
 */
import type Anthropic from '@anthropic-ai/sdk'
import type { MessageBatch } from '@anthropic-ai/sdk/resources/messages/batches'
import { attemptRequest } from './client.js'
import { jsonLines } from './json-lines.js'
import type { AttemptContext, AttemptResult } from '../retry/loop.js'

export type { MessageBatch }

/** What batch mode needs of a client. */
export type BatchesClient = Pick<Anthropic, 'get' | 'post' | 'baseURL'> & {
  messages: { batches: Pick<Anthropic['messages']['batches'], 'create' | 'retrieve' | 'cancel'> }
}

/** Whether `client` offers the Message Batches API (the Anthropic client does; Bedrock's and Vertex's do not). */
export function hasBatches(client: unknown): client is BatchesClient {
  const messages = (client as { messages?: { batches?: { create?: unknown } } } | null)?.messages
  return typeof messages?.batches?.create === 'function'
}

/** The label attempt records carry for batch requests (where a Messages request has its model). */
const BATCH_LABEL = 'message-batches'

/**
 * Creates a Message Batch from its JSON body, `{"requests": [...]}` (BatchCreateParams), given
 * whole as a Blob: batch/batch-body.ts writes it to a file, and fetch streams it from there. The
 * SDK's batches.create would serialise every request into one string first. Sent where
 * batches.create sends it, with the client's headers.
 */
export function createBatchOnce(
  client: BatchesClient,
  body: Blob,
  context: AttemptContext
): Promise<AttemptResult<MessageBatch>> {
  return attemptRequest(BATCH_LABEL, context, async options => {
    const { data, request_id } = await client
      .post<MessageBatch>('/v1/messages/batches', {
        ...options,
        body,
        headers: { 'content-type': 'application/json' }
      })
      .withResponse()
    return { value: data, requestId: request_id ?? null, problem: batchProblem(data) }
  })
}

export function retrieveBatchOnce(
  client: BatchesClient,
  id: string,
  context: AttemptContext
): Promise<AttemptResult<MessageBatch>> {
  return attemptRequest(BATCH_LABEL, context, async options => {
    const { data, request_id } = await client.messages.batches.retrieve(id, {}, options).withResponse()
    return { value: data, requestId: request_id ?? null, problem: batchProblem(data) }
  })
}

export function cancelBatchOnce(
  client: BatchesClient,
  id: string,
  context: AttemptContext
): Promise<AttemptResult<MessageBatch>> {
  return attemptRequest(BATCH_LABEL, context, async options => {
    const { data, request_id } = await client.messages.batches.cancel(id, {}, options).withResponse()
    return { value: data, requestId: request_id ?? null }
  })
}

/**
 * Streams an ended batch's results (JSONL) and hands each parsed line to `onLine`, awaiting it
 * before the next is read: one line in memory at a time, the body read only as fast as lines are
 * taken (boundedFetch bounds each line). The whole download is one attempt: a connection cut
 * half-way is retried by the loop, and the caller skips the ids it already has.
 */
export function streamResultsOnce(
  client: BatchesClient,
  batch: Pick<MessageBatch, 'id' | 'results_url'>,
  onLine: (line: unknown) => Promise<void>,
  context: AttemptContext
): Promise<AttemptResult<number>> {
  return attemptRequest(BATCH_LABEL, context, async options => {
    const url = resultsUrl(client.baseURL, batch)
    const response = await client
      .get(url, { ...options, stream: true, __binaryResponse: true, headers: { Accept: 'application/binary' } })
      .asResponse()
    const requestId = response.headers.get('request-id')
    let count = 0
    let problem: string | undefined
    for await (const line of jsonLines(response.body)) {
      let parsed: unknown
      try {
        parsed = JSON.parse(line)
      } catch {
        problem = `line ${count + 1} of the results is not JSON`
        break
      }
      await onLine(parsed)
      count++
    }
    return { value: count, requestId, problem }
  })
}

/**
 * The batch's results_url when it is on the API's own origin; otherwise the documented path under
 * the base URL. The key (or a gateway's credential header) goes with the request: a results_url
 * on another host (a hostile or misconfigured server) must not receive it.
 */
export function resultsUrl(baseURL: string, batch: Pick<MessageBatch, 'id' | 'results_url'>): string {
  const base = baseURL.replace(/\/+$/, '')
  const documented = `${base}/v1/messages/batches/${encodeURIComponent(batch.id)}/results`
  if (!batch.results_url) return documented
  try {
    return new URL(batch.results_url).origin === new URL(base).origin ? batch.results_url : documented
  } catch {
    return documented
  }
}

/** A 2xx batch object the loop can rely on: an id and a processing status. */
function batchProblem(batch: MessageBatch | undefined): string | undefined {
  if (typeof batch?.id !== 'string' || batch.id === '') return 'the response is not a Message Batch (no id)'
  if (typeof batch.processing_status !== 'string') return 'the Message Batch has no processing_status'
  return undefined
}

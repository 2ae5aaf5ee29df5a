/**
 * Sends one request (plain or streamed) with any provider's client (providers/ builds them, the
 * SDK's own retries off); sdk-failures.ts turns whatever it throws into an AttemptFailure.
 */
import { AnthropicError } from '@anthropic-ai/sdk'
import type { Message, MessageCreateParamsNonStreaming, Messages } from '@anthropic-ai/sdk/resources/messages'
import { cancelled, failureFrom, headersToRecord, invalidResponse, timedOut } from './sdk-failures.js'
import { checkMessage } from './message.js'
import { redactFailure, redactKeys, redactMessage } from './redact.js'
import type { AttemptFailure } from '../retry/failure.js'
import type { AttemptContext, AttemptResult } from '../retry/loop.js'
import { longTimeout, MAX_TIMER_MS } from '../retry/sleep.js'

export type { Message }

/**
 * What every provider's client offers (src/providers/): Anthropic, AnthropicBedrock,
 * AnthropicFoundry, AnthropicVertex are all BaseAnthropic subclasses with these two methods.
 * Bedrock's endpoint has no count_tokens: its SDK's types leave the method out, but at run time
 * it is still there (`delete resource.countTokens` removes no own property; the method is on the
 * prototype) and would send a request Bedrock cannot route. inputs/provider.ts refuses the
 * inputs that need a count on Bedrock; countTokensOnce's check only covers a client without it.
 */
export type MessagesClient = { messages: Pick<Messages, 'create' | 'stream'> }

/** Our own timer governs the attempt; the SDK's is set a little later so it never fires first. */
const SDK_TIMEOUT_MARGIN_MS = 5_000

type RequestOptions = { signal: AbortSignal; timeout: number; maxRetries: 0 }
/** Sends one request with the SDK; calls `started` when a stream's first event arrived. */
export type Send<T> = (
  options: RequestOptions,
  started: () => void
) => Promise<{ value: T; requestId: string | null; problem?: string; headers?: Headers }>

/**
 * One attempt of any request: aborted by the step's cancel signal or its own timeout, and
 * whatever is thrown translated into an AttemptFailure. `send` marks when a stream started.
 * This is where a response becomes our data: every failure and request-id leaves it with
 * key-shaped text redacted, whatever the status (a 200 can echo a key as well as a 502).
 */
export async function attemptRequest<T>(
  model: string,
  context: AttemptContext,
  send: Send<T>
): Promise<AttemptResult<T>> {
  const result = await attemptUnredacted(model, context, send)
  return result.ok
    ? { ...result, requestId: result.requestId === null ? null : redactKeys(result.requestId) }
    : { ...result, failure: redactFailure(result.failure) }
}

async function attemptUnredacted<T>(model: string, context: AttemptContext, send: Send<T>): Promise<AttemptResult<T>> {
  let streamStarted = false
  return underAttemptSignal(
    context,
    model,
    async signal => {
      const { value, requestId, problem, headers } = await send(
        // The SDK's backstop is one setTimeout: capped at 2^31 − 1 ms (24.8 days, longer than any job
        // may run: 6 h hosted, 5 days self-hosted), or it would fire after 1 ms.
        { signal, timeout: Math.min(context.timeoutMs + SDK_TIMEOUT_MARGIN_MS, MAX_TIMER_MS), maxRetries: 0 },
        () => (streamStarted = true)
      )
      if (problem) return { ok: false, model, failure: invalidResponse(problem, requestId) }
      return {
        ok: true,
        value,
        status: 200,
        requestId,
        model,
        ...(headers ? { headers: headersToRecord(headers) } : {})
      }
    },
    error => failureFrom(error, { streamStarted })
  )
}

/**
 * Runs one attempt's `work` under a signal that the step's cancel or the attempt's own timeout
 * aborts. Whatever it throws becomes the attempt's failure: cancelled, timed out, or
 * `translate(error)` (an SDK request's errors or a plain fetch's, as the caller reads them).
 */
export async function underAttemptSignal<T>(
  context: AttemptContext,
  model: string,
  work: (signal: AbortSignal) => Promise<AttemptResult<T>>,
  translate: (error: unknown) => AttemptFailure
): Promise<AttemptResult<T>> {
  const timer = new AbortController()
  const clearTimer = longTimeout(() => timer.abort(), context.timeoutMs)
  try {
    return await work(AbortSignal.any([context.signal, timer.signal]))
  } catch (error) {
    const failure = context.signal.aborted
      ? cancelled()
      : timer.signal.aborted
        ? timedOut(context.timeoutMs)
        : translate(error)
    return { ok: false, model, failure }
  } finally {
    clearTimer()
  }
}

/** One attempt: one Messages request, plain or streamed. */
export function sendOnce(
  client: MessagesClient,
  request: MessageCreateParamsNonStreaming,
  stream: boolean,
  context: AttemptContext
): Promise<AttemptResult<Message>> {
  return attemptRequest(request.model, context, async (options, started) => {
    if (stream) {
      const messageStream = client.messages.stream(request, options)
      messageStream.on('connect', started)
      const message = await messageStream.finalMessage()
      const { response } = messageStream
      return {
        ...asMessage(message),
        requestId: requestIdOf(messageStream.request_id, response),
        headers: response?.headers
      }
    }
    const response = await client.messages.create(request, options).withResponse()
    return {
      ...asMessage(response.data),
      requestId: requestIdOf(response.request_id, response.response),
      headers: response.response.headers
    }
  })
}

/** The SDK reads `request-id`; Amazon Bedrock sends `x-amzn-requestid` instead (sdk-failures.ts reads it too). */
function requestIdOf(sdkId: string | null | undefined, response: Response | null | undefined): string | null {
  return sdkId ?? response?.headers.get('x-amzn-requestid') ?? null
}

/** A 2xx body as a Message, its fields around the answer redacted; or why it is not one. */
function asMessage(body: unknown): { value: Message; problem?: string } {
  const check = checkMessage(body)
  return check.ok ? { value: redactMessage(check.message) } : { value: body as Message, problem: check.problem }
}

/** One attempt of the count-tokens endpoint, for the max-input-tokens guard. */
export function countTokensOnce(
  client: MessagesClient,
  request: MessageCreateParamsNonStreaming,
  context: AttemptContext
): Promise<AttemptResult<number>> {
  // The fields count_tokens takes that change the count: the same blocks, cache marks and thinking.
  const { model, messages, system, output_config, thinking } = request
  const resource = client.messages as Partial<Pick<Messages, 'countTokens'>>
  return attemptRequest(model, context, async options => {
    // Not reached on Bedrock (see MessagesClient): inputs/provider.ts refuses the inputs first.
    if (!resource.countTokens) throw new AnthropicError('this provider has no count-tokens endpoint')
    const response = await resource
      .countTokens(
        {
          model,
          messages,
          ...(system !== undefined ? { system } : {}),
          ...(output_config ? { output_config } : {}),
          ...(thinking ? { thinking } : {})
        },
        options
      )
      .withResponse()
    const count = response.data?.input_tokens
    return {
      value: count,
      requestId: response.request_id ?? null,
      problem: Number.isInteger(count) ? undefined : 'the count_tokens body has no input_tokens'
    }
  })
}

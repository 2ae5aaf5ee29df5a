/**
 * One item of a direct run: its request in the same retry loop as a single prompt (max-retries,
 * jitter, retry-after, per-attempt timeout, fallback models, the schema check, the cost meter),
 * with the shared limiter asked before every attempt and told of every response.
 */
import type { Message } from '../claude/client.js'
import { responseText } from '../claude/message.js'
import type { CostEstimate } from '../cost/meter.js'
import { messagesAttempts, type SendMessage } from '../phases/ask.js'
import { attemptLine } from '../report/log-lines.js'
import type { PromptItem } from '../request/prompts-file.js'
import { requestSha256 } from '../request/request-hash.js'
import { describeFailure, type AttemptFailure } from '../retry/failure.js'
import { retry, type RetryOutcome } from '../retry/loop.js'
import type { ManyRun } from './context.js'
import type { Limiter, Ticket } from './limiter.js'
import type { ItemResult } from './results-file.js'

export interface ItemOutcome {
  result: ItemResult
  cost: CostEstimate
}

/** The limiter would make an attempt wait past total-timeout: the loop stops with reason deadline. */
const DEADLINE_FAILURE: AttemptFailure = {
  kind: 'timeout',
  status: null,
  errorType: 'deadline',
  errorCode: null,
  requestId: null,
  message: 'total-timeout would pass while waiting for the rate limit',
  headers: {}
}

/**
 * Runs `item` to its final result. undefined: it never started (cancelled, or the rate limit
 * would not let it start before the deadline); nothing was sent for it.
 */
export async function runItem(run: ManyRun, limiter: Limiter, item: PromptItem): Promise<ItemOutcome | undefined> {
  const { config, loop } = run
  const deadline = loop.deadline ?? Infinity
  let ticket: Ticket | undefined = await limiter.acquire(loop.signal, deadline)
  if (!ticket) return undefined

  // Every attempt waits for the shared limiter first (the first one has its ticket already), and
  // tells it what the API said: its rate-limit headers and its 429s pace every worker.
  const send: SendMessage = async (request, stream, context) => {
    const waitStart = loop.now()
    const current = ticket ?? (await limiter.acquire(context.signal, deadline))
    ticket = undefined
    const timeoutMs = context.timeoutMs - (loop.now() - waitStart)
    if (!current || timeoutMs <= 0) {
      const failure = context.signal.aborted ? { ...DEADLINE_FAILURE, kind: 'cancelled' as const } : DEADLINE_FAILURE
      return { ok: false, failure, model: request.model }
    }
    const result = await run.send(request, stream, { ...context, timeoutMs })
    if (result.ok) {
      limiter.observe(current, result.status, result.headers ?? {})
      limiter.spent(result.value.usage)
    } else if (result.failure.status !== null) {
      limiter.observe(current, result.failure.status, result.failure.headers)
    }
    return result
  }
  const asking = messagesAttempts({
    config,
    request: item.params,
    send,
    withSignIn: run.withSignIn,
    schemaCheck: run.schemaCheck
  })
  const outcome = await retry<Message>(config.retry, {
    ...loop,
    ...asking.deps,
    onAttempt: event => {
      if (event.outcome !== 'success') run.log(`[${item.id}] ${attemptLine(event, config.retry.maxRetries + 1)}`)
    }
  })
  return { result: itemResult(item, outcome, run.schemaCheck !== undefined), cost: asking.meter.estimate() }
}

/** A results-file line from the loop's outcome. */
function itemResult(item: PromptItem, outcome: RetryOutcome<Message>, withJson: boolean): ItemResult {
  const last = outcome.attempts.at(-1)
  const common = {
    id: item.id,
    attempts: outcome.attempts.length,
    request_id: last?.requestId ?? null,
    request_sha256: requestSha256(item.params)
  }
  if (outcome.ok) {
    const message = outcome.value
    const response = responseText(message)
    return {
      ...common,
      status: 'succeeded',
      response,
      // withSchemaCheck has parsed and checked it: it is JSON.
      json: withJson ? (JSON.parse(response) as unknown) : undefined,
      usage: message.usage,
      stop_reason: message.stop_reason,
      model: message.model
    }
  }
  const error = describeFailure(outcome.failure)
  return {
    ...common,
    status: 'failed',
    model: last?.model ?? item.params.model,
    error: outcome.stop === 'deadline' && !error.startsWith('deadline') ? `deadline: ${error}` : error
  }
}

/** An item that was never started: failed with `deadline` or `cancelled`, nothing sent. */
export function notStarted(id: string, reason: 'deadline' | 'cancelled'): ItemResult {
  return { id, status: 'failed', attempts: 0, error: reason }
}

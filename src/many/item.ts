/**
 * One item of a direct run: its request in the same retry loop as a single prompt (max-retries,
 * jitter, retry-after, per-attempt timeout, fallback models, the schema check, the cost meter),
 * with the shared limiter asked before every attempt and told of every response.
 */
import type { Message } from '../claude/client.js'
import { ModelChain } from '../claude/fallback.js'
import { responseText } from '../claude/message.js'
import { withSchemaCheck } from '../claude/schema.js'
import { CostMeter, type CostEstimate } from '../cost/meter.js'
import { streamsFor } from '../inputs/config.js'
import { costRefusalFailure } from '../report/cost-lines.js'
import { attemptLine } from '../report/log-lines.js'
import type { PromptItem } from '../request/prompts-file.js'
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
export const DEADLINE_FAILURE: AttemptFailure = {
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

  const models = new ModelChain(
    [item.params.model, ...config.fallbackModels.filter(m => m !== item.params.model)],
    config.fallbackAfter
  )
  const meter = new CostMeter(config.cost, item.params, undefined)
  // A line's own max-tokens may call for streaming where the inputs' does not (stream: auto).
  const stream = streamsFor(config.streamMode, item.params.max_tokens)
  const outcome = await retry<Message>(config.retry, {
    ...loop,
    attempt: run.fresh(async context => {
      const waitStart = loop.now()
      const current = ticket ?? (await limiter.acquire(context.signal, deadline))
      ticket = undefined
      const timeoutMs = context.timeoutMs - (loop.now() - waitStart)
      if (!current || timeoutMs <= 0) {
        const failure = context.signal.aborted ? { ...DEADLINE_FAILURE, kind: 'cancelled' as const } : DEADLINE_FAILURE
        return { ok: false, failure, model: models.current }
      }
      const result = meter.recorded(
        await run.send({ ...item.params, model: models.current }, stream, { ...context, timeoutMs })
      )
      if (result.ok) {
        limiter.observe(current, result.status, result.headers ?? {})
        limiter.spent(result.value.usage)
      } else if (result.failure.status !== null) {
        limiter.observe(current, result.failure.status, result.failure.headers)
      }
      return run.schemaCheck ? withSchemaCheck(result, run.schemaCheck) : result
    }, models),
    beforeAttempt: attempt => costRefusalFailure(meter.check(attempt, models.current)),
    switchModel: failure => models.afterFailure(failure),
    onAttempt: event => {
      if (event.outcome !== 'success') run.log(`[${item.id}] ${attemptLine(event, config.retry.maxRetries + 1)}`)
    }
  })
  return { result: itemResult(item, outcome, run.schemaCheck !== undefined), cost: meter.estimate() }
}

/** A results-file line from the loop's outcome. */
export function itemResult(item: PromptItem, outcome: RetryOutcome<Message>, withJson: boolean): ItemResult {
  const last = outcome.attempts.at(-1)
  const common = { id: item.id, attempts: outcome.attempts.length, request_id: last?.requestId ?? null }
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

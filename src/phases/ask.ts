/**
 * Asking Claude: the Messages request in the retry loop, moving down the fallback models, each
 * answer checked against the schema, its usage metered for cost-usd and max-cost-usd.
 */
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages'
import { type Message, sendOnce } from '../claude/client.js'
import { ModelChain } from '../claude/fallback.js'
import { type SchemaCheck, withSchemaCheck } from '../claude/schema.js'
import { CostMeter } from '../cost/meter.js'
import type { Config } from '../inputs/config.js'
import { streamsFor } from '../request/build.js'
import { costRefusalFailure } from '../report/cost-lines.js'
import { attemptLogger } from '../report/log-lines.js'
import * as results from '../report/result.js'
import { type AttemptContext, type AttemptResult, retry, type RetryDeps } from '../retry/loop.js'
import type { PhaseContext } from './phase.js'

export async function askPhase(
  { config, client, request, loop, withSignIn }: PhaseContext,
  schemaCheck: SchemaCheck | undefined,
  inputTokensCounted: number | undefined
): Promise<results.StepResult> {
  const send: SendMessage = (request, stream, context) => sendOnce(client, request, stream, context)
  const asking = messagesAttempts({ config, request, send, withSignIn, schemaCheck, inputTokensCounted })
  const outcome = await retry(config.retry, { ...loop, ...asking.deps, onAttempt: attemptLogger('', config.retry) })
  return { ...results.stepResult(outcome, config.model, schemaCheck), cost: asking.meter.estimate() }
}

/** One Messages attempt: sendOnce, or many/'s stand-ins (mock-response, the shared limiter around it). */
export type SendMessage = (
  request: MessageCreateParamsNonStreaming,
  stream: boolean,
  context: AttemptContext
) => Promise<AttemptResult<Message>>

export interface MessagesAttemptsOptions {
  config: Config
  request: MessageCreateParamsNonStreaming
  send: SendMessage
  withSignIn: PhaseContext['withSignIn']
  schemaCheck: SchemaCheck | undefined
  inputTokensCounted?: number
}

/**
 * The retry loop's parts for one Messages request, the same for one prompt and for each item of a
 * prompts-file: the fallback chain from the request's model, streaming by `stream` and the
 * request's max-tokens, each answer metered (cost-usd, max-cost-usd) and held against the schema.
 */
export function messagesAttempts({
  config,
  request,
  send,
  withSignIn,
  schemaCheck,
  inputTokensCounted
}: MessagesAttemptsOptions) {
  const first = request.model
  const models = new ModelChain([first, ...config.fallbackModels.filter(m => m !== first)], config.fallbackAfter)
  const meter = new CostMeter(config.cost, request, inputTokensCounted)
  const stream = streamsFor(config.streamMode, request.max_tokens)
  const deps: Pick<RetryDeps<Message>, 'attempt' | 'beforeAttempt' | 'switchModel'> = {
    attempt: withSignIn(async context => {
      const result = meter.recorded(await send({ ...request, model: models.current }, stream, context))
      return schemaCheck ? withSchemaCheck(result, schemaCheck) : result
    }, models),
    beforeAttempt: attempt => costRefusalFailure(meter.check(attempt, models.current)),
    switchModel: failure => models.afterFailure(failure)
  }
  return { deps, meter }
}

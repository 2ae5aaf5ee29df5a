/**
 * Asking Claude: the Messages request in the retry loop, moving down the fallback models, each
 * answer checked against the schema, its usage metered for cost-usd and max-cost-usd.
 */
import { sendOnce } from '../claude/client.js'
import { ModelChain } from '../claude/fallback.js'
import { type SchemaCheck, withSchemaCheck } from '../claude/schema.js'
import { CostMeter } from '../cost/meter.js'
import { streamsFor } from '../inputs/config.js'
import { costRefusalFailure } from '../report/cost-lines.js'
import { attemptLogger } from '../report/log-lines.js'
import * as results from '../report/result.js'
import { retry } from '../retry/loop.js'
import type { PhaseContext } from './context.js'

export async function askPhase(
  { config, client, request, loop, fresh }: PhaseContext,
  schemaCheck: SchemaCheck | undefined,
  inputTokensCounted: number | undefined
): Promise<results.StepResult> {
  const models = new ModelChain([config.model, ...config.fallbackModels], config.fallbackAfter)
  const meter = new CostMeter(config.cost, request, inputTokensCounted)
  const stream = streamsFor(config.streamMode, request.max_tokens)
  const outcome = await retry(config.retry, {
    ...loop,
    attempt: fresh(async context => {
      const result = meter.recorded(await sendOnce(client, { ...request, model: models.current }, stream, context))
      return schemaCheck ? withSchemaCheck(result, schemaCheck) : result
    }, models),
    beforeAttempt: attempt => costRefusalFailure(meter.check(attempt, models.current)),
    switchModel: failure => models.afterFailure(failure),
    onAttempt: attemptLogger('', config.retry)
  })
  return { ...results.stepResult(outcome, config.model, schemaCheck), cost: meter.estimate() }
}

/**
 * Counting the prompt's input tokens before the Messages request, when max-input-tokens (a limit)
 * or max-cost-usd (the worst case of an attempt) needs the count.
 */
import * as core from '../util/actions-core.js'
import { countTokensOnce } from '../claude/client.js'
import { guardInputTokens } from '../claude/token-guard.js'
import { attemptLogger, tokenCountLine } from '../report/log-lines.js'
import * as results from '../report/result.js'
import type { PhaseContext } from './phase.js'

export type Counted = Pick<results.StepResult, 'inputTokensCounted' | 'countAttempts'>

/** The count for the result, or the result that stops the step (the count failed or is over the limit). */
export async function countPhase({
  config,
  client,
  request,
  loop,
  withSignIn
}: PhaseContext): Promise<{ stopped?: results.StepResult; counted: Counted }> {
  if (config.maxInputTokens === undefined && config.cost.maxUsd === undefined) return { counted: {} }
  const guard = await guardInputTokens(config.retry, config.maxInputTokens ?? Infinity, {
    ...loop,
    attempt: withSignIn(context => countTokensOnce(client, request, context), config.model),
    onAttempt: attemptLogger('Counting input tokens: ', config.retry)
  })
  if (guard.counted.ok) core.info(tokenCountLine(guard.counted.value, config.maxInputTokens))
  if (!guard.fits) return { stopped: results.tokenGuardResult(guard, config.model), counted: {} }
  return { counted: { inputTokensCounted: guard.counted.value, countAttempts: guard.counted.attempts } }
}

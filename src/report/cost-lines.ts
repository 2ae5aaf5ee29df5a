/**
 * The cost estimate and the max-cost-usd guard in words: the refusal that stops the loop, the
 * status-line part, the log note, the `cost-usd` value.
 */
import { type CostEstimate, type CostRefusal, formatUsd } from '../cost/meter.js'
import { Inputs } from '../inputs/input-names.js'
import type { AttemptFailure } from '../retry/failure.js'
import { plural } from '../util/text.js'

/** The error type of a refused attempt: the `error` output reads `cost_limit_exceeded: …`. */
export const COST_LIMIT_ERROR = 'cost_limit_exceeded'

const usd = (value: number) => `$${formatUsd(value)}`

/** The guard's refusal as the loop's stopping failure: no request was sent for that attempt. */
export function costRefusalFailure(refusal: CostRefusal | undefined): AttemptFailure | undefined {
  if (!refusal) return undefined
  const { attempt, model, spentUsd, nextWorstUsd, limitUsd, inputTokens, maxTokens } = refusal
  const limit = `'${Inputs.maxCostUsd}' (${usd(limitUsd)})`
  const message = refusal.unbounded
    ? `attempt ${attempt} was not sent: ${refusal.unbounded}, so ${limit} cannot be kept`
    : `attempt ${attempt} was not sent: the estimated cost so far (${usd(spentUsd)}) plus its worst case ` +
      `(${usd(nextWorstUsd)}: ${inputTokens} input tokens and ${maxTokens} output tokens on ${model}) ` +
      `would pass ${limit}`
  return {
    kind: 'client',
    status: null,
    errorType: COST_LIMIT_ERROR,
    errorCode: null,
    requestId: null,
    message,
    headers: {}
  }
}

export const COST_LIMIT_HINT = `Raise '${Inputs.maxCostUsd}', or lower '${Inputs.maxTokens}' or the prompt.`

/** The `cost-usd` output: the estimate, or nothing when there is none. */
export function costOutput(cost: CostEstimate | undefined): string | undefined {
  return cost?.usd === undefined ? undefined : formatUsd(cost.usd)
}

/**
 * Nothing was billed when no response reported usage (a 401, a connection error, a cost guard
 * that refused the first attempt): "$0, from the usage of 0 responses" would read as a price.
 */
const nothingBilled = (cost: CostEstimate) => cost.usd !== undefined && cost.attemptsPriced === 0

/** For the summary's status line (plain text, escaped there): always labelled as an estimate. */
export function costStatus(cost: CostEstimate | undefined): string | undefined {
  if (!cost || nothingBilled(cost)) return undefined
  return cost.usd === undefined ? `no cost estimate: ${cost.why}` : `estimated cost ${usd(cost.usd)}`
}

/** The log's note on the estimate: what it is, or why there is none. */
export function costNote(cost: CostEstimate | undefined): string | undefined {
  if (!cost || nothingBilled(cost)) return undefined
  if (cost.usd === undefined) {
    return `No cost estimate: ${cost.why}. '${Inputs.prices}' can give the price (USD per million tokens).`
  }
  return `Estimated cost ${usd(cost.usd)}, from the usage of ${plural(cost.attemptsPriced, 'response')} at list prices; failed attempts that reported no usage are not in it.`
}

/**
 * The cost estimate of one batch result: its usage at the model's price, halved. Anthropic bills
 * Message Batches at 50% of the standard prices (the batch-processing guide: "All usage is
 * charged at 50% of the standard API prices"). A request that errored, expired or was canceled
 * is not billed.
 */
import { priceUsage, readUsage } from '../cost/estimate.js'
import type { CostEstimate } from '../cost/meter.js'
import { type PriceBook, priceOf } from '../cost/prices.js'
import type { ItemResult } from '../many/results-file.js'

export const BATCH_PRICE_FACTOR = 0.5

export function batchCost(result: Pick<ItemResult, 'usage' | 'model'>, book: PriceBook): CostEstimate {
  if (!result.usage || result.model === undefined) return { usd: 0, attemptsPriced: 0 }
  // A batch result may report its tier (`service_tier: 'batch'`, as the SDK's Usage type has it):
  // that is the tier priced here, at the standard price times BATCH_PRICE_FACTOR.
  const usage = result.usage.service_tier === 'batch' ? { ...result.usage, service_tier: null } : result.usage
  const reading = readUsage(usage)
  if (!reading.ok) return { usd: undefined, why: reading.why }
  const lookup = priceOf(result.model, book)
  if (!lookup) return { usd: undefined, why: `the model ${result.model} has no known price` }
  const priced = priceUsage(reading.counts, lookup.price)
  return priced.ok ? { usd: priced.usd * BATCH_PRICE_FACTOR, attemptsPriced: 1 } : { usd: undefined, why: priced.why }
}

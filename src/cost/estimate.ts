/**
 * One response's cost from the usage the API reported: input, output, cache reads and cache
 * writes (5-minute and 1-hour) each at their own price. The usage comes from a server and is
 * read as unknown data: a count that is not a non-negative integer gives no estimate.
 */
import type { Price } from './prices.js'
import { isTokenCount } from '../util/record.js'

/** The usage fields the estimate reads (the API's names); anything else is ignored. */
export interface UsageCounts {
  input: number
  output: number
  cacheRead: number
  /** 5-minute cache writes: the reported cache writes minus the 1-hour ones. */
  cacheWrite5m: number
  cacheWrite1h: number
}

export type UsageReading = { ok: true; counts: UsageCounts } | { ok: false; why: string }

/**
 * The table prices the standard tier at standard speed with global inference. US-only inference
 * (`inference_geo: "us"`), fast mode and the priority or batch tiers are priced otherwise: no estimate.
 */
const PRICED_AS_STANDARD: Record<string, Array<unknown>> = {
  service_tier: [undefined, null, 'standard'],
  speed: [undefined, null, 'standard'],
  inference_geo: [undefined, null, 'global']
}

/** The counts in `usage`, or why they cannot be priced. */
export function readUsage(usage: unknown): UsageReading {
  if (typeof usage !== 'object' || usage === null) return { ok: false, why: 'the response reported no usage' }
  const u = usage as Record<string, unknown>
  for (const [field, standard] of Object.entries(PRICED_AS_STANDARD)) {
    if (!standard.includes(u[field])) {
      return { ok: false, why: `the response reports usage.${field} '${String(u[field])}', which has its own prices` }
    }
  }
  const optional = (value: unknown) => (value === undefined || value === null ? 0 : value)
  const creation = u.cache_creation as Record<string, unknown> | null | undefined
  const fields: Array<[string, unknown]> = [
    ['input_tokens', u.input_tokens],
    ['output_tokens', u.output_tokens],
    ['cache_read_input_tokens', optional(u.cache_read_input_tokens)],
    ['cache_creation_input_tokens', optional(u.cache_creation_input_tokens)],
    ['cache_creation.ephemeral_1h_input_tokens', optional(creation?.ephemeral_1h_input_tokens)]
  ]
  for (const [name, value] of fields) {
    if (!isTokenCount(value)) return { ok: false, why: `usage.${name} is not a token count` }
  }
  const [input, output, cacheRead, cacheWrite, cacheWrite1h] = fields.map(([, value]) => value as number) as [
    number,
    number,
    number,
    number,
    number
  ]
  return {
    ok: true,
    counts: { input, output, cacheRead, cacheWrite5m: Math.max(0, cacheWrite - cacheWrite1h), cacheWrite1h }
  }
}

export type Priced = { ok: true; usd: number } | { ok: false; why: string }

/** The counts at `price`, in USD. */
export function priceUsage(counts: UsageCounts, price: Price): Priced {
  if (counts.cacheWrite1h > 0 && price.cache_write_1h === undefined) {
    return { ok: false, why: 'the response reports 1-hour cache writes and the price has no cache_write_1h' }
  }
  const perMillion =
    counts.input * price.input +
    counts.output * price.output +
    counts.cacheRead * price.cache_read +
    counts.cacheWrite5m * price.cache_write +
    counts.cacheWrite1h * (price.cache_write_1h ?? 0)
  return { ok: true, usd: perMillion / 1_000_000 }
}

/** Significant digits of the `cost-usd` output. */
const USD_SIGNIFICANT_DIGITS = 6

/**
 * USD as a plain decimal string (no exponent) rounded to 6 significant digits, trailing zeros
 * dropped: 0.000141, 1.23457, 12345.7, 0. Six digits keep a single small request visible
 * (a few tokens cost millionths of a dollar) without float noise (0.00014100000000000002).
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd < 0) throw new RangeError(`not a cost: ${usd}`)
  if (usd === 0) return '0'
  const rounded = Number(usd.toPrecision(USD_SIGNIFICANT_DIGITS))
  const decimals = Math.max(0, USD_SIGNIFICANT_DIGITS - 1 - Math.floor(Math.log10(rounded)))
  const text = rounded.toFixed(Math.min(decimals, 100))
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

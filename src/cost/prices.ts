/**
 * The price table: USD per million tokens for the models whose published prices we could read
 * and cite. Every entry names the page it was read from and the day it was read (a unit test
 * holds this). A model that is not here, or not in the `prices` input, gets no estimate: never a
 * guessed number.
 *
 * Matching: a model name matches an entry when it is one of the entry's documented ids or
 * aliases, or one of them followed by a dated snapshot suffix `-YYYYMMDD`
 * (`claude-opus-4-5-20251101` matches `claude-opus-4-5`). No looser prefix: `claude-sonnet-5`
 * must not price `claude-sonnet-5-5`, a different model.
 */

/** USD per million tokens. `cache_write` is the 5-minute cache write; `cache_write_1h` the 1-hour one. */
export interface Price {
  input: number
  output: number
  cache_read: number
  cache_write: number
  /** Optional in the `prices` input: without it, a response that reports 1-hour cache writes gets no estimate. */
  cache_write_1h?: number
}

export const PRICE_FIELDS = ['input', 'output', 'cache_read', 'cache_write', 'cache_write_1h'] as const

export interface PriceEntry {
  /** Documented model ids and aliases this price is for. */
  models: string[]
  price: Price
  /** The page the price was read from. */
  source: string
  /** The day it was read (YYYY-MM-DD). */
  read: string
  note?: string
}

const PRICING_PAGE = 'https://platform.claude.com/docs/en/about-claude/pricing'
const READ = '2026-11-29'

/**
 * Read from Anthropic's pricing page ("Model pricing": base input, 5m and 1h cache writes, cache
 * hits, output) and the models' overview pages ("Pricing"). Left out on purpose:
 * - Claude Fable 5.1 / Mythos 5.1: their cache-hit price carries a footnote we could not read.
 * - Claude Haiku 5.5: priced by prompt length (more above 100,000 prompt tokens), and its cache
 *   prices for both bands were not all on the copy we read. A Price holds one band, so it stays
 *   out until the table can carry both (and the meter knows each request's prompt length).
 * - Models whose rows we did not read whole (Sonnet 4.x, Haiku 4.5, Fable 5.2, ...).
 * Looked again on 2026-12-04 for the Haiku rows: the official pages we could read gave Haiku 4.5
 * only "$1 / MTok" input and "$5 / MTok" output (models/haiku-4-5/overview) and Haiku 5.5 only
 * "From $0.10 / MTok" and "From $0.50 / MTok" (models/haiku-5-5/overview); the pricing page's
 * copy was cut before its Haiku rows. No cache prices cited, so no entry: never a guess.
 * Give any of them in the `prices` input (docs/cost.md).
 */
export const PRICE_TABLE: readonly PriceEntry[] = [
  {
    models: ['claude-fable-5', 'claude-mythos-5'],
    price: { input: 10, output: 50, cache_read: 1, cache_write: 12.5, cache_write_1h: 20 },
    source: PRICING_PAGE,
    read: READ
  },
  {
    models: ['claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6', 'claude-opus-4-5'],
    price: { input: 5, output: 25, cache_read: 0.5, cache_write: 6.25, cache_write_1h: 10 },
    source: PRICING_PAGE,
    read: READ
  },
  {
    models: ['claude-opus-5-5'],
    price: { input: 4, output: 20, cache_read: 0.2, cache_write: 5, cache_write_1h: 8 },
    source: 'https://platform.claude.com/docs/zh-CN/models/opus-5-5/overview',
    read: READ
  },
  {
    models: ['claude-sonnet-5'],
    price: { input: 2, output: 10, cache_read: 0.2, cache_write: 2.5, cache_write_1h: 4 },
    source: 'https://platform.claude.com/docs/zh-CN/models/sonnet-5/overview',
    read: READ
  },
  {
    models: ['claude-sonnet-5-5'],
    price: { input: 2, output: 10, cache_read: 0.2, cache_write: 2.5, cache_write_1h: 4 },
    source: 'https://platform.claude.com/docs/zh-CN/models/sonnet-5-5/overview',
    read: READ,
    note:
      'Third-party changelogs report a cut of the cache-read price to $0.10 on 2026-10-07; the copy of the ' +
      'official page we read still said $0.20, so cache reads may be over-estimated (never under).'
  }
]

/** A dated snapshot of an alias: `<alias>-YYYYMMDD`. */
const DATED = /^(.+)-(\d{8})$/

/** The documented id or alias `model` stands for: itself, or without a dated snapshot suffix. */
function candidates(model: string): string[] {
  const dated = DATED.exec(model)
  return dated ? [model, dated[1] as string] : [model]
}

/** The prices: the `prices` input's entries first, then the table. */
export interface PriceBook {
  /** From the `prices` input, by model name. */
  overrides: Record<string, Price>
}

export type PriceLookup = { price: Price; from: 'input' | PriceEntry } | undefined

/** The price of `model`, from the `prices` input if it names it, else from the table; undefined when neither does. */
export function priceOf(model: string, book: PriceBook): PriceLookup {
  for (const name of candidates(model)) {
    const override = Object.hasOwn(book.overrides, name) ? book.overrides[name] : undefined
    if (override) return { price: override, from: 'input' }
  }
  for (const name of candidates(model)) {
    const entry = PRICE_TABLE.find(e => e.models.includes(name))
    if (entry) return { price: entry.price, from: entry }
  }
  return undefined
}

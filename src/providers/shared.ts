/**
 * What every provider's client is built with. maxRetries 0: our loop retries, so one attempt
 * is one HTTP request. fetch: the bounded fetch (claude/bounded-fetch.ts), so no body may fill
 * memory; whatever fetch the Anthropic client gets, every provider gets the same.
 */
export type SharedOptions = { maxRetries: 0; fetch: typeof globalThis.fetch }

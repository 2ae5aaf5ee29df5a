/**
 * What every provider's client is built with. maxRetries 0: our loop retries, so one attempt
 * is one HTTP request (the SDK's default of 2 inside a 5-attempt loop would send up to 15). fetch: the bounded fetch (claude/bounded-fetch.ts) over the proxy-aware
 * one (network/), so no body may fill memory, no redirect is followed with the credentials, and a
 * proxy carries every provider alike.
 * defaultHeaders: the `headers` input, for a gateway in front of any provider.
 */
export type SharedOptions = { maxRetries: 0; fetch: typeof globalThis.fetch; defaultHeaders: Record<string, string> }

/**
 * request/: pure shaping of the Messages request from what the inputs hold: templates, the
 * conversation's checks, the .prompt.yml mapping. No file system, no environment: inputs/ reads
 * those and calls in here, and turns a RequestInputError into its ConfigError.
 */

/** A complete sentence naming the input (or file field), the value and what is accepted. */
export class RequestInputError extends Error {
  override name = 'RequestInputError'
}

/**
 * The API version the SDK sends (anthropic-version 2026-10-21) removed temperature, top_p and
 * top_k: a request with any of them gets a 400 after the step has started. Refused here instead.
 */
export const SAMPLING_REMOVED =
  'the Messages API version this action sends (anthropic-version 2026-10-21, the SDK 1.x default) removed temperature, top_p and top_k, and answers 400 to a request that carries any of them'

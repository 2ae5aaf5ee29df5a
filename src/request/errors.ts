/**
 * request/: pure shaping of the Messages request from what the inputs hold: templates, the
 * conversation's checks, the .prompt.yml mapping. No file system, no environment: inputs/ reads
 * those and calls in here, and turns a RequestInputError into its ConfigError.
 */

/** A complete sentence naming the input (or file field), the value and what is accepted. */
export class RequestInputError extends Error {
  override name = 'RequestInputError'
}

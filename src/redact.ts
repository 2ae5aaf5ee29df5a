/**
 * Anthropic keys look like `sk-ant-<kind>-<base64url>`. An error body or a proxy's message may
 * echo a key (ours or another); the runner masks only the one we registered, so anything
 * key-shaped is cut before it reaches a log line, an output or the summary.
 */
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{6,}/g

export const REDACTED_KEY = 'sk-ant-[REDACTED]'

export function redactKeys(text: string): string {
  return text.replace(KEY_SHAPE, REDACTED_KEY)
}

/** A plain JSON object (not null, not an array): the one check every parser of untrusted JSON or YAML uses. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A token count from a server, only if it is one: a whole number, not negative. One rule for the
 * answer's check (claude/message.ts), the cost estimate and the outputs.
 */
export function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

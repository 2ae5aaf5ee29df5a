/** A plain JSON object (not null, not an array): the one check every parser of untrusted JSON or YAML uses. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

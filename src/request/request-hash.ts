/**
 * A request's fingerprint for resume: the SHA-256 (hex) of the canonical JSON of the params sent,
 * keys sorted at every level, so the same request always gives the same hash whatever order its
 * fields were built in. Attachments are in the params (base64), so their bytes count; headers are
 * not params, so a rotated credential does not make every item run again.
 */
import { createHash } from 'node:crypto'

export function requestSha256(params: unknown): string {
  return createHash('sha256').update(canonicalJson(params)).digest('hex')
}

/** JSON with every object's keys in code-unit order; undefined members dropped, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(item => canonicalJson(item ?? null)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined && typeof member !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

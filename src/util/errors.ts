/**
 * Reading thrown values by shape, never by `instanceof`: fetch's errors and those of jest's vm
 * modules come from another realm. fetch nests the system error (ECONNREFUSED, a certificate
 * code) and a proxy's refusal one or more causes deep.
 */

/** How far along a cause chain the helpers look. */
const MAX_DEPTH = 4

export function isNamed(error: unknown, name: string): boolean {
  return (error as { name?: unknown } | null)?.name === name
}

/** The first error named `name` along the cause chain, `error` itself included. */
export function causeNamed(error: unknown, name: string, depth = 0): unknown {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return undefined
  return isNamed(error, name) ? error : causeNamed((error as { cause?: unknown }).cause, name, depth + 1)
}

/** The first string `code` along the cause chain. */
export function findCode(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return undefined
  const { code, cause } = value as { code?: unknown; cause?: unknown }
  return typeof code === 'string' ? code : findCode(cause, depth + 1)
}

/** The message of anything Error-shaped, whatever realm it came from. */
export function errorMessage(error: unknown): string | undefined {
  const message = (error as { message?: unknown } | null)?.message
  return typeof error === 'object' && typeof message === 'string' ? message : undefined
}

export function errorText(error: unknown): string {
  return errorMessage(error) ?? String(error)
}

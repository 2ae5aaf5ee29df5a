/**
 * max-input-tokens: count the prompt with the API's count-tokens endpoint, under the same retry
 * policy and deadline, before the Messages request. Returns data; report/result.ts words it.
 */
import { retry, type RetryDeps, type RetryOutcome } from '../retry/loop.js'
import type { RetryPolicy } from '../retry/policy.js'

export type TokenGuard =
  | { fits: true; counted: Extract<RetryOutcome<number>, { ok: true }> }
  /** The count failed, or it is above the limit: no Messages request may be sent. */
  | { fits: false; counted: RetryOutcome<number>; limit: number }

export async function guardInputTokens(
  policy: RetryPolicy,
  limit: number,
  deps: RetryDeps<number>
): Promise<TokenGuard> {
  const counted = await retry(policy, deps)
  return counted.ok && counted.value <= limit ? { fits: true, counted } : { fits: false, counted, limit }
}

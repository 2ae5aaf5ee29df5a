/**
 * Timers for any length. Node's setTimeout fires after 1 ms for a delay above 2^31 − 1 ms
 * (~24.8 days), so `timeout: 99999999` would abort every attempt at once. Every timer in the
 * action goes through longTimeout, which chains timers of at most that length: a huge value
 * means "no practical limit", never "now".
 */

/** The longest delay one setTimeout can hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/** Calls `fire` once, `ms` from now (at the earliest); returns a function that cancels it. */
export function longTimeout(fire: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout>
  // setTimeout never fires early, so counting the chunks is exact enough: no clock needed.
  const arm = (remaining: number) => {
    const chunk = Math.min(remaining, MAX_TIMER_MS)
    timer = setTimeout(() => (remaining > chunk ? arm(remaining - chunk) : fire()), chunk)
  }
  arm(Math.max(0, ms))
  return () => clearTimeout(timer)
}

/** Waits `ms`, or less if `signal` aborts first (then it resolves: the caller checks the signal). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) return resolve()
    const done = () => {
      cancel()
      signal.removeEventListener('abort', done)
      resolve()
    }
    const cancel = longTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

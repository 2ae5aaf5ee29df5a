/**
 * Timers for any length. Node's setTimeout fires after 1 ms for a delay above 2^31 − 1 ms
 * (~24.8 days), so `timeout: 99999999` would abort every attempt at once. Every timer in the
 * action goes through longTimeout, which chains timers of at most that length: a huge value
 * means "no practical limit", never "now".
 */

/** The longest delay one setTimeout can hold. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * Calls `fire` once, `ms` from now (never before, by `now`); returns a function that cancels it.
 * Node counts a timer from the start of the current event-loop tick, so a setTimeout can fire a
 * millisecond or so before `Date.now() + ms`: each time a timer fires, what is left is measured
 * again, and a new one is armed for it, in chunks a setTimeout can hold.
 */
export function longTimeout(fire: () => void, ms: number, now: () => number = Date.now): () => void {
  const target = now() + Math.max(0, ms)
  let timer: ReturnType<typeof setTimeout>
  const arm = (delay: number) => (timer = setTimeout(check, Math.min(delay, MAX_TIMER_MS)))
  const check = () => {
    const remaining = target - now()
    if (remaining > 0) arm(remaining)
    else fire()
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

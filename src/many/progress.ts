/**
 * The progress of a many-prompts run, logged at least every 10 s and once at the end
 * (report/many-lines.ts words it: done/total, the rate, an ETA and the failures so far).
 */
import { progressLine } from '../report/many-lines.js'
import type { Tally } from '../report/many-summary.js'

const PROGRESS_EVERY_MS = 10_000

/** Logs progressLine every PROGRESS_EVERY_MS until the returned stop() (which logs the last one). */
export function startProgress(
  tally: Tally,
  clock: { now(): number; sleep(ms: number, signal: AbortSignal): Promise<void> },
  log: (line: string) => void,
  extra: () => string = () => ''
): () => Promise<void> {
  const start = clock.now()
  const stopped = new AbortController()
  const ticking = (async () => {
    for (;;) {
      await clock.sleep(PROGRESS_EVERY_MS, stopped.signal)
      if (stopped.signal.aborted) return
      log(progressLine(tally, clock.now() - start, extra()))
    }
  })()
  return async () => {
    stopped.abort()
    await ticking
    log(progressLine(tally, clock.now() - start, extra()))
  }
}

/**
 * The progress line of a many-prompts run: at least every 10 s and once at the end, with
 * done/total, the rate, an ETA and the failures so far.
 */
import { formatSeconds } from '../util/text.js'
import type { Tally } from '../report/many-summary.js'

const PROGRESS_EVERY_MS = 10_000

/** "Progress: 12/20 items (60%), 3.1 items/s, ETA 2.58 s, 1 failed". Skipped (resumed) items are outside done/total. */
export function progressLine(tally: Tally, elapsedMs: number, extra = ''): string {
  const total = tally.total - tally.skipped
  const done = tally.completions.length
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0
  const percent = total === 0 ? 100 : Math.floor((done * 100) / total)
  const eta = done >= total ? 'done' : rate > 0 ? `ETA ${formatSeconds(((total - done) * 1000) / rate)}` : 'ETA unknown'
  return (
    `Progress: ${done}/${total} items (${percent}%), ${rate.toFixed(2)} items/s, ${eta}, ${tally.failed} failed` +
    (tally.skipped > 0 ? `, ${tally.skipped} skipped (succeeded before)` : '') +
    extra
  )
}

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

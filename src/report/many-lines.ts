/** The log lines of a many-prompts run: how it starts, its progress, and why no item was sent. */
import type { Config } from '../inputs/config.js'
import type { ManyConfig } from '../inputs/many.js'
import { formatSeconds, plural } from '../util/text.js'

/** `changed`: ids that had succeeded in the resumed results-file but whose request changed since: sent again. */
export function manyStartLine(
  config: Config,
  many: ManyConfig,
  sending: number,
  mode: string,
  path: string,
  changed = 0
): string {
  if (many.lines.length === 0 && many.batchIds.length > 0) {
    const batches = plural(many.batchIds.length, 'Message Batch', 'Message Batches')
    return `Many prompts: collecting ${batches} (${many.batchIds.join(', ')}) into results-file ${path}.`
  }
  const shard = many.shard ? ` (shard ${many.shard.index}/${many.shard.count} of ${many.fileLines} lines)` : ''
  const skipped = many.lines.length - sending
  return (
    `Many prompts: ${many.lines.length} items${shard}` +
    (skipped > 0 ? `, ${skipped} skipped (succeeded in the resumed results-file)` : '') +
    (changed > 0 ? `, ${changedItems(changed)}` : '') +
    `, ${sending} to send in ${mode} mode` +
    (mode === 'direct' ? ` with concurrency ${Math.min(many.concurrency, Math.max(1, sending))}` : '') +
    `; default model ${config.model}, max-tokens ${config.maxTokens}; up to ${config.retry.maxRetries + 1} attempts per item` +
    `; results-file ${path}.`
  )
}

export function signInFailedForItems(error: string): string {
  return `Signing in with OIDC failed (${error}), so no item was sent.`
}

/** Resumed items whose request changed since their line was written (resume's request_sha256). */
export function changedItems(count: number): string {
  return `${plural(count, 'item')} sent again because ${count === 1 ? 'its request has' : 'their requests have'} changed since the resumed results-file`
}

/** "Progress: 12/20 items (60%), 3.1 items/s, ETA 2.58 s, 1 failed". Skipped (resumed) items are outside done/total. */
export function progressLine(
  tally: { total: number; skipped: number; failed: number; completions: readonly number[] },
  elapsedMs: number,
  extra = ''
): string {
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

/** The progress line's note on the shared limiter (direct mode). */
export function throttleNote(throttles: number): string {
  return throttles > 0 ? `, ${throttles} rate-limit pauses` : ''
}

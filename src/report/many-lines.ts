/** The log lines of a many-prompts run that run-many.ts writes itself: how the run starts, and why no item was sent. */
import type { Config } from '../inputs/config.js'
import type { ManyConfig } from '../inputs/many.js'
import { plural } from '../util/text.js'

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

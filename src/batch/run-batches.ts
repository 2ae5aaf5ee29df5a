/**
 * Batch mode: the items go to the Message Batches API (half the price, no rate-limit fight) in as
 * many batches as its limits need; the step polls them with growing waits (bounded by
 * total-timeout, not by max-retries: a poll is not a failure), streams each ended batch's
 * results into the results file, and resubmits items that errored for a transient reason or
 * expired, within max-retries. Every API call goes through the retry loop like any attempt.
 * With batch-wait false it submits and hands the batch ids on; collectBatches picks them up.
 * A cancel cancels the batches it has open, writes what arrived, and returns at once.
 */
import type { BatchDeps, BatchOutcome } from './batch-ledger.js'
import { BatchRun } from './batch-state.js'
import { itemList, type Items } from '../many/context.js'

export type { BatchDeps, BatchOutcome }

/** Submits `items` (all, or the first batches with batch-wait false) and, with batch-wait, collects them. */
export async function runBatches(items: Items, deps: BatchDeps): Promise<BatchOutcome> {
  const run = new BatchRun(deps, items)
  await run.submit(Array.from({ length: items.length }, (_, index) => index))
  // A cancel during the submissions still cancels the batches already made (drive() does).
  if (!deps.wait && !deps.loop.signal.aborted) return run.handOn()
  return run.drive()
}

/** Collects batches by id into the results file; with `items` (prompts-file), failed items can be resubmitted. */
export async function collectBatches(
  batchIds: readonly string[],
  deps: BatchDeps,
  items: Items = itemList([])
): Promise<BatchOutcome> {
  const run = new BatchRun(deps, items)
  run.adopt(batchIds)
  return run.drive()
}

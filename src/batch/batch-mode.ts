/**
 * Batch mode, wired into a many-prompts run (run-many.ts): the client, the Recorder as the results
 * sink (so the outputs, the summary and the progress count batch results like direct ones), and
 * runBatches or collectBatches (run-batches.ts) by what the inputs gave.
 */
import * as core from '../util/actions-core.js'
import os from 'node:os'
import { hasBatches } from '../claude/batches.js'
import type { SchemaCheck } from '../claude/schema.js'
import type { Config } from '../inputs/config.js'
import type { ManyConfig } from '../inputs/many.js'
import { collectBatches, runBatches, type BatchDeps } from './run-batches.js'
import { batchCost } from './batch-cost.js'
import { failedAll, type Items, type ManyRun } from '../many/context.js'
import type { Recorder } from '../many/recorder.js'
import { batchNotes, directInsteadLine, noBatchesError, noBatchesReason } from '../report/batch-lines.js'
import type { ManyReport } from '../report/many-summary.js'

export interface BatchModeRun {
  config: Config
  many: ManyConfig
  items: Items
  recorder: Recorder
  schemaCheck: SchemaCheck | undefined
  loop: ManyRun['loop']
  /** run-many.ts's sender(): the client after keyless sign-in. */
  connect(): Promise<{ ok: true; client: unknown } | { ok: false; error: string; explanation: string }>
}

/**
 * The run in batch mode; undefined when `mode: auto` picked batch but this provider (or
 * mock-response) has no Message Batches, so run-many.ts runs the items direct instead.
 */
export async function runBatchMode(run: BatchModeRun): Promise<ManyReport | undefined> {
  const { config, many, items, recorder, loop } = run
  const base = { tally: recorder.tally, mode: 'batch' as const, resultsFile: recorder.file.path, stopped: undefined }
  const capable = config.provider.name === 'anthropic' && config.mockResponse === undefined
  if (!capable) {
    const why = noBatchesReason(config.mockResponse !== undefined, config.provider.name)
    if (many.mode === 'auto' && many.batchIds.length === 0) {
      core.info(directInsteadLine(why))
      return undefined
    }
    return failAll(run, base, noBatchesError(why))
  }
  const setup = await run.connect()
  if (!setup.ok) return failAll(run, base, setup.explanation, setup.error)
  if (!hasBatches(setup.client)) return failAll(run, base, 'this client has no Message Batches API.')

  const deps: BatchDeps = {
    client: setup.client,
    results: { writeAll: results => recorder.recordAll(results, result => batchCost(result, config.cost.book)) },
    policy: config.retry,
    loop,
    wait: many.batchWait,
    tempDir: process.env.RUNNER_TEMP || os.tmpdir(),
    skip: recorder.file.succeededBefore,
    schemaCheck: run.schemaCheck
  }
  const outcome =
    many.batchIds.length > 0 ? await collectBatches(many.batchIds, deps, items) : await runBatches(items, deps)
  // By batch-ids alone the items are only known from the results read.
  recorder.tally.total = Math.max(recorder.tally.total, recorder.tally.skipped + recorder.done)
  // Not waiting, the create calls are the requests this step sent (no result line counts them).
  const handedOn = !many.batchWait && outcome.stopped === undefined && outcome.pending.length > 0
  if (!many.batchWait) recorder.tally.requests += outcome.createRequests
  const notes = batchNotes(outcome.batchIds, outcome.pending)
  return {
    ...base,
    durationMs: loop.now() - recorder.startedAt,
    stopped: outcome.stopped,
    notes,
    batchIds: outcome.pending,
    ...(handedOn ? { handedOn: { submitted: outcome.submitted } } : {})
  }
}

async function failAll(
  { items, recorder, loop }: BatchModeRun,
  base: Omit<ManyReport, 'durationMs'>,
  explanation: string,
  error = explanation
): Promise<ManyReport> {
  await recorder.recordAll(failedAll(items, error))
  return { ...base, durationMs: loop.now() - recorder.startedAt, explanation }
}

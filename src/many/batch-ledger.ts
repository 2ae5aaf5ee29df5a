/**
 * What a batch run has written: each id once (a results download that is read again after a cut
 * skips what it already wrote), and the counts the step's outputs report.
 */
import type { ItemResult, ResultsFile } from './results-file.js'

export interface BatchOutcome {
  /** Items this run accounts for (by batch-ids alone: the results it read). */
  total: number
  succeeded: number
  failed: number
  inputTokens: number
  outputTokens: number
  /** Every batch this run submitted or collected. */
  batchIds: string[]
  /** Batches left to collect later (batch-wait false, the deadline, a cancel): the `batch-ids` output. */
  pending: string[]
  stopped?: 'cancelled' | 'deadline'
}

export class Ledger {
  private readonly done = new Set<string>()
  readonly outcome: BatchOutcome

  constructor(
    private readonly results: Pick<ResultsFile, 'write'>,
    total: number
  ) {
    this.outcome = { total, succeeded: 0, failed: 0, inputTokens: 0, outputTokens: 0, batchIds: [], pending: [] }
  }

  has(id: string): boolean {
    return this.done.has(id)
  }

  /** Appends the item's line (on disk before it resolves) unless the id already has one. */
  async write(result: ItemResult): Promise<boolean> {
    if (this.done.has(result.id)) return false
    this.done.add(result.id)
    await this.results.write(result)
    if (result.status === 'succeeded') this.outcome.succeeded++
    else this.outcome.failed++
    this.outcome.inputTokens += result.usage?.input_tokens ?? 0
    this.outcome.outputTokens += result.usage?.output_tokens ?? 0
    return true
  }

  /** A failed line for each id that has none yet, while `now() < until`. */
  async fail(
    ids: Iterable<string>,
    error: string,
    attempts: (id: string) => number,
    now: () => number,
    until = Infinity
  ) {
    for (const id of ids) {
      if (now() >= until) return
      await this.write({ id, status: 'failed', attempts: attempts(id), error })
    }
  }

  /** The counts as the outputs give them: every item accounted for once. */
  finish(stopped?: BatchOutcome['stopped']): BatchOutcome {
    const outcome = { ...this.outcome, total: Math.max(this.outcome.total, this.done.size) }
    // Items a cancel had no time to write a line for are failures all the same.
    if (stopped) outcome.failed = Math.max(outcome.failed, outcome.total - outcome.succeeded)
    return stopped ? { ...outcome, stopped } : outcome
  }
}

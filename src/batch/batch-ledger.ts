/**
 * What batch mode is given (BatchDeps) and what it has written: each id once (a results download
 * that is read again after a cut skips what it already wrote), and the counts runBatches returns
 * (a many-prompts step reports the Recorder's, which batch-mode.ts puts behind `results`).
 */
import type { BatchesClient } from '../claude/batches.js'
import type { SchemaCheck } from '../claude/schema.js'
import type { BatchLog } from '../report/batch-lines.js'
import type { LoopDeps } from '../retry/loop.js'
import type { RetryPolicy } from '../retry/policy.js'
import type { BatchLimits } from './batch-plan.js'
import type { ItemResult } from '../many/results-file.js'

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
  /** Create calls sent (every attempt), and the requests in the batches they created. */
  createRequests: number
  submitted: number
  stopped?: 'cancelled' | 'deadline'
}

export interface BatchDeps {
  client: BatchesClient
  results: BatchResults
  policy: RetryPolicy
  /** The clock, sleep, random source, the step's cancel signal and its deadline. */
  loop: LoopDeps
  /** batch-wait: poll until the batches end (true), or hand their ids on. */
  wait: boolean
  limits?: BatchLimits
  /** Where each create body is written before it is sent (the runner's temp folder). */
  tempDir: string
  /** Ids that already succeeded in a resumed results file: their result lines are not written again. */
  skip?: ReadonlySet<string>
  schemaCheck?: SchemaCheck
  log?: BatchLog
}

/** Where results go: the results file, or the many-prompts Recorder in front of it. */
export interface BatchResults {
  /** Lines in one write and one fsync, on disk when it resolves. */
  writeAll(results: readonly ItemResult[]): Promise<void>
}

export class Ledger {
  private readonly done = new Set<string>()
  readonly outcome: BatchOutcome

  constructor(
    private readonly results: BatchResults,
    total: number,
    private readonly skip: ReadonlySet<string> = new Set()
  ) {
    const counts = { succeeded: 0, failed: 0, inputTokens: 0, outputTokens: 0, createRequests: 0, submitted: 0 }
    this.outcome = { total, ...counts, batchIds: [], pending: [] }
  }

  /** A create call ended after `attempts` attempts, making a batch of `requests` requests (0 when it failed). */
  created(attempts: number, requests: number): void {
    this.outcome.createRequests += attempts
    this.outcome.submitted += requests
  }

  has(id: string): boolean {
    return this.done.has(id) || this.skip.has(id)
  }

  /** Marks the id as having its line (false when it already has one): a line is then due from the caller. */
  claim(id: string): boolean {
    if (this.has(id)) return false
    this.done.add(id)
    return true
  }

  /** Writes claimed results, in one write and one fsync, and counts them. */
  async commit(results: readonly ItemResult[]): Promise<void> {
    if (results.length === 0) return
    await this.results.writeAll(results)
    for (const result of results) this.count(result)
  }

  private count(result: ItemResult): void {
    if (result.status === 'succeeded') this.outcome.succeeded++
    else this.outcome.failed++
    this.outcome.inputTokens += result.usage?.input_tokens ?? 0
    this.outcome.outputTokens += result.usage?.output_tokens ?? 0
  }

  /** A failed line for each id that has none yet, in one write; while `now() < until`. */
  async fail(
    ids: Iterable<string>,
    error: string,
    attempts: (id: string) => number,
    now: () => number,
    until = Infinity
  ) {
    if (now() >= until) return
    const failed: ItemResult[] = []
    for (const id of ids) {
      if (this.claim(id)) failed.push({ id, status: 'failed', attempts: attempts(id), error })
    }
    await this.commit(failed)
  }

  /** The counts as the outputs give them: every item accounted for once. */
  finish(stopped?: BatchOutcome['stopped']): BatchOutcome {
    const outcome = { ...this.outcome, total: Math.max(this.outcome.total, this.done.size) }
    // Items a cancel had no time to write a line for are failures all the same.
    if (stopped) outcome.failed = Math.max(outcome.failed, outcome.total - outcome.succeeded)
    return stopped ? { ...outcome, stopped } : outcome
  }
}

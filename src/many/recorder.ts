/**
 * Every finished item goes through the Recorder: into the results file (on disk before the
 * worker takes its next item) and into the run's tallies for the progress line, the outputs and
 * the summary. Direct and batch mode both record here, so both report the same way.
 */
import type { CostEstimate } from '../cost/meter.js'
import { LISTED_FAILURES, type Tally } from '../report/many-summary.js'
import type { ItemResult, ResultsFile } from './results-file.js'

export class Recorder {
  readonly tally: Tally

  constructor(
    readonly file: ResultsFile,
    total: number,
    skipped: number,
    private readonly clock: { now(): number },
    readonly startedAt = clock.now()
  ) {
    this.tally = {
      total,
      skipped,
      succeeded: skipped,
      failed: 0,
      requests: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUsd: 0,
      costUnknown: undefined,
      failures: [],
      completions: []
    }
  }

  /** The run's cost estimate: unknown from the first item whose cost is unknown. */
  private addCost(cost: CostEstimate | undefined): void {
    if (cost === undefined) return
    if (cost.usd === undefined) {
      this.tally.costUsd = undefined
      this.tally.costUnknown ??= cost.why
    } else if (this.tally.costUsd !== undefined) {
      this.tally.costUsd += cost.usd
    }
  }

  /** Items finished by this run (skipped ones not included). */
  get done(): number {
    return this.tally.completions.length
  }

  /** Writes one result (on disk when this resolves) and counts it. */
  async record(result: ItemResult, cost?: CostEstimate): Promise<void> {
    await this.file.write(result)
    this.count(result, cost)
  }

  /**
   * Items that ended together (a deadline, a cancel, a batch's results): one write, one fsync.
   * `costOf` prices each (batch mode); items that sent nothing have no cost.
   */
  async recordAll(results: readonly ItemResult[], costOf?: (result: ItemResult) => CostEstimate): Promise<void> {
    if (results.length === 0) return
    await this.file.writeAll(results)
    for (const result of results) this.count(result, costOf?.(result))
  }

  private count(result: ItemResult, cost: CostEstimate | undefined): void {
    this.addCost(cost)
    const t = this.tally
    t.completions.push(this.clock.now() - this.startedAt)
    t.requests += result.attempts
    const usage = result.usage
    if (usage) {
      t.inputTokens += usage.input_tokens ?? 0
      t.outputTokens += usage.output_tokens ?? 0
      t.cacheReadInputTokens += usage.cache_read_input_tokens ?? 0
      t.cacheCreationInputTokens += usage.cache_creation_input_tokens ?? 0
    }
    if (result.status === 'succeeded') {
      t.succeeded++
      return
    }
    t.failed++
    if (t.failures.length < LISTED_FAILURES) {
      t.failures.push({ id: result.id, attempts: result.attempts, error: result.error })
    }
  }
}

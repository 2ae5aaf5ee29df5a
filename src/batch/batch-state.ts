/**
 * One batch run's state: the batches it has open, the items waiting for another submission, and
 * the ledger of what it wrote. run-batches.ts starts it; the comments there say what it does.
 */
import {
  cancelBatchOnce,
  createBatchOnce,
  type MessageBatch,
  retrieveBatchOnce,
  streamResultsOnce
} from '../claude/batches.js'
import * as lines from '../report/batch-lines.js'
import { attemptLogger } from '../report/log-lines.js'
import { describeFailure } from '../retry/failure.js'
import { retry, type AttemptContext, type AttemptEvent, type AttemptResult } from '../retry/loop.js'
import type { ItemResult } from '../many/results-file.js'
import { batchRequestJson, sendFromFile } from './batch-body.js'
import { type BatchDeps, type BatchOutcome, Ledger } from './batch-ledger.js'
import { API_BATCH_LIMITS, CANCEL_BUDGET_MS, pollDelay, requestBytes, splitIntoBatches } from './batch-plan.js'
import type { Items } from '../many/context.js'
import { requestSha256 } from '../request/request-hash.js'
import { outcomeOfLine, readIntoLedger } from './batch-results.js'

interface OpenBatch {
  id: string
  /** The items it holds (indexes in the run's items); undefined when it came from batch-ids. */
  members?: number[]
}

export class BatchRun {
  /** Each item's index by id: a result line names its item by id (custom_id). */
  private readonly indexOf = new Map<string, number>()
  private readonly submissions = new Map<string, number>()
  /** Ids whose next submission waits for the end of this poll round, with why. */
  private readonly retrying = new Map<string, string>()
  /** Items (indexes) a cancel stopped before their batch was created. */
  private readonly unsubmitted: number[] = []
  private open: OpenBatch[] = []
  /** Result lines whose custom_id this run never submitted: ignored, counted. */
  private strays = 0
  private readonly ledger: Ledger
  private readonly log: lines.BatchLog
  private readonly started: number

  constructor(
    private readonly deps: BatchDeps,
    private readonly items: Items
  ) {
    for (let index = 0; index < items.length; index++) this.indexOf.set(items.id(index), index)
    this.ledger = new Ledger(deps.results, items.length, deps.skip)
    this.log = deps.log ?? lines.coreBatchLog
    this.started = deps.loop.now()
  }

  adopt(ids: readonly string[]): void {
    for (const id of ids) this.open.push({ id })
    this.ledger.outcome.batchIds.push(...ids)
  }

  /** The items at `indexes` in as many batches as the limits need; each request is built when measured and when written. */
  async submit(indexes: readonly number[]): Promise<void> {
    const limits = this.deps.limits ?? API_BATCH_LIMITS
    const bytes = (index: number) => requestBytes(batchRequestJson(this.items.get(index)))
    const chunks = splitIntoBatches(indexes, bytes, limits)
    this.log.info(lines.splitLine(indexes.length, chunks.length, limits))
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      if (this.deps.loop.signal.aborted) {
        this.unsubmitted.push(...chunk)
        continue
      }
      const created = await this.create(chunk)
      if (created.ok) {
        this.open.push({ id: created.value.id, members: chunk })
        this.ledger.outcome.batchIds.push(created.value.id)
        this.log.info(lines.submittedLine(created.value, chunk.length))
      } else if (created.stop === 'cancelled') {
        this.unsubmitted.push(...chunk)
      } else if (created.failure.status === 413 && chunk.length > 1) {
        // Too large for the API or (likelier) a gateway's lower body limit: halve until each half fits.
        const half = Math.ceil(chunk.length / 2)
        this.log.info(lines.halvedLine(chunk.length))
        chunks.unshift(chunk.slice(0, half), chunk.slice(half))
      } else {
        const error = describeFailure(created.failure)
        this.log.warning(lines.submitFailedLine(chunk.length, error))
        await this.ledger.fail(this.idsOf(chunk), error, this.submissionsOf, this.deps.loop.now)
      }
    }
  }

  /** One create call in the retry loop, its body written to a file first (batch-body.ts). */
  private async create(chunk: readonly number[]) {
    const request = (at: number) => batchRequestJson(this.items.get(chunk[at] as number))
    const create = (body: Blob) =>
      this.call(context => createBatchOnce(this.deps.client, body, context), 'Creating a Message Batch: ')
    const created = await sendFromFile(this.deps.tempDir, chunk.length, request, create)
    this.ledger.created(created.attempts.length, created.ok ? chunk.length : 0)
    return created
  }

  private readonly idsOf = (indexes: readonly number[]) => indexes.map(index => this.items.id(index))
  private readonly requestSha = (index: number) => requestSha256(this.items.get(index).params)

  /** Not waiting (any longer): the open batches are the step's `batch-ids`. */
  handOn(): BatchOutcome {
    const ids = this.open.map(batch => batch.id)
    this.ledger.outcome.pending.push(...ids)
    if (ids.length > 0) this.log.info(lines.notWaitingLine(ids))
    return this.ledger.finish()
  }

  async drive(): Promise<BatchOutcome> {
    const { loop, policy, wait } = this.deps
    const deadline =
      loop.deadline ?? (policy.totalTimeoutMs === undefined ? Infinity : this.started + policy.totalTimeoutMs)
    let poll = 0
    let previous: number | undefined
    for (;;) {
      for (const batch of [...this.open]) {
        if (loop.signal.aborted) return this.cancel()
        const polled = await this.call(
          context => retrieveBatchOnce(this.deps.client, batch.id, context),
          `Polling Message Batch ${batch.id}: `,
          true
        )
        if (loop.signal.aborted) return this.cancel()
        if (!polled.ok) {
          // Left for a later run to collect; its items are failures of this one.
          await this.close(batch, `the batch could not be polled: ${describeFailure(polled.failure)}`, true)
          continue
        }
        this.log.info(lines.progressLine(polled.value, loop.now() - this.started))
        if (polled.value.processing_status === 'ended') await this.collect(batch, polled.value)
      }
      if (loop.signal.aborted) return this.cancel()
      if (this.retrying.size > 0) {
        await this.resubmit()
        poll = 0
        previous = undefined
      }
      if (this.open.length === 0 || !wait) return this.handOn()
      const delay = pollDelay(++poll, previous, policy, loop.random)
      previous = delay
      if (loop.now() + delay >= deadline) return this.stopAtDeadline()
      await loop.sleep(delay, loop.signal)
      if (loop.signal.aborted) return this.cancel()
    }
  }

  /** One API call in the retry loop, logged like any attempt; a poll's or download's success only by the progress line after it. */
  private call<T>(attempt: (context: AttemptContext) => Promise<AttemptResult<T>>, prefix: string, quiet = false) {
    const logger = attemptLogger(prefix, this.deps.policy)
    const onAttempt = (event: AttemptEvent) => (quiet && event.outcome === 'success' ? undefined : logger(event))
    return retry(this.deps.policy, { ...this.deps.loop, attempt, onAttempt })
  }

  private async collect(batch: OpenBatch, status: MessageBatch): Promise<void> {
    const { loop } = this.deps
    const straysBefore = this.strays
    const { streamed, read, written } = await readIntoLedger({
      read: onLine =>
        this.call(
          context => streamResultsOnce(this.deps.client, status, onLine, context),
          `Reading the results of Message Batch ${batch.id}: `,
          true
        ),
      take: line => this.take(line),
      ledger: this.ledger,
      progress: count => this.log.info(lines.readingLine(batch.id, count)),
      now: loop.now
    })
    this.log.info(lines.collectedLine(batch.id, read, written))
    if (this.strays > straysBefore) this.log.warning(lines.strayResultsLine(batch.id, this.strays - straysBefore))
    if (loop.signal.aborted) return
    const why = streamed.ok
      ? `no result for this id in Message Batch ${batch.id}`
      : `the results of Message Batch ${batch.id} could not be read: ${describeFailure(streamed.failure)}`
    await this.close(batch, why, !streamed.ok)
  }

  /** One result line: its result to write (the id claimed as the run's own copy, not the line's), or queued for another submission. */
  private take(line: unknown): ItemResult | undefined {
    const { policy, schemaCheck } = this.deps
    const outcome = outcomeOfLine(line, id => ({
      submissions: this.submissionsOf(id),
      maxRetries: policy.maxRetries,
      schemaCheck,
      canResubmit: this.indexOf.has(id)
    }))
    if (outcome.kind === 'invalid') return void this.log.warning(outcome.problem)
    // With a prompts file, a line for an id never submitted is not this run's (by batch-ids alone, every line is).
    if (this.items.length > 0 && !this.indexOf.has(outcome.id)) return void this.strays++
    if (this.ledger.has(outcome.id) || this.retrying.has(outcome.id)) return undefined
    if (outcome.kind === 'retry') {
      this.retrying.set(outcome.id, outcome.why)
      return undefined
    }
    const index = this.indexOf.get(outcome.id)
    if (!this.ledger.claim(index === undefined ? outcome.id : this.items.id(index))) return undefined
    return index === undefined ? outcome.result : { ...outcome.result, request_sha256: this.requestSha(index) }
  }

  private async resubmit(): Promise<void> {
    const indexes = [...this.retrying.keys()].flatMap(id => this.indexOf.get(id) ?? [])
    this.log.info(lines.resubmitLine(indexes.length, this.retrying.values()))
    for (const id of this.idsOf(indexes)) this.submissions.set(id, this.submissionsOf(id) + 1)
    this.retrying.clear()
    await this.submit(indexes)
  }

  /** Done with the batch: its members with no result (and none coming) fail with `why`. */
  private async close(batch: OpenBatch, why: string, keepPending: boolean, until = Infinity): Promise<void> {
    this.open = this.open.filter(open => open !== batch)
    if (keepPending) this.ledger.outcome.pending.push(batch.id)
    const members = this.idsOf(batch.members ?? []).filter(id => !this.retrying.has(id))
    await this.ledger.fail(members, why, this.submissionsOf, this.deps.loop.now, until)
  }

  private async stopAtDeadline(): Promise<BatchOutcome> {
    const ids = this.open.map(batch => batch.id)
    this.log.warning(lines.deadlineLine(ids, this.deps.policy.totalTimeoutMs))
    for (const batch of [...this.open]) await this.close(batch, lines.deadlineError(batch.id), true)
    return this.ledger.finish('deadline')
  }

  /** The step was cancelled: cancel the open batches (one call each, all at once), then note the rest. */
  private async cancel(): Promise<BatchOutcome> {
    const { client, loop } = this.deps
    const until = loop.now() + CANCEL_BUDGET_MS
    // Not the step's signal, which is aborted: these calls are the cancel.
    const context = { attempt: 1, timeoutMs: CANCEL_BUDGET_MS / 2, signal: new AbortController().signal }
    await Promise.all(
      this.open.map(async batch => {
        const sent = await cancelBatchOnce(client, batch.id, context)
        const said = sent.ok ? sent.value.processing_status : describeFailure(sent.failure)
        this.log.info(lines.cancelLine(batch.id, said))
      })
    )
    for (const batch of [...this.open]) {
      await this.close(batch, `cancelled (Message Batch ${batch.id} was cancelled)`, true, until)
    }
    const rest = [...this.idsOf(this.unsubmitted), ...this.retrying.keys()]
    await this.ledger.fail(rest, 'cancelled', this.submissionsOf, loop.now, until)
    return this.ledger.finish('cancelled')
  }

  private readonly submissionsOf = (id: string): number => this.submissions.get(id) ?? 1
}

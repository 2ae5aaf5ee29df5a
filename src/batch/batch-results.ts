/**
 * One line of a batch's results turned into what run-batches.ts does with it: an ItemResult to write,
 * or the item's next submission. The line comes from the server: its Message is checked like a
 * direct answer (checkMessage), its fields around the answer redacted, the answer held against
 * the schema when there is one.
 */
import { checkMessage, responseText } from '../claude/message.js'
import { redactKeys, redactMessage } from '../claude/redact.js'
import { checkStructured, type SchemaCheck } from '../claude/schema.js'
import type { RetryOutcome } from '../retry/loop.js'
import type { Ledger } from './batch-ledger.js'
import { verdictOf } from './batch-plan.js'
import type { ItemResult } from '../many/results-file.js'

/** Result lines per write (and fsync) while a batch's results are read. */
export const COMMIT_LINES = 256
/** While results are read, a progress line at least this often. */
const PROGRESS_MS = 10_000

export interface ResultsReading {
  /** The download in the retry loop, each parsed line handed to onLine. */
  read(onLine: (line: unknown) => Promise<void>): Promise<RetryOutcome<number>>
  /** The line's result to write (its id claimed in the ledger), or undefined. */
  take(line: unknown): ItemResult | undefined
  ledger: Ledger
  progress(linesRead: number): void
  now(): number
}

/**
 * Streams a batch's results into the ledger, COMMIT_LINES lines per write and fsync: the batch
 * keeps its results for 29 days, so a line not yet on disk at a crash is read again, never lost.
 * (One fsync per line made 10,000 results take seconds.) What was taken is written whatever
 * happens to the download.
 */
export async function readIntoLedger(reading: ResultsReading) {
  const due: ItemResult[] = []
  let read = 0
  let written = 0
  let logged = reading.now()
  const commit = async () => {
    written += due.length
    await reading.ledger.commit(due.splice(0))
  }
  const onLine = async (line: unknown) => {
    read++
    const result = reading.take(line)
    if (result) due.push(result)
    if (due.length >= COMMIT_LINES) await commit()
    if (reading.now() - logged >= PROGRESS_MS) {
      logged = reading.now()
      reading.progress(read)
    }
  }
  let streamed: RetryOutcome<number>
  try {
    streamed = await reading.read(onLine)
  } finally {
    await commit()
  }
  return { streamed, read, written }
}

export type LineOutcome =
  | { kind: 'write'; id: string; result: ItemResult }
  | { kind: 'retry'; id: string; why: string }
  /** Not a result line (no custom_id): nothing to write. */
  | { kind: 'invalid'; problem: string }

export interface LineContext {
  /** How many batches the item has been in (1 for its first). */
  submissions: number
  maxRetries: number
  schemaCheck?: SchemaCheck
  /** The item's request is at hand for another submission (false when collecting by batch-ids alone). */
  canResubmit: boolean
}

export function outcomeOfLine(line: unknown, context: (id: string) => LineContext): LineOutcome {
  const record = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>
  const id = record.custom_id
  if (typeof id !== 'string' || id === '') return { kind: 'invalid', problem: 'a result line has no custom_id' }
  const { submissions, maxRetries, schemaCheck, canResubmit } = context(id)
  const failed = (error: string): LineOutcome => ({
    kind: 'write',
    id,
    result: { id, status: 'failed', attempts: submissions, error: redactKeys(error) }
  })
  const retryOr = (why: string, error: string): LineOutcome =>
    canResubmit && submissions <= maxRetries ? { kind: 'retry', id, why } : failed(error)

  const verdict = verdictOf(record.result, submissions, canResubmit ? maxRetries : 0)
  if (verdict.kind === 'failed') return failed(verdict.error)
  if (verdict.kind === 'retry') return { kind: 'retry', id, why: verdict.why }

  const check = checkMessage(verdict.message)
  if (!check.ok) return failed(`invalid_response: ${check.problem}`)
  const message = redactMessage(check.message)
  const text = responseText(message)
  const result: ItemResult = {
    id,
    status: 'succeeded',
    response: text,
    usage: message.usage,
    stop_reason: message.stop_reason,
    model: message.model,
    attempts: submissions,
    request_id: null
  }
  if (!schemaCheck) return { kind: 'write', id, result }
  const structured = checkStructured(text, schemaCheck)
  if (structured.ok) return { kind: 'write', id, result: { ...result, json: JSON.parse(structured.json) } }
  if (message.stop_reason === 'max_tokens') {
    return failed(`output_truncated: the answer was cut off at max-tokens, so ${structured.message}`)
  }
  // As in direct mode: an answer that does not follow the schema is asked for again.
  const error = `${structured.errorType}: ${structured.message}`
  const outcome = retryOr(structured.errorType, error)
  return outcome.kind === 'write' ? { ...outcome, result: { ...result, status: 'failed', error } } : outcome
}

/**
 * The sentences of batch mode (batch/run-batches.ts): submissions, the progress line at each poll with
 * the batch's own request_counts, retries, and how a run that does not wait hands its batches on.
 * Batch ids come from the server: every line goes through oneLine.
 */
import * as core from '../util/actions-core.js'
import { Inputs } from '../inputs/input-names.js'
import { Outputs } from './output-names.js'
import { formatSeconds, plural } from '../util/text.js'
import { oneLine } from './format.js'

/** What a batch reports of itself, as the API's MessageBatch has it. */
export interface BatchStatus {
  id: string
  processing_status: string
  request_counts?: { processing: number; succeeded: number; errored: number; canceled: number; expired: number }
}

export interface BatchLog {
  info(line: string): void
  warning(line: string): void
}

export const coreBatchLog: BatchLog = { info: line => core.info(line), warning: line => core.warning(line) }

export function splitLine(items: number, batches: number, limits: { maxRequests: number; maxBytes: number }): string {
  if (batches <= 1) return `Submitting ${plural(items, 'request')} as one Message Batch.`
  return `Submitting ${plural(items, 'request')} as ${batches} Message Batches (at most ${limits.maxRequests} requests and ${limits.maxBytes} bytes per batch).`
}

export function submittedLine(batch: BatchStatus, requests: number): string {
  return oneLine(`Message Batch ${batch.id} submitted with ${plural(requests, 'request')}.`)
}

export function halvedLine(requests: number): string {
  return `A Message Batch of ${plural(requests, 'request')} was refused as too large (413): submitting it in two halves.`
}

export function submitFailedLine(requests: number, error: string): string {
  return oneLine(`A Message Batch of ${plural(requests, 'request')} could not be submitted: ${error}`)
}

/** The progress line of one poll: the batch's status and its request_counts, and the time so far. */
export function progressLine(batch: BatchStatus, elapsedMs: number): string {
  const c = batch.request_counts
  const counts = c
    ? `${c.succeeded + c.errored + c.canceled + c.expired} of ${c.processing + c.succeeded + c.errored + c.canceled + c.expired} ended (succeeded ${c.succeeded}, errored ${c.errored}, expired ${c.expired}, canceled ${c.canceled}), ${c.processing} processing`
    : 'no request_counts'
  return oneLine(
    `Message Batch ${batch.id}: ${batch.processing_status}; ${counts}; ${formatSeconds(elapsedMs)} so far.`
  )
}

export function readingLine(id: string, lines: number): string {
  return oneLine(`Message Batch ${id}: ${plural(lines, 'result')} read so far.`)
}

export function collectedLine(id: string, lines: number, written: number): string {
  const skipped = lines - written
  return oneLine(
    `Message Batch ${id}: ${plural(lines, 'result')} read${skipped > 0 ? `, ${skipped} already in the results file` : ''}.`
  )
}

/** Lines for ids this run never submitted: counted, never quoted (the ids come from the server). */
export function strayResultsLine(id: string, count: number): string {
  return oneLine(
    `Message Batch ${id}: ignored ${plural(count, 'result line')} whose custom_id is not in '${Inputs.promptsFile}' (never submitted by this run); nothing was written for ${count === 1 ? 'it' : 'them'}.`
  )
}

/** `reasons`: why each request goes again (its error type, or expired). */
export function resubmitLine(count: number, reasons: Iterable<string>): string {
  const counts = new Map<string, number>()
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  const why = [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ')
  return oneLine(`Resubmitting ${plural(count, 'request')} in a new Message Batch (${why}).`)
}

export function notWaitingLine(ids: readonly string[]): string {
  return oneLine(
    `'${Inputs.batchWait}' is false: not waiting for ${plural(ids.length, 'Message Batch', 'Message Batches')} (${ids.join(', ')}). Collect them later by passing the output '${Outputs.batchIds}' to the input '${Inputs.batchIds}'.`
  )
}

export function deadlineLine(ids: readonly string[], totalTimeoutMs: number | undefined): string {
  const limit = totalTimeoutMs === undefined ? 'the deadline' : `total-timeout (${formatSeconds(totalTimeoutMs)})`
  return oneLine(
    `${limit} reached with ${plural(ids.length, 'Message Batch', 'Message Batches')} still processing (${ids.join(', ')}): they keep running; collect them with '${Inputs.batchIds}'.`
  )
}

/** The `error` of an item whose batch was still processing at the deadline. */
export function deadlineError(id: string): string {
  return `deadline: Message Batch ${id} was still processing; collect it with '${Inputs.batchIds}'`
}

export function cancelLine(id: string, outcome: string): string {
  return oneLine(`Cancelling Message Batch ${id}: ${outcome}.`)
}

/** Why a run cannot use Message Batches: mock-response, or a provider without the API. */
export function noBatchesReason(mock: boolean, provider: string): string {
  return `${mock ? `'${Inputs.mockResponse}'` : `provider '${provider}'`} has no Message Batches API`
}

export function directInsteadLine(why: string): string {
  return `${why}: running the items in direct mode instead.`
}

export function noBatchesError(why: string): string {
  return `${why}; use '${Inputs.mode}: direct' (or the Claude API).`
}

/** The summary's notes on a batch run: its batches, and those still to collect. */
export function batchNotes(batchIds: readonly string[], pending: readonly string[]): string[] {
  const notes = batchIds.length > 0 ? [`Message Batches: ${batchIds.join(', ')}`] : []
  if (pending.length > 0) notes.push(`Still to collect (output '${Inputs.batchIds}'): ${pending.join(', ')}`)
  return notes
}

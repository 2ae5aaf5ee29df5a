/**
 * many/: running many prompts in one step (prompts-file). src/run-many.ts wires a run; direct.ts
 * runs the items on concurrent workers paced by one shared limiter (limiter.ts), each item in the
 * full retry loop (item.ts); batch/ hands them to Message Batches. Every finished item is recorded
 * (recorder.ts) into the results file (results-file.ts); progress.ts logs, report/many-summary.ts reports.
 * This file: what a run shares, in either mode.
 */
import type { WithSignIn } from '../auth/sign-in.js'
import type { MessagesClient } from '../claude/client.js'
import type { SchemaCheck } from '../claude/schema.js'
import type { Config } from '../inputs/config.js'
import type { ManyConfig } from '../inputs/many.js'
import type { PromptItem } from '../request/prompts-file.js'
import type { SendMessage } from '../phases/ask.js'
import type { LoopDeps } from '../retry/loop.js'
import type { Recorder } from './recorder.js'
import type { ItemResult } from './results-file.js'

/**
 * The items a run sends, in file order. A request is built when it is asked for (get), from its
 * line of the prompts file, and dropped once sent: a large run never holds all its requests.
 */
export interface Items {
  readonly length: number
  id(index: number): string
  get(index: number): PromptItem
}

/** Items already built (tests, small callers). */
export function itemList(items: readonly PromptItem[]): Items {
  return {
    length: items.length,
    id: index => (items[index] as PromptItem).id,
    get: index => items[index] as PromptItem
  }
}

/** A failed line for every item (nothing could be sent). */
export function failedAll(items: Items, error: string): ItemResult[] {
  return Array.from({ length: items.length }, (_, index) => ({
    id: items.id(index),
    status: 'failed',
    attempts: 0,
    error
  }))
}

export interface ManyRun {
  config: Config
  many: ManyConfig
  /** The items this run sends (those a resume skips are not here), in file order. */
  items: Items
  recorder: Recorder
  /** undefined with mock-response (no client is built). */
  client: MessagesClient | undefined
  /** One Messages attempt: sendOnce against the client, or mock-response's stand-in. */
  send: SendMessage
  /** Clock, sleep, random, the cancel signal and the run's deadline (total-timeout from the start). */
  loop: LoopDeps
  withSignIn: WithSignIn
  schemaCheck: SchemaCheck | undefined
  log(line: string): void
  /** Lines for debug logging (core.debug: `::debug::`, shown when the runner's debug logging is on). */
  debug?(line: string): void
}

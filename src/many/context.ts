/**
 * many/: running many prompts in one step (prompts-file). run.ts wires a run; direct.ts runs the
 * items on concurrent workers paced by one shared limiter (limiter.ts), each item in the full
 * retry loop (item.ts); batch.ts hands them to Message Batches. Every finished item is recorded
 * (recorder.ts) into the results file (results-file.ts); progress.ts logs, summary.ts reports.
 * This file: what a run shares, in either mode.
 */
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages'
import type { SignIn } from '../auth/sign-in.js'
import type { Message, MessagesClient } from '../claude/client.js'
import type { SchemaCheck } from '../claude/schema.js'
import type { Config } from '../inputs/config.js'
import type { ManyConfig } from '../inputs/many.js'
import type { PromptItem } from '../request/prompts-file.js'
import type { AttemptContext, AttemptResult, RetryDeps } from '../retry/loop.js'
import type { Recorder } from './recorder.js'

/** One Messages attempt: sendOnce against the client, or mock-response's stand-in. */
export type Send = (
  request: MessageCreateParamsNonStreaming,
  stream: boolean,
  context: AttemptContext
) => Promise<AttemptResult<Message>>

export interface ManyRun {
  config: Config
  many: ManyConfig
  /** The items this run sends (those a resume skips are not here), in file order. */
  items: PromptItem[]
  recorder: Recorder
  /** undefined with mock-response (no client is built). */
  client: MessagesClient | undefined
  send: Send
  /** Clock, sleep, random, the cancel signal and the run's deadline (total-timeout from the start). */
  loop: Omit<RetryDeps<never>, 'attempt' | 'onAttempt' | 'switchModel' | 'beforeAttempt'>
  fresh: Extract<SignIn, { ok: true }>['fresh']
  schemaCheck: SchemaCheck | undefined
  log(line: string): void
  /** Lines for debug logging (core.debug: `::debug::`, shown when the runner's debug logging is on). */
  debug?(line: string): void
}

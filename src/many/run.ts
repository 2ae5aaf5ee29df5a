/**
 * A many-prompts step, wired: results file (resumed or fresh) → the items to send → mode (direct
 * below the batch threshold, Message Batches from it) → outputs, summary and the step's status.
 * main.ts hands the step here when prompts-file or batch-ids is given.
 */
import * as core from '@actions/core'
import { buildRequest, sendOnce } from '../claude/client.js'
import { mockMessage } from '../claude/message.js'
import type { SchemaCheck } from '../claude/schema.js'
import type { Config } from '../inputs/config.js'
import { createOutputFile } from '../inputs/files.js'
import type { ManyConfig } from '../inputs/many.js'
import { Defaults, Inputs } from '../inputs/names.js'
import { MOCK_NOTICE } from '../report/log-lines.js'
import type { PromptLine } from '../request/prompt-line.js'
import type { PromptItem, PromptLines } from '../request/prompts-file.js'
import { describeFailure } from '../retry/failure.js'
import { sleep } from '../retry/sleep.js'
import { failedAll, type Items, type ManyRun } from './context.js'
import type { SendMessage } from '../phases/ask.js'
import { connect } from '../phases/connect.js'
import { runBatchMode } from './batch-mode.js'
import { runDirect } from './direct.js'
import { Limiter } from './limiter.js'
import { publishMany } from './publish.js'
import { startProgress } from './progress.js'
import { Recorder } from './recorder.js'
import { ResultsFile, ResultsFileError } from './results-file.js'
import type { ManyReport } from './summary.js'
import { plural } from '../util/text.js'

/** The request of one line: the inputs' request (buildRequest), the line's fields winning. */
export function promptItem(config: Config, line: PromptLine): PromptItem {
  const params = buildRequest({
    ...config,
    model: line.model ?? config.model,
    maxTokens: line.maxTokens ?? config.maxTokens,
    system: line.system ?? undefined,
    conversation: { ...config.conversation, messages: line.messages }
  })
  return { id: line.id, line: line.line, params }
}

/** The lines to send as Items: each request built from its line when asked for. */
export function itemsOf(config: Config, lines: PromptLines): Items {
  return { length: lines.length, id: index => lines.id(index), get: index => promptItem(config, lines.line(index)) }
}

/** auto: Message Batches from Defaults.batchThreshold items (after shard and resume), direct below. */
export function modeFor(many: ManyConfig, items: number): 'direct' | 'batch' {
  if (many.batchIds.length > 0) return 'batch'
  if (many.mode === 'auto') return items >= Defaults.batchThreshold ? 'batch' : 'direct'
  return many.mode
}

export async function runMany(
  config: Config,
  many: ManyConfig,
  schemaCheck: SchemaCheck | undefined,
  cancel: AbortSignal
): Promise<void> {
  const clock = { now: Date.now, sleep, random: Math.random }
  const startedAt = clock.now()
  const totalMs = config.retry.totalTimeoutMs
  const loop = { ...clock, signal: cancel, deadline: totalMs === undefined ? undefined : startedAt + totalMs }
  // The default is our own fresh mkdtemp folder; a path the workflow chose must stay under the roots.
  const path = many.resultsFile ?? createOutputFile('results.jsonl', '', process.env)
  const roots = many.resultsFile === undefined ? undefined : many.roots
  let file: ResultsFile
  try {
    const rerun = many.resume ? new Set(many.lines.ids) : undefined
    file = await ResultsFile.open(path, { resume: many.resume, roots, rerun })
  } catch (error) {
    if (!(error instanceof ResultsFileError) && (error as NodeJS.ErrnoException).code === undefined) throw error
    core.setOutput('error', `invalid_input: ${(error as Error).message}`)
    core.setFailed(`Input '${Inputs.resultsFile}' cannot be used: ${(error as Error).message}`)
    return
  }
  const items = itemsOf(
    config,
    many.lines.where(id => !file.succeededBefore.has(id))
  )
  const recorder = new Recorder(file, many.lines.length, many.lines.length - items.length, clock, startedAt)
  const mode = modeFor(many, items.length)
  core.info(startLine(config, many, items.length, mode, file.path))

  let report: ManyReport
  try {
    const batched =
      mode === 'batch'
        ? await runBatchMode({ config, many, items, recorder, schemaCheck, loop, connect: () => sender(config, loop) })
        : undefined
    report = batched ?? (await direct(config, many, items, recorder, schemaCheck, loop))
  } finally {
    await file.close()
  }
  await publishMany(report, config)
}

function startLine(config: Config, many: ManyConfig, sending: number, mode: string, path: string): string {
  if (many.lines.length === 0 && many.batchIds.length > 0) {
    const batches = plural(many.batchIds.length, 'Message Batch', 'Message Batches')
    return `Many prompts: collecting ${batches} (${many.batchIds.join(', ')}) into results-file ${path}.`
  }
  const shard = many.shard ? ` (shard ${many.shard.index}/${many.shard.count} of ${many.fileLines} lines)` : ''
  const skipped = many.lines.length - sending
  return (
    `Many prompts: ${many.lines.length} items${shard}` +
    (skipped > 0 ? `, ${skipped} skipped (succeeded in the resumed results-file)` : '') +
    `, ${sending} to send in ${mode} mode` +
    (mode === 'direct' ? ` with concurrency ${Math.min(many.concurrency, Math.max(1, sending))}` : '') +
    `; default model ${config.model}, max-tokens ${config.maxTokens}; up to ${config.retry.maxRetries + 1} attempts per item` +
    `; results-file ${path}.`
  )
}

async function direct(
  config: Config,
  many: ManyConfig,
  items: Items,
  recorder: Recorder,
  schemaCheck: SchemaCheck | undefined,
  loop: ManyRun['loop']
): Promise<ManyReport> {
  const base = { tally: recorder.tally, mode: 'direct' as const, resultsFile: recorder.file.path }
  const setup = await sender(config, loop)
  if (!setup.ok) {
    await recorder.recordAll(failedAll(items, setup.error))
    return { ...base, durationMs: loop.now() - recorder.startedAt, stopped: undefined, explanation: setup.explanation }
  }
  const run: ManyRun = {
    config,
    many,
    items,
    recorder,
    ...setup,
    loop,
    schemaCheck,
    log: line => core.info(line),
    debug: line => core.debug(line)
  }
  const limiter = new Limiter(loop)
  const stopProgress = startProgress(
    recorder.tally,
    loop,
    line => core.info(line),
    () => (limiter.throttles > 0 ? `, ${limiter.throttles} rate-limit pauses` : '')
  )
  let outcome: Awaited<ReturnType<typeof runDirect>>
  try {
    outcome = await runDirect(run, limiter)
  } finally {
    await stopProgress()
  }
  return {
    ...base,
    durationMs: loop.now() - recorder.startedAt,
    stopped: outcome.stopped,
    throttles: limiter.throttles
  }
}

type Connected =
  | ({ ok: true; send: SendMessage } & Pick<ManyRun, 'client' | 'fresh'>)
  | { ok: false; error: string; explanation: string }

/** How the items are sent: the client (after keyless sign-in), or mock-response's stand-in. */
async function sender(config: Config, loop: ManyRun['loop']): Promise<Connected> {
  const mock = config.mockResponse
  if (mock !== undefined) {
    core.info(MOCK_NOTICE)
    const send: SendMessage = async request => {
      const value = mockMessage(mock, request.model)
      return { ok: true, value, status: 200, requestId: null, model: request.model }
    }
    return { ok: true, send, client: undefined, fresh: attempt => attempt }
  }
  const connection = await connect(config, loop, process.env)
  if (!connection.ok) {
    const error = describeFailure(connection.auth.failed.failure)
    return { ok: false, error, explanation: `Signing in with OIDC failed (${error}), so no item was sent.` }
  }
  const { client, auth } = connection
  return {
    ok: true,
    client,
    fresh: auth.fresh,
    send: (request, stream, context) => sendOnce(client, request, stream, context)
  }
}

/**
 * A many-prompts step, wired: results file (resumed or fresh) → the items to send → mode (direct
 * below the batch threshold, Message Batches from it) → outputs, summary and the step's status.
 * main.ts hands the step here when prompts-file or batch-ids is given.
 */
import * as core from './util/actions-core.js'
import { sendOnce } from './claude/client.js'
import { runSecrets } from './util/secrets.js'
import { buildRequest } from './request/build.js'
import { mockMessage } from './claude/message.js'
import type { SchemaCheck } from './claude/schema.js'
import type { Config } from './inputs/config.js'
import { createOutputFile } from './files/file-rule.js'
import type { ManyConfig } from './inputs/many.js'
import { Defaults } from './inputs/input-names.js'
import { MOCK_NOTICE } from './report/log-lines.js'
import type { PromptLine } from './request/prompt-line.js'
import type { PromptItem, PromptLines } from './request/prompts-file.js'
import { describeFailure } from './retry/failure.js'
import { sleep } from './retry/sleep.js'
import { failedAll, type Items, type ManyRun } from './many/context.js'
import type { SendMessage } from './phases/ask.js'
import { connect } from './phases/connect.js'
import { runBatchMode } from './batch/batch-mode.js'
import { runDirect } from './many/direct.js'
import { Limiter } from './many/limiter.js'
import { publishMany, publishResultsFileError } from './report/many-publish.js'
import { manyStartLine, signInFailedForItems, throttleNote } from './report/many-lines.js'
import { startProgress } from './many/progress.js'
import { Recorder } from './many/recorder.js'
import { type ItemResult, ResultsFile, ResultsFileError } from './many/results-file.js'
import { requestSha256 } from './request/request-hash.js'
import type { ManyReport } from './report/many-summary.js'

/** The request of one line: the inputs' request (buildRequest), the line's fields winning. */
export function promptItem(config: Config, line: PromptLine): PromptItem {
  const params = buildRequest({
    ...config,
    sampling: config.conversation.sampling,
    model: line.model ?? config.model,
    maxTokens: line.maxTokens ?? config.maxTokens,
    system: line.system ?? undefined,
    messages: line.messages
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
    const rerun = many.resume ? new Map(many.lines.ids.map((id, index) => [id, index])) : undefined
    file = await ResultsFile.open(path, {
      resume: many.resume,
      roots,
      rerun,
      changed: changedRequest(config, many, rerun)
    })
  } catch (error) {
    if (!(error instanceof ResultsFileError) && (error as NodeJS.ErrnoException).code === undefined) throw error
    return publishResultsFileError((error as Error).message)
  }
  const items = itemsOf(
    config,
    many.lines.where(id => !file.succeededBefore.has(id))
  )
  const recorder = new Recorder(file, many.lines.length, many.lines.length - items.length, clock, startedAt)
  recorder.tally.changed = file.changedBefore
  const mode = modeFor(many, items.length)
  core.info(manyStartLine(config, many, items.length, mode, file.path, file.changedBefore))

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
  publishMany({ ...report, secretsReplaced: runSecrets.replaced }, config)
}

/**
 * Resume: a line that succeeded with request_sha256 is done only while the item's request is the
 * same (a prompt edited under the same id is asked again). A line without it, or an id no longer
 * in the prompts file, counts as unchanged.
 */
function changedRequest(config: Config, many: ManyConfig, indexOf: ReadonlyMap<string, number> | undefined) {
  return (result: ItemResult): boolean => {
    const index = indexOf?.get(result.id)
    if (result.request_sha256 === undefined || index === undefined) return false
    return requestSha256(promptItem(config, many.lines.line(index)).params) !== result.request_sha256
  }
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
  const limiter = new Limiter(loop, many.shard?.count ?? 1)
  const stopProgress = startProgress(
    recorder.tally,
    loop,
    line => core.info(line),
    () => throttleNote(limiter.throttles)
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

type Sender =
  | ({ ok: true; send: SendMessage } & Pick<ManyRun, 'client' | 'withSignIn'>)
  | { ok: false; error: string; explanation: string }

/** How the items are sent: the client (after keyless sign-in), or mock-response's stand-in. */
async function sender(config: Config, loop: ManyRun['loop']): Promise<Sender> {
  const mock = config.mockResponse
  if (mock !== undefined) {
    core.info(MOCK_NOTICE)
    const send: SendMessage = request =>
      Promise.resolve({
        ok: true,
        value: mockMessage(mock, request.model),
        status: 200,
        requestId: null,
        model: request.model
      })
    return { ok: true, send, client: undefined, withSignIn: attempt => attempt }
  }
  const connection = await connect(config, loop, process.env)
  if (!connection.ok) {
    const error = describeFailure(connection.auth.failed.failure)
    return { ok: false, error, explanation: signInFailedForItems(error) }
  }
  const { client, auth } = connection
  return {
    ok: true,
    client,
    withSignIn: auth.withSignIn,
    send: (request, stream, context) => sendOnce(client, request, stream, context)
  }
}

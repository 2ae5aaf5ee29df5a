/**
 * The many-prompts inputs: prompts-file (read under the file rule, every line checked by
 * request/prompts-file.ts before any request), results-file, resume, concurrency, mode,
 * batch-wait, batch-ids and shard. With prompts-file the other inputs are the defaults a line
 * overrides; the inputs that ask one question (prompt, prompt-file, messages, prompt-yml) are
 * refused, and so are the ones that only make sense for one answer.
 */
import path from 'node:path'
import { PromptLines } from '../request/prompts-file.js'
import { inShard, parseShard, type Shard } from '../request/shard.js'
import { RequestInputError } from '../request/input-error.js'
import type { Vars } from '../request/template.js'
import type { Thinking } from '../request/options.js'
import { type FileRoots, inputFileRoots, InputFileError, readInputFile } from '../files/file-rule.js'
import { Defaults, Inputs, MANY_MODES, type ManyMode } from './input-names.js'
import { InputProblems } from './problems.js'
import {
  booleanInput,
  choiceInput,
  ConfigError,
  type InputSource,
  integerInput,
  invalid,
  listInput,
  textOrFile
} from './read.js'

/**
 * A prompts-file may be far larger than one request: up to 100,000 lines (the Message Batches
 * limit per batch) of about a kilobyte. Its text is held once for the run (PromptLines).
 */
const MAX_PROMPTS_FILE_BYTES = 128 * 1024 * 1024

/** More workers than this only queue behind the same rate limit (and the runner's sockets). */
const MAX_CONCURRENCY = 64

export interface ManyConfig {
  /** The path as given; undefined when only batch-ids are collected. */
  promptsFile: string | undefined
  /** The lines of this shard, checked, in file order (held compactly: each is parsed again when sent). */
  lines: PromptLines
  /** Lines in the whole file, before shard. */
  fileLines: number
  /** Absolute path; undefined: a new file under RUNNER_TEMP. */
  resultsFile: string | undefined
  /** Where results-file may be written (its folder's real path). */
  roots: FileRoots
  resume: boolean
  concurrency: number
  mode: ManyMode
  batchWait: boolean
  batchIds: string[]
  shard: Shard | undefined
}

const given = (source: InputSource, name: string) => source.getInput(name).trim() !== ''

/** prompts-file or batch-ids is given: the step runs many prompts. */
export function manyGiven(source: InputSource): boolean {
  return given(source, Inputs.promptsFile) || given(source, Inputs.batchIds)
}

/** What askedInputs returns with prompts-file: no conversation of its own, the system input as written (a template). */
export function manyAsked(source: InputSource): { system: string | undefined } {
  const conflicting = [Inputs.prompt, Inputs.promptFile, Inputs.messages, Inputs.promptYml].filter(n =>
    given(source, n)
  )
  if (conflicting.length > 0) {
    throw new ConfigError(
      `Input '${Inputs.promptsFile}' (or '${Inputs.batchIds}') holds the requests, so ${conflicting.map(n => `'${n}'`).join(' and ')} cannot be given with it. ` +
        `Put each request on its own line of the prompts file: {"id": "…", "prompt": "…"}.`
    )
  }
  return { system: textOrFile(source, Inputs.system, Inputs.systemFile)?.text }
}

/** What the prompts file's lines are filled from and checked against. */
interface ManyContext {
  system: string | undefined
  vars: Vars | undefined
  thinking: Thinking | undefined
}

/** The many-prompts settings, every line checked; undefined without prompts-file and batch-ids. */
export function manyInputs(source: InputSource, context: ManyContext): ManyConfig | undefined {
  if (!manyGiven(source)) {
    const stray = [Inputs.resultsFile, Inputs.shard].filter(n => given(source, n))
    if (stray.length > 0) {
      throw new ConfigError(
        `${stray.map(n => `'${n}'`).join(' and ')} ${stray.length === 1 ? 'works' : 'work'} only with '${Inputs.promptsFile}' (or '${Inputs.batchIds}').`
      )
    }
    return undefined
  }
  const problems = new InputProblems()
  // max-cost-usd bounds one answer's attempts from its counted prompt; a run counts no prompt.
  for (const name of [Inputs.commentOn, Inputs.maxInputTokens, Inputs.maxCostUsd]) {
    const value = source.getInput(name).trim()
    if (value !== '' && value !== 'none') {
      problems.check(() => {
        throw new ConfigError(
          `Input '${name}' cannot be used with '${Inputs.promptsFile}': it is about one answer (got '${value}'). Remove it.`
        )
      }, undefined)
    }
  }
  const roots = inputFileRoots(source.env)
  const resultsGiven = source.getInput(Inputs.resultsFile).trim()
  const resume = problems.check(() => booleanInput(source, Inputs.resume, Defaults.resume), Defaults.resume)
  const shardText = source.getInput(Inputs.shard).trim()
  const shard = shardText === '' ? undefined : parseShard(shardText)
  if (shardText !== '' && !shard) {
    problems.check(() => {
      throw invalid(Inputs.shard, shardText, "'k/n' with 1 <= k <= n, e.g. '2/4'")
    }, undefined)
  }
  const concurrency = problems.check(() => concurrencyInput(source), Defaults.concurrency)
  const mode = problems.check(() => choiceInput(source, Inputs.mode, MANY_MODES, Defaults.mode), Defaults.mode)
  const batchWait = problems.check(() => booleanInput(source, Inputs.batchWait, Defaults.batchWait), Defaults.batchWait)
  const batchIds = problems.check(() => batchIdsInput(source), [])
  if (resume && resultsGiven === '') {
    problems.check(() => {
      throw new ConfigError(
        `Input '${Inputs.resume}' is 'true' but '${Inputs.resultsFile}' is empty: a new file under RUNNER_TEMP never holds earlier results. ` +
          `Give '${Inputs.resultsFile}' a path (restored by actions/cache or an artifact).`
      )
    }, undefined)
  }
  const promptsFile = source.getInput(Inputs.promptsFile).trim() || undefined
  const lines =
    promptsFile === undefined
      ? PromptLines.none
      : problems.check(() => promptLines(source, promptsFile, roots, context), PromptLines.none)
  problems.throwIfAny()
  return {
    promptsFile,
    lines: shard ? lines.where(id => inShard(id, shard)) : lines,
    fileLines: lines.length,
    resultsFile: resultsGiven === '' ? undefined : path.resolve(roots.base, resultsGiven),
    roots,
    resume,
    concurrency,
    mode,
    batchWait,
    batchIds,
    shard
  }
}

/** Each line of the prompts file, checked (with the system template, vars and thinking budget it is filled from). */
function promptLines(source: InputSource, file: string, roots: FileRoots, context: ManyContext): PromptLines {
  try {
    const text = readInputFile(Inputs.promptsFile, file, roots, MAX_PROMPTS_FILE_BYTES)
    return PromptLines.parse(text, {
      system: context.system,
      systemIsTemplate: !given(source, Inputs.systemFile),
      vars: context.vars,
      thinkingBudget: context.thinking?.type === 'enabled' ? context.thinking.budget_tokens : undefined,
      label: `Input '${Inputs.promptsFile}' ('${file}')`
    })
  } catch (error) {
    if (error instanceof RequestInputError || error instanceof InputFileError) throw new ConfigError(error.message)
    throw error
  }
}

function concurrencyInput(source: InputSource): number {
  const concurrency = integerInput(source, Inputs.concurrency, Defaults.concurrency, 1)
  if (concurrency > MAX_CONCURRENCY) invalidConcurrency(concurrency)
  return concurrency
}

function invalidConcurrency(value: number): never {
  throw invalid(Inputs.concurrency, String(value), `an integer from 1 to ${MAX_CONCURRENCY}`)
}

const BATCH_ID = /^[A-Za-z0-9_-]{1,128}$/

/** Comma- or newline-separated Message Batch ids, without repeats. */
function batchIdsInput(source: InputSource): string[] {
  const expected = "Message Batch ids such as 'msgbatch_01…', separated by commas or new lines"
  return listInput(source, Inputs.batchIds, id => BATCH_ID.test(id), expected)
}

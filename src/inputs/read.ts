/**
 * Reading one input: where inputs come from, the error that names the input, its value and what
 * is accepted, and the readers for each kind of value (integers, seconds, choices, lists).
 */
import { clip } from '../util/text.js'
import type { CommentTargetInput } from './input-names.js'
import { SAMPLING_REMOVED } from '../request/input-error.js'
import { inputFileRoots, InputFileError, readInputFile } from '../files/file-rule.js'

/**
 * Where inputs come from; main passes the runner's, tests pass plain objects. File inputs are
 * read from disk by files/file-rule.ts, under the roots that `env` names, never through an injected reader.
 */
export interface InputSource {
  getInput(name: string): string
  env: Record<string, string | undefined>
  /** What the triggering event allows; main passes github/preflight.ts's reading of the payload. */
  event?: EventChecks
}

/** Checks on the triggering event that would otherwise fail only after the paid request. */
export interface EventChecks {
  /** Why `comment-on: <target>` finds no pull request or issue in this run, with the fix; undefined when it does. */
  commentTargetProblem(target: Exclude<CommentTargetInput, 'none'>): string | undefined
  /** What to do about a missing API key in this run (fork pull requests and Dependabot get no repository secrets). */
  noKeyAdvice(): string | undefined
}

/** One input problem: a sentence that names the input, its value and what is accepted. */
export interface Problem {
  text: string
  /** The required inputs that were found empty: a misspelt name given instead is named with the problem. */
  empty?: readonly string[]
}

/**
 * One or more input problems. Most are thrown with one; inputs/problems.ts gathers them so a run
 * reports every problem at once.
 */
export class ConfigError extends Error {
  override name = 'ConfigError'
  readonly problems: readonly Problem[]
  constructor(problems: string | readonly Problem[], empty?: readonly string[]) {
    const list = typeof problems === 'string' ? [{ text: problems, ...(empty && { empty }) }] : problems
    super(list.map(p => p.text).join('\n'))
    this.problems = list
  }
}

/** The value is quoted as far as a reader needs it: a 1 MB input must not make a 1 MB error line. */
export function invalid(input: string, value: string, expected: string): ConfigError {
  return new ConfigError(`Input '${input}' has invalid value '${clip(value, 200)}'. Expected ${expected}.`)
}

const INTEGER = /^\d+$/
/** A plain decimal as the inputs accept it: digits, with an optional fraction (no sign, no exponent). */
export const DECIMAL = /^\d+(\.\d+)?$/

/** Text from an input or from the file another input names, and which of the two gave it. */
export interface GivenText {
  text: string
  input: string
  /** Text from a file input is data, never a template. */
  fromFile: boolean
}

/** Text from `name` or the file named by `fileName` (read by the file-input rule); at most one of the two. */
export function textOrFile(source: InputSource, name: string, fileName: string): GivenText | undefined {
  const text = source.getInput(name)
  const file = source.getInput(fileName).trim()
  if (text.trim() !== '' && file !== '') {
    throw new ConfigError(`Inputs '${name}' and '${fileName}' were both given. Give only one of them.`)
  }
  if (file !== '') {
    let content: string
    try {
      content = readInputFile(fileName, file, inputFileRoots(source.env))
    } catch (error) {
      throw error instanceof InputFileError ? new ConfigError(error.message) : error
    }
    if (content.trim() === '') throw invalid(fileName, file, 'a file that is not empty')
    return { text: content, input: fileName, fromFile: true }
  }
  return text.trim() === '' ? undefined : { text, input: name, fromFile: false }
}

export function integerInput(source: InputSource, name: string, fallback: number, min: number): number {
  const raw = source.getInput(name).trim()
  if (raw === '') return fallback
  const value = Number(raw)
  if (!INTEGER.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw invalid(name, raw, `an integer >= ${min}`)
  }
  return value
}

/** Seconds as a decimal; returns undefined for an empty optional input. */
export function secondsInput(
  source: InputSource,
  name: string,
  fallback: number | undefined,
  { positive }: { positive: boolean }
): number | undefined {
  const raw = source.getInput(name).trim()
  if (raw === '') return fallback
  const value = Number(raw)
  if (!DECIMAL.test(raw) || !Number.isFinite(value) || (positive && value <= 0)) {
    throw invalid(name, raw, positive ? 'a number of seconds > 0' : 'a number of seconds >= 0')
  }
  return value
}

export function choiceInput<T extends string>(
  source: InputSource,
  name: string,
  choices: readonly T[],
  fallback: T
): T {
  const raw = source.getInput(name).trim()
  if (raw === '') return fallback
  const choice = choices.find(c => c === raw.toLowerCase())
  if (!choice) throw invalid(name, raw, `one of ${choices.map(c => `'${c}'`).join(', ')}`)
  return choice
}

/** `true` or `false` (any case); empty: `fallback`. */
export function booleanInput(source: InputSource, name: string, fallback: boolean): boolean {
  return choiceInput(source, name, ['true', 'false'] as const, fallback ? 'true' : 'false') === 'true'
}

export function optionalInteger(source: InputSource, name: string, min: number): number | undefined {
  return source.getInput(name).trim() === '' ? undefined : integerInput(source, name, 0, min)
}

/** Comma- or newline-separated values, in order, without repeats; each must pass `valid`, else `expected` is named. */
export function listInput(
  source: InputSource,
  name: string,
  valid: (item: string) => boolean,
  expected: string
): string[] {
  const items = source
    .getInput(name)
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
  for (const item of items) {
    if (!valid(item)) throw invalid(name, item, expected)
  }
  return [...new Set(items)]
}

/** Comma- or newline-separated model names, in order, without repeats. */
export function modelList(source: InputSource, name: string): string[] {
  return listInput(source, name, model => !/\s/.test(model), 'model names separated by commas or new lines')
}

/** The old `temperature` input (see SAMPLING_REMOVED): kept in action.yml so a workflow that still sets it gets this error. */
export function refuseTemperature(source: InputSource, name: string): void {
  const raw = source.getInput(name).trim()
  if (raw !== '')
    throw new ConfigError(`Input '${name}' ('${raw}') is no longer accepted: ${SAMPLING_REMOVED}. Remove it.`)
}

export function toMs(seconds: number | undefined): number | undefined {
  // Rounded: 1.1 * 1000 is 1100.0000000000002 in floating point.
  return seconds === undefined ? undefined : Math.round(seconds * 1000)
}

/**
 * The request-option inputs (thinking, effort, stop-sequences, service-tier, metadata-user-id,
 * cache), read and checked against each other and against max-tokens before any
 * request. request/options.ts maps them onto the request.
 */
import {
  CACHE_MODES,
  EFFORTS,
  MIN_THINKING_BUDGET,
  type RequestOptions,
  SERVICE_TIERS,
  type Thinking
} from '../request/options.js'
import { Defaults, Inputs } from './input-names.js'
import { choiceInput, ConfigError, type InputSource, invalid } from './read.js'
import { InputProblems } from './problems.js'

/** What the options are checked against: inputs parsed elsewhere in parseConfig. */
export interface OptionContext {
  /** undefined when 'max-tokens' itself is invalid: that problem is reported already. */
  maxTokens: number | undefined
  /** A .prompt.yml set max tokens (they win over the input): errors then name the file. */
  maxTokensFromFile?: boolean
  /** Whether there is anything to put a cache breakpoint on: a system prompt or an attachment. */
  cacheable: boolean
}

/** Each option on its own; every invalid one is reported. The checks against other inputs: optionsFit. */
export function requestOptionsInput(source: InputSource): RequestOptions {
  const problems = new InputProblems()
  const optional = <T extends string>(name: string, choices: readonly T[]) =>
    source.getInput(name).trim() === ''
      ? undefined
      : problems.check(() => choiceInput(source, name, choices, choices[0] as T), undefined)
  const options: RequestOptions = {
    thinking: problems.check(() => thinkingInput(source), undefined),
    effort: optional(Inputs.effort, EFFORTS),
    stopSequences: stopSequencesInput(source),
    serviceTier: optional(Inputs.serviceTier, SERVICE_TIERS),
    metadataUserId: source.getInput(Inputs.metadataUserId).trim() || undefined,
    cache: problems.check(() => cacheInput(source), undefined)
  }
  problems.throwIfAny()
  return options
}

/** The options against max-tokens and what there is to cache; every mismatch is reported. */
export function optionsFit(options: RequestOptions, context: OptionContext): void {
  const problems = new InputProblems()
  problems.check(() => thinkingFits(options.thinking, context), undefined)
  if (options.cache !== undefined && !context.cacheable) {
    problems.check(() => {
      throw new ConfigError(
        `Input '${Inputs.cache}' is '${options.cache}' but there is nothing to cache: it marks the system prompt ('${Inputs.system}', '${Inputs.systemFile}' or the system message of a '${Inputs.promptYml}' file) and the last file attached by '${Inputs.files}', and this request has neither. Give one of them, or leave '${Inputs.cache}' at 'none'.`
      )
    }, undefined)
  }
  problems.throwIfAny()
}

function cacheInput(source: InputSource): RequestOptions['cache'] {
  const cache = choiceInput(source, Inputs.cache, CACHE_MODES, Defaults.cache)
  return cache === 'none' ? undefined : cache
}

/**
 * 'off' (or empty), 'adaptive', or a budget of tokens: at least 1024 (ThinkingConfigEnabled in
 * the SDK); that it is less than max-tokens is checked by thinkingFits.
 */
function thinkingInput(source: InputSource): Thinking | undefined {
  const raw = source.getInput(Inputs.thinking).trim()
  const value = raw.toLowerCase()
  if (value === '' || value === 'off') return undefined
  if (value === 'adaptive') return { type: 'adaptive' }
  if (/^\d+$/.test(value) && Number(value) >= MIN_THINKING_BUDGET && Number.isSafeInteger(Number(value))) {
    return { type: 'enabled', budget_tokens: Number(value) }
  }
  throw invalid(
    Inputs.thinking,
    raw,
    `'off', 'adaptive', or a thinking budget in tokens: an integer >= ${MIN_THINKING_BUDGET} and less than '${Inputs.maxTokens}'`
  )
}

function thinkingFits(thinking: Thinking | undefined, { maxTokens, maxTokensFromFile }: OptionContext): void {
  if (thinking?.type !== 'enabled' || maxTokens === undefined) return
  const budget = thinking.budget_tokens
  if (budget < maxTokens) return
  const limit = maxTokensFromFile
    ? `the max tokens of '${Inputs.promptYml}' (${maxTokens}, its modelParameters win over '${Inputs.maxTokens}')`
    : `'${Inputs.maxTokens}' (${maxTokens})`
  const raise = maxTokensFromFile ? "the file's max tokens" : `'${Inputs.maxTokens}'`
  throw new ConfigError(
    `Input '${Inputs.thinking}' is a budget of ${budget} tokens, which is not less than ${limit}; the API needs the thinking budget below max_tokens, since thinking counts toward it. Raise ${raise} or lower the budget.`
  )
}

/** One stop sequence per line, trimmed; blank lines skipped, repeats kept once. */
function stopSequencesInput(source: InputSource): string[] {
  const lines = source
    .getInput(Inputs.stopSequences)
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
  return [...new Set(lines)]
}

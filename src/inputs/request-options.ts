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

/** What the options are checked against: inputs parsed elsewhere in parseConfig. */
export interface OptionContext {
  maxTokens: number
  /** A .prompt.yml set max tokens (they win over the input): errors then name the file. */
  maxTokensFromFile?: boolean
  /** Whether there is anything to put a cache breakpoint on: a system prompt or an attachment. */
  cacheable: boolean
}

export function requestOptionsInput(source: InputSource, context: OptionContext): RequestOptions {
  const thinking = thinkingInput(source, context)
  const effort =
    source.getInput(Inputs.effort).trim() === '' ? undefined : choiceInput(source, Inputs.effort, EFFORTS, 'high')
  const tier = source.getInput(Inputs.serviceTier).trim()
  const cache = choiceInput(source, Inputs.cache, CACHE_MODES, Defaults.cache)
  if (cache !== 'none' && !context.cacheable) {
    throw new ConfigError(
      `Input '${Inputs.cache}' is '${cache}' but there is nothing to cache: it marks the system prompt ('${Inputs.system}', '${Inputs.systemFile}' or the system message of a '${Inputs.promptYml}' file) and the last file attached by '${Inputs.files}', and this request has neither. Give one of them, or leave '${Inputs.cache}' at 'none'.`
    )
  }
  const userId = source.getInput(Inputs.metadataUserId).trim()
  return {
    thinking,
    effort,
    stopSequences: stopSequencesInput(source),
    serviceTier: tier === '' ? undefined : choiceInput(source, Inputs.serviceTier, SERVICE_TIERS, 'auto'),
    metadataUserId: userId === '' ? undefined : userId,
    cache: cache === 'none' ? undefined : cache
  }
}

/**
 * 'off' (or empty), 'adaptive', or a budget of tokens: at least 1024 and less than max-tokens
 * (ThinkingConfigEnabled in the SDK).
 */
function thinkingInput(source: InputSource, { maxTokens, maxTokensFromFile }: OptionContext): Thinking | undefined {
  const raw = source.getInput(Inputs.thinking).trim()
  const value = raw.toLowerCase()
  let thinking: Thinking | undefined
  if (value === '' || value === 'off') thinking = undefined
  else if (value === 'adaptive') thinking = { type: 'adaptive' }
  else if (/^\d+$/.test(value) && Number(value) >= MIN_THINKING_BUDGET && Number.isSafeInteger(Number(value))) {
    const budget = Number(value)
    if (budget >= maxTokens) {
      const limit = maxTokensFromFile
        ? `the max tokens of '${Inputs.promptYml}' (${maxTokens}, its modelParameters win over '${Inputs.maxTokens}')`
        : `'${Inputs.maxTokens}' (${maxTokens})`
      const raise = maxTokensFromFile ? "the file's max tokens" : `'${Inputs.maxTokens}'`
      throw new ConfigError(
        `Input '${Inputs.thinking}' is a budget of ${budget} tokens, which is not less than ${limit}; the API needs the thinking budget below max_tokens, since thinking counts toward it. Raise ${raise} or lower the budget.`
      )
    }
    thinking = { type: 'enabled', budget_tokens: budget }
  } else {
    throw invalid(
      Inputs.thinking,
      raw,
      `'off', 'adaptive', or a thinking budget in tokens: an integer >= ${MIN_THINKING_BUDGET} and less than '${Inputs.maxTokens}'`
    )
  }
  return thinking
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

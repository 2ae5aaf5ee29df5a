import {
  COMMENT_TARGETS,
  Defaults,
  Inputs,
  STREAM_MODES,
  type StreamMode,
  SUMMARY_MODES,
  type SummaryMode
} from './input-names.js'
import { JITTER_MODES, type RetryPolicy } from '../retry/policy.js'
import { baseUrlInput } from './base-url.js'
import { attachmentsInput } from './files-input.js'
import { requestOptionsInput } from './request-options.js'
import type { Attachment } from '../request/attachments.js'
import type { RequestOptions } from '../request/options.js'
import { askedInputs, type Conversation } from './prompt-inputs.js'
import { costInputs } from './cost.js'
import type { CostConfig } from '../cost/meter.js'
import { type Federation, federationInput } from './federation.js'
import { carriesCredential, type ExtraHeaders, headersInput } from './headers.js'
import { proxySettingsFrom } from './proxy-env.js'
import { type ManyConfig, manyInputs } from './many.js'

export { credentialHeaderValues } from './headers.js'
import { providerInput, type ProviderSettings } from './provider.js'
import {
  choiceInput,
  ConfigError,
  type InputSource,
  integerInput,
  invalid,
  modelList,
  optionalInteger,
  secondsInput,
  refuseTemperature,
  textOrFile,
  toMs
} from './read.js'
import { isRecord } from '../util/record.js'

/** Everything the action needs, read and validated once, before any request. */
export interface Config {
  /** What is sent as `messages` (prompt, messages or prompt-yml, vars filled), and the vars no template used. */
  conversation: Conversation
  system: string | undefined
  model: string
  maxTokens: number
  apiKey: string
  /** undefined = the SDK's default (https://api.anthropic.com). */
  baseUrl: string | undefined
  /** Extra request headers (`headers`), e.g. a gateway's credential and routing headers. */
  headers: ExtraHeaders
  retry: RetryPolicy
  /** The `stream` input; streamsFor decides `auto` from a request's max-tokens. */
  streamMode: StreamMode
  summary: SummaryMode
  /** A JSON Schema the answer must follow (parsed JSON; compiled by claude/schema.ts before any request). */
  jsonSchema: Record<string, unknown> | undefined
  /** Models to move to, in order, when the current one keeps answering overloaded or is gone (404). */
  fallbackModels: string[]
  /** Consecutive overloads on one model before moving to the next. */
  fallbackAfter: number
  /** Skip the API and publish this text as the answer (fork PRs, workflow tests). */
  mockResponse: string | undefined
  /** Fail before the request when the prompt counts more input tokens than this. */
  maxInputTokens: number | undefined
  /** Prices for the cost-usd estimate (table plus `prices`) and the max-cost-usd guard. */
  cost: CostConfig
  /** Post the answer as a comment on the triggering PR or issue. */
  comment: { on: 'pr' | 'issue'; token: string } | undefined
  /** Files attached before the prompt, in order (`files`). */
  attachments: Attachment[]
  /** thinking, effort, stop-sequences, service-tier, metadata-user-id, cache. */
  options: RequestOptions
  /** Keyless login (OIDC workload identity federation) instead of an API key. */
  federation: Federation | undefined
  /** Where the request goes (anthropic, bedrock, vertex, foundry) and what that provider needs. */
  provider: ProviderSettings
  /** prompts-file or batch-ids: many requests in one step (src/many/). */
  many: ManyConfig | undefined
}

/**
 * The key from the input or ANTHROPIC_API_KEY. Main calls this first of all so the key is
 * masked before anything else can print it.
 */
export function apiKeyFrom(source: InputSource): string {
  return source.getInput(Inputs.apiKey).trim() || (source.env.ANTHROPIC_API_KEY ?? '').trim()
}

/** `step`: the cancel signal and the step's start, which bound a `files` glob's walk (total-timeout). */
export async function parseConfig(
  source: InputSource,
  step: { signal?: AbortSignal; startedAt?: number } = {}
): Promise<Config> {
  // A .prompt.yml's own settings win over the inputs, which the runner fills with action.yml's defaults.
  const { conversation, system, file, vars } = await askedInputs(source)

  const modelInput = source.getInput(Inputs.model).trim() || Defaults.model
  if (/\s/.test(modelInput))
    throw invalid(Inputs.model, modelInput, 'a model name without spaces, e.g. claude-sonnet-5-5')
  const model = file.model ?? modelInput

  const maxTokensGiven = integerInput(source, Inputs.maxTokens, Defaults.maxTokens, 1)
  const maxTokens = file.maxTokens ?? maxTokensGiven
  refuseTemperature(source, Inputs.temperature)

  const mockText = source.getInput(Inputs.mockResponse)
  const mockResponse = mockText.trim() === '' ? undefined : mockText

  const provider = providerInput(source, { mock: mockResponse !== undefined })
  const apiKey = apiKeyFrom(source)
  const baseUrl = baseUrlInput(source, { fromEnv: provider.name === 'anthropic' })
  const headers = headersInput(source)
  const federation = federationInput(source, {
    apiKey,
    baseUrl,
    mock: mockResponse !== undefined,
    provider: provider.name,
    headers
  })
  const keyless = federation !== undefined || carriesCredential(headers)
  if (apiKey === '' && mockResponse === undefined && provider.name === 'anthropic' && !keyless) {
    throw new ConfigError(
      `No API key: input '${Inputs.apiKey}' is empty and ANTHROPIC_API_KEY is not set. ` +
        `Store the key as a repository secret and pass it: 'with: ${Inputs.apiKey}: \${{ secrets.ANTHROPIC_API_KEY }}' ` +
        `(or, through an LLM gateway, give its credential as an Authorization or x-api-key line of '${Inputs.headers}').`
    )
  }

  proxySettingsFrom(source.env) // only checked here: network/ builds the fetch from the same variables

  const seconds = (name: string, fallback: number) =>
    secondsInput(source, name, fallback, { positive: false }) as number
  const retry: RetryPolicy = {
    maxRetries: integerInput(source, Inputs.maxRetries, Defaults.maxRetries, 0),
    baseDelayMs: toMs(seconds(Inputs.baseDelay, Defaults.baseDelaySeconds)) as number,
    maxDelayMs: toMs(seconds(Inputs.maxDelay, Defaults.maxDelaySeconds)) as number,
    jitter: choiceInput(source, Inputs.jitter, JITTER_MODES, Defaults.jitter),
    attemptTimeoutMs: toMs(secondsInput(source, Inputs.timeout, Defaults.timeoutSeconds, { positive: true })) as number,
    totalTimeoutMs: toMs(secondsInput(source, Inputs.totalTimeout, undefined, { positive: true }))
  }

  const streamMode: StreamMode = choiceInput(source, Inputs.stream, STREAM_MODES, Defaults.stream)

  const commentOn = choiceInput(source, Inputs.commentOn, COMMENT_TARGETS, Defaults.commentOn)
  const githubToken = source.getInput(Inputs.githubToken).trim() || source.env.GITHUB_TOKEN?.trim() || ''
  if (commentOn !== 'none' && githubToken === '') {
    throw new ConfigError(
      `Input '${Inputs.commentOn}' is '${commentOn}' but '${Inputs.githubToken}' is empty. Pass 'with: ${Inputs.githubToken}: \${{ github.token }}' (the default in action.yml).`
    )
  }

  // Files last: every cheaper check has passed before anything is globbed or read.
  const { totalTimeoutMs } = retry
  const deadline = totalTimeoutMs === undefined ? undefined : (step.startedAt ?? Date.now()) + totalTimeoutMs
  const walk = { signal: step.signal, deadline, totalTimeoutMs }
  const attachments = await attachmentsInput(source, { messages: conversation.messages, system }, walk)
  const options = requestOptionsInput(source, {
    maxTokens,
    maxTokensFromFile: file.maxTokens !== undefined,
    cacheable: system !== undefined || attachments.length > 0
  })

  const fallbackModels = modelList(source, Inputs.fallbackModels).filter(m => m !== model)
  return {
    conversation,
    system,
    model,
    maxTokens,
    apiKey,
    baseUrl,
    headers,
    retry,
    streamMode,
    summary: choiceInput(source, Inputs.summary, SUMMARY_MODES, Defaults.summary),
    jsonSchema: file.jsonSchema ?? jsonSchemaInput(source),
    fallbackModels,
    fallbackAfter: integerInput(source, Inputs.fallbackAfter, Defaults.fallbackAfter, 1),
    mockResponse,
    maxInputTokens: optionalInteger(source, Inputs.maxInputTokens, 1),
    cost: costInputs(source, [model, ...fallbackModels]),
    comment: commentOn === 'none' ? undefined : { on: commentOn, token: githubToken },
    attachments,
    options,
    federation,
    provider,
    many: await manyInputs(source, { system, vars, thinking: options.thinking })
  }
}

/** The schema as parsed JSON; whether it is a valid JSON Schema is checked when it is compiled. */
function jsonSchemaInput(source: InputSource): Record<string, unknown> | undefined {
  const given = textOrFile(source, Inputs.jsonSchema, Inputs.jsonSchemaFile)
  if (given === undefined) return undefined
  const { text, input: name } = given
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(
      `Input '${name}' is not valid JSON (${(error as Error).message}). Expected a JSON Schema object.`
    )
  }
  if (!isRecord(schema)) {
    throw new ConfigError(
      `Input '${name}' is not a JSON object. Expected a JSON Schema object, e.g. {"type":"object","properties":{...}}.`
    )
  }
  return schema as Record<string, unknown>
}

/** The summary mode when the inputs are invalid (the summary input may be the invalid one): only a clear 'off' is honoured. */
export function summaryModeOf(source: InputSource): SummaryMode {
  return source.getInput(Inputs.summary).trim().toLowerCase() === 'off' ? 'off' : 'full'
}

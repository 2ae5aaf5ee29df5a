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
import { optionsFit, requestOptionsInput } from './request-options.js'
import { InputProblems } from './problems.js'
import { needCommentTarget, needKey, needToken } from './across.js'
import type { Attachment, AttachmentLimits } from '../request/attachments.js'
import { NO_OPTIONS, type RequestOptions } from '../request/options.js'
import { type Asked, askedInputs, type Conversation } from './prompt-inputs.js'
import { costInputs } from './cost.js'
import type { CostConfig } from '../cost/meter.js'
import { type Federation, federationInput } from './federation.js'
import { carriesCredential, type ExtraHeaders, headersInput } from './headers.js'
import { proxySettingsFrom } from './proxy-env.js'
import { type ManyConfig, manyInputs } from './many.js'
import { type PrDiffSettings, reviewInputs, type ReviewSettings } from './review.js'

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
  /** Post the answer as a comment on the triggering PR or issue, or as a review of the PR (`review`). */
  comment: { on: 'pr' | 'issue' | 'pr-review'; token: string; key: string; review?: ReviewSettings } | undefined
  /** Read the PR's files (`pr-diff`, or `comment-on: pr-review`); `attach`: the labelled diff goes before the prompt. */
  prDiff: PrDiffSettings | undefined
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

/**
 * Every input read and checked. Each problem is recorded and the next check still runs (see
 * problems.ts): single inputs first, then files, then the checks across inputs. One ConfigError
 * at the end names them all. `step`: the cancel signal and the step's start, which bound a `files`
 * glob's walk (total-timeout); `attachmentLimits`: the API's, or a test's smaller ones.
 */
export async function parseConfig(
  source: InputSource,
  step: { signal?: AbortSignal; startedAt?: number; attachmentLimits?: AttachmentLimits } = {}
): Promise<Config> {
  const problems = new InputProblems()
  const check = problems.check.bind(problems)
  // A .prompt.yml's own settings win over the inputs, which the runner fills with action.yml's defaults.
  const asked = await problems.checkAsync(() => askedInputs(source), undefined)
  const file = asked?.file ?? {}

  const model = file.model ?? check(() => modelInput(source), Defaults.model)
  const maxTokensGiven = check(() => integerInput(source, Inputs.maxTokens, Defaults.maxTokens, 1), undefined)
  const maxTokens = file.maxTokens ?? maxTokensGiven
  check(() => refuseTemperature(source, Inputs.temperature), undefined)

  const mockText = source.getInput(Inputs.mockResponse)
  const mockResponse = mockText.trim() === '' ? undefined : mockText
  const mock = mockResponse !== undefined

  const provider = check(() => providerInput(source, { mock }), undefined)
  const apiKey = apiKeyFrom(source)
  const baseUrl = check(() => baseUrlInput(source, { fromEnv: provider?.name === 'anthropic' }), undefined)
  const headers = check(() => headersInput(source), undefined)
  check(() => proxySettingsFrom(source.env), undefined) // only checked here: network/ builds the fetch from the same variables

  const seconds = (name: string, fallback: number | undefined, positive = false) =>
    toMs(check(() => secondsInput(source, name, fallback, { positive }), fallback)) as number
  const retry: RetryPolicy = {
    maxRetries: check(() => integerInput(source, Inputs.maxRetries, Defaults.maxRetries, 0), Defaults.maxRetries),
    baseDelayMs: seconds(Inputs.baseDelay, Defaults.baseDelaySeconds),
    maxDelayMs: seconds(Inputs.maxDelay, Defaults.maxDelaySeconds),
    jitter: check(() => choiceInput(source, Inputs.jitter, JITTER_MODES, Defaults.jitter), Defaults.jitter),
    attemptTimeoutMs: seconds(Inputs.timeout, Defaults.timeoutSeconds, true),
    totalTimeoutMs: seconds(Inputs.totalTimeout, undefined, true)
  }
  const streamMode = check(() => choiceInput(source, Inputs.stream, STREAM_MODES, Defaults.stream), Defaults.stream)
  const summary = check(() => choiceInput(source, Inputs.summary, SUMMARY_MODES, Defaults.summary), Defaults.summary)
  const commentOn = check(() => choiceInput(source, Inputs.commentOn, COMMENT_TARGETS, Defaults.commentOn), 'none')
  const githubToken = source.getInput(Inputs.githubToken).trim() || source.env.GITHUB_TOKEN?.trim() || ''
  const fallbackModels = check(() => modelList(source, Inputs.fallbackModels), []).filter(m => m !== model)
  const fallbackAfter = check(
    () => integerInput(source, Inputs.fallbackAfter, Defaults.fallbackAfter, 1),
    Defaults.fallbackAfter
  )
  const maxInputTokens = check(() => optionalInteger(source, Inputs.maxInputTokens, 1), undefined)
  const cost = check(() => costInputs(source, [model, ...fallbackModels]), undefined)
  const jsonSchema = file.jsonSchema ?? check(() => jsonSchemaInput(source), undefined)
  const requested = check(() => requestOptionsInput(source), NO_OPTIONS)

  // Files after the other single inputs: the cheaper checks come first. A glob's walk is bounded
  // by the step's cancel signal and its total-timeout, counted from the step's start.
  const { totalTimeoutMs } = retry
  const deadline = totalTimeoutMs === undefined ? undefined : (step.startedAt ?? Date.now()) + totalTimeoutMs
  const walk = { signal: step.signal, deadline, totalTimeoutMs }
  const attachments =
    asked &&
    (await problems.checkAsync(
      () => attachmentsInput(source, { ...asked, ...asked.conversation }, walk, step.attachmentLimits),
      undefined
    ))

  // Across inputs: each runs only when the inputs it reads were valid (an invalid one is reported already).
  // federation: undefined when not asked for (or not checked), null when its own inputs are invalid.
  const federation =
    provider &&
    headers &&
    check(() => federationInput(source, { apiKey, baseUrl, mock, provider: provider.name, headers }), null)
  if (provider?.name === 'anthropic' && headers && federation !== null) {
    const keyless = federation !== undefined || carriesCredential(headers)
    check(() => needKey({ apiKey, mock, keyless }, source.event?.noKeyAdvice()), undefined)
  }
  check(() => needToken(commentOn, githubToken), undefined)
  // Where the comment goes is known from the event now; found out after the request, it would cost one.
  check(() => needCommentTarget(commentOn, source.event), undefined)
  const pullRequestProblem = () => source.event?.commentTargetProblem('pr')
  const reviewChecks = { pullRequestProblem, promptYmlSchema: file.jsonSchema !== undefined }
  const reviewed = check(() => reviewInputs(source, commentOn, githubToken, reviewChecks), undefined)
  // Without a readable prompt or files, whether there is something to cache is not known: no check.
  const cacheable = attachments === undefined || asked?.system !== undefined || attachments.length > 0
  const fromFile = file.maxTokens !== undefined
  check(() => optionsFit(requested, { maxTokens, maxTokensFromFile: fromFile, cacheable }), undefined)
  const many =
    asked &&
    check(() => manyInputs(source, { system: asked.system, vars: asked.vars, thinking: requested.thinking }), undefined)
  problems.throwIfAny()
  const { conversation, system } = asked as Asked
  return {
    conversation,
    system,
    model,
    maxTokens: maxTokens as number,
    apiKey,
    baseUrl,
    headers: headers as ExtraHeaders,
    retry,
    streamMode,
    summary,
    jsonSchema: reviewed?.schema ?? jsonSchema,
    fallbackModels,
    fallbackAfter,
    mockResponse,
    maxInputTokens,
    cost: cost as CostConfig,
    comment:
      commentOn === 'none'
        ? undefined
        : { on: commentOn, token: githubToken, key: reviewed?.commentKey ?? '', review: reviewed?.review },
    prDiff: reviewed?.diff,
    attachments: attachments as Attachment[],
    options: requested,
    federation: federation ?? undefined,
    provider: provider as ProviderSettings,
    many
  }
}

function modelInput(source: InputSource): string {
  const model = source.getInput(Inputs.model).trim() || Defaults.model
  if (/\s/.test(model)) throw invalid(Inputs.model, model, 'a model name without spaces, e.g. claude-sonnet-5-5')
  return model
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
  return schema
}

/** The summary mode when the inputs are invalid (the summary input may be the invalid one): only a clear 'off' is honoured. */
export function summaryModeOf(source: InputSource): SummaryMode {
  return source.getInput(Inputs.summary).trim().toLowerCase() === 'off' ? 'off' : 'full'
}

import {
  COMMENT_TARGETS,
  Defaults,
  Inputs,
  STREAM_MODES,
  type StreamMode,
  SUMMARY_MODES,
  type SummaryMode
} from './names.js'
import { inputFileRoots, InputFileError, readInputFile } from './files.js'
import { JITTER_MODES, type RetryPolicy } from '../retry/policy.js'
import { clip } from '../util/text.js'

/** Everything the action needs, read and validated once, before any request. */
export interface Config {
  prompt: string
  system: string | undefined
  model: string
  maxTokens: number
  temperature: number | undefined
  apiKey: string
  /** undefined = the SDK's default (https://api.anthropic.com). */
  baseUrl: string | undefined
  retry: RetryPolicy
  /** Resolved from the `stream` input: `auto` is decided here from max-tokens. */
  stream: boolean
  summary: SummaryMode
  /** A JSON Schema the answer must follow (parsed JSON; compiled by structured.ts before any request). */
  jsonSchema: Record<string, unknown> | undefined
  /** Models to move to, in order, when the current one keeps answering overloaded or is gone (404). */
  fallbackModels: string[]
  /** Consecutive overloads on one model before moving to the next. */
  fallbackAfter: number
  /** Skip the API and publish this text as the answer (fork PRs, workflow tests). */
  mockResponse: string | undefined
  /** Fail before the request when the prompt counts more input tokens than this. */
  maxInputTokens: number | undefined
  /** Post the answer as a comment on the triggering PR or issue. */
  comment: { on: 'pr' | 'issue'; token: string } | undefined
}

/**
 * Where inputs come from; main passes the runner's, tests pass plain objects. File inputs are
 * read from disk by files.ts, under the roots that `env` names, never through an injected reader.
 */
export interface InputSource {
  getInput(name: string): string
  env: Record<string, string | undefined>
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The value is quoted as far as a reader needs it: a 1 MB input must not make a 1 MB error line. */
function invalid(input: string, value: string, expected: string): ConfigError {
  return new ConfigError(`Input '${input}' has invalid value '${clip(value, 200)}'. Expected ${expected}.`)
}

/**
 * The key from the input or ANTHROPIC_API_KEY. Main calls this first of all so the key is
 * masked before anything else can print it.
 */
export function apiKeyFrom(source: InputSource): string {
  return source.getInput(Inputs.apiKey).trim() || (source.env.ANTHROPIC_API_KEY ?? '').trim()
}

/**
 * The SDK refuses a non-streaming call whose expected duration (60 min per 128k tokens) is
 * over 10 min, i.e. max_tokens above 21,333 (client.calculateNonstreamingTimeout).
 * A unit test checks this threshold against the installed SDK.
 */
const SDK_LONGEST_NONSTREAMING_MS = 10 * 60 * 1000
const SDK_MS_PER_128K_TOKENS = 60 * 60 * 1000
export function sdkRequiresStreaming(maxTokens: number): boolean {
  return (SDK_MS_PER_128K_TOKENS * maxTokens) / 128_000 > SDK_LONGEST_NONSTREAMING_MS
}

const INTEGER = /^\d+$/
const DECIMAL = /^\d+(\.\d+)?$/

function integerInput(source: InputSource, name: string, fallback: number, min: number): number {
  const raw = source.getInput(name).trim()
  if (raw === '') return fallback
  const value = Number(raw)
  if (!INTEGER.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw invalid(name, raw, `an integer >= ${min}`)
  }
  return value
}

/** Seconds as a decimal; returns undefined for an empty optional input. */
function secondsInput(
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

function choiceInput<T extends string>(source: InputSource, name: string, choices: readonly T[], fallback: T): T {
  const raw = source.getInput(name).trim()
  if (raw === '') return fallback
  const choice = choices.find(c => c === raw.toLowerCase())
  if (!choice) throw invalid(name, raw, `one of ${choices.map(c => `'${c}'`).join(', ')}`)
  return choice
}

/** Text from `name` or the file named by `fileName`; at most one of the two. */
function textOrFile(
  source: InputSource,
  name: string,
  fileName: string,
  required: boolean
): string | undefined {
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
      if (error instanceof InputFileError) throw new ConfigError(error.message)
      throw error
    }
    if (content.trim() === '') throw invalid(fileName, file, 'a file that is not empty')
    return content
  }
  if (text.trim() !== '') return text
  if (required) {
    throw new ConfigError(`Input '${name}' is required: give the message in '${name}', or a path to a file holding it in '${fileName}'.`)
  }
  return undefined
}

export function parseConfig(source: InputSource): Config {
  const prompt = textOrFile(source, Inputs.prompt, Inputs.promptFile, true) as string
  const system = textOrFile(source, Inputs.system, Inputs.systemFile, false)

  const model = source.getInput(Inputs.model).trim() || Defaults.model
  if (/\s/.test(model)) throw invalid(Inputs.model, model, 'a model name without spaces, e.g. claude-sonnet-5-5')

  const maxTokens = integerInput(source, Inputs.maxTokens, Defaults.maxTokens, 1)
  const temperature = temperatureInput(source, Inputs.temperature)

  const mockText = source.getInput(Inputs.mockResponse)
  const mockResponse = mockText.trim() === '' ? undefined : mockText

  const apiKey = apiKeyFrom(source)
  if (apiKey === '' && mockResponse === undefined) {
    throw new ConfigError(
      `No API key: input '${Inputs.apiKey}' is empty and ANTHROPIC_API_KEY is not set. ` +
        `Store the key as a repository secret and pass it: 'with: ${Inputs.apiKey}: \${{ secrets.ANTHROPIC_API_KEY }}'.`
    )
  }

  const baseUrl = baseUrlInput(source)

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
  const stream = streamMode === 'auto' ? sdkRequiresStreaming(maxTokens) : streamMode === 'true'

  const commentOn = choiceInput(source, Inputs.commentOn, COMMENT_TARGETS, Defaults.commentOn)
  const githubToken = source.getInput(Inputs.githubToken).trim() || source.env.GITHUB_TOKEN?.trim() || ''
  if (commentOn !== 'none' && githubToken === '') {
    throw new ConfigError(
      `Input '${Inputs.commentOn}' is '${commentOn}' but '${Inputs.githubToken}' is empty. Pass 'with: ${Inputs.githubToken}: \${{ github.token }}' (the default in action.yml).`
    )
  }

  return {
    prompt,
    system,
    model,
    maxTokens,
    temperature,
    apiKey,
    baseUrl,
    retry,
    stream,
    summary: choiceInput(source, Inputs.summary, SUMMARY_MODES, Defaults.summary),
    jsonSchema: jsonSchemaInput(source),
    fallbackModels: modelList(source, Inputs.fallbackModels).filter(m => m !== model),
    fallbackAfter: integerInput(source, Inputs.fallbackAfter, Defaults.fallbackAfter, 1),
    mockResponse,
    maxInputTokens: optionalInteger(source, Inputs.maxInputTokens, 1),
    comment: commentOn === 'none' ? undefined : { on: commentOn, token: githubToken }
  }
}

function optionalInteger(source: InputSource, name: string, min: number): number | undefined {
  return source.getInput(name).trim() === '' ? undefined : integerInput(source, name, 0, min)
}

/** Comma- or newline-separated model names, in order, without repeats. */
function modelList(source: InputSource, name: string): string[] {
  const models = source
    .getInput(name)
    .split(/[,\n]/)
    .map(m => m.trim())
    .filter(m => m !== '')
  for (const m of models) {
    if (/\s/.test(m)) throw invalid(name, m, 'model names separated by commas or new lines')
  }
  return [...new Set(models)]
}

/** The schema as parsed JSON; whether it is a valid JSON Schema is checked when it is compiled. */
function jsonSchemaInput(source: InputSource): Record<string, unknown> | undefined {
  const text = textOrFile(source, Inputs.jsonSchema, Inputs.jsonSchemaFile, false)
  if (text === undefined) return undefined
  const name = source.getInput(Inputs.jsonSchema).trim() !== '' ? Inputs.jsonSchema : Inputs.jsonSchemaFile
  let schema: unknown
  try {
    schema = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`Input '${name}' is not valid JSON (${(error as Error).message}). Expected a JSON Schema object.`)
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ConfigError(`Input '${name}' is not a JSON object. Expected a JSON Schema object, e.g. {"type":"object","properties":{...}}.`)
  }
  return schema as Record<string, unknown>
}

function temperatureInput(source: InputSource, name: string): number | undefined {
  const raw = source.getInput(name).trim()
  if (raw === '') return undefined
  const value = Number(raw)
  if (!DECIMAL.test(raw) || value > 1) throw invalid(name, raw, 'a number from 0 to 1')
  return value
}

function toMs(seconds: number | undefined): number | undefined {
  // Rounded: 1.1 * 1000 is 1100.0000000000002 in floating point.
  return seconds === undefined ? undefined : Math.round(seconds * 1000)
}

/**
 * base-url, else ANTHROPIC_BASE_URL. Checked here so a bad URL fails before any request: fetch
 * refuses a URL with credentials, which would otherwise surface as a retried "Connection error."
 * on every attempt. The value is shown with any user:password@ part hidden.
 */
function baseUrlInput(source: InputSource): string | undefined {
  const fromInput = source.getInput(Inputs.baseUrl).trim()
  const raw = fromInput || source.env.ANTHROPIC_BASE_URL?.trim() || ''
  if (raw === '') return undefined
  const name = fromInput ? `Input '${Inputs.baseUrl}'` : `ANTHROPIC_BASE_URL (used because '${Inputs.baseUrl}' is empty)`
  const shown = hideUrlCredentials(raw)
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`${name} has invalid value '${shown}'. Expected an http:// or https:// URL.`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(
      `${name} has invalid value '${shown}': it holds a user name or password, which the HTTP client refuses to send. ` +
        `Expected an http:// or https:// URL without credentials (the API key travels in its own header).`
    )
  }
  return raw
}

/** Everything up to the last '@' after the scheme, replaced: even an unparsable URL never shows its password. */
export function hideUrlCredentials(value: string): string {
  return value.includes('@') ? value.replace(/^([a-z][a-z0-9+.-]*:[\\/]*)?.*@/is, (_match, scheme?: string) => `${scheme ?? ''}***@`) : value
}

/**
 * A warning when the key would travel in clear text: plain http:// to a host other than this
 * machine (127.0.0.0/8, ::1, localhost). The URL parser has already normalised the host
 * (http://2130706433/ is 127.0.0.1).
 */
export function plainHttpWarning(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined
  const url = new URL(baseUrl)
  if (url.protocol !== 'http:' || isLoopback(url.hostname)) return undefined
  return `The API base URL is plain http:// to ${url.host}, not this machine: the API key and the prompt travel in clear text. Use https://.`
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host) || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
}

/**
 * A GitHub Models `.prompt.yml` file mapped onto the Messages API, the way `gh models` and
 * actions/ai-inference read it: `messages` (leading system turns become `system`), `model`,
 * `modelParameters`, `responseFormat` with `jsonSchema`, `{{var}}` filled from `vars`. A field
 * with no Claude equivalent fails, named; the sampling parameters the API removed are dropped
 * (main.ts warns); `name`, `description`, `testData` and `evaluators` describe or evaluate the
 * prompt (for `gh models eval`) and are ignored.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import { strictDocument, type Yaml } from './yaml.js'
import { checkOrder, type Role } from './conversation.js'
import { RequestInputError } from './input-error.js'
import { fillTemplates, missingVarsError, type Vars } from './template.js'
import { isRecord } from '../util/record.js'

/** What the file asks for; a field it does not set is left undefined, for the inputs to decide. */
export interface PromptYmlRequest {
  system: string | undefined
  messages: MessageParam[]
  model?: string
  maxTokens?: number
  stopSequences?: string[]
  /** The `schema` inside the file's jsonSchema, with responseFormat json_schema. */
  jsonSchema?: Record<string, unknown>
  /** Vars no placeholder in the file used. */
  unusedVars: string[]
  /** `modelParameters` the API version no longer takes (REMOVED_PARAMETERS), as named in the file: dropped, not sent. */
  droppedParameters?: string[]
}

const IGNORED_FIELDS = ['name', 'description', 'testData', 'evaluators'] as const
const FIELDS = ['messages', 'model', 'modelParameters', 'responseFormat', 'jsonSchema', ...IGNORED_FIELDS]
const PARAMETERS = ['maxTokens', 'maxCompletionTokens', 'stop']
/**
 * Sampling parameters nearly every GitHub Models file sets, which the API version the SDK sends
 * removed (SAMPLING_REMOVED). The file is shared with other tools (`gh models`, ai-inference), so
 * they are dropped with a warning, not refused: the `temperature` input, which the workflow's
 * author wrote for this action, is still refused (inputs/read.ts).
 */
export const REMOVED_PARAMETERS = ['temperature', 'topP', 'topK']

const list = (names: readonly string[]) => names.map(name => `'${name}'`).join(', ')

/** The file's text as YAML; `label` names it in errors, e.g. "Input 'prompt-yml' ('x.prompt.yml')". */
export function parsePromptYml(text: string, label: string, yaml: Yaml): unknown {
  return strictDocument(yaml, text, first => `${label} is not valid YAML (${first}).`).toJS()
}

/** The file (parsed YAML) as a request; every problem is a RequestInputError naming the field. */
export function mapPromptYml(file: unknown, label: string, vars: Vars, varsInput: string): PromptYmlRequest {
  if (!isRecord(file)) {
    throw new RequestInputError(`${label} does not hold a mapping. Expected a .prompt.yml with a 'messages' list.`)
  }
  const unsupported = Object.keys(file).filter(key => !FIELDS.includes(key))
  if (unsupported.length > 0) {
    throw new RequestInputError(
      `${label} has ${unsupported.length === 1 ? 'a field' : 'fields'} this action does not support: ${list(unsupported)}. ` +
        `Supported: ${list(FIELDS.slice(0, 5))}; ${list(IGNORED_FIELDS)} are ignored.`
    )
  }
  return {
    ...messagesOf(file.messages, label, vars, varsInput),
    ...modelOf(file.model, label),
    ...parametersOf(file.modelParameters, label),
    ...schemaOf(file.responseFormat, file.jsonSchema, label)
  }
}

function messagesOf(value: unknown, label: string, vars: Vars, varsInput: string) {
  if (!Array.isArray(value) || value.length === 0) {
    throw new RequestInputError(`${label}: 'messages' is missing or empty. Expected a list of {role, content}.`)
  }
  const raw = value.map((item: unknown, index) => {
    const at = `${label}: messages[${index}]`
    if (!isRecord(item)) throw new RequestInputError(`${at} is not a mapping. Expected {role, content}.`)
    const extra = Object.keys(item).filter(key => key !== 'role' && key !== 'content')
    if (extra.length > 0) throw new RequestInputError(`${at} has ${list(extra)}. Expected only 'role' and 'content'.`)
    const { role, content } = item
    if (role !== 'system' && role !== 'user' && role !== 'assistant') {
      throw new RequestInputError(`${at} has role ${JSON.stringify(role)}. Expected 'system', 'user' or 'assistant'.`)
    }
    if (typeof content !== 'string') {
      throw new RequestInputError(`${at} has no text content. Expected 'content' to be a string.`)
    }
    return { role, content, index }
  })
  const firstTurn = raw.findIndex(message => message.role !== 'system')
  const lateSystem = raw.find((message, i) => message.role === 'system' && firstTurn !== -1 && i > firstTurn)
  if (lateSystem) {
    throw new RequestInputError(
      `${label}: messages[${lateSystem.index}] has role 'system' after the conversation started. System messages must come first (they become the request's 'system').`
    )
  }
  const filled = fillTemplates(
    raw.map(message => message.content),
    vars
  )
  if (filled.missing.length > 0) throw missingVarsError(filled.missing, `${label}:`, varsInput)
  const texts = raw.map((message, i) => ({ ...message, content: filled.texts[i] as string }))
  const empty = texts.find(message => message.content.trim() === '')
  if (empty) throw new RequestInputError(`${label}: messages[${empty.index}] is empty (after filling vars).`)

  const turns = texts.filter((message): message is typeof message & { role: Role } => message.role !== 'system')
  if (turns.length === 0) throw new RequestInputError(`${label}: 'messages' has no user turn.`)
  checkOrder(turns, label, { role: 'user', why: 'The conversation must end with the user turn that Claude answers.' })
  const systems = texts.filter(message => message.role === 'system').map(message => message.content)
  return {
    system: systems.length > 0 ? systems.join('\n\n') : undefined,
    messages: turns.map(({ role, content }): MessageParam => ({ role, content })),
    unusedVars: filled.unused
  }
}

function modelOf(value: unknown, label: string): { model?: string } {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'string' || !/^claude-[A-Za-z0-9._-]+$/.test(value)) {
    throw new RequestInputError(
      `${label}: 'model' is ${JSON.stringify(value)}, which is not a Claude model (GitHub Models names such as 'openai/gpt-4o' are not). ` +
        `Expected a Claude model name such as 'claude-sonnet-5-5', or no 'model' field to use the action's 'model' input.`
    )
  }
  return { model: value }
}

function parametersOf(value: unknown, label: string) {
  if (value === undefined || value === null) return {}
  const at = `${label}: 'modelParameters'`
  if (!isRecord(value)) {
    const kind = Array.isArray(value) ? 'a list' : typeof value === 'string' ? 'text' : JSON.stringify(value)
    throw new RequestInputError(
      `${at} is ${kind}. Expected a mapping of maxTokens (or maxCompletionTokens) and stop, e.g. 'maxTokens: 500'.`
    )
  }
  const droppedParameters = Object.keys(value).filter(key => REMOVED_PARAMETERS.includes(key))
  const unsupported = Object.keys(value).filter(key => !PARAMETERS.includes(key) && !REMOVED_PARAMETERS.includes(key))
  if (unsupported.length > 0) {
    throw new RequestInputError(
      `${at} has ${list(unsupported.map(key => `modelParameters.${key}`))}, which this action does not support. Supported: ${list(PARAMETERS)}.`
    )
  }
  const { maxTokens, maxCompletionTokens, stop } = value
  if (maxTokens !== undefined && maxCompletionTokens !== undefined) {
    throw new RequestInputError(`${at} sets both 'maxTokens' and 'maxCompletionTokens'. Give one of them.`)
  }
  const tokens = maxCompletionTokens ?? maxTokens
  const tokensName = maxCompletionTokens !== undefined ? 'maxCompletionTokens' : 'maxTokens'
  if (tokens !== undefined && !(Number.isSafeInteger(tokens) && (tokens as number) >= 1)) {
    throw new RequestInputError(`${at}.${tokensName} is ${JSON.stringify(tokens)}. Expected an integer >= 1.`)
  }
  return {
    ...(droppedParameters.length > 0 ? { droppedParameters } : {}),
    ...(tokens !== undefined ? { maxTokens: tokens as number } : {}),
    ...(stop !== undefined ? { stopSequences: stopOf(stop, at) } : {})
  }
}

function stopOf(stop: unknown, at: string): string[] {
  const sequences = typeof stop === 'string' ? [stop] : stop
  if (!Array.isArray(sequences) || sequences.some(s => typeof s !== 'string' || s.trim() === '')) {
    throw new RequestInputError(
      `${at}.stop is ${JSON.stringify(stop)}. Expected a string or a list of strings, none of them blank.`
    )
  }
  return sequences as string[]
}

function schemaOf(format: unknown, jsonSchema: unknown, label: string): { jsonSchema?: Record<string, unknown> } {
  if (format === undefined || format === null || format === 'text') {
    if (jsonSchema !== undefined && jsonSchema !== null) {
      throw new RequestInputError(
        `${label}: 'jsonSchema' is given but 'responseFormat' is not 'json_schema'. Set 'responseFormat: json_schema', or remove 'jsonSchema'.`
      )
    }
    return {}
  }
  if (format !== 'json_schema') {
    throw new RequestInputError(
      `${label}: 'responseFormat' is ${JSON.stringify(format)}, which this action does not support. ` +
        `Expected 'text' or 'json_schema' (with 'jsonSchema'); Claude has no JSON mode without a schema${format === 'json_object' ? ", so 'json_object' needs a schema" : ''}.`
    )
  }
  let parsed: unknown = jsonSchema
  if (typeof jsonSchema === 'string') {
    try {
      parsed = JSON.parse(jsonSchema)
    } catch (error) {
      throw new RequestInputError(`${label}: 'jsonSchema' is not valid JSON (${(error as Error).message}).`)
    }
  }
  if (!isRecord(parsed) || !isRecord(parsed.schema)) {
    throw new RequestInputError(
      `${label}: 'responseFormat' is 'json_schema', so 'jsonSchema' must hold {"name": …, "schema": {…}} (JSON text or a mapping); its 'schema' object is missing.`
    )
  }
  return { jsonSchema: parsed.schema }
}

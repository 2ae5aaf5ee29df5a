/**
 * request/: one line of a `prompts-file`, checked and templated: a JSON object with an id (the
 * Message Batches custom_id rule) and a prompt or messages, optional system, model, max-tokens
 * and vars. Pure: the line's text in, its PromptLine out, or a RequestInputError saying why not.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import { conversationFrom, describe } from './conversation.js'
import { RequestInputError } from './input-error.js'
import { fillTemplates, VAR_NAME, type Vars } from './template.js'
import { isRecord } from '../util/record.js'

/**
 * The Message Batches `custom_id` rule (the API answers 400 with "custom_id must match
 * ^[a-zA-Z0-9_-]{1,64}$"), so one id serves direct and batch mode alike.
 */
export const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The fields a line may hold. */
const LINE_FIELDS = ['id', 'prompt', 'messages', 'system', 'model', 'max-tokens', 'vars'] as const

/** One line, checked and templated: what it sets; what it leaves out comes from the inputs. */
export interface PromptLine {
  id: string
  line: number
  messages: MessageParam[]
  /** The system prompt to send (templated); null: none; undefined: the line does not say (the input's, templated, is in here then). */
  system: string | null
  model?: string
  maxTokens?: number
}

/** What the inputs give every line. */
export interface LineDefaults {
  /** The `system` input's text, a template like the line's own (undefined: none). */
  system: string | undefined
  /** false when the default system text came from a file (system-file): data, never filled. Default true. */
  systemIsTemplate?: boolean
  /** The `vars` input; a line's `vars` win name by name. */
  vars: Vars | undefined
  /** The `thinking` budget, if any: a line's max-tokens must be above it (the API refuses otherwise). */
  thinkingBudget: number | undefined
  /** The label in messages, e.g. "Input 'prompts-file' ('prompts.jsonl')". */
  label: string
}

export function parseLine(raw: string, number: number, defaults: LineDefaults): PromptLine {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (error) {
    throw new RequestInputError(`not valid JSON (${(error as Error).message})`)
  }
  if (!isRecord(value)) {
    throw new RequestInputError(`is ${describe(value)}, not a JSON object`)
  }
  const fields = value
  const unknown = Object.keys(fields).filter(k => !(LINE_FIELDS as readonly string[]).includes(k))
  if (unknown.length > 0) {
    const hint = unknown.includes('max_tokens') ? " (did you mean 'max-tokens'?)" : ''
    throw new RequestInputError(
      `unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map(k => `'${k}'`).join(', ')}${hint}; a line may hold ${LINE_FIELDS.map(k => `'${k}'`).join(', ')}`
    )
  }
  const id = fields.id
  if (typeof id !== 'string' || !ITEM_ID.test(id)) {
    throw new RequestInputError(
      `'id' is ${typeof id === 'string' ? `'${id.slice(0, 80)}'` : describe(id)}; expected 1 to 64 characters of A-Z a-z 0-9 _ - (the Message Batches custom_id rule)`
    )
  }
  const prompt = optionalText(fields, 'prompt')
  const system = optionalString(fields, 'system')
  const model = optionalText(fields, 'model')
  if (model !== undefined && /\s/.test(model)) throw new RequestInputError(`'model' '${model}' has spaces`)
  const maxTokens = fields['max-tokens']
  if (maxTokens !== undefined && (typeof maxTokens !== 'number' || !Number.isSafeInteger(maxTokens) || maxTokens < 1)) {
    throw new RequestInputError(`'max-tokens' is ${JSON.stringify(maxTokens)}; expected an integer >= 1`)
  }
  if (maxTokens !== undefined && defaults.thinkingBudget !== undefined && maxTokens <= defaults.thinkingBudget) {
    throw new RequestInputError(
      `'max-tokens' ${maxTokens} is not above the thinking budget ${defaults.thinkingBudget}; the API requires budget_tokens < max_tokens`
    )
  }
  if (prompt === undefined && fields.messages === undefined) {
    throw new RequestInputError(
      `has neither 'prompt' nor 'messages'; give one of them (or both: the prompt follows the turns)`
    )
  }

  // Templates: the line's prompt and system (or the `system` input), filled from the inputs' vars
  // and the line's own; without any vars nothing is templated (as with the `prompt` input).
  const vars = mergedVars(defaults.vars, fields.vars)
  const systemText = system === undefined ? defaults.system : system === '' ? undefined : system
  const templatedSystem = system !== undefined || defaults.systemIsTemplate !== false
  let texts = [prompt, templatedSystem ? systemText : undefined]
  if (vars !== undefined) {
    const filled = fillTemplates(texts, vars)
    if (filled.missing.length > 0) {
      throw new RequestInputError(
        `placeholder${filled.missing.length === 1 ? '' : 's'} ${filled.missing.map(n => `'{{${n}}}'`).join(', ')} with no value in the line's 'vars' or the 'vars' input`
      )
    }
    texts = filled.texts
  }
  const [filledPrompt, filledTemplate] = texts
  const filledSystem = templatedSystem ? filledTemplate : systemText

  const question = filledPrompt === undefined ? undefined : { text: filledPrompt, input: 'prompt' }
  const messages =
    fields.messages === undefined
      ? [{ role: 'user' as const, content: filledPrompt as string }]
      : conversationFrom(fields.messages, "'messages'", question)
  return {
    id,
    line: number,
    messages,
    system: filledSystem ?? null,
    ...(model !== undefined ? { model } : {}),
    ...(maxTokens !== undefined ? { maxTokens: maxTokens } : {})
  }
}

function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw new RequestInputError(`'${name}' is ${describe(value)}; expected a string`)
  return value
}

function optionalText(fields: Record<string, unknown>, name: string): string | undefined {
  const value = optionalString(fields, name)
  if (value !== undefined && value.trim() === '') throw new RequestInputError(`'${name}' is empty`)
  return value
}

/** The inputs' vars, then the line's (a JSON object of names to values; values as the `vars` input makes them). */
function mergedVars(base: Vars | undefined, own: unknown): Vars | undefined {
  if (own === undefined) return base
  if (!isRecord(own)) {
    throw new RequestInputError(`'vars' is ${describe(own)}; expected an object of names to values`)
  }
  const vars = new Map(base ?? [])
  for (const [name, value] of Object.entries(own)) {
    if (!VAR_NAME.test(name)) {
      throw new RequestInputError(
        `'vars' has the key '${name.slice(0, 80)}', which is not a var name (a letter or '_', then letters, digits, '_', '.', '-')`
      )
    }
    vars.set(name, value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value))
  }
  return vars
}

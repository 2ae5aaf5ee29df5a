/**
 * request/: the `prompts-file` (JSONL, one request per line), checked whole before any request:
 * every bad line is listed by number with what is wrong. Also the shard rule (`shard: k/n`).
 * Pure: text in, lines out. inputs/ reads the file; many/ turns each line into its request.
 */
import type { MessageCreateParamsNonStreaming, MessageParam } from '@anthropic-ai/sdk/resources/messages'
import { conversationFrom } from './conversation.js'
import { RequestInputError } from './errors.js'
import { fillTemplates, VAR_NAME, type Vars } from './template.js'
import { isRecord } from '../util/record.js'

/**
 * The Message Batches `custom_id` rule (the API answers 400 with "custom_id must match
 * ^[a-zA-Z0-9_-]{1,64}$"), so one id serves direct and batch mode alike.
 */
export const ITEM_ID = /^[A-Za-z0-9_-]{1,64}$/

/** The fields a line may hold. */
export const LINE_FIELDS = ['id', 'prompt', 'messages', 'system', 'model', 'max-tokens', 'vars'] as const

/** How many bad lines the error lists before "and N more". */
export const MAX_LISTED_ERRORS = 20

export interface PromptItem {
  id: string
  /** 1-based line number in prompts-file. */
  line: number
  /** The whole request of this item: the inputs' defaults, the line's fields win. */
  params: MessageCreateParamsNonStreaming
}

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

/**
 * Every line of `text` checked; throws one RequestInputError listing the bad lines (up to
 * MAX_LISTED_ERRORS, then how many more). Blank lines are skipped but keep their numbers.
 */
export function parsePromptsFile(text: string, defaults: LineDefaults): PromptLine[] {
  const lines: PromptLine[] = []
  const errors: string[] = []
  const seen = new Map<string, number>()
  const rows = text.split('\n')
  rows.forEach((raw, index) => {
    const number = index + 1
    if (raw.trim() === '') return
    try {
      const line = parseLine(raw, number, defaults)
      const first = seen.get(line.id)
      if (first !== undefined) throw new RequestInputError(`id '${line.id}' is already used on line ${first}`)
      seen.set(line.id, number)
      lines.push(line)
    } catch (error) {
      if (!(error instanceof RequestInputError)) throw error
      errors.push(`line ${number}: ${error.message}`)
    }
  })
  if (errors.length > 0) {
    const listed = errors.slice(0, MAX_LISTED_ERRORS)
    const more = errors.length - listed.length
    throw new RequestInputError(
      `${defaults.label} has ${errors.length} bad line${errors.length === 1 ? '' : 's'}; no request was sent:\n` +
        listed.map(e => `  ${e}`).join('\n') +
        (more > 0 ? `\n  and ${more} more` : '') +
        `\nEach line is one JSON object: {"id": "a-1", "prompt": "…"} with optional "messages", "system", "model", "max-tokens" and "vars".`
    )
  }
  if (lines.length === 0)
    throw new RequestInputError(`${defaults.label} holds no lines. Expected one JSON object per line.`)
  return lines
}

const describe = (value: unknown): string =>
  Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value

function parseLine(raw: string, number: number, defaults: LineDefaults): PromptLine {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (error) {
    throw new RequestInputError(`not valid JSON (${(error as Error).message})`)
  }
  if (!isRecord(value)) {
    throw new RequestInputError(`is ${describe(value)}, not a JSON object`)
  }
  const fields = value as Record<string, unknown>
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
  const texts = [prompt, templatedSystem ? systemText : undefined]
  if (vars !== undefined) {
    const present = texts.filter((t): t is string => t !== undefined)
    const filled = fillTemplates(present, vars)
    if (filled.missing.length > 0) {
      throw new RequestInputError(
        `placeholder${filled.missing.length === 1 ? '' : 's'} ${filled.missing.map(n => `'{{${n}}}'`).join(', ')} with no value in the line's 'vars' or the 'vars' input`
      )
    }
    let i = 0
    for (let t = 0; t < texts.length; t++) if (texts[t] !== undefined) texts[t] = filled.texts[i++]
  }
  const filledPrompt = texts[0]
  const filledSystem = templatedSystem ? texts[1] : systemText

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
    ...(maxTokens !== undefined ? { maxTokens: maxTokens as number } : {})
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

/** `shard: k/n`, 1 <= k <= n. */
export interface Shard {
  index: number
  count: number
}

export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  if (!Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined
  return { index, count }
}

/**
 * Shard k of n takes the items whose id hashes (FNV-1a, 32 bits) to k-1 modulo n. By id, not by
 * line number: an item's shard depends on nothing but its id, so adding, removing or reordering
 * lines never moves an item to another shard. A shard's cached results-file stays valid across
 * such edits, and merged shards never hold an id twice. The price: shards differ in size by a few
 * percent (a binomial spread) instead of by at most one item.
 */
export function inShard(id: string, shard: Shard): boolean {
  return shardOf(id, shard.count) === shard.index
}

/** 1-based shard of `id` among `count`. */
export function shardOf(id: string, count: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return (hash % count) + 1
}

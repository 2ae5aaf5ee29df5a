/**
 * request/: pure shaping of the Messages request. This module: the request options (thinking,
 * effort, stop sequences, service tier, metadata, prompt caching) as the fields the SDK's
 * MessageCreateParams types name, checked against @anthropic-ai/sdk 1.14's
 * resources/messages/messages.d.ts.
 */
import type {
  MessageCreateParamsNonStreaming,
  OutputConfig,
  TextBlockParam,
  ThinkingConfigParam
} from '@anthropic-ai/sdk/resources/messages'
import { cacheControl, type CacheTtl } from './attachments.js'

/** `thinking`: 'off' sends no thinking field (the model's default), else adaptive or a token budget. */
export type Thinking = { type: 'adaptive' } | { type: 'enabled'; budget_tokens: number }

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const satisfies ReadonlyArray<
  NonNullable<OutputConfig['effort']>
>
type Effort = (typeof EFFORTS)[number]

export const SERVICE_TIERS = ['auto', 'standard_only'] as const satisfies ReadonlyArray<
  NonNullable<MessageCreateParamsNonStreaming['service_tier']>
>
type ServiceTier = (typeof SERVICE_TIERS)[number]

export const CACHE_MODES = ['none', '5m', '1h'] as const satisfies ReadonlyArray<'none' | CacheTtl>

/** The budget the API accepts: at least this, and less than max_tokens (ThinkingConfigEnabled). */
export const MIN_THINKING_BUDGET = 1024

export interface RequestOptions {
  thinking: Thinking | undefined
  effort: Effort | undefined
  stopSequences: string[]
  serviceTier: ServiceTier | undefined
  metadataUserId: string | undefined
  /** The cache breakpoints' time to live; undefined = no cache_control marks. */
  cache: CacheTtl | undefined
}

export const NO_OPTIONS: RequestOptions = {
  thinking: undefined,
  effort: undefined,
  stopSequences: [],
  serviceTier: undefined,
  metadataUserId: undefined,
  cache: undefined
}

/**
 * The request fields the options (and a json-schema) add. output_config holds both the answer's
 * format and the effort, so the two are merged here.
 */
export function optionFields(
  options: RequestOptions,
  jsonSchema: Record<string, unknown> | undefined
): Partial<MessageCreateParamsNonStreaming> {
  const outputConfig: OutputConfig = {
    ...(jsonSchema !== undefined ? { format: { type: 'json_schema', schema: jsonSchema } } : {}),
    ...(options.effort ? { effort: options.effort } : {})
  }
  return {
    ...(options.thinking ? { thinking: options.thinking satisfies ThinkingConfigParam } : {}),
    ...(Object.keys(outputConfig).length > 0 ? { output_config: outputConfig } : {}),
    ...(options.stopSequences.length > 0 ? { stop_sequences: options.stopSequences } : {}),
    ...(options.serviceTier ? { service_tier: options.serviceTier } : {}),
    ...(options.metadataUserId !== undefined ? { metadata: { user_id: options.metadataUserId } } : {})
  }
}

/** The system prompt: a plain string, or one text block carrying the cache breakpoint. */
export function systemParam(system: string, cache: CacheTtl | undefined): string | TextBlockParam[] {
  return cache ? [{ type: 'text', text: system, cache_control: cacheControl(cache) }] : system
}

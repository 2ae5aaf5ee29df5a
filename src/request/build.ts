/**
 * request/: the Messages request of one prompt, from what it needs (not the whole Config), so a
 * single prompt (main.ts) and each prompts-file line (run-many.ts) build it the same way. Also
 * whether that request streams.
 */
import type { MessageCreateParamsNonStreaming, MessageParam } from '@anthropic-ai/sdk/resources/messages'
import { type Attachment, withAttachments } from './attachments.js'
import { optionFields, type RequestOptions, systemParam } from './options.js'

export interface RequestParts {
  model: string
  maxTokens: number
  system: string | undefined
  /** Earlier turns and the user's question, last. */
  messages: MessageParam[]
  /** Fields that only a .prompt.yml sets (stop_sequences), sent as they are. */
  sampling: { stop_sequences?: string[] }
  /** Files attached before the prompt, in order. */
  attachments: readonly Attachment[]
  options: RequestOptions
  jsonSchema: Record<string, unknown> | undefined
}

export function buildRequest(parts: RequestParts): MessageCreateParamsNonStreaming {
  const { cache } = parts.options
  return {
    model: parts.model,
    max_tokens: parts.maxTokens,
    messages: withAttachments(parts.messages, parts.attachments, cache),
    ...parts.sampling,
    ...(parts.system !== undefined ? { system: systemParam(parts.system, cache) } : {}),
    // output_config (json-schema's format, effort), thinking, stop_sequences, service_tier, metadata.
    ...optionFields(parts.options, parts.jsonSchema)
  }
}

export const STREAM_MODES = ['auto', 'true', 'false'] as const
export type StreamMode = (typeof STREAM_MODES)[number]

/**
 * The SDK's rule for when a non-streamed call may take too long: its expected duration (60 min per
 * 128k tokens) is over 10 min, i.e. max_tokens above 21,333 (client.calculateNonstreamingTimeout).
 * The SDK refuses such a call when it is given no timeout (the action always gives one); an idle
 * connection that long is what proxies cut. A unit test checks this threshold against the SDK.
 */
const SDK_LONGEST_NONSTREAMING_MS = 10 * 60 * 1000
const SDK_MS_PER_128K_TOKENS = 60 * 60 * 1000
export function sdkRequiresStreaming(maxTokens: number): boolean {
  return (SDK_MS_PER_128K_TOKENS * maxTokens) / 128_000 > SDK_LONGEST_NONSTREAMING_MS
}

/** Whether a request with `maxTokens` streams: `auto` by the SDK's rule above, else as the input says. */
export function streamsFor(mode: StreamMode, maxTokens: number): boolean {
  return mode === 'auto' ? sdkRequiresStreaming(maxTokens) : mode === 'true'
}

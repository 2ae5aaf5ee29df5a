import type { StreamMode } from '../request/build.js'
import type { JitterMode } from '../retry/policy.js'

/**
 * Every input name in one place (the output names are in report/output-names.ts). A test holds
 * these against action.yml, so a rename in one without the other fails CI instead of silently
 * reading ''.
 */
export const Inputs = {
  prompt: 'prompt',
  promptFile: 'prompt-file',
  system: 'system',
  systemFile: 'system-file',
  model: 'model',
  maxTokens: 'max-tokens',
  temperature: 'temperature',
  apiKey: 'anthropic-api-key',
  federationRuleId: 'federation-rule-id',
  organizationId: 'organization-id',
  serviceAccountId: 'service-account-id',
  workspaceId: 'workspace-id',
  oidcAudience: 'oidc-audience',
  baseUrl: 'base-url',
  headers: 'headers',
  maxRetries: 'max-retries',
  baseDelay: 'base-delay',
  maxDelay: 'max-delay',
  jitter: 'jitter',
  timeout: 'timeout',
  totalTimeout: 'total-timeout',
  stream: 'stream',
  summary: 'summary',
  jsonSchema: 'json-schema',
  jsonSchemaFile: 'json-schema-file',
  fallbackModels: 'fallback-models',
  fallbackAfter: 'fallback-after',
  mockResponse: 'mock-response',
  maxInputTokens: 'max-input-tokens',
  prices: 'prices',
  maxCostUsd: 'max-cost-usd',
  commentOn: 'comment-on',
  githubToken: 'github-token',
  prDiff: 'pr-diff',
  prDiffExclude: 'pr-diff-exclude',
  maxReviewComments: 'max-review-comments',
  reviewSuggestions: 'review-suggestions',
  commentKey: 'comment-key',
  files: 'files',
  maxFiles: 'max-files',
  filesOptional: 'files-optional',
  thinking: 'thinking',
  effort: 'effort',
  stopSequences: 'stop-sequences',
  serviceTier: 'service-tier',
  metadataUserId: 'metadata-user-id',
  cache: 'cache',
  vars: 'vars',
  promptYml: 'prompt-yml',
  messages: 'messages',
  provider: 'provider',
  awsRegion: 'aws-region',
  foundryResource: 'foundry-resource',
  vertexProjectId: 'vertex-project-id',
  vertexRegion: 'vertex-region',
  vertexAccessToken: 'vertex-access-token',
  promptsFile: 'prompts-file',
  resultsFile: 'results-file',
  resume: 'resume',
  concurrency: 'concurrency',
  mode: 'mode',
  batchWait: 'batch-wait',
  batchIds: 'batch-ids',
  shard: 'shard'
} as const

/** The newest Sonnet alias in the SDK's `Model` type (1.14); never a deprecated one, which warns on every call. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5'

export { STREAM_MODES, type StreamMode } from '../request/build.js'

export const SUMMARY_MODES = ['full', 'metadata', 'off'] as const
export type SummaryMode = (typeof SUMMARY_MODES)[number]

/** Where the request goes: Anthropic's API, or Claude on a cloud (src/providers/). */
export const PROVIDERS = ['anthropic', 'bedrock', 'vertex', 'foundry'] as const
export type ProviderName = (typeof PROVIDERS)[number]

/** How a prompts-file runs: workers against the Messages API, Message Batches, or chosen by size. */
export const MANY_MODES = ['auto', 'direct', 'batch'] as const
export type ManyMode = (typeof MANY_MODES)[number]

export const COMMENT_TARGETS = ['none', 'pr', 'issue', 'pr-review'] as const
export type CommentTargetInput = (typeof COMMENT_TARGETS)[number]

/** Defaults used when an input is empty (as in a local run). A test holds them against action.yml. */
export const Defaults = {
  model: DEFAULT_MODEL,
  maxTokens: 4096,
  maxRetries: 5,
  baseDelaySeconds: 1,
  maxDelaySeconds: 60,
  jitter: 'full' as JitterMode,
  timeoutSeconds: 600,
  stream: 'auto' as StreamMode,
  summary: 'full' as SummaryMode,
  fallbackAfter: 2,
  commentOn: 'none' as CommentTargetInput,
  prDiff: false,
  maxReviewComments: 30,
  reviewSuggestions: false,
  maxFiles: 100,
  filesOptional: false,
  thinking: 'off',
  cache: 'none' as const,
  provider: 'anthropic' as ProviderName,
  concurrency: 4,
  mode: 'auto' as ManyMode,
  /** With mode auto: Message Batches from this many items (after shard), direct below. */
  batchThreshold: 100,
  batchWait: true,
  resume: false
}

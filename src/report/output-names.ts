/**
 * Every output name in one place (the input names are in inputs/input-names.ts). A test holds
 * these against action.yml, so a rename in one without the other fails CI instead of writing an
 * output no later step reads.
 */
export const Outputs = {
  response: 'response',
  responseFile: 'response-file',
  message: 'message',
  model: 'model',
  stopReason: 'stop-reason',
  inputTokens: 'input-tokens',
  outputTokens: 'output-tokens',
  cacheReadInputTokens: 'cache-read-input-tokens',
  cacheCreationInputTokens: 'cache-creation-input-tokens',
  requestId: 'request-id',
  attempts: 'attempts',
  retryLog: 'retry-log',
  durationMs: 'duration-ms',
  error: 'error',
  json: 'json',
  inputTokensCounted: 'input-tokens-counted',
  costUsd: 'cost-usd',
  commentUrl: 'comment-url',
  reviewComments: 'review-comments',
  total: 'total',
  succeeded: 'succeeded',
  failed: 'failed',
  resultsFile: 'results-file',
  batchIds: 'batch-ids'
} as const

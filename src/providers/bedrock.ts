/**
 * Amazon Bedrock: AnthropicBedrock from @anthropic-ai/bedrock-sdk, loaded only when chosen.
 * It rewrites each Messages request to Bedrock's /model/{id}/invoke(-with-response-stream),
 * signs it with SigV4 (or sends a Bedrock API key), and turns the binary event stream back
 * into SSE, so sendOnce works unchanged. Bedrock has no count-tokens endpoint (the SDK's
 * method stays but would send a request Bedrock cannot route): inputs/provider.ts refuses the
 * inputs that need a count.
 */
import type { MessagesClient } from '../claude/client.js'
import type { ProviderSettings } from '../inputs/provider.js'
import type { SharedOptions } from './shared.js'

export async function bedrockClient(
  settings: Extract<ProviderSettings, { name: 'bedrock' }>,
  baseUrl: string | undefined,
  shared: SharedOptions
): Promise<MessagesClient> {
  const { AnthropicBedrock } = await import('@anthropic-ai/bedrock-sdk')
  const { credentials } = settings
  // Explicit credentials only: the SDK's default chain (profiles, instance metadata) is never
  // reached. `apiKey: null` keeps it from reading AWS_BEARER_TOKEN_BEDROCK when signing.
  const common = { ...shared, awsRegion: settings.region, ...(baseUrl ? { baseURL: baseUrl } : {}) }
  switch (credentials.kind) {
    case 'keys':
      return new AnthropicBedrock({
        ...common,
        apiKey: null,
        awsAccessKey: credentials.accessKeyId,
        awsSecretKey: credentials.secretAccessKey,
        awsSessionToken: credentials.sessionToken ?? null
      })
    case 'bedrock-api-key':
      return new AnthropicBedrock({ ...common, apiKey: credentials.apiKey })
    case 'none':
      throw new Error('no AWS credentials: mock-response sends no request')
  }
}

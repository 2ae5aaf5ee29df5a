/**
 * providers/: the Messages client for the configured `provider` (anthropic, bedrock, vertex,
 * foundry). Every client is a BaseAnthropic subclass from its official SDK, built with the
 * same shared options (no SDK retries, the bounded fetch), so the retry loop, the outputs and
 * the fallback chain work the same everywhere. A cloud SDK is loaded with a dynamic import()
 * only when chosen: the default path loads none, and ncc puts each in a chunk of its own.
 *
 * To add a provider:
 * 1. inputs/input-names.ts: its name in PROVIDERS, its inputs in Inputs (and action.yml, then `npm run docs`);
 *    inputs/provider.ts: its ProviderSettings variant, read and checked before any request,
 *    credentials taken from the environment its login action leaves behind.
 * 2. A module here whose async function imports its SDK lazily and returns a MessagesClient
 *    built with `shared`; a case for it in createProviderClient; its secrets in secretsOf.
 * 3. Its error shapes: claude/sdk-failures.ts reads its error type and request id if they are not
 *    the API's own; report/log-lines.ts holds hints keyed by its error types; retry/classify.ts
 *    lists its retryable mid-stream error types. The rules stay the same for all.
 * 4. A fake of its wire format on 127.0.0.1 in __tests__/support, reached through the SDK's
 *    base-URL option, and tests: success, throttling then success, a final 4xx, a stream.
 */
import { runSecrets } from '../util/secrets.js'
import { boundedFetch } from '../claude/bounded-fetch.js'
import type { MessagesClient } from '../claude/client.js'
import type { Config } from '../inputs/config.js'
import type { ProviderSettings } from '../inputs/provider.js'
import { anthropicClient } from './anthropic.js'
import { bedrockClient } from './bedrock.js'
import { foundryClient } from './foundry.js'
import { vertexClient } from './vertex.js'
import type { SharedOptions } from './shared.js'

/**
 * `fetch`: network/'s fetchFromEnvironment (the proxy), for every provider; without it, the
 * runtime's. `accessToken`: the OIDC access token (auth/), for anthropic.
 */
export interface ClientTransport {
  fetch?: typeof globalThis.fetch
  accessToken?: () => string
}

/**
 * The client for `config.provider`; its credentials are masked before it is built. Every client
 * gets the same shared options (providers/shared.ts): no SDK retries, the bounded fetch over
 * `transport.fetch`, and the gateway headers as given (a header given wins over the SDK's own).
 */
export async function createProviderClient(config: Config, transport: ClientTransport = {}): Promise<MessagesClient> {
  const { provider } = config
  for (const secret of secretsOf(provider)) runSecrets.add(secret, `a credential of the ${provider.name} provider`)
  const shared: SharedOptions = { maxRetries: 0, fetch: boundedFetch(transport.fetch), defaultHeaders: config.headers }
  switch (provider.name) {
    case 'anthropic':
      return anthropicClient(config, shared, transport.accessToken)
    case 'bedrock':
      return bedrockClient(provider, config.baseUrl, shared)
    case 'vertex':
      return vertexClient(provider, config.baseUrl, shared)
    case 'foundry':
      return foundryClient(provider, config.baseUrl, shared)
  }
}

/** Credentials read from the environment; the Anthropic key is masked by main.ts already. */
export function secretsOf(provider: ProviderSettings): string[] {
  switch (provider.name) {
    case 'bedrock': {
      const { credentials: c } = provider
      if (c.kind === 'keys') return [c.accessKeyId, c.secretAccessKey, ...(c.sessionToken ? [c.sessionToken] : [])]
      return c.kind === 'bedrock-api-key' ? [c.apiKey] : []
    }
    case 'foundry':
      return provider.auth.kind === 'api-key' ? [provider.auth.apiKey] : []
    case 'vertex':
      return provider.accessToken !== undefined ? [provider.accessToken] : []
    default:
      return []
  }
}

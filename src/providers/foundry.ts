/**
 * Microsoft Foundry: AnthropicFoundry from @anthropic-ai/foundry-sdk, loaded only when chosen.
 * The Messages API's own wire format under https://{resource}.services.ai.azure.com/anthropic/,
 * with the key in `x-api-key`, or a Microsoft Entra ID token as `Authorization: Bearer`.
 */
import type { MessagesClient } from '../claude/client.js'
import type { ProviderSettings } from '../inputs/provider.js'
import { azureCliToken } from './azure-cli.js'
import type { SharedOptions } from './shared.js'

export async function foundryClient(
  settings: Extract<ProviderSettings, { name: 'foundry' }>,
  baseUrl: string | undefined,
  shared: SharedOptions
): Promise<MessagesClient> {
  const { AnthropicFoundry } = await import('@anthropic-ai/foundry-sdk')
  // The base URL is given outright (resource: null), so the SDK reads no ANTHROPIC_FOUNDRY_* variable.
  const baseURL = settings.resource ? `https://${settings.resource}.services.ai.azure.com/anthropic/` : baseUrl
  const auth =
    settings.auth.kind === 'api-key' ? { apiKey: settings.auth.apiKey } : { azureADTokenProvider: azureCliToken() }
  return new AnthropicFoundry({ ...shared, baseURL, resource: null, ...auth })
}

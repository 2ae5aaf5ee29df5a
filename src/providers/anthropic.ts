/**
 * The Claude API: Anthropic from @anthropic-ai/sdk, the default provider (loaded with the action,
 * not lazily). Built with `shared` like every provider, plus what only the Claude API has:
 * - `accessToken`: keyless login (auth/) keeps a short-lived token fresh; the client reads it
 *   before each request (the SDK's `apiKey` function, sent as `Authorization: Bearer`, so a
 *   renewed token needs no new client), with the OAuth beta header the API wants with such a token;
 * - a gateway's credential in `headers` replaces the key (sdkHeaders).
 */
import Anthropic from '@anthropic-ai/sdk'
import { OAUTH_API_BETA_HEADER } from '@anthropic-ai/sdk/lib/credentials/types'
import type { MessagesClient } from '../claude/client.js'
import type { Config } from '../inputs/config.js'
import { carriesCredential, type ExtraHeaders } from '../inputs/headers.js'
import type { SharedOptions } from './shared.js'

export function anthropicClient(
  config: Pick<Config, 'apiKey' | 'baseUrl'>,
  shared: SharedOptions,
  accessToken: (() => string) | undefined
): MessagesClient {
  return new Anthropic({
    ...shared,
    apiKey: accessToken ? () => Promise.resolve(accessToken()) : config.apiKey,
    baseURL: config.baseUrl ?? null,
    defaultHeaders: {
      ...(accessToken ? { 'anthropic-beta': OAUTH_API_BETA_HEADER } : {}),
      ...sdkHeaders(shared.defaultHeaders)
    }
  })
}

/**
 * The SDK merges defaultHeaders after its own (Authorization from the key), name by name without
 * regard to case, so a header given in `headers` wins; a null removes one. When `headers` carries
 * the gateway's credential, the SDK's Authorization is not sent (the key may be '' then).
 */
export function sdkHeaders(headers: ExtraHeaders): Record<string, string | null> {
  const own = Object.keys(headers).map(name => name.toLowerCase())
  return carriesCredential(headers) && !own.includes('authorization') ? { ...headers, Authorization: null } : headers
}

/**
 * Claude on Google Vertex AI: the client from @anthropic-ai/vertex-sdk, loaded only when this
 * provider is chosen (it brings google-auth-library, which the default path must not load).
 *
 * Credentials, in this order:
 * - `vertex-access-token`: a Google OAuth 2.0 access token the workflow minted (e.g.
 *   google-github-actions/auth with `token_format: access_token`), sent as it is.
 * - Application Default Credentials, read by google-auth-library as the SDK does by default: the
 *   file in GOOGLE_APPLICATION_CREDENTIALS that google-github-actions/auth writes (an
 *   external_account file: the GitHub OIDC token is exchanged at Google's STS, then for the
 *   service account's token), or a GCE runner's metadata server. They are resolved here, before
 *   any request, so a missing login fails at once with what to do instead of as retried
 *   connection errors; the token itself is fetched (and refreshed) by the SDK on each attempt.
 */
import type { AuthClient } from 'google-auth-library'
import type { AnthropicVertex } from '@anthropic-ai/vertex-sdk'
import type { VertexSettings } from '../inputs/vertex.js'
import { GoogleLoginError } from '../claude/google-errors.js'
import { ConfigError } from '../inputs/read.js'
import { Inputs } from '../inputs/names.js'

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform'

export interface VertexClientOptions {
  /** undefined: the SDK's endpoint for the region (https://{region}-aiplatform.googleapis.com/v1). */
  baseUrl: string | undefined
  fetch: typeof globalThis.fetch
}

export async function createVertexClient(
  settings: VertexSettings,
  options: VertexClientOptions
): Promise<AnthropicVertex> {
  const [{ AnthropicVertex }, google] = await Promise.all([
    import('@anthropic-ai/vertex-sdk'),
    import('google-auth-library')
  ])
  let authClient: AuthClient
  if (settings.accessToken !== undefined) {
    const client = new google.OAuth2Client()
    // No expiry given: google-auth-library sends it as it is and never tries to refresh it.
    client.setCredentials({ access_token: settings.accessToken, token_type: 'Bearer' })
    authClient = client
  } else {
    // The project given: else google-auth-library looks it up itself, by running `gcloud` and
    // asking Cloud Resource Manager, before the first request.
    const auth = new google.GoogleAuth({ scopes: CLOUD_PLATFORM_SCOPE, projectId: settings.projectId })
    authClient = await defaultCredentials(auth)
  }
  return new AnthropicVertex({
    projectId: settings.projectId,
    region: settings.region,
    authClient: markLoginFailures(authClient),
    // `null` would not do: the SDK takes undefined as "derive it from the region".
    ...(options.baseUrl !== undefined ? { baseURL: options.baseUrl } : {}),
    // Our loop retries: one attempt is one request (see claude/client.ts).
    maxRetries: 0,
    fetch: options.fetch
  })
}

/**
 * The SDK fetches the token on each attempt (authClient.getRequestHeaders) and wraps a failure in
 * the same APIConnectionError as a refused socket. Marked here, a refused login is told apart
 * (and not retried), with what the token service said.
 */
function markLoginFailures(client: AuthClient): AuthClient {
  const getRequestHeaders = client.getRequestHeaders.bind(client)
  client.getRequestHeaders = async url => {
    try {
      return await getRequestHeaders(url)
    } catch (error) {
      throw new GoogleLoginError(error)
    }
  }
  return client
}

/** The ADC client (no network yet on a runner: the file is read, the token is fetched per request). */
async function defaultCredentials(auth: { getClient(): Promise<AuthClient> }): Promise<AuthClient> {
  try {
    return await auth.getClient()
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ConfigError(
      `No Google credentials for Vertex AI: ${why} ` +
        `Run google-github-actions/auth before this step (the job needs 'permissions: id-token: write'), ` +
        `or pass a Google OAuth 2.0 access token in '${Inputs.vertexAccessToken}'.`
    )
  }
}

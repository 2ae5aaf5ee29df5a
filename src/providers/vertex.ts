/**
 * Google Vertex AI: AnthropicVertex from @anthropic-ai/vertex-sdk, loaded only when chosen (it
 * brings google-auth-library, which the default path must not load). It rewrites each Messages
 * request to .../projects/{p}/locations/{r}/publishers/anthropic/models/{model}:rawPredict (or
 * :streamRawPredict), so sendOnce works unchanged; count tokens is offered too.
 *
 * The token, asked for by the SDK on every attempt (getRequestHeaders below):
 * - `vertex-access-token`, if given: a token the workflow minted (google-github-actions/auth
 *   with `token_format: access_token`), sent as it is, never refreshed.
 * - Else Application Default Credentials, the SDK's own default: the file in
 *   GOOGLE_APPLICATION_CREDENTIALS that google-github-actions/auth writes (an external_account
 *   file: the runner's OIDC token is exchanged at Google's STS, then for the service account's
 *   token), or a GCE runner's metadata server. google-auth-library caches and refreshes it.
 * Any failure there is a GoogleLoginError inside the attempt, so it is logged, retried or not
 * (claude/sdk-failures.ts), and reported like any other; none escapes as an unhandled rejection (the
 * SDK's own default starts loading ADC in its constructor, with nobody awaiting it).
 */
import { runSecrets } from '../util/secrets.js'
import type { AuthClient } from 'google-auth-library'
import type { MessagesClient } from '../claude/client.js'
import { GoogleLoginError } from '../claude/google-errors.js'
import { Inputs } from '../inputs/input-names.js'
import type { ProviderSettings } from '../inputs/provider.js'
import type { SharedOptions } from './shared.js'
import { errorText } from '../util/errors.js'

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform'

export async function vertexClient(
  settings: Extract<ProviderSettings, { name: 'vertex' }>,
  baseUrl: string | undefined,
  shared: SharedOptions
): Promise<MessagesClient> {
  const { AnthropicVertex } = await import('@anthropic-ai/vertex-sdk')
  const headers =
    settings.accessToken !== undefined
      ? staticToken(settings.accessToken)
      : applicationDefaultCredentials(settings.projectId)
  // The SDK uses exactly these two members of the auth client it is given.
  const authClient = { projectId: settings.projectId, getRequestHeaders: headers } as unknown as AuthClient
  return new AnthropicVertex({
    ...shared,
    projectId: settings.projectId,
    region: settings.region,
    authClient,
    // null, not undefined: undefined would let the SDK read ANTHROPIC_VERTEX_BASE_URL, a URL no
    // check of ours has seen; null derives it from the region (https://{region}-aiplatform.googleapis.com/v1).
    baseURL: baseUrl ?? null
  })
}

type RequestHeaders = (url?: string) => Promise<Headers>

function staticToken(token: string): RequestHeaders {
  return () => Promise.resolve(new Headers({ authorization: `Bearer ${token}` }))
}

/**
 * google-auth-library's client for the environment, found on the first attempt (with the
 * project given, so it neither runs `gcloud` nor asks Cloud Resource Manager for it), then its
 * cached token. Not finding credentials is final: only another setup helps.
 */
function applicationDefaultCredentials(projectId: string): RequestHeaders {
  let client: Promise<AuthClient> | undefined
  let masked: string | undefined
  return async url => {
    client ??= import('google-auth-library').then(google =>
      new google.GoogleAuth({ scopes: CLOUD_PLATFORM_SCOPE, projectId }).getClient()
    )
    let found: AuthClient
    try {
      found = await client
    } catch (error) {
      client = undefined
      throw new GoogleLoginError(
        `no Google credentials for Vertex AI (${errorText(error)}). ` +
          `Run google-github-actions/auth before this step (the job needs 'permissions: id-token: write'), ` +
          `or pass an access token in '${Inputs.vertexAccessToken}'`,
        true
      )
    }
    let headers: Headers
    try {
      headers = await found.getRequestHeaders(url)
    } catch (error) {
      throw GoogleLoginError.from(error)
    }
    // The minted token is never printed; masked all the same, as soon as we hold a new one.
    const token = headers.get('authorization')?.replace(/^Bearer\s+/i, '')
    if (token && token !== masked) runSecrets.add((masked = token), 'the Vertex AI access token')
    return headers
  }
}

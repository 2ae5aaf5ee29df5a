/**
 * The Google Vertex AI inputs: project, region and an optional access token, read and checked
 * before any request. Where they come from when the inputs are empty is what
 * google-github-actions/auth and the Vertex SDK leave in the environment.
 */
import { Inputs } from './input-names.js'
import { ConfigError, type InputSource } from './read.js'
import { clip } from '../util/text.js'

export interface VertexSettings {
  projectId: string
  /** A Vertex location (us-east5, europe-west1), or the global / us / eu multi-region endpoints. */
  region: string
  /**
   * A Google OAuth 2.0 access token given as an input; undefined: Application Default Credentials
   * (GOOGLE_APPLICATION_CREDENTIALS, which google-github-actions/auth sets, or a GCE runner's
   * metadata server).
   */
  accessToken: string | undefined
}

/** The SDK's own variable and Claude Code's, then the one google-github-actions/auth sets. */
const PROJECT_VARIABLES = ['ANTHROPIC_VERTEX_PROJECT_ID', 'GOOGLE_CLOUD_PROJECT'] as const
/** The SDK's own variable (Claude Code reads it too). */
const REGION_VARIABLES = ['CLOUD_ML_REGION'] as const

/**
 * A project ID: 6 to 30 lower-case letters, digits and hyphens, starting with a letter and not
 * ending with a hyphen; old domain-scoped projects carry a `domain:` prefix (example.com:my-app).
 */
const PROJECT_ID = /^(?:[a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/
/**
 * A region as Google names them (area-direction + digit: us-east5, northamerica-northeast1), or a
 * multi-region endpoint the SDK knows. The region becomes part of the API's host name
 * (https://{region}-aiplatform.googleapis.com), so nothing else may pass: a value such as
 * `evil.example/x?` would send the access token to another host.
 */
const REGION = /^(?:global|us|eu|[a-z]+-[a-z]+[0-9]{1,2})$/
/** An OAuth 2.0 bearer token (RFC 6750 b64token): it goes into a header as it is. */
const ACCESS_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/

/**
 * Reads and checks the Vertex inputs; call it only when the provider is vertex. `mock`:
 * mock-response sends no request, so a project and region that are not given are not needed
 * (a fork's run, where the login step is skipped); given ones are still checked.
 */
export function vertexInputs(source: InputSource, { mock }: { mock: boolean } = { mock: false }): VertexSettings {
  const projectId = fromInputOrEnv(source, Inputs.vertexProjectId, PROJECT_VARIABLES)
  const region = fromInputOrEnv(source, Inputs.vertexRegion, REGION_VARIABLES)
  if (!projectId && !mock) {
    throw new ConfigError(
      `No Vertex AI project: input '${Inputs.vertexProjectId}' is empty and ${PROJECT_VARIABLES.join(' and ')} are not set. ` +
        `Give the Google Cloud project ID in '${Inputs.vertexProjectId}', or give google-github-actions/auth a 'project_id' (it sets GOOGLE_CLOUD_PROJECT).`
    )
  }
  if (projectId && !PROJECT_ID.test(projectId.value)) {
    throw new ConfigError(
      `${projectId.name} has invalid value '${clip(projectId.value, 200)}'. Expected a Google Cloud project ID ` +
        `(6 to 30 lower-case letters, digits and hyphens, starting with a letter, e.g. my-project-123), not its name or number.`
    )
  }
  if (!region && !mock) {
    throw new ConfigError(
      `No Vertex AI region: input '${Inputs.vertexRegion}' is empty and ${REGION_VARIABLES.join(' and ')} is not set. ` +
        `Give the region where the Claude model is enabled in '${Inputs.vertexRegion}', e.g. us-east5, europe-west1 or global.`
    )
  }
  if (region && !REGION.test(region.value)) {
    throw new ConfigError(
      `${region.name} has invalid value '${clip(region.value, 200)}'. Expected a Vertex AI region such as us-east5 or europe-west1, or global, us or eu.`
    )
  }
  const token = source.getInput(Inputs.vertexAccessToken).trim()
  if (token !== '' && !ACCESS_TOKEN.test(token)) {
    // The value is a secret: never quoted.
    throw new ConfigError(
      `Input '${Inputs.vertexAccessToken}' is not an OAuth 2.0 access token (it holds spaces or other characters a bearer token cannot). ` +
        `Pass the 'access_token' output of google-github-actions/auth (with token_format: access_token), or leave it empty to use Application Default Credentials.`
    )
  }
  // Under mock both may be '': no client is built.
  return {
    projectId: projectId?.value ?? '',
    region: region?.value ?? '',
    accessToken: token === '' ? undefined : token
  }
}

/** The input, else the first environment variable set; with a name for error messages. */
function fromInputOrEnv(
  source: InputSource,
  input: string,
  variables: readonly string[]
): { value: string; name: string } | undefined {
  const value = source.getInput(input).trim()
  if (value !== '') return { value, name: `Input '${input}'` }
  for (const variable of variables) {
    const fromEnv = source.env[variable]?.trim()
    if (fromEnv) return { value: fromEnv, name: `${variable} (used because '${input}' is empty)` }
  }
  return undefined
}

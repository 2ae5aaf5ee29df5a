/**
 * Hints for the errors a cloud provider words its own way, keyed by the error type that
 * claude/sdk-failures.ts reads (Bedrock's `x-amzn-errortype`, Vertex AI's google.rpc.Code). The rules
 * are the same on every provider (transient: retried; auth, validation, not found: final); only
 * the fix differs.
 * A provider whose errors are the API's own (Foundry) needs no entry here.
 */
import type { ProviderSettings } from '../inputs/provider.js'
import { Inputs } from '../inputs/input-names.js'

const BEDROCK_CREDENTIALS = `Check the AWS credentials: run aws-actions/configure-aws-credentials before this step, and check that its role may be assumed and has not expired.`

const PROVIDER_HINTS: Record<string, (model: string) => string> = {
  AccessDeniedException: model =>
    `Grant the role bedrock:InvokeModel (and bedrock:InvokeModelWithResponseStream when streaming) on '${model}', and enable access to the model in the Bedrock console for the region ('${Inputs.awsRegion}').`,
  UnrecognizedClientException: () => BEDROCK_CREDENTIALS,
  InvalidSignatureException: () => BEDROCK_CREDENTIALS,
  ExpiredTokenException: () => BEDROCK_CREDENTIALS,
  ResourceNotFoundException: model =>
    `Check the Bedrock model id '${model}' ('${Inputs.model}'): Bedrock names models like anthropic.claude-sonnet-4-5-20250929-v1:0, or an inference profile like us.anthropic.claude-sonnet-4-5-20250929-v1:0, and the model must be offered in '${Inputs.awsRegion}'.`,
  ValidationException: () =>
    `Bedrock rejected the request: check '${Inputs.model}' (a Bedrock model id or inference profile), '${Inputs.maxTokens}', '${Inputs.temperature}' and the prompt.`,
  ServiceQuotaExceededException: () =>
    'A Bedrock service quota was reached: ask for a higher quota in the Service Quotas console, or run again later.',
  // Google Vertex AI: its own refusals carry a google.rpc.Code; the login's failure is ours.
  google_login_error: () =>
    `Check the Google login: google-github-actions/auth's 'workload_identity_provider' and 'service_account', that the pool lets this repository in, and that the job has 'permissions: id-token: write'.`,
  UNAUTHENTICATED: () =>
    `Google refused the access token: '${Inputs.vertexAccessToken}' is wrong or expired, or the login gave a token for another audience.`,
  PERMISSION_DENIED: model =>
    `Grant the service account the role roles/aiplatform.user on the project ('${Inputs.vertexProjectId}'), and enable '${model}' in Vertex AI Model Garden for that project.`,
  FAILED_PRECONDITION: model =>
    `Enable '${model}' in Vertex AI Model Garden for the project (accept its terms), and check that it is offered in the region ('${Inputs.vertexRegion}').`,
  NOT_FOUND: model =>
    `Check the model name '${model}' ('${Inputs.model}'): Vertex names carry a version, e.g. claude-sonnet-4-5@20250929. Check too that it is offered in the region ('${Inputs.vertexRegion}') and enabled in the project ('${Inputs.vertexProjectId}').`,
  INVALID_ARGUMENT: () =>
    `Vertex AI rejected the request: check '${Inputs.model}', '${Inputs.maxTokens}', '${Inputs.temperature}' and the prompt.`
}

/** The provider's own hint for this error type, if it has one. */
export function providerHint(errorType: string, model: string): string | undefined {
  return Object.hasOwn(PROVIDER_HINTS, errorType) ? PROVIDER_HINTS[errorType]?.(model) : undefined
}

/** For the log's opening line: where the request goes, when it is not the Claude API. */
export function providerNote(provider: ProviderSettings): string {
  switch (provider.name) {
    case 'anthropic':
      return ''
    case 'bedrock':
      return `, on Amazon Bedrock in ${provider.region}`
    case 'vertex':
      return `, on Google Vertex AI in ${provider.region} (project ${provider.projectId})${provider.accessToken !== undefined ? ` with the token from '${Inputs.vertexAccessToken}'` : ''}`
    case 'foundry':
      return `, on Microsoft Foundry${provider.resource ? ` (resource ${provider.resource})` : ''}${provider.auth.kind === 'entra-id' ? ' with a Microsoft Entra ID token' : ''}`
  }
}

/**
 * Hints for the errors a cloud provider words its own way, keyed by the error type that
 * claude/errors.ts reads (Bedrock's `x-amzn-errortype`). The rules are the same on every
 * provider (transient: retried; auth, validation, not found: final); only the fix differs.
 * A provider whose errors are the API's own (Foundry) needs no entry here.
 */
import type { ProviderSettings } from '../inputs/provider.js'
import { Inputs } from '../inputs/names.js'

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
    'A Bedrock service quota was reached: ask for a higher quota in the Service Quotas console, or run again later.'
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
      return ', on Google Vertex AI'
    case 'foundry':
      return `, on Microsoft Foundry${provider.resource ? ` (resource ${provider.resource})` : ''}${provider.auth.kind === 'entra-id' ? ' with a Microsoft Entra ID token' : ''}`
  }
}

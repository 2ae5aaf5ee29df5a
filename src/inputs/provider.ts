/**
 * The `provider` input and what each provider needs, read and checked before any request.
 * Credentials come from the environment that the standard login actions leave behind
 * (aws-actions/configure-aws-credentials, google-github-actions/auth, azure/login): only their presence and shape are
 * checked here; src/providers/ builds the client from these settings.
 */
import { Defaults, Inputs, PROVIDERS, type ProviderName } from './input-names.js'
import { choiceInput, ConfigError, type InputSource, invalid } from './read.js'
import { type VertexSettings, vertexInputs } from './vertex-inputs.js'

/** One variant per provider; `name` tells them apart. */
export type ProviderSettings =
  | { name: 'anthropic' }
  | { name: 'bedrock'; region: string; credentials: AwsCredentials }
  | ({ name: 'vertex' } & VertexSettings)
  | { name: 'foundry'; resource: string | undefined; auth: FoundryAuth }

/** `none` only with mock-response, which sends no request. */
type AwsCredentials =
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; sessionToken: string | undefined }
  | { kind: 'bedrock-api-key'; apiKey: string }
  | { kind: 'none' }

type FoundryAuth = { kind: 'api-key'; apiKey: string } | { kind: 'entra-id' }

/** `mock`: mock-response is set, so no request is sent and no credential is needed. */
export function providerInput(source: InputSource, { mock }: { mock: boolean }): ProviderSettings {
  const name = choiceInput(source, Inputs.provider, PROVIDERS, Defaults.provider)
  switch (name) {
    case 'anthropic':
      return { name }
    case 'bedrock':
      refuseTokenCount(source, name)
      return { name, region: awsRegion(source, mock), credentials: mock ? { kind: 'none' } : awsCredentials(source) }
    case 'vertex':
      return { name, ...vertexInputs(source, { mock }) }
    case 'foundry':
      return { name, resource: foundryResource(source, mock), auth: foundryAuth(source) }
  }
}

/**
 * Bedrock has no count-tokens endpoint. max-input-tokens is a limit on the count, and
 * max-cost-usd bounds each attempt's worst case with the counted input tokens: both need it.
 */
function refuseTokenCount(source: InputSource, name: ProviderName): void {
  for (const input of [Inputs.maxInputTokens, Inputs.maxCostUsd]) {
    if (source.getInput(input).trim() === '') continue
    throw new ConfigError(
      `Input '${input}' needs the count-tokens endpoint, which provider '${name}' does not offer. Leave '${input}' empty with '${Inputs.provider}: ${name}'.`
    )
  }
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/

/** aws-region, else AWS_REGION, else AWS_DEFAULT_REGION (configure-aws-credentials sets both). */
function awsRegion(source: InputSource, mock: boolean): string {
  const fromInput = source.getInput(Inputs.awsRegion).trim()
  const region = fromInput || source.env.AWS_REGION?.trim() || source.env.AWS_DEFAULT_REGION?.trim() || ''
  if (region === '') {
    if (mock) return 'us-east-1'
    throw new ConfigError(
      `Provider 'bedrock' needs a region: input '${Inputs.awsRegion}' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set. Give e.g. '${Inputs.awsRegion}: us-east-1', or set 'aws-region' in aws-actions/configure-aws-credentials.`
    )
  }
  if (!AWS_REGION.test(region)) {
    const name = fromInput ? Inputs.awsRegion : 'AWS_REGION'
    throw invalid(name, region, 'an AWS region such as us-east-1 or eu-central-1')
  }
  return region
}

/**
 * The keys aws-actions/configure-aws-credentials exports, or a Bedrock API key
 * (AWS_BEARER_TOKEN_BEDROCK). The SDK's own provider chain (profiles, instance roles) is not
 * used: it would reach for 169.254.169.254 and fail late; configure-aws-credentials covers
 * those cases and exports the keys.
 */
function awsCredentials(source: InputSource): AwsCredentials {
  const env = (name: string) => source.env[name]?.trim() || ''
  const accessKeyId = env('AWS_ACCESS_KEY_ID')
  const secretAccessKey = env('AWS_SECRET_ACCESS_KEY')
  if (accessKeyId !== '' && secretAccessKey !== '') {
    return { kind: 'keys', accessKeyId, secretAccessKey, sessionToken: env('AWS_SESSION_TOKEN') || undefined }
  }
  if (accessKeyId !== '' || secretAccessKey !== '') {
    const missing = accessKeyId === '' ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'
    throw new ConfigError(
      `Provider 'bedrock': ${missing} is not set, but its pair is. Set both (aws-actions/configure-aws-credentials does).`
    )
  }
  const apiKey = env('AWS_BEARER_TOKEN_BEDROCK')
  if (apiKey !== '') return { kind: 'bedrock-api-key', apiKey }
  throw new ConfigError(
    `Provider 'bedrock' found no AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (nor AWS_BEARER_TOKEN_BEDROCK). Run aws-actions/configure-aws-credentials (with 'role-to-assume' and 'permissions: id-token: write') before this step.`
  )
}

/** An Azure resource name: letters, digits and hyphens, 2 to 64 characters. */
const AZURE_RESOURCE = /^[a-z0-9][a-z0-9-]{0,62}[a-z0-9]$/i

/**
 * foundry-resource (else ANTHROPIC_FOUNDRY_RESOURCE), or the base-url input: exactly one; none
 * under mock-response, like Bedrock's region and Vertex's project (a given one is still checked).
 */
function foundryResource(source: InputSource, mock: boolean): string | undefined {
  const fromInput = source.getInput(Inputs.foundryResource).trim()
  const resource = fromInput || source.env.ANTHROPIC_FOUNDRY_RESOURCE?.trim() || ''
  const baseUrl = source.getInput(Inputs.baseUrl).trim()
  if (resource !== '' && baseUrl !== '') {
    throw new ConfigError(
      `Provider 'foundry' was given both a resource ('${resource}') and '${Inputs.baseUrl}'. Give only one of them.`
    )
  }
  if (resource === '' && baseUrl === '' && !mock) {
    throw new ConfigError(
      `Provider 'foundry' needs the Foundry resource: input '${Inputs.foundryResource}' is empty and ANTHROPIC_FOUNDRY_RESOURCE is not set. Give e.g. '${Inputs.foundryResource}: my-resource' (the name in https://my-resource.services.ai.azure.com), or the endpoint in '${Inputs.baseUrl}'.`
    )
  }
  if (resource !== '' && !AZURE_RESOURCE.test(resource)) {
    const name = fromInput ? Inputs.foundryResource : 'ANTHROPIC_FOUNDRY_RESOURCE'
    throw invalid(name, resource, 'an Azure resource name (letters, digits and hyphens), e.g. my-resource')
  }
  return resource || undefined
}

/**
 * The Foundry API key from anthropic-api-key, else ANTHROPIC_FOUNDRY_API_KEY (never
 * ANTHROPIC_API_KEY: a runner-wide Anthropic key must not go to Azure). Without a key, a
 * Microsoft Entra ID token from the Azure CLI that azure/login signed in.
 */
function foundryAuth(source: InputSource): FoundryAuth {
  const apiKey = source.getInput(Inputs.apiKey).trim() || source.env.ANTHROPIC_FOUNDRY_API_KEY?.trim() || ''
  return apiKey === '' ? { kind: 'entra-id' } : { kind: 'api-key', apiKey }
}

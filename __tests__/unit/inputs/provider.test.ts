import { parseConfig } from '../../../src/inputs/config.js'
import { providerInput } from '../../../src/inputs/provider.js'
import type { InputSource } from '../../../src/inputs/read.js'

const source = (inputs: Record<string, string>, env: Record<string, string> = {}): InputSource => ({
  getInput: name => inputs[name] ?? '',
  env: { GITHUB_WORKSPACE: '/tmp', RUNNER_TEMP: '/tmp', ...env }
})
const AWS = { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-west-2' }

describe('providerInput', () => {
  it('defaults to anthropic, and names the accepted values for an unknown provider', async () => {
    expect(providerInput(source({}), { mock: false })).toEqual({ name: 'anthropic' })
    expect(() => providerInput(source({ provider: 'azure' }), { mock: false })).toThrow(
      "Input 'provider' has invalid value 'azure'. Expected one of 'anthropic', 'bedrock', 'vertex', 'foundry'."
    )
  })

  it('bedrock: region from aws-region, AWS_REGION, then AWS_DEFAULT_REGION; keys from the environment', async () => {
    expect(providerInput(source({ provider: 'bedrock' }, AWS), { mock: false })).toEqual({
      name: 'bedrock',
      region: 'us-west-2',
      credentials: { kind: 'keys', accessKeyId: 'AKIAX', secretAccessKey: 'secret', sessionToken: undefined }
    })
    const { AWS_REGION: _, ...noRegion } = AWS
    const fromDefault = providerInput(
      source({ provider: 'bedrock' }, { ...noRegion, AWS_DEFAULT_REGION: 'eu-west-1' }),
      {
        mock: false
      }
    )
    expect(fromDefault).toMatchObject({ region: 'eu-west-1' })
    const fromInput = providerInput(source({ provider: 'bedrock', 'aws-region': 'ap-southeast-2' }, AWS), {
      mock: false
    })
    expect(fromInput).toMatchObject({ region: 'ap-southeast-2' })
  })

  it('bedrock: a Bedrock API key when there are no AWS keys; neither is an error naming the login action', async () => {
    const withApiKey = providerInput(
      source({ provider: 'bedrock', 'aws-region': 'us-east-1' }, { AWS_BEARER_TOKEN_BEDROCK: 'bk' }),
      {
        mock: false
      }
    )
    expect(withApiKey).toMatchObject({ credentials: { kind: 'bedrock-api-key', apiKey: 'bk' } })
    expect(() => providerInput(source({ provider: 'bedrock', 'aws-region': 'us-east-1' }), { mock: false })).toThrow(
      /found no AWS credentials.*aws-actions\/configure-aws-credentials/
    )
  })

  it('bedrock with mock-response needs no credentials and no region (a fork PR has neither)', async () => {
    expect(providerInput(source({ provider: 'bedrock' }), { mock: true })).toEqual({
      name: 'bedrock',
      region: 'us-east-1',
      credentials: { kind: 'none' }
    })
  })

  it('foundry: the resource from foundry-resource or ANTHROPIC_FOUNDRY_RESOURCE; the key never from ANTHROPIC_API_KEY', async () => {
    const settings = providerInput(
      source({ provider: 'foundry' }, { ANTHROPIC_FOUNDRY_RESOURCE: 'my-res', ANTHROPIC_API_KEY: 'sk-ant-x' }),
      { mock: false }
    )
    expect(settings).toEqual({ name: 'foundry', resource: 'my-res', auth: { kind: 'entra-id' } })
    expect(() => providerInput(source({ provider: 'foundry' }), { mock: false })).toThrow(
      /needs the Foundry resource: input 'foundry-resource' is empty/
    )
  })
})

describe('parseConfig with a provider', () => {
  it('needs no Anthropic key, and ignores ANTHROPIC_BASE_URL, for a cloud', async () => {
    const config = await parseConfig(
      source({ prompt: 'Hi', provider: 'bedrock' }, { ...AWS, ANTHROPIC_BASE_URL: 'https://gateway.example.test/' })
    )
    expect(config.baseUrl).toBeUndefined()
    expect(config.apiKey).toBe('')
    expect(config.provider.name).toBe('bedrock')
  })

  it('still requires the Anthropic key for provider anthropic', async () => {
    await expect(parseConfig(source({ prompt: 'Hi' }))).rejects.toThrow(/No API key/)
  })
})

describe('count-tokens on Bedrock', () => {
  it("is still a method of the Bedrock SDK's client, so the inputs that need it are refused up front", async () => {
    // The SDK's types drop messages.countTokens, but its `delete` removes no own property: a call
    // would send a signed POST /v1/messages/count_tokens that Bedrock cannot route.
    const { AnthropicBedrock } = await import('@anthropic-ai/bedrock-sdk')
    const client = new AnthropicBedrock({ awsRegion: 'us-east-1', awsAccessKey: 'a', awsSecretKey: 'b' })
    expect(typeof (client.messages as { countTokens?: unknown }).countTokens).toBe('function')
    for (const input of ['max-input-tokens', 'max-cost-usd']) {
      expect(() => providerInput(source({ provider: 'bedrock', [input]: '1' }, AWS), { mock: false })).toThrow(
        `Input '${input}' needs the count-tokens endpoint, which provider 'bedrock' does not offer.`
      )
    }
  })
})

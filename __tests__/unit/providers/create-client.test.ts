import { providerInput } from '../../../src/inputs/provider.js'
import type { InputSource } from '../../../src/inputs/read.js'
import { secretsOf } from '../../../src/providers/create-client.js'

const source = (inputs: Record<string, string>, env: Record<string, string> = {}): InputSource => ({
  getInput: name => inputs[name] ?? '',
  env: { GITHUB_WORKSPACE: '/tmp', RUNNER_TEMP: '/tmp', ...env }
})
const AWS = { AWS_ACCESS_KEY_ID: 'AKIAX', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-west-2' }

describe('secretsOf', () => {
  it('lists every credential a provider read from the environment, for masking', async () => {
    const bedrock = providerInput(source({ provider: 'bedrock' }, { ...AWS, AWS_SESSION_TOKEN: 'tok' }), {
      mock: false
    })
    expect(secretsOf(bedrock)).toEqual(['AKIAX', 'secret', 'tok'])
    const foundry = providerInput(
      source({ provider: 'foundry', 'foundry-resource': 'my-res', 'anthropic-api-key': 'fk' }),
      {
        mock: false
      }
    )
    expect(secretsOf(foundry)).toEqual(['fk'])
    expect(secretsOf({ name: 'anthropic' })).toEqual([])
  })
})

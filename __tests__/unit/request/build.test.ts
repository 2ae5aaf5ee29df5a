import Anthropic from '@anthropic-ai/sdk'
import { sdkRequiresStreaming } from '../../../src/request/build.js'

describe('sdkRequiresStreaming', () => {
  it('agrees with the installed SDK, which refuses non-streaming calls it expects to run past 10 minutes', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-test' })
    for (const maxTokens of [1, 4096, 21_332, 21_333, 21_334, 21_335, 32_000, 64_000, 128_000]) {
      let sdkRefuses = false
      try {
        client.calculateNonstreamingTimeout(maxTokens, undefined)
      } catch {
        sdkRefuses = true
      }
      expect([maxTokens, sdkRequiresStreaming(maxTokens)]).toEqual([maxTokens, sdkRefuses])
    }
  })
})

/**
 * `ask` for the cloud providers: starts a fake of the provider's wire format on 127.0.0.1 and
 * runs the action against it (in a child or in-process), with the provider's inputs and the
 * environment its login action would leave. The fake is closed after each test.
 */
import { afterEach } from '@jest/globals'
import { KEY, type Runner, startApi } from './ask.js'
import type { FakeApiOptions } from './fake-api.js'
import { BEDROCK_MODEL, type BedrockReply, FAKE_AWS, type FakeBedrock, startFakeBedrock } from './fake-bedrock.js'
import type { RunOptions, RunResult } from './run-action.js'

export let bedrock: FakeBedrock | undefined
afterEach(async () => {
  await bedrock?.close()
  bedrock = undefined
})

/** Runs the action with provider bedrock against a fresh fake Bedrock, signed with FAKE_AWS keys. */
export function askBedrockWith(runner: Runner) {
  return async (
    script: BedrockReply[],
    inputs: Record<string, string> = {},
    extra: Partial<RunOptions> = {}
  ): Promise<RunResult> => {
    await bedrock?.close()
    bedrock = await startFakeBedrock(script)
    return runner({
      ...extra,
      inputs: {
        prompt: 'Say hello.',
        provider: 'bedrock',
        model: BEDROCK_MODEL,
        'base-url': bedrock.url,
        'base-delay': '0.01',
        ...inputs
      },
      env: { ...FAKE_AWS, ...extra.env }
    })
  }
}

/** The fake AWS keys appear only in the runner's ::add-mask:: commands, nowhere else. */
export function awsKeysNowhere(result: RunResult): string[] {
  const secrets = [FAKE_AWS.AWS_ACCESS_KEY_ID, FAKE_AWS.AWS_SECRET_ACCESS_KEY, FAKE_AWS.AWS_SESSION_TOKEN]
  let stdout = result.stdout
  for (const secret of secrets) stdout = stdout.replace(`::add-mask::${secret}\n`, '')
  const texts = [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]
  return secrets.filter(secret => texts.some(text => text.includes(secret)))
}

/** A Foundry API key, as azure or the user would store it; it must show up only in ::add-mask::. */
export const FOUNDRY_KEY = 'foundry-e2e-key-0123456789abcdef-DO-NOT-PRINT'

/**
 * Runs the action with provider foundry against the fake API served under /anthropic, the
 * path Foundry serves the Messages API under (`api` from ask.js is that fake). The key comes
 * from ANTHROPIC_FOUNDRY_API_KEY unless `inputs` or `extra.env` say otherwise; ANTHROPIC_API_KEY
 * is set too, to show that it never goes to Azure.
 */
export function askFoundryWith(runner: Runner) {
  return async (
    fake: FakeApiOptions,
    inputs: Record<string, string> = {},
    extra: Partial<RunOptions> = {}
  ): Promise<RunResult> => {
    const api = await startApi({ pathPrefix: '/anthropic', ...fake })
    return runner({
      ...extra,
      inputs: {
        prompt: 'Say hello.',
        provider: 'foundry',
        'base-url': `${api.url}/anthropic/`,
        'base-delay': '0.01',
        ...inputs
      },
      env: { ANTHROPIC_FOUNDRY_API_KEY: FOUNDRY_KEY, ANTHROPIC_API_KEY: KEY, ...extra.env }
    })
  }
}

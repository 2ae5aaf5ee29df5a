/**
 * The cloud providers as the runner runs them: the built dist/index.js in a child (Node 24, and
 * Node 20 in the second run of `npm test`), loading each provider SDK's chunk on demand,
 * against the fakes on 127.0.0.1.
 */
import { askBedrockWith, awsKeysNowhere, bedrock } from '../support/ask-providers.js'
import { retryLog } from '../support/ask.js'
import { runAction } from '../support/run-action.js'

const askBedrock = askBedrockWith(runAction)

describe('provider bedrock, from dist/', () => {
  it('retries a throttled stream, then answers through the event stream, and prints no AWS key', async () => {
    const result = await askBedrock(
      [
        { kind: 'error', status: 429, type: 'ThrottlingException', message: 'Too many requests.' },
        { kind: 'message', text: 'Streamed from Bedrock.', chunks: 3 }
      ],
      { stream: 'true' }
    )
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Streamed from Bedrock.')
    expect(retryLog(result).map(a => [a.status, a.errorType])).toEqual([
      [429, 'ThrottlingException'],
      [200, null]
    ])
    expect(bedrock?.requests.map(r => r.path.replace(/^\/model\/[^/]+/, ''))).toEqual([
      '/invoke-with-response-stream',
      '/invoke-with-response-stream'
    ])
    expect(awsKeysNowhere(result)).toEqual([])
    expect(result.stderr).toBe('')
  })

  it('fails a final AccessDeniedException with the Bedrock hint and exit code 1', async () => {
    const result = await askBedrock([{ kind: 'error', status: 403, type: 'AccessDeniedException', message: 'Denied.' }])
    expect(result.code).toBe(1)
    expect(result.outputs.error).toBe('AccessDeniedException: Denied.')
    expect(result.stdout).toMatch(/::error::.*Grant the role bedrock:InvokeModel/)
    expect(awsKeysNowhere(result)).toEqual([])
  })
})

/**
 * `npm run demo`: run the built action end to end, exactly as the runner would.
 *
 * - Without ANTHROPIC_API_KEY: against the bundled fake API on 127.0.0.1, which answers
 *   529 overloaded, then 429 with retry-after: 1, then a message, so you see the retries.
 * - With ANTHROPIC_API_KEY: against the real API (or ANTHROPIC_BASE_URL), one real call.
 *
 * Pass a prompt as arguments: `npm run demo -- "Write a haiku about retries"`.
 */
import { startFakeApi } from './fake-api.js'
import { runAction } from './run-action.js'

const prompt = process.argv.slice(2).join(' ') || 'Say hello in five words.'
const realKey = process.env.ANTHROPIC_API_KEY

const api = realKey
  ? undefined
  : await startFakeApi({
      script: [
        { kind: 'error', status: 529, type: 'overloaded_error', message: 'Overloaded' },
        {
          kind: 'error',
          status: 429,
          type: 'rate_limit_error',
          message: 'Rate limited',
          headers: { 'retry-after': '1' }
        },
        { kind: 'message', text: `(fake API) You asked: "${prompt}". Here is a **Markdown** answer after two retries.` }
      ]
    })

console.log(api ? `No ANTHROPIC_API_KEY: using the fake API at ${api.url}\n` : 'Using the real Anthropic API\n')
const result = await runAction({
  inputs: {
    prompt,
    'base-delay': '0.5',
    ...(api ? { 'anthropic-api-key': 'sk-ant-demo-not-a-real-key', 'base-url': api.url } : {})
  },
  env: realKey ? { ANTHROPIC_API_KEY: realKey, ANTHROPIC_BASE_URL: process.env.ANTHROPIC_BASE_URL } : {},
  timeoutMs: 15 * 60 * 1000,
  // The outputs name files (response-file) that the reader may want to open afterwards.
  keepFiles: true
})
await api?.close()

console.log('──── step log (stdout) ────')
process.stdout.write(result.stdout)
if (result.stderr) console.log(`──── stderr ────\n${result.stderr}`)
console.log('──── outputs, as the runner parses GITHUB_OUTPUT ────')
for (const [name, value] of Object.entries(result.outputs)) {
  console.log(`${name}: ${name === 'message' || name === 'retry-log' ? value : JSON.stringify(value)}`)
}
console.log('──── job summary (Markdown) ────')
console.log(result.summary)
console.log(`──── exit code ${result.code} after ${Math.round(result.durationMs)} ms ────`)
if (result.outputs['response-file']) console.log(`The response file is kept: ${result.outputs['response-file']}`)
process.exitCode = result.code ?? 1

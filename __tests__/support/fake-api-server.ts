/**
 * The fake Anthropic API (./fake-api.ts) as a long-running process, for the CI job that runs the
 * action with `uses: ./` and `base-url`:
 *
 *   npx tsx __tests__/support/fake-api-server.ts --url-file "$RUNNER_TEMP/fake-api-url" \
 *     --script '[{"kind":"error","status":529,"type":"overloaded_error"}, {"kind":"message"}]'
 *
 * `--script` is a JSON array of fake-api.ts `Reply` objects, answered in order to POST /v1/messages;
 * after the last one every request gets 500 "fake API script exhausted". Once the server listens
 * on 127.0.0.1 (random port) its URL is printed and written to `--url-file` in one rename, so a
 * reader polling for the file never sees half a URL. One line per request goes to stdout. The
 * process stays up until SIGINT or SIGTERM (the runner ends it with the job).
 */
import { renameSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startFakeApi, type Reply } from './fake-api.js'

const { values } = parseArgs({
  options: { script: { type: 'string' }, 'url-file': { type: 'string' } },
  strict: true
})

function fail(message: string): never {
  console.error(`fake-api-server: ${message}`)
  process.exit(2)
}

if (!values.script) fail('--script <JSON array of replies> is required')
let replies: Reply[]
try {
  replies = JSON.parse(values.script) as Reply[]
} catch (err) {
  fail(`--script is not JSON: ${(err as Error).message}`)
}
if (!Array.isArray(replies) || replies.some(r => typeof r !== 'object' || r === null || typeof r.kind !== 'string')) {
  fail('--script must be a JSON array of objects with a "kind"')
}

const exhausted: Reply = { kind: 'error', status: 500, type: 'api_error', message: 'fake API script exhausted' }
const api = await startFakeApi({
  script: (request, index) => {
    const reply = replies[index] ?? exhausted
    const what = reply.kind === 'error' ? `${reply.status} ${reply.type}` : reply.kind
    console.log(`request ${index + 1}: ${request.method} ${request.path} -> ${what}`)
    return reply
  }
})

if (values['url-file']) {
  const file = values['url-file']
  writeFileSync(`${file}.tmp`, `${api.url}\n`)
  renameSync(`${file}.tmp`, file)
}
console.log(`fake API listening at ${api.url} with ${replies.length} scripted replies`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`fake API: ${signal}, ${api.requests.length} requests served`)
    void api.close().then(() => process.exit(0))
  })
}

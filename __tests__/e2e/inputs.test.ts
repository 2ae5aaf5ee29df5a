/**
 * End to end: hostile or extreme inputs (issue 9 items 6, 9, 14) are refused, or honoured, before
 * or without any harm: no secret read through a symlink, no timer that fires early, no credentials
 * in a base URL.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type FakeApi, type Reply, startFakeApi } from '../support/fake-api.js'
import { type RunOptions, type RunResult, runAction } from '../support/run-action.js'

const KEY = 'sk-ant-api03-e2e-secret-key-DO-NOT-PRINT'
const hello: Reply = { kind: 'message', text: 'Hello there.' }

let api: FakeApi | undefined
const cleanup: string[] = []
afterEach(async () => {
  await api?.close()
  api = undefined
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true })
})

async function ask(
  script: Reply[],
  inputs: Record<string, string>,
  extra: Partial<RunOptions> = {}
): Promise<RunResult> {
  api = await startFakeApi({ script })
  return runAction({
    inputs: { prompt: 'Say hello.', 'anthropic-api-key': KEY, 'base-url': api.url, 'base-delay': '0.01', ...inputs },
    ...extra
  })
}

const retryLog = (result: RunResult) =>
  JSON.parse(result.outputs['retry-log'] ?? 'null') as Array<Record<string, unknown>>

describe('file inputs (issue 9, item 6)', () => {
  it('refuses a prompt-file that is a symlink out of the workspace, before any request', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'inputs-e2e-'))
    cleanup.push(root)
    const outside = path.join(root, 'outside', 'environ')
    const workspace = path.join(root, 'workspace')
    await fs.mkdir(path.dirname(outside), { recursive: true })
    await fs.mkdir(workspace)
    const secret = 'FAKE_SECRET=ghp_fakeTokenThatMustNotLeave'
    await fs.writeFile(outside, secret)
    await fs.symlink(outside, path.join(workspace, 'pr-body.md'))

    const result = await ask(
      [hello],
      { prompt: '', 'prompt-file': 'pr-body.md' },
      { env: { GITHUB_WORKSPACE: workspace } }
    )

    expect(api?.requests).toHaveLength(0)
    expect(result.code).toBe(1)
    expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]' })
    expect(result.outputs.error).toContain("Input 'prompt-file' has invalid value 'pr-body.md'")
    expect(result.outputs.error).toContain(`resolves to ${await fs.realpath(outside)}`)
    expect(result.stdout).toMatch(/::error::Input 'prompt-file' has invalid value 'pr-body\.md'/)
    for (const text of [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
      expect(text).not.toContain('ghp_fakeTokenThatMustNotLeave')
    }
  })
})

describe('huge times (issue 9, item 9)', () => {
  it('timeout and total-timeout of 99999999 s mean no practical limit, not "abort at once"', async () => {
    const result = await ask([{ ...hello, delayMs: 300 }], {
      timeout: '99999999',
      'total-timeout': '99999999',
      'max-retries': '2'
    })
    expect(result.code).toBe(0)
    expect(result.outputs).toMatchObject({ attempts: '1', response: 'Hello there.' })
    expect(retryLog(result)[0]).toMatchObject({ attempt: 1, status: 200 })
    expect(api?.requests).toHaveLength(1)
    expect(result.stderr).not.toContain('TimeoutOverflowWarning')
    // 127.0.0.1 is loopback: plain http:// there is no reason to warn.
    expect(result.stdout).not.toContain('clear text')
  })

  it('a server wait of 35 days (with max-delay allowing it) is not cut to 1 ms', async () => {
    const overloaded: Reply = {
      kind: 'error',
      status: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
      headers: { 'retry-after': '3024000' }
    }
    const result = await ask(
      [overloaded, hello],
      { 'max-delay': '99999999' },
      {
        signal: { name: 'SIGINT', afterMs: 500, whenStdoutMatches: /Retrying in/ }
      }
    )
    // Still waiting when cancelled: the second request was never sent.
    expect(api?.requests).toHaveLength(1)
    expect(result.code).not.toBe(0)
    expect(result.outputs).toMatchObject({ attempts: '1', error: 'cancelled' })
    expect(result.stderr).not.toContain('TimeoutOverflowWarning')
  })
})

describe('base-url (issue 9, item 14)', () => {
  it.each([
    ['input', (url: string) => ({ inputs: { 'base-url': url } }), "Input 'base-url'"],
    [
      'ANTHROPIC_BASE_URL',
      (url: string) => ({ inputs: { 'base-url': '' }, env: { ANTHROPIC_BASE_URL: url } }),
      "ANTHROPIC_BASE_URL (used because 'base-url' is empty)"
    ]
  ])(
    'refuses a URL with user:password@ from the %s, sends nothing and never shows the password',
    async (_from, place, name) => {
      api = await startFakeApi({ script: [hello] })
      const url = api.url.replace('http://', 'http://proxyuser:hunter2-secret@')
      const { inputs, env } = place(url) as { inputs: Record<string, string>; env?: Record<string, string> }
      const result = await runAction({
        inputs: { prompt: 'Say hello.', 'anthropic-api-key': KEY, 'base-delay': '0.01', ...inputs },
        env
      })
      expect(api.requests).toHaveLength(0)
      expect(result.code).toBe(1)
      expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]' })
      expect(result.outputs.error).toContain(`${name} has invalid value 'http://***@127.0.0.1:`)
      expect(result.outputs.error).toMatch(/user name or password/)
      for (const text of [result.stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
        expect(text).not.toContain('hunter2-secret')
      }
    }
  )
})

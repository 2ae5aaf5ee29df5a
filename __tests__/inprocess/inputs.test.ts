/**
 * Hostile or extreme inputs, in-process: refused before any harm, with no
 * secret read through a symlink and no credentials in a base URL shown. The huge-time cases, which
 * watch Node's own warnings and need a signal, are in __tests__/e2e/inputs.test.ts.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from '@jest/globals'
import { api, askWith, hello, KEY, startApi } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'

const ask = askWith(runInProcess)
const cleanup: string[] = []
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true })
})

describe('file inputs', () => {
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

describe('base-url', () => {
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
      const fake = await startApi({ script: [hello] })
      const url = fake.url.replace('http://', 'http://proxyuser:hunter2-secret@')
      const { inputs, env } = place(url) as { inputs: Record<string, string>; env?: Record<string, string> }
      const result = await runInProcess({
        inputs: { prompt: 'Say hello.', 'anthropic-api-key': KEY, 'base-delay': '0.01', ...inputs },
        env
      })
      expect(fake.requests).toHaveLength(0)
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

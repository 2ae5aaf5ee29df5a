/**
 * `files`, in-process against the fake API: the exact request body the API receives for text,
 * PNG and PDF attachments and a glob (in order), and every refusal before any request: outside
 * the workspace, a symlink out, no match, over max-files, an unknown kind and each API limit.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from '@jest/globals'
import { api, askWith, hello } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'
import type { RunResult } from '../support/run-action.js'
import { b64, PDF, png } from '../fixtures/images.js'

const ask = askWith(runInProcess, { prompt: 'What do these show?' })
const messagesRequests = () => api?.requests.filter(r => r.path === '/v1/messages') ?? []
const cleanup: string[] = []
afterEach(async () => {
  for (const dir of cleanup.splice(0)) await fs.rm(dir, { recursive: true, force: true })
})
async function tempDir(): Promise<string> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'attach-e2e-')))
  cleanup.push(dir)
  return dir
}

/** The body the API gets for a plain ask with these user-turn blocks. */
const bodyWith = (content: unknown[], extra: Record<string, unknown> = {}) => ({
  model: 'claude-sonnet-5-5',
  max_tokens: 4096,
  messages: [{ role: 'user', content: [...content, { type: 'text', text: 'What do these show?' }] }],
  ...extra
})
const text = (file: string, content: string) => ({ type: 'text', text: `<file path="${file}">\n${content}</file>` })
const image = (data: Buffer) => ({
  type: 'image',
  source: { type: 'base64', media_type: 'image/png', data: b64(data) }
})

function expectRefused(result: RunResult, message: string | RegExp) {
  expect(api?.requests).toHaveLength(0)
  expect(result.code).toBe(1)
  expect(result.outputs).toMatchObject({ attempts: '0', 'retry-log': '[]' })
  expect(result.outputs.error).toMatch(message)
}

describe('attachments reach the API as content blocks before the prompt', () => {
  it('a text file: a text block headed by its path', async () => {
    const result = await ask(
      [hello],
      { files: 'notes/todo.md' },
      { workspaceFiles: { 'notes/todo.md': '- ship it\n' } }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual(bodyWith([text('notes/todo.md', '- ship it\n')]))
  })

  it('a PNG: an image block, base64, media type from its bytes; the summary lists it', async () => {
    const shot = png(1280, 720, 100)
    const result = await ask([hello], { files: 'shot.png' }, { workspaceFiles: { 'shot.png': shot } })
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual(bodyWith([image(shot)]))
    expect(result.stdout).toContain(`, 1 file attached (${shot.length} bytes)`)
    expect(result.summary).toContain(
      `#### Attachments\n\n| File | Kind | Size |\n|---|---|---|\n| shot.png | image (PNG, 1280×720) | ${shot.length} bytes |`
    )
  })

  it('a PDF: a document block, base64', async () => {
    const result = await ask([hello], { files: 'spec.pdf' }, { workspaceFiles: { 'spec.pdf': PDF } })
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual(
      bodyWith([{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: b64(PDF) } }])
    )
  })

  it('a glob over several files: sorted within the line, lines in order, each file once', async () => {
    const result = await ask(
      [hello],
      { files: 'docs/*.md\nsrc/z.txt\ndocs/a.md\n\n  docs/**/*.md  ' },
      {
        workspaceFiles: {
          'docs/c.md': 'C',
          'docs/a.md': 'A',
          'docs/b.md': 'B',
          'docs/.hidden.md': 'dot files are not matched',
          'docs/deep/d.md': 'D',
          'src/z.txt': 'Z'
        }
      }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual(
      bodyWith([
        text('docs/a.md', 'A\n'),
        text('docs/b.md', 'B\n'),
        text('docs/c.md', 'C\n'),
        text('src/z.txt', 'Z\n'),
        text('docs/deep/d.md', 'D\n')
      ])
    )
  })

  it('a file in RUNNER_TEMP by absolute path, shown by that path', async () => {
    const runnerTemp = await tempDir()
    const file = path.join(runnerTemp, 'diff.patch')
    await fs.writeFile(file, '+ added\n')
    const result = await ask([hello], { files: file }, { env: { RUNNER_TEMP: runnerTemp } })
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual(bodyWith([text(file, '+ added\n')]))
  })

  it('max-input-tokens counts the attachments: the count request carries the same blocks', async () => {
    const shot = png(10, 10)
    const result = await ask(
      { script: [hello], countTokens: 900 },
      { files: 'shot.png', 'max-input-tokens': '1000' },
      { workspaceFiles: { 'shot.png': shot } }
    )
    expect(result.code).toBe(0)
    const count = api?.requests.find(r => r.path === '/v1/messages/count_tokens')
    expect(count?.body).toEqual({ model: 'claude-sonnet-5-5', messages: bodyWith([image(shot)]).messages })
  })
})

describe('attachments with a conversation (messages, prompt-yml)', () => {
  const earlier = [
    { role: 'user', content: 'What does this repo build?' },
    { role: 'assistant', content: 'A GitHub Action.' }
  ]
  const cached = { cache_control: { type: 'ephemeral', ttl: '5m' } }

  it('messages without prompt: the files go first in the last user turn, the earlier turns as given', async () => {
    const question = { role: 'user', content: [{ type: 'text', text: 'And these notes?' }] }
    const result = await ask(
      [hello],
      { prompt: '', messages: JSON.stringify([...earlier, question]), files: 'notes/todo.md', cache: '5m' },
      { workspaceFiles: { 'notes/todo.md': '- ship it\n' } }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 4096,
      messages: [
        ...earlier,
        {
          role: 'user',
          content: [
            { ...text('notes/todo.md', '- ship it\n'), ...cached },
            { type: 'text', text: 'And these notes?' }
          ]
        }
      ]
    })
  })

  it('messages with prompt: the prompt is the last user turn, and the files go before it', async () => {
    const shot = png(10, 10)
    const result = await ask(
      [hello],
      { prompt: 'And this screenshot?', messages: JSON.stringify(earlier), files: 'shot.png' },
      { workspaceFiles: { 'shot.png': shot } }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 4096,
      messages: [...earlier, { role: 'user', content: [image(shot), { type: 'text', text: 'And this screenshot?' }] }]
    })
  })

  it("prompt-yml: the files go into the file's last user turn; cache marks its system prompt and the last file", async () => {
    const yml =
      'messages:\n  - role: system\n    content: You review diffs.\n  - role: user\n    content: Review this.\n' +
      'modelParameters:\n  maxTokens: 2000\n'
    const result = await ask(
      [hello],
      { prompt: '', 'prompt-yml': 'review.prompt.yml', files: 'change.diff', cache: '5m', thinking: '1024' },
      { workspaceFiles: { 'review.prompt.yml': yml, 'change.diff': '+ added\n' } }
    )
    expect(result.code).toBe(0)
    expect(messagesRequests()[0]?.body).toEqual({
      model: 'claude-sonnet-5-5',
      max_tokens: 2000,
      system: [{ type: 'text', text: 'You review diffs.', ...cached }],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        {
          role: 'user',
          content: [
            { ...text('change.diff', '+ added\n'), ...cached },
            { type: 'text', text: 'Review this.' }
          ]
        }
      ]
    })
  })
  // That the earlier turns count towards the request-size limit is tested with a small limit passed
  // in (__tests__/unit/inputs/files-input.test.ts): here it took 2 × 17 MiB through INPUT_MESSAGES.
})

describe('attachments refused before any request', () => {
  it('a file outside the workspace and RUNNER_TEMP', async () => {
    const outside = path.join(await tempDir(), 'secret.txt')
    await fs.writeFile(outside, 'FAKE_SECRET')
    const result = await ask([hello], { files: outside })
    expectRefused(result, `Input 'files' has invalid value '${outside}': it resolves to ${outside}, which is outside`)
    expect(result.stdout).not.toContain('FAKE_SECRET')
  })

  it('a symlink out of the workspace, matched by a glob', async () => {
    const outside = path.join(await tempDir(), 'environ')
    await fs.writeFile(outside, 'FAKE_SECRET=ghp_fakeTokenThatMustNotLeave')
    const workspace = path.join(await tempDir(), 'ws')
    await fs.mkdir(workspace)
    await fs.writeFile(path.join(workspace, 'a.txt'), 'fine')
    await fs.symlink(outside, path.join(workspace, 'b.txt'))
    const result = await ask([hello], { files: '*.txt' }, { env: { GITHUB_WORKSPACE: workspace } })
    // A glob's match does not name where its link points (issue 20, item 2).
    expectRefused(result, "Input 'files' has invalid value 'b.txt': it resolves to a path, which is outside")
    expect(result.outputs.error).not.toContain(outside)
    for (const out of [result.stdout, result.summary, JSON.stringify(result.outputs)]) {
      expect(out).not.toContain('ghp_fakeTokenThatMustNotLeave')
    }
  })

  it('a glob that matches nothing is an error, unless files-optional', async () => {
    const none = await ask([hello], { files: 'screenshots/*.png' })
    expectRefused(none, /^invalid_input: Input 'files' has a pattern that matches no file: 'screenshots\/\*\.png'/)
    expect(none.outputs.error).toContain("Set 'files-optional: true' if no match is fine.")

    const optional = await ask([hello], { files: 'screenshots/*.png\nmissing.md', 'files-optional': 'true' })
    expect(optional.code).toBe(0)
    expect(messagesRequests()[0]?.body.messages).toEqual([{ role: 'user', content: 'What do these show?' }])
  })

  it('more matches than max-files', async () => {
    const files = Object.fromEntries(['a', 'b', 'c'].map(n => [`logs/${n}.log`, n]))
    const result = await ask([hello], { files: 'logs/*.log', 'max-files': '2' }, { workspaceFiles: files })
    expectRefused(
      result,
      "Input 'files' matches 3 files, more than 'max-files' (2). Narrow the patterns, or raise 'max-files' if you mean to send that many."
    )
  })

  it('a kind the API does not take, naming the file and the kinds accepted', async () => {
    const result = await ask(
      [hello],
      { files: 'build.zip' },
      { workspaceFiles: { 'build.zip': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]) } }
    )
    expectRefused(
      result,
      "Input 'files': 'build.zip' is not a kind of file the API accepts. Expected a text file (valid UTF-8 without NUL bytes), a PDF, or a PNG, JPEG, GIF or WebP image"
    )
  })

  it.each([
    [
      'an image over 8000 px',
      { 'big.png': png(8001, 600) },
      "'big.png' is 8001×600 px; the API accepts at most 8000×8000 px per image"
    ],
    [
      'over 2000 px when more than 20 images',
      Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`s/${String(i).padStart(2, '0')}.png`, png(2001, 10)])),
      "'s/00.png' is 2001×10 px; the API accepts at most 2000×2000 px per image when a request holds more than 20 images (it holds 21)"
    ],
    [
      'an image over 5 MB as base64',
      { 'huge.png': png(100, 100, 4 * 1024 * 1024) },
      /'huge\.png' is \d+ bytes, \d+ as base64; the API accepts at most 5242880 bytes of base64 per image/
    ],
    [
      'a request over 32 MB',
      { 'a.txt': 'a'.repeat(17 * 1024 * 1024), 'b.txt': 'b'.repeat(17 * 1024 * 1024) },
      /the files add up to more than 33554432 bytes by 'b\.txt'; the API accepts at most 33554432 bytes \(32 MB\) in one request/
    ],
    [
      'a request over 32 MB once encoded',
      { 'a.txt': '"'.repeat(12 * 1024 * 1024), 'b.txt': '"'.repeat(5 * 1024 * 1024) },
      /the attachments and the prompt come to \d+ bytes in the request; the API accepts at most 33554432 bytes \(32 MB\)/
    ]
  ])('%s', async (_limit, workspaceFiles, message) => {
    const result = await ask(
      [hello],
      { files: Object.keys(workspaceFiles).join('\n'), 'max-files': '1000' },
      { workspaceFiles }
    )
    expectRefused(result, message)
  })

  it('more than 600 images', async () => {
    const workspaceFiles = Object.fromEntries(Array.from({ length: 601 }, (_, i) => [`i/${i}.png`, png(10, 10)]))
    const result = await ask([hello], { files: 'i/*.png', 'max-files': '1000' }, { workspaceFiles })
    expectRefused(result, "Input 'files': 601 images are attached; the API accepts at most 600 in one request.")
  })
})

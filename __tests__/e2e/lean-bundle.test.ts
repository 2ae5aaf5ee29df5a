/**
 * The lean bundle (issue 18, section 4), on the built dist/: the default path (one prompt, an API
 * key, no proxy) loads none of the code only other paths need, and every chunk is minified.
 * Proven the way vertex.test.ts proves its lazy chunks: the chunks are deleted from a copy of
 * dist/ and the action still answers from it.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { askWith, hello } from '../support/ask.js'
import { tempDir } from '../support/ask-vertex.js'
import { ACTION_NODE, DEFAULT_ENTRY, REPO_ROOT, runAction } from '../support/run-action.js'

const dist = path.dirname(DEFAULT_ENTRY)
const chunks = () => readdirSync(dist).filter(file => /^\d+\.index\.js$/.test(file))

describe('the default path', () => {
  it("runs from a dist/ without the chunks holding undici, tunnel, @actions/core's OIDC client (@actions/http-client) and the review's code", async () => {
    const copy = path.join(tempDir('lean-'), 'dist')
    cpSync(dist, copy, { recursive: true })
    // The module headers script/minify-chunks.mjs writes, or ncc's own concatenation markers. Not
    // @actions/github's own copy of http-client (./node_modules/@actions/github/node_modules/...).
    const markers = [
      './node_modules/undici/',
      './node_modules/tunnel/',
      './node_modules/@actions/http-client/',
      './src/github/review-step.ts' // pr-review and pr-diff only (issue 23)
    ]
    const removed = chunks().filter(file => {
      const text = readFileSync(path.join(copy, file), 'utf8')
      return markers.some(marker => text.includes(marker))
    })
    expect(removed.length).toBeGreaterThanOrEqual(1)
    const holds = (marker: string) => removed.some(file => readFileSync(path.join(copy, file), 'utf8').includes(marker))
    expect(holds('./src/github/review-step.ts')).toBe(true)
    for (const file of removed) rmSync(path.join(copy, file))

    const result = await askWith(runAction)([hello], {}, { entry: path.join(copy, 'index.js') })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Hello there.')
  })

  it('loads no node:child_process (only Foundry without a key runs az; @actions/exec is not bundled)', async () => {
    const loaded = await builtinsLoaded()
    expect(loaded.filter(m => /^NativeModule (internal\/)?child_process$/.test(m))).toEqual([])
  })

  // Loading Node's undici (behind fetch, Headers, FormData, and node:http's WebSocket getter)
  // cost about 20 ms and its first request 12 ms more: the requests go over node:http instead
  // (network/http-fetch.ts), and the SDK's Headers and FormData are served without it
  // (network/fetch-globals.ts). The bare fetch script loads it, which proves the name.
  it("loads none of Node's own fetch stack (its bundled undici), which the bare fetch script does load", async () => {
    const undici = 'NativeModule internal/deps/undici/undici'
    expect(await builtinsLoaded()).not.toContain(undici)
    const bare = (
      await atExit('process.moduleLoadList', path.join(REPO_ROOT, 'script', 'bench', 'bare-call.mjs'))
    ).split('\n')
    expect(bare).toContain(undici)
  })

  // src/startup.ts sets --liftoff-only before Node 24 only; node:v8, which sets it, is no built-in
  // a plain fetch loads, and on Node 24 loading it was 1-2 ms of every start-up for nothing.
  it('loads node:v8 only on a Node before 24, where it sets --liftoff-only', async () => {
    const loaded = await builtinsLoaded()
    const major = Number(execFileSync(ACTION_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).split('.')[0])
    expect(loaded.includes('NativeModule v8')).toBe(major < 24)
  })

  // libuv starts its four worker threads at the first call that needs them (fs.promises, dns,
  // zlib); the bare fetch script makes none, and since the summary is appended synchronously
  // (appendSummary) the action's default path makes none either. Linux: threads in /proc/self/task.
  it('runs on no more threads than a bare fetch script making the same request (no libuv worker pool)', async () => {
    const threads = async (entry?: string) => Number(await atExit("readdirSync('/proc/self/task').length", entry))
    const bare = await threads(path.join(REPO_ROOT, 'script', 'bench', 'bare-call.mjs'))
    expect(bare).toBeGreaterThan(1)
    expect(await threads()).toBeLessThanOrEqual(bare)
  })
})

/** Node's list of the built-in modules and bindings the action loaded in one default run, read at exit. */
async function builtinsLoaded(): Promise<string[]> {
  const loaded = (await atExit('process.moduleLoadList')).split('\n')
  expect(loaded).toContain('NativeModule fs') // the list was written
  return loaded
}

/** `expression` evaluated in the 'exit' event of one default run of `entry` (by default the action). */
async function atExit(expression: string, entry = DEFAULT_ENTRY): Promise<string> {
  const dir = tempDir('lean-exit-')
  const preload = path.join(dir, 'record.mjs')
  const file = path.join(dir, 'value.txt')
  writeFileSync(
    preload,
    `import { readdirSync, writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(${JSON.stringify(file)}, String([${expression}].flat().join('\\n'))))\n`
  )
  const result = await askWith(runAction)([hello], {}, { entry, env: { NODE_OPTIONS: `--import=${preload}` } })
  expect(result.code).toBe(0)
  return readFileSync(file, 'utf8')
}

describe('dist/', () => {
  // network/fetch-globals.ts makes FormData a stand-in that cannot be constructed (the real one
  // would load Node's undici). The only code in the bundle that builds one is the SDK's file
  // upload, which the action never calls: a new dependency that builds one must be looked at.
  it('builds a FormData nowhere but in the SDK’s file uploads, which the action never calls', () => {
    const builders = new Set<string>()
    for (const file of ['index.js', ...chunks()]) {
      const text = readFileSync(path.join(dist, file), 'utf8')
      for (const match of text.matchAll(/new FormData\b/g)) {
        const before = text.slice(0, match.index)
        const headers = [...before.matchAll(/\/\*\*\*\/ \d+: \/\/ (\S+)|\/\*! CONCATENATED MODULE: (\S+) \*\//g)]
        const last = headers.at(-1)
        builders.add(last ? (last[1] ?? last[2]!) : file)
      }
    }
    expect([...builders]).toEqual(['./node_modules/@anthropic-ai/sdk/internal/uploads.mjs'])
  })

  it('holds at most 3.5 MB of JavaScript, every chunk minified module by module under a header naming its source', () => {
    const files = ['index.js', ...chunks()]
    const bytes = files.reduce((sum, file) => sum + statSync(path.join(dist, file)).size, 0)
    expect(bytes).toBeLessThanOrEqual(3.5e6)
    for (const file of chunks()) {
      const lines = readFileSync(path.join(dist, file), 'utf8').split('\n')
      const headers = lines.filter(line => /^\/\*\*\*\/ \d+:/.test(line))
      expect(headers.length).toBeGreaterThan(0)
      for (const header of headers) expect(header).toMatch(/^\/\*\*\*\/ \d+: \/\/ \.\/(node_modules|src)\/\S+/)
    }
  })
})

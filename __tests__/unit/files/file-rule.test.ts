/**
 * The file rules, on real directories: what a file input may read, and how the
 * action creates the files it writes.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  createOutputFile,
  type FileRoots,
  inputFileRoots,
  isUnderDir,
  MAX_INPUT_FILE_BYTES,
  readInputFile,
  readInputBytes
} from '../../../src/files/file-rule.js'

let root: string
let ws: string
let runnerTemp: string
let roots: FileRoots
beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'files-test-')))
  ws = path.join(root, 'ws')
  runnerTemp = path.join(root, 'runner-temp')
  mkdirSync(ws)
  mkdirSync(runnerTemp)
  roots = inputFileRoots({ GITHUB_WORKSPACE: ws, RUNNER_TEMP: runnerTemp })
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const accepted = () =>
  `Expected a regular file of at most 32 MiB under GITHUB_WORKSPACE (${ws}) or RUNNER_TEMP (${runnerTemp}); ` +
  `relative paths start at ${ws}, and symbolic links may point only inside those directories.`

describe('readInputFile', () => {
  it('reads a regular file in the workspace (relative) or in RUNNER_TEMP (absolute)', () => {
    mkdirSync(path.join(ws, 'prompts'))
    writeFileSync(path.join(ws, 'prompts', 'p.md'), 'Review ü.')
    writeFileSync(path.join(runnerTemp, 'diff.patch'), 'diff')
    expect(readInputFile('prompt-file', 'prompts/p.md', roots)).toBe('Review ü.')
    expect(readInputFile('prompt-file', path.join(runnerTemp, 'diff.patch'), roots)).toBe('diff')
  })

  it('follows a symlink that stays inside the allowed directories', () => {
    writeFileSync(path.join(runnerTemp, 'body.md'), 'From RUNNER_TEMP.')
    mkdirSync(path.join(ws, 'docs'))
    writeFileSync(path.join(ws, 'docs', 'real.md'), 'Real.')
    symlinkSync(path.join(runnerTemp, 'body.md'), path.join(ws, 'to-temp.md'))
    symlinkSync('docs/real.md', path.join(ws, 'relative-link.md'))
    symlinkSync(path.join(ws, 'docs'), path.join(ws, 'docs-link'))
    expect(readInputFile('prompt-file', 'to-temp.md', roots)).toBe('From RUNNER_TEMP.')
    expect(readInputFile('prompt-file', 'relative-link.md', roots)).toBe('Real.')
    expect(readInputFile('prompt-file', 'docs-link/real.md', roots)).toBe('Real.')
  })

  it.each([
    ['a symlink to a file outside', () => symlinkSync(path.join(root, 'secret'), path.join(ws, 'p.md')), 'p.md'],
    ['a symlinked directory outside', () => symlinkSync(root, path.join(ws, 'up')), 'up/secret'],
    ['a ../ path', () => undefined, '../secret'],
    ['an absolute path outside', () => undefined, '__SECRET__']
  ])('refuses %s, naming the input, the value, the real path and what is accepted', (_name, plant, given) => {
    writeFileSync(path.join(root, 'secret'), 'FAKE_SECRET=1')
    plant()
    const value = given === '__SECRET__' ? path.join(root, 'secret') : given
    expect(() => readInputFile('system-file', value, roots)).toThrow(
      `Input 'system-file' has invalid value '${value}': it resolves to ${path.join(root, 'secret')}, which is outside the allowed directories. ${accepted()}`
    )
  })

  it('refuses /proc/self/environ through a workspace symlink (the attack in the issue)', () => {
    symlinkSync('/proc/self/environ', path.join(ws, 'environ.md'))
    expect(() => readInputFile('prompt-file', 'environ.md', roots)).toThrow(
      /it resolves to \/proc\/\d+\/environ, which is outside the allowed directories/
    )
  })

  it('refuses a directory', () => {
    mkdirSync(path.join(ws, 'dir'))
    expect(() => readInputFile('prompt-file', 'dir', roots)).toThrow(
      `Input 'prompt-file' has invalid value 'dir': it resolves to ${ws}/dir, which is a directory, not a regular file. ${accepted()}`
    )
  })

  it('refuses a device, even in an allowed directory', () => {
    const devRoots: FileRoots = { base: '/dev', allowed: [{ name: 'DEV', dir: '/dev' }] }
    expect(() => readInputFile('prompt-file', 'zero', devRoots)).toThrow(
      "Input 'prompt-file' has invalid value 'zero': it resolves to /dev/zero, which is a character device, not a regular file."
    )
  })

  it('refuses a file over 32 MiB without reading it (a sparse 1 GiB file), and reads one just under', () => {
    const big = path.join(ws, 'big.txt')
    writeFileSync(big, '')
    truncateSync(big, 1024 ** 3)
    expect(() => readInputFile('prompt-file', 'big.txt', roots)).toThrow(
      `it resolves to ${big}, which holds ${1024 ** 3} bytes, more than the API accepts in one request.`
    )
    truncateSync(big, MAX_INPUT_FILE_BYTES + 1)
    expect(() => readInputFile('prompt-file', 'big.txt', roots)).toThrow(
      `which holds ${MAX_INPUT_FILE_BYTES + 1} bytes`
    )
    truncateSync(big, MAX_INPUT_FILE_BYTES)
    expect(readInputFile('prompt-file', 'big.txt', roots)).toHaveLength(MAX_INPUT_FILE_BYTES)
  })

  it('says where it looked for a missing file', () => {
    expect(() => readInputFile('prompt-file', 'missing.md', roots)).toThrow(
      `Input 'prompt-file' has invalid value 'missing.md'. Expected a readable file (relative paths start at ${ws}); reading ${ws}/missing.md failed: ENOENT.`
    )
  })
})

describe('inputFileRoots', () => {
  it('on a runner: the workspace and RUNNER_TEMP, relative paths from the workspace', () => {
    expect(inputFileRoots({ GITHUB_WORKSPACE: '/w', RUNNER_TEMP: '/t' }, '/cwd')).toEqual({
      base: '/w',
      allowed: [
        { name: 'GITHUB_WORKSPACE', dir: '/w' },
        { name: 'RUNNER_TEMP', dir: '/t' }
      ]
    })
  })
  it('in a local run (neither set): the working directory only', () => {
    expect(inputFileRoots({}, '/cwd')).toEqual({
      base: '/cwd',
      allowed: [{ name: 'the working directory', dir: '/cwd' }]
    })
  })
})

describe('createOutputFile', () => {
  it('creates the file in a fresh directory under RUNNER_TEMP each time', () => {
    const first = createOutputFile('response.md', 'one', { RUNNER_TEMP: runnerTemp })
    const second = createOutputFile('response.md', 'two', { RUNNER_TEMP: runnerTemp })
    expect(path.dirname(path.dirname(first))).toBe(runnerTemp)
    expect(path.dirname(first)).not.toBe(path.dirname(second))
    expect(readFileSync(first, 'utf8')).toBe('one')
    expect(readFileSync(second, 'utf8')).toBe('two')
    expect(lstatSync(path.dirname(first)).isDirectory()).toBe(true)
    expect(statSync(path.dirname(first)).mode & 0o777).toBe(0o755)
    expect(readdirSync(runnerTemp)).toHaveLength(2)
  })
})

/*
 * isUnderDir: whether a file lies under a folder (RUNNER_TEMP, for the many-prompts summary's
 * note), by the platform's own path rules (path.relative), never a '/' prefix test.
 */
describe('isUnderDir', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'under-dir-'))
  const temp = path.join(root, 'runner-temp')
  mkdirSync(path.join(temp, 'ask-claude-x'), { recursive: true })
  mkdirSync(path.join(root, 'runner-temp2'))
  const inside = path.join(temp, 'ask-claude-x', 'results.jsonl')
  writeFileSync(inside, '')

  it('is true for a file anywhere below the folder, by its real path', () => {
    expect(isUnderDir(temp, inside)).toBe(true)
    expect(isUnderDir(`${temp}${path.sep}`, inside)).toBe(true)
    const link = path.join(root, 'link-to-temp')
    symlinkSync(temp, link)
    expect(isUnderDir(link, inside)).toBe(true)
    expect(isUnderDir(temp, path.join(link, 'ask-claude-x', 'results.jsonl'))).toBe(true)
  })

  it('is true for a name that starts with two dots, which is not the parent folder', () => {
    expect(isUnderDir(temp, path.join(temp, '..results.jsonl'))).toBe(true)
  })

  it('is false for the folder itself, a sibling sharing its name as a prefix, a parent, and no folder', () => {
    expect(isUnderDir(temp, temp)).toBe(false)
    expect(isUnderDir(temp, path.join(root, 'runner-temp2', 'results.jsonl'))).toBe(false)
    expect(isUnderDir(temp, path.join(temp, '..', 'results.jsonl'))).toBe(false)
    expect(isUnderDir(undefined, inside)).toBe(false)
    expect(isUnderDir('', inside)).toBe(false)
  })
})

/* readInputFile's text: a leading UTF-8 BOM is dropped (issue 20, item 7); readInputBytes keeps bytes as they are. */
describe('a byte order mark', () => {
  const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'file-rule-bom-')))
  const roots = inputFileRoots({ GITHUB_WORKSPACE: ws })

  describe('readInputFile and a byte order mark', () => {
    it('drops one leading BOM, and only a leading one', () => {
      writeFileSync(path.join(ws, 'a.json'), '\uFEFF{"a":"\uFEFF"}')
      expect(readInputFile('prompts-file', 'a.json', roots)).toBe('{"a":"\uFEFF"}')
    })

    it('leaves text without a BOM alone, and attachment bytes untouched', () => {
      writeFileSync(path.join(ws, 'b.txt'), 'plain')
      expect(readInputFile('prompt-file', 'b.txt', roots)).toBe('plain')
      writeFileSync(path.join(ws, 'c.txt'), '\uFEFFkept')
      expect(readInputBytes('files', 'c.txt', roots).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    })
  })
})

/**
 * What the action may read from and write to disk. File inputs may name text from an untrusted
 * checkout (a PR can carry a symlink to /proc/self/environ), so every file input is read through
 * readInputFile, and every file the action writes is created through createOutputFile.
 */
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  mkdtempSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The API refuses a request over 32 MB; a larger file cannot succeed, so it is refused unread. */
export const MAX_INPUT_FILE_BYTES = 32 * 1024 * 1024

/** Where file inputs may live, and where a relative path starts. */
export interface FileRoots {
  /** Relative paths are resolved from here. */
  base: string
  /** The real path of a file input must lie under one of these (their real paths too). */
  allowed: Array<{ name: string; dir: string }>
}

/**
 * On a runner: GITHUB_WORKSPACE (the checkout) and RUNNER_TEMP (where earlier steps write files),
 * relative paths from the workspace. In a local run, where neither is set: the working directory.
 */
export function inputFileRoots(env: Record<string, string | undefined>, cwd = process.cwd()): FileRoots {
  const allowed: FileRoots['allowed'] = []
  if (env.GITHUB_WORKSPACE) allowed.push({ name: 'GITHUB_WORKSPACE', dir: env.GITHUB_WORKSPACE })
  if (env.RUNNER_TEMP) allowed.push({ name: 'RUNNER_TEMP', dir: env.RUNNER_TEMP })
  if (allowed.length === 0) allowed.push({ name: 'the working directory', dir: cwd })
  return { base: env.GITHUB_WORKSPACE || cwd, allowed }
}

/** Thrown with a complete sentence: the input, the value given, the resolved path and what is accepted. */
export class InputFileError extends Error {
  override name = 'InputFileError'
}

/**
 * Reads the file input `input` whose value is `given`. The rule: its real path (every symlink
 * resolved) is a regular file under one of roots.allowed, of at most MAX_INPUT_FILE_BYTES.
 * Symlinks inside the roots are fine; FIFOs, devices, directories and anything outside are refused
 * before a byte is read. Type and size come from fstat on the opened descriptor (no race between a
 * check and the read), opened non-blocking so a FIFO cannot hang the step, and the read stops one
 * byte past the limit even if the file grows meanwhile.
 */
export function readInputFile(input: string, given: string, roots: FileRoots, maxBytes = MAX_INPUT_FILE_BYTES): string {
  return withoutBom(readInputBytes(input, given, roots, maxBytes).toString('utf8'))
}

/**
 * A leading byte order mark is dropped: every text input (prompts file, .prompt.yml, schema, prompt
 * and system files) is UTF-8, where a BOM only says "saved by an editor that adds one" and is never
 * meant as content; kept, it breaks JSON.parse invisibly. Attachments (readInputBytes) keep their bytes.
 */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

/**
 * readInputFile's rule, returning the bytes as read (attachments: images and PDFs are not text).
 * `hideOutside`: a refusal does not name a real path outside the allowed directories (a glob's
 * match, whose link target the workflow's author never wrote).
 */
export function readInputBytes(
  input: string,
  given: string,
  roots: FileRoots,
  maxBytes = MAX_INPUT_FILE_BYTES,
  { hideOutside = false } = {}
): Buffer {
  const allowedReal = roots.allowed.map(root => ({ ...root, real: realOrResolved(root.dir) }))
  const accepted =
    `a regular file of at most ${maxBytes / 1024 / 1024} MiB under ` +
    allowedReal.map(root => `${root.name} (${root.real})`).join(' or ') +
    `; relative paths start at ${roots.base}, and symbolic links may point only inside those directories`
  const refuse = (problem: string) =>
    new InputFileError(`Input '${input}' has invalid value '${given}': ${problem}. Expected ${accepted}.`)

  const resolved = path.resolve(roots.base, given)
  let real: string
  try {
    real = realpathSync.native(resolved)
  } catch (error) {
    // The long-standing message for a missing file; callers and tests match its start.
    throw new InputFileError(
      `Input '${input}' has invalid value '${given}'. Expected a readable file (relative paths start at ${roots.base}); reading ${resolved} failed: ${codeOf(error)}.`
    )
  }
  if (!allowedReal.some(root => isInside(root.real, real))) {
    throw refuse(`it resolves to ${hideOutside ? 'a path' : real}, which is outside the allowed directories`)
  }

  let fd: number
  try {
    // O_NOFOLLOW: the last component was resolved above; a symlink swapped in since is refused.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0))
  } catch (error) {
    throw refuse(`opening ${real} failed: ${codeOf(error)}`)
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw refuse(`it resolves to ${real}, which is ${kindOf(stats)}, not a regular file`)
    if (stats.size > maxBytes) {
      const why = maxBytes === MAX_INPUT_FILE_BYTES ? 'more than the API accepts in one request' : 'more than the limit'
      throw refuse(`it resolves to ${real}, which holds ${stats.size} bytes, ${why}`)
    }
    return readBounded(fd, maxBytes, () => refuse(`${real} grew past ${maxBytes} bytes while it was read`))
  } finally {
    closeSync(fd)
  }
}

function readBounded(fd: number, limit: number, tooLarge: () => Error): Buffer {
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024)
    const read = readSync(fd, chunk, 0, chunk.length, null)
    if (read === 0) break
    total += read
    if (total > limit) throw tooLarge()
    chunks.push(chunk.subarray(0, read))
  }
  return Buffer.concat(chunks, total)
}

/**
 * `file` lies under the folder `dir` (undefined: no such folder), both compared by their real
 * paths where they exist, with the platform's separator (path.relative, not a '/' prefix test).
 */
export function isUnderDir(dir: string | undefined, file: string): boolean {
  return dir !== undefined && dir !== '' && isInside(realOrResolved(dir), realOrResolved(file))
}

/** `child` lies strictly inside `dir` (both real, absolute paths). */
function isInside(dir: string, child: string): boolean {
  const relative = path.relative(dir, child)
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

/** A root is compared by its real path (on macOS /var is /private/var); one that is missing still counts as itself. */
function realOrResolved(dir: string): string {
  try {
    return realpathSync.native(dir)
  } catch {
    return path.resolve(dir)
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error)
}

/**
 * Creates `name` holding `text` in a fresh directory under RUNNER_TEMP (the OS temp directory in
 * a local run) and returns its path. Never through a symlink: mkdtemp makes a new directory with
 * an unguessable name (it fails rather than reuse one), and 'wx' (O_CREAT | O_EXCL) fails rather
 * than follow anything already at the path.
 */
export function createOutputFile(name: string, text: string, env: Record<string, string | undefined>): string {
  const directory = mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'ask-claude-'))
  // mkdtemp makes it 0700; later steps may run as another user (a container action), as before.
  chmodSync(directory, 0o755)
  const file = path.join(directory, name)
  writeFileSync(file, text, { flag: 'wx' })
  return file
}

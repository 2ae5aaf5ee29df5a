// Run the BUILT action (dist/index.js) the way the GitHub runner does: inputs
// as INPUT_<NAME> environment variables, empty file-command files for
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY (and GITHUB_ENV / GITHUB_PATH /
// GITHUB_STATE), RUNNER_TEMP and GITHUB_WORKSPACE directories, the workspace as
// working directory, and `node <entry>`. Afterwards the output file is parsed
// with a port of the runner's own parser, so a malformed file fails the run
// just as it fails the step on GitHub.

import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

export interface RunOptions {
  /** Input name as in action.yml, e.g. 'max-retries' -> env INPUT_MAX-RETRIES. */
  inputs: Record<string, string>
  /** Extra environment (applied last, so it can override anything); undefined removes a variable. */
  env?: Record<string, string | undefined>
  /**
   * Send a signal to the child. With `whenStdoutMatches` the signal goes `afterMs`
   * (default 0) after stdout first matches; otherwise `afterMs` after the start.
   */
  signal?: { name: NodeJS.Signals; afterMs?: number; whenStdoutMatches?: RegExp }
  /** Kill the child (SIGKILL) after this many ms (default 20000) and report timedOut. */
  timeoutMs?: number
  /** Default: <repo>/dist/index.js */
  entry?: string
  /** Files to create in the workspace before the run (relative path -> content). */
  workspaceFiles?: Record<string, string | Uint8Array>
  /** Keep the run's temporary directory (RUNNER_TEMP, workspace, command files) for a person to look at. */
  keepFiles?: boolean
  /**
   * Leave stdout unread for this long after the start, as a busy runner may: the pipe fills and
   * the child's writes queue up inside it. A child that exits before they drain loses them.
   */
  readStdoutAfterMs?: number
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  durationMs: number
  /** Time from sending `options.signal` to the child's exit; undefined when no signal was sent. */
  exitedAfterSignalMs?: number
  /**
   * When the signal was sent, on this process's performance.now() clock (the fake API's
   * `receivedAtMs` uses it too), so a test can put the signal in order with the requests.
   */
  signalSentAtMs?: number
  /** Content of the file named by the `response-file` output, read before the temp dir goes. */
  responseFileText?: string
  /** Whether that file lies under RUNNER_TEMP, as the contract says. */
  responseFileUnderRunnerTemp?: boolean
  /** The workflow commands the runner would run from stdout, in order (see parseWorkflowCommands). */
  commands: WorkflowCommand[]
  /** The same for stderr: the runner reads commands from both streams. */
  stderrCommands: WorkflowCommand[]
}

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const DEFAULT_ENTRY = path.join(REPO_ROOT, 'dist', 'index.js')
/**
 * The Node binary that runs the action. `npm test` runs the end-to-end suites once on Node 24
 * (the action's runtime on GitHub, from the `node` devDependency) and once on Node 20, and
 * names the binary here; by default it is the Node running the tests.
 */
export const ACTION_NODE = process.env.ACTION_NODE || process.execPath

/** The runner's name mapping: "INPUT_" + name.Replace(' ', '_').ToUpperInvariant(). */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export async function runAction(options: RunOptions): Promise<RunResult> {
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-action-'))
  try {
    return await runIn(tempDir, options)
  } finally {
    if (!options.keepFiles) await fs.rm(tempDir, { recursive: true, force: true })
  }
}

/**
 * The outputs as the runner reads GITHUB_OUTPUT; a file it would refuse throws, with the file and
 * the step's log, since on GitHub the step would fail there.
 */
export function stepOutputs(
  outputText: string,
  ending: string,
  stdout: string,
  stderr: string
): Record<string, string> {
  try {
    return parseOutputFile(outputText)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new Error(
      `The runner would fail this step: GITHUB_OUTPUT is malformed: ${reason}\n` +
        `--- GITHUB_OUTPUT ---\n${outputText}\n--- ${ending} ---\n` +
        `--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
      { cause: err }
    )
  }
}

/** What a step gets from the runner: its environment, working directory and file-command files. */
export interface PreparedStep {
  env: Record<string, string>
  cwd: string
  files: Record<'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY' | 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_STATE', string>
}

/**
 * Sets up a step as the runner does, under `tempDir`: empty file-command files, RUNNER_TEMP and
 * the workspace (with `options.workspaceFiles`), and a minimal environment with INPUT_*
 * variables. `summaryFile` overrides where GITHUB_STEP_SUMMARY points.
 */
export async function prepareStep(
  tempDir: string,
  options: Pick<RunOptions, 'inputs' | 'env' | 'workspaceFiles'>,
  summaryFile?: string
): Promise<PreparedStep> {
  const commandDir = path.join(tempDir, '_runner_file_commands')
  const runnerTemp = path.join(tempDir, 'runner-temp')
  const workspace = path.join(tempDir, 'workspace')
  await Promise.all([fs.mkdir(commandDir), fs.mkdir(runnerTemp), fs.mkdir(workspace)])
  const files = {
    GITHUB_OUTPUT: path.join(commandDir, 'set_output'),
    GITHUB_STEP_SUMMARY: summaryFile ?? path.join(commandDir, 'step_summary'),
    GITHUB_ENV: path.join(commandDir, 'set_env'),
    GITHUB_PATH: path.join(commandDir, 'add_path'),
    GITHUB_STATE: path.join(commandDir, 'save_state')
  }
  await Promise.all(Object.values(files).map(file => fs.writeFile(file, '')))

  // A minimal environment: never the whole process.env, so a developer's real
  // ANTHROPIC_API_KEY (or jest's NODE_OPTIONS) cannot leak into the step.
  const env: Record<string, string> = {}
  const inherit = ['PATH', 'HOME']
  if (process.platform === 'win32') inherit.push('SystemRoot', 'ComSpec', 'TEMP', 'TMP', 'USERPROFILE', 'PATHEXT')
  for (const name of inherit) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  Object.assign(env, files, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace
  })
  for (const [name, value] of Object.entries(options.inputs)) env[inputEnvName(name)] = value
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  // RUNNER_DEBUG stays unset unless the caller's env sets it (it is not inherited).

  const cwd = env.GITHUB_WORKSPACE ?? workspace
  await fs.mkdir(cwd, { recursive: true })
  for (const [name, content] of Object.entries(options.workspaceFiles ?? {})) {
    await fs.mkdir(path.dirname(path.join(cwd, name)), { recursive: true })
    await fs.writeFile(path.join(cwd, name), content)
  }
  return { env, cwd, files }
}

async function runIn(tempDir: string, options: RunOptions): Promise<RunResult> {
  const { env, cwd } = await prepareStep(tempDir, options)

  const entry = options.entry ?? DEFAULT_ENTRY
  const timeoutMs = options.timeoutMs ?? 20000
  const started = performance.now()
  const child = spawn(ACTION_NODE, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })

  let stdout = ''
  let stderr = ''
  let timedOut = false
  let signalSentAt: number | undefined
  let exitedAt: number | undefined
  let signalTimer: NodeJS.Timeout | undefined
  let exited = false

  const sendSignal = (): void => {
    if (signalSentAt !== undefined || exited || !options.signal) return
    signalSentAt = performance.now()
    child.kill(options.signal.name)
  }
  const scheduleSignal = (): void => {
    if (!options.signal || signalTimer) return
    signalTimer = setTimeout(sendSignal, options.signal.afterMs ?? 0)
  }

  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  if (options.readStdoutAfterMs !== undefined) {
    child.stdout.pause()
    setTimeout(() => child.stdout.resume(), options.readStdoutAfterMs).unref()
  }
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk
    const pattern = options.signal?.whenStdoutMatches
    if (pattern && !signalTimer) {
      pattern.lastIndex = 0
      if (pattern.test(stdout)) scheduleSignal()
    }
  })
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  if (options.signal && !options.signal.whenStdoutMatches) scheduleSignal()

  const timeout = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)

  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.once('error', reject)
      child.once('exit', () => {
        exited = true
        exitedAt = performance.now()
      })
      // 'close' comes after 'exit' and after stdout/stderr are drained.
      child.once('close', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }))
    }
  ).finally(() => {
    clearTimeout(timeout)
    if (signalTimer) clearTimeout(signalTimer)
  })
  const end = exitedAt ?? performance.now()

  const outputText = await readIfExists(env.GITHUB_OUTPUT)
  const summary = (await readIfExists(env.GITHUB_STEP_SUMMARY)) ?? ''
  const outputs =
    outputText === undefined ? {} : stepOutputs(outputText, `exit code ${code}, signal ${signal}`, stdout, stderr)

  const result: RunResult = {
    code,
    signal,
    timedOut,
    stdout,
    stderr,
    outputs,
    summary,
    durationMs: end - started,
    commands: parseWorkflowCommands(stdout),
    stderrCommands: parseWorkflowCommands(stderr)
  }
  if (signalSentAt !== undefined) {
    result.signalSentAtMs = signalSentAt
    result.exitedAfterSignalMs = end - signalSentAt
  }
  const responseFile = outputs['response-file']
  if (responseFile) {
    result.responseFileText = await readIfExists(responseFile)
    result.responseFileUnderRunnerTemp = !path.relative(env.RUNNER_TEMP ?? '', responseFile).startsWith('..')
  }
  return result
}

async function readIfExists(file: string | undefined): Promise<string | undefined> {
  if (!file) return undefined
  try {
    return await fs.readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}

export interface ParseOutputFileOptions {
  /**
   * Parse as the Windows runner does (it is built with OS_WINDOWS, so CRLF ends
   * a line); otherwise only LF ends a line and a CR stays part of the line, as
   * on Linux and macOS runners. Default: the platform this runs on.
   */
  windows?: boolean
}

/**
 * The runner's GITHUB_OUTPUT parser, ported line for line from actions/runner
 * src/Runner.Worker/FileCommandManager.cs (`EnvFileKeyValuePairs`, used by
 * `SetOutputFileCommand`), plus the `ArgUtil.NotNullOrEmpty(name)` check of
 * `ExecutionContext.SetOutput` that rejects an empty name in `=value` lines.
 * Throws wherever the runner fails the step. A later value for the same name
 * replaces an earlier one.
 */
export function parseOutputFile(text: string, options: ParseOutputFileOptions = {}): Record<string, string> {
  const windows = options.windows ?? process.platform === 'win32'
  // File.ReadAllText drops a byte order mark.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)

  const outputs: Record<string, string> = {}
  const set = (key: string, value: string): void => {
    if (key === '') {
      // ExecutionContext.SetOutput: ArgUtil.NotNullOrEmpty(name, nameof(name))
      throw new Error(`Invalid format: output name must not be empty`)
    }
    Object.defineProperty(outputs, key, { value, enumerable: true, writable: true, configurable: true })
  }

  const cursor = { index: 0 }
  let line = readLine(text, cursor, windows)?.line ?? null
  while (line !== null) {
    if (line !== '') {
      const equalsIndex = line.indexOf('=')
      const heredocIndex = line.indexOf('<<')

      if (equalsIndex >= 0 && (heredocIndex < 0 || equalsIndex < heredocIndex)) {
        // Normal style NAME=VALUE
        set(line.slice(0, equalsIndex), line.slice(equalsIndex + 1))
      } else if (heredocIndex >= 0 && (equalsIndex < 0 || heredocIndex < equalsIndex)) {
        // Heredoc style NAME<<EOF
        const key = line.slice(0, heredocIndex)
        const delimiter = line.slice(heredocIndex + 2)
        if (key === '' || delimiter === '') {
          throw new Error(`Invalid format '${line}'. Name must not be empty and delimiter must not be empty`)
        }
        const startIndex = cursor.index // inclusive
        let endIndex = cursor.index // exclusive
        let temp = readLine(text, cursor, windows)
        while (temp?.line !== delimiter) {
          if (temp === null) {
            throw new Error(`Invalid value. Matching delimiter not found '${delimiter}'`)
          }
          if (temp.newline === null) {
            throw new Error(`Invalid value. EOF marker missing new line.`)
          }
          endIndex = cursor.index - temp.newline.length
          temp = readLine(text, cursor, windows)
        }
        set(key, endIndex > startIndex ? text.slice(startIndex, endIndex) : '')
      } else {
        throw new Error(`Invalid format '${line}'`)
      }
    }
    line = readLine(text, cursor, windows)?.line ?? null
  }
  return outputs
}

/** The runner's ReadLine: LF ends a line; CRLF too when built for Windows. null at the end. */
function readLine(
  text: string,
  cursor: { index: number },
  windows: boolean
): { line: string; newline: string | null } | null {
  if (cursor.index >= text.length) return null
  const originalIndex = cursor.index
  const lfIndex = text.indexOf('\n', cursor.index)
  if (lfIndex < 0) {
    cursor.index = text.length
    return { line: text.slice(originalIndex), newline: null }
  }
  if (windows) {
    const crlfIndex = text.indexOf('\r\n', cursor.index)
    if (crlfIndex >= 0 && crlfIndex < lfIndex) {
      cursor.index = crlfIndex + 2
      return { line: text.slice(originalIndex, crlfIndex), newline: '\r\n' }
    }
  }
  cursor.index = lfIndex + 1
  return { line: text.slice(originalIndex, lfIndex), newline: '\n' }
}

/** A workflow command the runner would act on, as its ActionCommand holds it. */
export interface WorkflowCommand {
  /** As written (the runner compares names case-insensitively). */
  name: string
  properties: Record<string, string>
  data: string
  /** Which parser found it: `::name::data` (TryParseV2) or the legacy `##[name]data` (TryParse). */
  form: '::' | '##['
  /** The whole line it came from. */
  line: string
}

/**
 * The commands the runner registers (ActionCommandManager.Initialize: stop-commands plus every
 * IActionCommandExtension except internal-set-repo-path, which only plugins enable). A name not
 * in this set is no command at all: the line is printed as text.
 */
const REGISTERED_COMMANDS = [
  'stop-commands',
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo'
]

/**
 * The runner's reading of one output stream, ported from actions/runner
 * src/Runner.Worker/ActionCommandManager.cs (`TryProcessCommand`) and
 * src/Runner.Common/ActionCommand.cs (`TryParseV2`, `TryParse`):
 * - lines end at LF, CR or CRLF (ProcessInvoker reads with StreamReader.ReadLine);
 * - `::name k=v,k2=v2::data` when the line, with leading white space trimmed, starts with `::`;
 * - else the legacy `##[name k=v;k2=v2]data`, found ANYWHERE in the line;
 * - `::stop-commands::TOKEN` pauses both forms until a command named TOKEN (`::TOKEN::` or
 *   `##[TOKEN]`); an empty token pauses for good.
 * Returns the live commands in order: the ones the runner would act on, stop-commands and the
 * resuming token included. Assumes enhanced annotations are on (so `notice` is a command).
 */
export function parseWorkflowCommands(text: string): WorkflowCommand[] {
  const registered = new Set(REGISTERED_COMMANDS)
  const commands: WorkflowCommand[] = []
  let stopToken: string | undefined // defined while paused
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') continue
    const command = tryParseV2(line, registered) ?? tryParseLegacy(line, registered)
    if (!command) continue
    const name = command.name.toLowerCase()
    if (stopToken !== undefined) {
      if (stopToken !== '' && name === stopToken.toLowerCase()) {
        registered.delete(stopToken.toLowerCase())
        stopToken = undefined
        commands.push(command)
      }
      continue
    }
    if (name === 'stop-commands') {
      stopToken = command.data
      registered.add(stopToken.toLowerCase())
    }
    commands.push(command)
  }
  return commands
}

/** .NET's Char.IsWhiteSpace, which String.TrimStart uses (unlike JavaScript, it keeps U+FEFF and trims U+0085). */
const DOTNET_LEADING_WHITE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

function tryParseV2(line: string, registered: Set<string>): WorkflowCommand | undefined {
  const message = line.replace(DOTNET_LEADING_WHITE_SPACE, '')
  if (!message.startsWith('::')) return undefined
  const endIndex = message.indexOf('::', 2)
  if (endIndex < 0) return undefined
  const info = message.slice(2, endIndex)
  const spaceIndex = info.indexOf(' ')
  const name = spaceIndex < 0 ? info : info.slice(0, spaceIndex)
  if (!registered.has(name.toLowerCase())) return undefined
  const properties: Record<string, string> = {}
  if (spaceIndex > 0) {
    for (const property of info
      .slice(spaceIndex + 1)
      .trim()
      .split(',')
      .filter(Boolean)) {
      const pair = splitPair(property)
      if (pair) properties[pair[0]] = unescape(pair[1], V2_PROPERTY_ESCAPES)
    }
  }
  return { name, properties, data: unescape(message.slice(endIndex + 2), V2_DATA_ESCAPES), form: '::', line }
}

function tryParseLegacy(line: string, registered: Set<string>): WorkflowCommand | undefined {
  const prefixIndex = line.indexOf('##[')
  if (prefixIndex < 0) return undefined
  const rbIndex = line.indexOf(']', prefixIndex)
  if (rbIndex < 0) return undefined
  const info = line.slice(prefixIndex + 3, rbIndex)
  const spaceIndex = info.indexOf(' ')
  const name = spaceIndex < 0 ? info : info.slice(0, spaceIndex)
  if (!registered.has(name.toLowerCase())) return undefined
  const properties: Record<string, string> = {}
  if (spaceIndex > 0) {
    for (const property of info
      .slice(spaceIndex + 1)
      .split(';')
      .filter(Boolean)) {
      const pair = splitPair(property)
      if (pair) properties[pair[0]] = unescape(pair[1], LEGACY_ESCAPES)
    }
  }
  return { name, properties, data: unescape(line.slice(rbIndex + 1), LEGACY_ESCAPES), form: '##[', line }
}

/** `Split('=', count: 2, RemoveEmptyEntries)`: a pair only when both sides are non-empty. */
function splitPair(property: string): [string, string] | undefined {
  const at = property.indexOf('=')
  if (at <= 0) return undefined
  const value = property.slice(at + 1).replace(/^=+/, '')
  return value === '' ? undefined : [property.slice(0, at), value]
}

// Replacement -> token, applied in the runner's order.
const V2_DATA_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%25', '%']
]
const V2_PROPERTY_ESCAPES: Array<[string, string]> = [
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%3A', ':'],
  ['%2C', ','],
  ['%25', '%']
]
const LEGACY_ESCAPES: Array<[string, string]> = [
  ['%3B', ';'],
  ['%0D', '\r'],
  ['%0A', '\n'],
  ['%5D', ']'],
  ['%25', '%']
]

function unescape(text: string, escapes: Array<[string, string]>): string {
  return escapes.reduce((value, [replacement, token]) => value.split(replacement).join(token), text)
}

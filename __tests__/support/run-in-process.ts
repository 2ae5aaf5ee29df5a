/**
 * Run `run()` from src/main.ts in THIS process, the way runAction (run-action.ts) runs the built
 * action in a child, and return the same RunResult, so a test reads the same fields either way.
 *
 * Why the real @actions/core rather than a recording fake of it: core is what turns setOutput,
 * setSecret, warning and summary calls into the runner's file commands and stdout lines, and the
 * tests assert on exactly those (GITHUB_OUTPUT parsed with the runner's parser, `::add-mask::`,
 * `::stop-commands::`, the annotations). A fake would check our calls, not what the runner reads.
 * So the step's environment is set in-process, as the runner sets it for a child:
 * - process.env holds only PATH, HOME, the file-command files, RUNNER_TEMP, GITHUB_WORKSPACE,
 *   GITHUB_ACTIONS, CI and INPUT_<NAME> (never the developer's ANTHROPIC_API_KEY), then `env`;
 * - the working directory is the workspace;
 * - process.stdout/stderr writes and console output are captured, not printed;
 * - process.exitCode, which setFailed sets, is the exit code (then cleared again).
 * The fake Anthropic API on 127.0.0.1 and the real SDK are used as in a child run.
 *
 * What only a child can show stays in __tests__/e2e: the bundle (dist/), the Node runtime that runs
 * it, signals, the exit after the log drains, and warnings Node prints to stderr.
 *
 * One run at a time (the environment is the process's). core caches the summary file's path for
 * the life of the process, as the runner's fresh process per step never notices: every run in a
 * test file therefore shares one GITHUB_STEP_SUMMARY file, emptied before each run.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { format } from 'node:util'
import { afterAll } from '@jest/globals'
import { parseWorkflowCommands, prepareStep, type RunOptions, type RunResult, stepOutputs } from './run-action.js'

/** runAction's options; those that need a child (signal, entry, readStdoutAfterMs) are refused. */
export type InProcessOptions = RunOptions & {
  /** Handed to run() as the cancel signal (index.ts wires SIGINT/SIGTERM to it in the action). */
  cancel?: AbortSignal
}

let summaryDir: string | undefined
let running = false
afterAll(async () => {
  if (summaryDir) await fs.rm(summaryDir, { recursive: true, force: true })
})

export async function runInProcess(options: InProcessOptions): Promise<RunResult> {
  for (const name of ['signal', 'entry', 'readStdoutAfterMs'] as const) {
    if (options[name] !== undefined) throw new Error(`runInProcess: '${name}' needs a child process; use runAction`)
  }
  if (running) throw new Error('runInProcess: one run at a time (the environment is the whole process)')
  if (options.env && 'GITHUB_STEP_SUMMARY' in options.env) {
    throw new Error('runInProcess: GITHUB_STEP_SUMMARY cannot change in-process (core caches it); use runAction')
  }
  running = true
  const tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'run-in-process-'))
  try {
    return await runIn(tempDir, options)
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true })
    running = false
  }
}

async function runIn(tempDir: string, options: InProcessOptions): Promise<RunResult> {
  summaryDir ??= await fs.mkdtemp(path.join(os.tmpdir(), 'run-in-process-summary-'))
  const { env, cwd, files } = await prepareStep(tempDir, options, path.join(summaryDir, 'step_summary'))
  // The summary file outlives one run (core caches its path); prepareStep empties it for this one.

  const { run } = await import('../../src/main.js')
  const captured = { stdout: '', stderr: '' }
  const restore = enterStep(env, cwd, captured)
  const started = performance.now()
  let code: number
  try {
    await run(options.cancel)
    code = Number(process.exitCode ?? 0)
  } finally {
    restore()
  }
  const durationMs = performance.now() - started

  const outputText = await fs.readFile(files.GITHUB_OUTPUT, 'utf8')
  const outputs = stepOutputs(outputText, `exit code ${code}`, captured.stdout, captured.stderr)
  const result: RunResult = {
    code,
    signal: null,
    timedOut: false,
    stdout: captured.stdout,
    stderr: captured.stderr,
    outputs,
    summary: await fs.readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    durationMs,
    commands: parseWorkflowCommands(captured.stdout),
    stderrCommands: parseWorkflowCommands(captured.stderr)
  }
  const responseFile = outputs['response-file']
  if (responseFile) {
    result.responseFileText = await fs.readFile(responseFile, 'utf8').catch(() => undefined)
    result.responseFileUnderRunnerTemp = !path.relative(env.RUNNER_TEMP ?? '', responseFile).startsWith('..')
  }
  return result
}

/** Gives the process the step's environment, directory and streams; returns the undo. */
function enterStep(env: Record<string, string>, cwd: string, captured: { stdout: string; stderr: string }) {
  const savedEnv = { ...process.env }
  const savedCwd = process.cwd()
  const savedExitCode = process.exitCode
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back as they were, never called detached
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write }
  const consoleMethods = ['log', 'info', 'debug', 'warn', 'error'] as const
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved to be put back, never called detached
  const savedConsole = consoleMethods.map(name => console[name])

  const capture =
    (stream: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
      captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') process.nextTick(done)
      return true
    }
  process.stdout.write = capture('stdout')
  process.stderr.write = capture('stderr')
  // As in a child, console.log/info/debug go to stdout and console.warn/error to stderr.
  for (const name of consoleMethods) {
    const stream = name === 'warn' || name === 'error' ? 'stderr' : 'stdout'
    console[name] = (...args: unknown[]) => {
      captured[stream] += `${format(...args)}\n`
    }
  }
  replaceEnv(env)
  process.chdir(cwd)
  process.exitCode = undefined

  return () => {
    process.exitCode = savedExitCode
    process.chdir(savedCwd)
    replaceEnv(savedEnv)
    consoleMethods.forEach((name, index) => (console[name] = savedConsole[index] as (typeof console)[typeof name]))
    process.stdout.write = writes.stdout
    process.stderr.write = writes.stderr
  }
}

/** In place: modules that hold a reference to process.env see the change. */
function replaceEnv(env: Record<string, string | undefined>) {
  for (const name of Object.keys(process.env)) delete process.env[name]
  Object.assign(process.env, env)
}

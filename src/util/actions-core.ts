/**
 * The part of `@actions/core` the action uses (log lines, outputs, masks, the job summary),
 * without its OIDC client.
 *
 * Why not `import * as core from '@actions/core'`: its index (`core.js`) imports `oidc-utils.js`
 * for `getIDToken`, which imports `@actions/http-client`, which imports undici and tunnel; and
 * `platform.js`, which imports `@actions/exec`. The action never calls `getIDToken` (src/auth
 * reads the token itself) nor `platform`, but webpack cannot leave them out: the package declares
 * no `sideEffects: false`, and its compiled modules start with top-level code (`var __awaiter =
 * (this && ...)`). So every run loaded about 420 KB of minified code it never ran (half of what
 * it loaded), and the bundled undici even installed itself as Node's global fetch dispatcher.
 *
 * The commands themselves (escaping, `::add-mask::`, the file commands with their random
 * delimiter, the Summary class) are @actions/core's own modules, imported by path because the
 * package exports only its index. The functions below are copied from `core.js` (@actions/core
 * 3.0.1) line for line, so the runner sees the same bytes as before.
 */
import { accessSync, appendFileSync, constants } from 'node:fs'
import * as os from 'node:os'
import { issue, issueCommand } from '../../node_modules/@actions/core/lib/command.js'
import { issueFileCommand, prepareKeyValueMessage } from '../../node_modules/@actions/core/lib/file-command.js'
import { toCommandValue } from '../../node_modules/@actions/core/lib/utils.js'

/** The value of input `name` (`INPUT_<NAME>`), trimmed; '' when unset. */
export function getInput(name: string): string {
  const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || ''
  return val.trim()
}

/** A step output: a line in $GITHUB_OUTPUT, or `::set-output::` where that file is not set. */
export function setOutput(name: string, value: unknown): void {
  const filePath = process.env['GITHUB_OUTPUT'] || ''
  if (filePath) {
    issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value))
    return
  }
  process.stdout.write(os.EOL)
  issueCommand('set-output', { name }, toCommandValue(value))
}

/** Masks `secret` in the rest of the job's log. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

/** Fails the step (exit code 1) with an `::error::` line. */
export function setFailed(message: string): void {
  process.exitCode = 1
  issueCommand('error', {}, message)
}

/** `::debug::`, shown when the runner's debug logging is on. */
export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

/** `::warning::`, an annotation on the run. */
export function warning(message: string): void {
  issueCommand('warning', {}, message)
}

/** A plain log line. */
export function info(message: string): void {
  process.stdout.write(message + os.EOL)
}

/** Starts a foldable group in the log. */
export function startGroup(name: string): void {
  issue('group', name)
}

/** Ends the foldable group. */
export function endGroup(): void {
  issue('endgroup')
}

/**
 * Appends `text` to the job summary: what `summary.addRaw(text).write()` does (`summary.js` of
 * @actions/core 3.0.1: the same checks, messages and bytes), but synchronously. That Summary uses
 * `fs.promises`, and the first such call starts libuv's four worker threads, which nothing else
 * on the default path needs: about 0.5 ms of every run (docs/bench/startup.md).
 */
export function appendSummary(text: string): void {
  const filePath = process.env['GITHUB_STEP_SUMMARY']
  if (!filePath)
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  try {
    accessSync(filePath, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${filePath}'. Check if the file has correct read/write permissions.`
    )
  }
  appendFileSync(filePath, text, { encoding: 'utf8' })
}

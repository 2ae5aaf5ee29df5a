/**
 * The `files` input: paths and globs, one per line, resolved under the workspace and read with
 * the same rule as every file input (files/file-rule.ts: the real path a regular file inside the workspace
 * or RUNNER_TEMP), then turned into content blocks by request/attachments.ts. All before any request.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import {
  type Attachment,
  AttachmentError,
  type AttachmentLimits,
  checkLimits,
  LIMITS,
  megabytes,
  toAttachment
} from '../request/attachments.js'
import { utf8Bytes } from '../util/text.js'
import { type FileRoots, inputFileRoots, InputFileError, readInputBytes } from '../files/file-rule.js'
import { Defaults, Inputs } from './input-names.js'
import { booleanInput, ConfigError, type InputSource, integerInput } from './read.js'

/** The rest of the request, for the size limit on the whole body. */
export interface PromptParts {
  messages: unknown
  system: string | undefined
}

/** `limits`: the API's (LIMITS); a test passes smaller ones rather than tens of MiB of data. */
export async function attachmentsInput(
  source: InputSource,
  parts: PromptParts,
  limits: AttachmentLimits = LIMITS
): Promise<Attachment[]> {
  const lines = source
    .getInput(Inputs.files)
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '')
  if (lines.length === 0) return []
  const maxFiles = integerInput(source, Inputs.maxFiles, Defaults.maxFiles, 1)
  const optional = booleanInput(source, Inputs.filesOptional, Defaults.filesOptional)
  const roots = inputFileRoots(source.env)

  // tinyglobby loads only when there are files to match: most runs attach none.
  const found = matchFiles(lines, roots, optional, await import('tinyglobby'))
  if (found.length > maxFiles) {
    throw new ConfigError(
      `Input '${Inputs.files}' matches ${found.length} files, more than '${Inputs.maxFiles}' (${maxFiles}). Narrow the patterns, or raise '${Inputs.maxFiles}' if you mean to send that many.`
    )
  }

  const attachments: Attachment[] = []
  let read = 0
  try {
    for (const shown of found) {
      const data = readInputBytes(Inputs.files, shown, roots)
      // Each file is at most 32 MiB (files/file-rule.ts); stop before many of them fill memory.
      read += data.length
      if (read > limits.maxRequestBytes) {
        throw new AttachmentError(
          `the files add up to more than ${limits.maxRequestBytes} bytes by '${shown}'; the API accepts at most ${limits.maxRequestBytes} bytes (${megabytes(limits.maxRequestBytes)}) in one request`
        )
      }
      attachments.push(toAttachment(shown, data))
    }
    const promptBytes = utf8Bytes(JSON.stringify(parts.messages)) + utf8Bytes(JSON.stringify(parts.system ?? ''))
    checkLimits(attachments, promptBytes, limits)
  } catch (error) {
    if (error instanceof InputFileError) throw new ConfigError(error.message)
    if (error instanceof AttachmentError) throw new ConfigError(`Input '${Inputs.files}': ${error.message}.`)
    throw error
  }
  return attachments
}

/**
 * Each line in order; a glob's matches sorted by path; every file once. A line without glob
 * characters is a path, read as given (so a missing or refused file is named in the error).
 * Globs skip dot files and do not expand a directory into its contents; symlinks are followed
 * and then held to the file rule like any other path.
 */
function matchFiles(
  lines: string[],
  roots: FileRoots,
  optional: boolean,
  { globSync, isDynamicPattern }: typeof import('tinyglobby')
): string[] {
  const seen = new Set<string>()
  const found: string[] = []
  for (const line of lines) {
    let matches: string[]
    if (isDynamicPattern(line)) {
      matches = globSync(line, {
        cwd: roots.base,
        absolute: true,
        onlyFiles: true,
        expandDirectories: false,
        followSymbolicLinks: true
      })
        .map(file => shownPath(file, roots.base))
        .sort(byCodeUnits)
      if (matches.length === 0 && !optional) {
        throw new ConfigError(
          `Input '${Inputs.files}' has a pattern that matches no file: '${line}' (relative patterns start at ${roots.base}; dot files are not matched). Set '${Inputs.filesOptional}: true' if no match is fine.`
        )
      }
    } else {
      if (optional && !existsSync(path.resolve(roots.base, line))) continue
      matches = [shownPath(path.resolve(roots.base, line), roots.base)]
    }
    for (const match of matches) {
      const key = path.resolve(roots.base, match)
      if (seen.has(key)) continue
      seen.add(key)
      found.push(match)
    }
  }
  return found
}

/** Relative to the workspace when inside it, else absolute: the name the model and the summary see. */
function shownPath(file: string, base: string): string {
  const relative = path.relative(base, file)
  // Outside is '..' or '..' + the separator: a name such as '..notes.md' is inside.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
  return relative !== '' && !outside ? relative : file
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

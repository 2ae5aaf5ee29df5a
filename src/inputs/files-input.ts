/**
 * The `files` input: paths and globs, one per line, resolved under the workspace and read with
 * the same rule as every file input (files/file-rule.ts: the real path a regular file inside the workspace
 * or RUNNER_TEMP), then turned into content blocks by request/attachments.ts. All before any request.
 * Globs walk the disk through files/glob-walk.ts: never into a symlinked folder, under the step's
 * cancel signal and total-timeout, at most MAX_WALK_ENTRIES entries per pattern.
 */
import { existsSync, realpathSync } from 'node:fs'
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
import { formatSeconds, utf8Bytes } from '../util/text.js'
import { type FileRoots, inputFileRoots, InputFileError, readInputBytes } from '../files/file-rule.js'
import { globFiles, MAX_WALK_ENTRIES, type WalkLimits, type WalkResult } from '../files/glob-walk.js'
import { Defaults, Inputs } from './input-names.js'
import { booleanInput, ConfigError, type InputSource, integerInput } from './read.js'

/** The rest of the request, for the size limit on the whole body. */
export interface PromptParts {
  messages: unknown
  system: string | undefined
}

/** What bounds the walk: the step's cancel signal and its deadline (total-timeout, from the step's start). */
export type WalkBounds = WalkLimits & { totalTimeoutMs?: number }

/**
 * The attachments; on a cancel during a glob's walk, none (the caller sees the signal and ends
 * the step as cancelled before any request). `limits`: the API's (LIMITS); a test passes smaller
 * ones rather than tens of MiB of data.
 */
export async function attachmentsInput(
  source: InputSource,
  parts: PromptParts,
  bounds: WalkBounds = {},
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
  const matched = await matchFiles(lines, roots, optional, bounds, await import('tinyglobby'))
  if (matched === 'cancelled') return []
  const found = matched.map(file => file.shown)
  if (found.length > maxFiles) {
    throw new ConfigError(
      `Input '${Inputs.files}' matches ${found.length} files, more than '${Inputs.maxFiles}' (${maxFiles}). Narrow the patterns, or raise '${Inputs.maxFiles}' if you mean to send that many.`
    )
  }

  const attachments: Attachment[] = []
  let read = 0
  try {
    for (const { shown, fromGlob } of matched) {
      const data = readInputBytes(Inputs.files, shown, roots, undefined, { hideOutside: fromGlob })
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

/** A file to attach: its name as the model and the summary see it, and whether a glob found it. */
interface Match {
  shown: string
  fromGlob: boolean
}

/**
 * Each line in order; a glob's matches sorted by path; every file once, by its real path (a file
 * reached under two names is attached under the first). A line without glob characters is a path,
 * read as given (so a missing or refused file is named in the error). Globs skip dot files, do not
 * expand a directory into its contents and do not enter symlinked folders (files/glob-walk.ts).
 */
async function matchFiles(
  lines: string[],
  roots: FileRoots,
  optional: boolean,
  bounds: WalkBounds,
  { isDynamicPattern }: typeof import('tinyglobby')
): Promise<Match[] | 'cancelled'> {
  const seen = new Set<string>()
  const found: Match[] = []
  for (const line of lines) {
    let matches: Match[]
    if (isDynamicPattern(line)) {
      const walked = await globFiles(line, roots.base, bounds)
      if (!walked.ok && walked.stop === 'cancelled') return 'cancelled'
      matches = walkedFiles(line, walked, bounds)
        .map(file => ({ shown: globShownPath(file, roots), fromGlob: true }))
        .sort((a, b) => byCodeUnits(a.shown, b.shown))
      if (matches.length === 0 && !optional) {
        throw new ConfigError(
          `Input '${Inputs.files}' has a pattern that matches no file: '${line}' (relative patterns start at ${roots.base}; dot files are not matched, nor files in symlinked folders). Set '${Inputs.filesOptional}: true' if no match is fine.`
        )
      }
    } else {
      if (optional && !existsSync(path.resolve(roots.base, line))) continue
      matches = [{ shown: shownPath(path.resolve(roots.base, line), roots.base), fromGlob: false }]
    }
    for (const match of matches) {
      const key = realOrResolved(path.resolve(roots.base, match.shown))
      if (seen.has(key)) continue
      seen.add(key)
      found.push(match)
    }
  }
  return found
}

function walkedFiles(pattern: string, walked: WalkResult, bounds: WalkBounds): string[] {
  if (walked.ok) return walked.files
  if (walked.stop === 'too-many') {
    throw new ConfigError(
      `Input '${Inputs.files}' has a pattern that reads more than ${bounds.maxEntries ?? MAX_WALK_ENTRIES} files and folders before it is matched: '${pattern}'. Use a narrower pattern: name the folder to start from (e.g. 'docs/**/*.md' rather than '**/*.md').`
    )
  }
  const limit =
    bounds.totalTimeoutMs === undefined ? 'the deadline' : `total-timeout (${formatSeconds(bounds.totalTimeoutMs)})`
  throw new ConfigError(
    `Input '${Inputs.files}' has a pattern still being matched when ${limit} ran out, after ${walked.visited} files and folders: '${pattern}'. Use a narrower pattern: name the folder to start from.`
  )
}

/** Relative to the workspace when inside it, else absolute: the name the model and the summary see. */
function shownPath(file: string, base: string): string {
  const relative = path.relative(base, file)
  // Outside is '..' or '..' + the separator: a name such as '..notes.md' is inside.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)
  return relative !== '' && !outside ? relative : file
}

/**
 * A glob's match, named as shownPath does but never by an absolute path outside the allowed folders
 * (a pattern like '../**' walks outside the workspace): those are shown relative to the workspace.
 */
function globShownPath(file: string, roots: FileRoots): string {
  const shown = shownPath(file, roots.base)
  if (!path.isAbsolute(shown)) return shown
  const allowed = roots.allowed.some(root => !path.relative(root.dir, file).startsWith('..'))
  return allowed ? shown : path.relative(roots.base, file)
}

function realOrResolved(file: string): string {
  try {
    return realpathSync.native(file)
  } catch {
    return file
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

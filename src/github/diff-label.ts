/**
 * The pull request's diff as the model reads it (`pr-diff`): every line carries the number a
 * review comment would use, so the model copies it into `line` instead of counting. Pure.
 *
 *   R12  | const a = 1        context line: line 12 of the new file (side RIGHT)
 *   R13  |+const b = 2        added line 13 (side RIGHT)
 *   L9   |-const c = 3        removed line: line 9 of the old file (side LEFT)
 */
import { diffIntro, diffCutNote, excludedNote, noPatchNote } from '../report/review-lines.js'
import { type CommentableLines, commentableLines, type Hunk, parsePatch } from './patch-hunks.js'

/** One entry of `GET /pulls/{n}/files`, the fields read here. */
export interface PullFile {
  filename: string
  status: string
  /** Absent for binary files, very large diffs, and some renames. */
  patch?: string
  previous_filename?: string
}

/** A file of the diff, read once for both the prompt and the placing of comments. */
export interface FileDiff {
  file: PullFile
  hunks: Hunk[]
  lines: CommentableLines
}

/** Each file's hunks and commentable lines, by its path in the new tree. */
export function diffIndex(files: readonly PullFile[]): Map<string, FileDiff> {
  const index = new Map<string, FileDiff>()
  for (const file of files) {
    const hunks = parsePatch(file.patch ?? '')
    index.set(file.filename, { file, hunks, lines: commentableLines(hunks) })
  }
  return index
}

/**
 * A glob as a test on a path: `*` and `?` stay within one path segment, `**` crosses them. A
 * pattern without a `/` is held against the file's name at any depth (`package-lock.json`,
 * `*.min.js`), one with a `/` against the whole path (`dist/**`).
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more whole directories; a trailing `**` anything.
      if (pattern[i + 2] === '/') {
        source += '(?:.*/)?'
        i += 2
      } else {
        source += '.*'
        i += 1
      }
    } else if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  const regex = new RegExp(`^${source}$`)
  return pattern.includes('/') ? path => regex.test(path) : path => regex.test(path.slice(path.lastIndexOf('/') + 1))
}

/** The files `pr-diff-exclude` leaves in, and how many it left out. */
export function excludeFiles(
  files: readonly PullFile[],
  globs: readonly string[]
): { kept: PullFile[]; excluded: number } {
  const matchers = globs.map(globMatcher)
  const kept = files.filter(file => !matchers.some(matches => matches(file.filename)))
  return { kept, excluded: files.length - kept.length }
}

/** The labelled lines of one hunk, under its header. */
function labelHunk(hunk: Hunk): string[] {
  const out = [hunk.header]
  for (const line of hunk.lines) {
    const label = line.kind === 'removed' ? `L${line.oldLine}` : `R${line.newLine}`
    const mark = line.kind === 'added' ? '+' : line.kind === 'removed' ? '-' : ' '
    out.push(`${label.padEnd(6)}|${mark}${line.text}`)
  }
  return out
}

/** The heading of one file: its path, what happened to it, and its old name after a rename. */
function fileHeading(file: PullFile): string {
  const renamed = file.previous_filename !== undefined && file.previous_filename !== file.filename
  return `### ${file.filename} (${file.status}${renamed ? ` from ${file.previous_filename}` : ''})`
}

/**
 * The whole diff as one text for the model, at most `maxChars` long: files whole, in the API's
 * order, until the next one would not fit; the rest (and files without a patch) by name only.
 */
export function labelDiff(
  files: readonly PullFile[],
  options: { maxChars: number; excluded: number; truncatedList: boolean }
): { text: string; cut: string[] } {
  const parts: string[] = [diffIntro()]
  const noPatch: string[] = []
  const cut: string[] = []
  let size = parts[0]?.length ?? 0
  for (const file of files) {
    if (file.patch === undefined || file.patch === '') {
      noPatch.push(file.filename)
      continue
    }
    const block = [fileHeading(file), '```diff', ...parsePatch(file.patch).flatMap(labelHunk), '```'].join('\n')
    if (cut.length > 0 || size + block.length + 2 > options.maxChars) {
      cut.push(file.filename)
      continue
    }
    parts.push(block)
    size += block.length + 2
  }
  if (noPatch.length > 0) parts.push(noPatchNote(noPatch))
  if (cut.length > 0) parts.push(diffCutNote(cut, options.maxChars))
  if (options.excluded > 0 || options.truncatedList) parts.push(excludedNote(options.excluded, options.truncatedList))
  return { text: parts.join('\n\n'), cut }
}

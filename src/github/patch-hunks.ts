/**
 * A file's `patch` as GitHub's pull-request files API gives it (the hunks of a unified diff,
 * without the `diff --git`, `---` and `+++` lines) read into numbered lines, and the lines a
 * review comment may sit on. Pure.
 *
 * GitHub accepts a review comment only on a line inside a hunk: on the RIGHT side an added or
 * context line (numbered in the new file), on the LEFT side a removed line (numbered in the old
 * file). One comment anywhere else makes GitHub refuse the whole review with a 422.
 */

interface DiffLine {
  kind: 'added' | 'removed' | 'context'
  /** The line's number in the old file (removed and context lines). */
  oldLine?: number
  /** The line's number in the new file (added and context lines). */
  newLine?: number
  /** The line without its leading `+`, `-` or space. */
  text: string
}

export interface Hunk {
  /** The `@@ -a,b +c,d @@ …` line as it came. */
  header: string
  oldStart: number
  oldLines: number
  newStart: number
  newLines: number
  lines: DiffLine[]
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/**
 * The hunks of a patch. Each hunk reads as many lines as its header counts (so an empty line at
 * the very end, which some tools add, is not taken for a context line); `\ No newline at end of
 * file` belongs to no side and is skipped. Text before the first header is ignored.
 */
export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = []
  let current: Hunk | undefined
  let oldNext = 0
  let newNext = 0
  let oldLeft = 0
  let newLeft = 0
  for (const raw of patch.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    const header = HUNK_HEADER.exec(line)
    if (header) {
      const [oldStart, oldLines, newStart, newLines] = [header[1], header[2] ?? '1', header[3], header[4] ?? '1'].map(
        Number
      ) as [number, number, number, number]
      current = { header: line, oldStart, oldLines, newStart, newLines, lines: [] }
      hunks.push(current)
      ;[oldNext, newNext, oldLeft, newLeft] = [oldStart, newStart, oldLines, newLines]
      continue
    }
    if (current === undefined || line.startsWith('\\')) continue
    const mark = line[0]
    const text = line.slice(1)
    if (mark === '+' && newLeft > 0) {
      current.lines.push({ kind: 'added', newLine: newNext++, text })
      newLeft--
    } else if (mark === '-' && oldLeft > 0) {
      current.lines.push({ kind: 'removed', oldLine: oldNext++, text })
      oldLeft--
    } else if ((mark === ' ' || line === '') && oldLeft > 0 && newLeft > 0) {
      current.lines.push({ kind: 'context', oldLine: oldNext++, newLine: newNext++, text })
      oldLeft--
      newLeft--
    }
  }
  return hunks
}

export type Side = 'RIGHT' | 'LEFT'

/** Per side, each line a comment may sit on, mapped to the index of the hunk that holds it. */
export interface CommentableLines {
  RIGHT: Map<number, number>
  LEFT: Map<number, number>
}

/** RIGHT: added and context lines (new numbers); LEFT: removed lines (old numbers). */
export function commentableLines(hunks: readonly Hunk[]): CommentableLines {
  const lines: CommentableLines = { RIGHT: new Map(), LEFT: new Map() }
  hunks.forEach((hunk, index) => {
    for (const line of hunk.lines) {
      if (line.newLine !== undefined) lines.RIGHT.set(line.newLine, index)
      if (line.kind === 'removed' && line.oldLine !== undefined) lines.LEFT.set(line.oldLine, index)
    }
  })
  return lines
}

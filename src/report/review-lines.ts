/**
 * The sentences of `comment-on: pr-review` and `pr-diff`: what the model is told about the
 * diff, what the review's body says, what the log says about posting, and the findings table.
 */
import { plural } from '../util/text.js'
import { escapeInline } from './summary.js'

/** The first lines of the attached diff: how to read the labels. */
export function diffIntro(): string {
  return [
    "The pull request's changes, file by file. Each line starts with its label:",
    '`R<n>` is line n of the new file (an added `+` or unchanged line): comment on it with `line: n` (side RIGHT);',
    '`L<n>` is line n of the old file, a removed `-` line: comment on it with `line: n` and `side: LEFT`.',
    'Only labelled lines can carry an inline comment.'
  ].join('\n')
}

export function noPatchNote(files: readonly string[]): string {
  return `Changed without a diff shown (binary, or too large for GitHub's diff): ${files.join(', ')}.`
}

export function diffCutNote(files: readonly string[], maxChars: number): string {
  return `Left out because the diff would pass ${maxChars.toLocaleString('en-US')} characters: ${files.join(', ')}.`
}

export function excludedNote(excluded: number, truncatedList: boolean): string {
  const parts: string[] = []
  if (excluded > 0) parts.push(`${plural(excluded, 'file')} left out by pr-diff-exclude`)
  if (truncatedList) parts.push("GitHub lists at most 3,000 files of a pull request, so files past that aren't shown")
  return `${parts.join('; ')}.`
}

/** Printed under a suggestion shown as code: suggestions were not allowed, or the line is a removed one. */
export function suggestionNote(): string {
  return 'Suggested replacement:'
}

/** The heading above the findings that are not inline comments, in the review's body. */
export const OFF_DIFF_HEADING = '### Findings not on the diff'

export function supersededReview(url: string): string {
  return `_Superseded by a newer review from the same step: ${url}_`
}

export function supersededComment(url: string): string {
  return `_Superseded by ${url}_`
}

export function filesCutLine(shown: number): string {
  return `Review: the pull request lists more than ${shown.toLocaleString('en-US')} changed files; GitHub gives no more, so findings on the rest go into the review's body.`
}

export function headMovedLine(eventSha: string, headSha: string): string {
  return `Review: the pull request was pushed to since this run started (event ${eventSha.slice(0, 12)}, head now ${headSha.slice(0, 12)}); every finding goes into the review's body.`
}

export function refusedLine(message: string): string {
  return `Review: GitHub refused the inline comments (${message}); posted the review again with every finding in its body.`
}

/** The log line about the attached diff; with files cut for size, a warning that names them and the fix. */
export function diffSizeLine(files: number, chars: number, cut: readonly string[]): string {
  const attached = `pr-diff: ${plural(files, 'file')}, ${chars.toLocaleString('en-US')} characters attached before the prompt`
  if (cut.length === 0) return `${attached}.`
  const names = cut.length > 10 ? `${cut.slice(0, 10).join(', ')} and ${cut.length - 10} more` : cut.join(', ')
  return `${attached}; ${plural(cut.length, 'file')} left out for size, listed by name only: ${names}. Leave generated or vendored files out with pr-diff-exclude.`
}

export function reviewPostedLine(url: string, inline: number, inBody: number): string {
  return `Review posted: ${url} (${plural(inline, 'inline comment')}, ${plural(inBody, 'finding')} in its body).`
}

/** Why a finding went into the review's body instead of on its line. */
export type OffDiffReason = 'not-in-diff' | 'range' | 'over-limit' | 'head-moved' | 'refused'

const IN_THE_BODY: Record<OffDiffReason, string> = {
  'not-in-diff': 'not a line of the diff',
  range: 'a range not within one hunk',
  'over-limit': 'past max-review-comments',
  'head-moved': 'the pull request moved on',
  refused: 'GitHub refused the inline comments'
}

/** Where a finding points, without its file: `3`, `1-3` for a range, `3 (removed line)` for a LEFT line. */
export function findingLines(finding: { line: number; start_line?: number; side?: 'RIGHT' | 'LEFT' }): string {
  const lines =
    finding.start_line !== undefined && finding.start_line !== finding.line
      ? `${finding.start_line}-${finding.line}`
      : `${finding.line}`
  return `${lines}${finding.side === 'LEFT' ? ' (removed line)' : ''}`
}

/** One row of the findings table: the finding, and the reason it is in the body (none: inline). */
export interface FindingRow {
  finding: { path: string; line: number; start_line?: number; side?: 'RIGHT' | 'LEFT'; body: string }
  inBody?: OffDiffReason
}

/**
 * The job summary's part about the review: where it is, then a table of its findings (file,
 * line, on the diff or in the body and why, first line of the body). `url`: the posted review.
 */
export function findingsTable(rows: readonly FindingRow[], url?: string): string {
  const link = url === undefined ? undefined : `[The review](${url})`
  if (rows.length === 0) return `### Review\n\n${link === undefined ? 'No findings.' : `${link} has no findings.`}\n`
  const inline = rows.filter(row => row.inBody === undefined).length
  const posted =
    link === undefined
      ? ''
      : `${link}: ${plural(inline, 'inline comment')}, ${plural(rows.length - inline, 'finding')} in its body.\n\n`
  const firstLine = (text: string) => text.split(/\r?\n/).find(line => line.trim() !== '') ?? ''
  const lines = [
    '### Review findings',
    '',
    `${posted}| File | Line | On the diff | Finding |`,
    '| --- | --: | --- | --- |',
    ...rows.map(
      ({ finding, inBody }) =>
        `| ${escapeInline(finding.path)} | ${findingLines(finding)} | ${inBody === undefined ? 'yes' : `no, in the body: ${IN_THE_BODY[inBody]}`} | ${escapeInline(firstLine(finding.body).slice(0, 200))} |`
    )
  ]
  return `${lines.join('\n')}\n`
}

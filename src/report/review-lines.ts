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

export function diffSizeLine(files: number, chars: number, cut: number): string {
  return `pr-diff: ${plural(files, 'file')}, ${chars.toLocaleString('en-US')} characters attached before the prompt${cut > 0 ? `; ${plural(cut, 'file')} left out for size` : ''}.`
}

export function reviewPostedLine(url: string, inline: number, inBody: number): string {
  return `Review posted: ${url} (${plural(inline, 'inline comment')}, ${plural(inBody, 'finding')} in its body).`
}

/** One row of the findings table, as plain data. */
export interface FindingRow {
  path: string
  line: number
  onDiff: boolean
  body: string
}

/** The job summary's table of the review's findings: file, line, on the diff or not, first line of the body. */
export function findingsTable(rows: readonly FindingRow[]): string {
  if (rows.length === 0) return '### Review\n\nNo findings.\n'
  const firstLine = (text: string) => text.split(/\r?\n/).find(line => line.trim() !== '') ?? ''
  const lines = [
    '### Review findings',
    '',
    '| File | Line | On the diff | Finding |',
    '| --- | --: | --- | --- |',
    ...rows.map(
      row =>
        `| ${escapeInline(row.path)} | ${row.line} | ${row.onDiff ? 'yes' : 'no (in the body)'} | ${escapeInline(firstLine(row.body).slice(0, 200))} |`
    )
  ]
  return `${lines.join('\n')}\n`
}

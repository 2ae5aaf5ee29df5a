/**
 * Where each of the model's findings goes: inline on the diff, when GitHub will accept it
 * there, or into the review's body, so that no finding is lost and no single comment makes
 * GitHub refuse the whole review (422 "Line could not be resolved"). Pure.
 */
import type { ReviewFinding } from '../request/review-schema.js'
import { fenceFor } from '../util/text.js'
import { type OffDiffReason, suggestionNote } from '../report/review-lines.js'
import type { FileDiff } from './diff-label.js'
import type { Side } from './patch-hunks.js'
import { neutraliseMentions } from './mentions.js'

/** A comment as `POST /pulls/{n}/reviews` takes it in `comments`. */
export interface InlineComment {
  path: string
  line: number
  side: Side
  start_line?: number
  start_side?: Side
  body: string
}

export interface PlacedFinding {
  finding: ReviewFinding
  /** The inline comment, or undefined when the finding goes into the body. */
  inline?: InlineComment
  reason?: OffDiffReason
}

export interface PlacementRules {
  /** `max-review-comments`: the most inline comments; the rest go into the body. */
  maxInline: number
  /** `review-suggestions`: whether a suggestion becomes a GitHub suggestion block. */
  suggestions: boolean
  /** Everything into the body (the head moved, or GitHub refused the review). */
  allInBody?: OffDiffReason
}

/** Place every finding, in order. */
export function placeFindings(
  findings: readonly ReviewFinding[],
  diff: ReadonlyMap<string, FileDiff>,
  rules: PlacementRules
): PlacedFinding[] {
  let inlineCount = 0
  return findings.map(finding => {
    if (rules.allInBody !== undefined) return { finding, reason: rules.allInBody }
    const where = inlinePosition(finding, diff)
    if (typeof where === 'string') return { finding, reason: where }
    if (inlineCount >= rules.maxInline) return { finding, reason: 'over-limit' }
    inlineCount++
    return { finding, inline: { ...where, body: inlineBody(finding, where, rules.suggestions) } }
  })
}

/** The comment's path, line, side and range when GitHub will take it there, else why not. */
function inlinePosition(
  finding: ReviewFinding,
  diff: ReadonlyMap<string, FileDiff>
): Omit<InlineComment, 'body'> | OffDiffReason {
  const side: Side = finding.side ?? 'RIGHT'
  const lines = diff.get(finding.path)?.lines[side]
  const hunk = lines?.get(finding.line)
  if (lines === undefined || hunk === undefined) return 'not-in-diff'
  const start = finding.start_line
  if (start === undefined || start === finding.line) return { path: finding.path, line: finding.line, side }
  // A range runs upwards to `line` within one hunk; GitHub resolves no other.
  if (start > finding.line || lines.get(start) !== hunk) return 'range'
  return { path: finding.path, line: finding.line, side, start_line: start, start_side: side }
}

/** The comment's text, and the suggestion: a suggestion block on RIGHT lines when allowed, else shown as code. */
function inlineBody(finding: ReviewFinding, where: Omit<InlineComment, 'body'>, suggestions: boolean): string {
  const text = neutraliseMentions(finding.body)
  if (finding.suggestion === undefined) return text
  const fence = fenceFor(finding.suggestion)
  const info = suggestions && where.side === 'RIGHT' ? 'suggestion' : ''
  const block = `${fence}${info}\n${finding.suggestion.replace(/\n$/, '')}\n${fence}`
  return info === '' ? `${text}\n\n${suggestionNote()}\n${block}` : `${text}\n\n${block}`
}

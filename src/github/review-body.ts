/**
 * The review's body: the provenance line, the model's summary, then every finding that is not
 * an inline comment under a heading, as `path:line — body`, so nothing is lost; within GitHub's
 * 65,536 characters the way the sticky comment is (body.ts). Pure.
 */
import { findingLines, OFF_DIFF_HEADING, suggestionNote } from '../report/review-lines.js'
import { fenceFor } from '../util/text.js'
import { fitCommentBody } from './body.js'
import { neutraliseMentions } from './mentions.js'
import type { PlacedFinding } from './review-placement.js'

/** `path:line`, `path:start-line`, and `(removed line)` for a LEFT one: where the finding points. */
export function findingPlace(finding: PlacedFinding['finding']): string {
  return `${finding.path}:${findingLines(finding)}`
}

/** A code span that its text cannot close. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length))
  const ticks = '`'.repeat(longest + 1)
  const pad = longest > 0 ? ' ' : ''
  return `${ticks}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${ticks}`
}

/** One finding as a list item: later lines of its body indented under it. */
function offDiffItem({ finding }: PlacedFinding): string {
  let text = neutraliseMentions(finding.body.trim())
  if (finding.suggestion !== undefined) {
    const fence = fenceFor(finding.suggestion)
    text += `\n\n${suggestionNote()}\n${fence}\n${finding.suggestion.replace(/\n$/, '')}\n${fence}`
  }
  const [first = '', ...rest] = text.split('\n')
  return [
    `- ${codeSpan(findingPlace(finding))} — ${first}`,
    ...rest.map(line => (line === '' ? '' : `  ${line}`))
  ].join('\n')
}

export interface ReviewBodyParts {
  /** The provenance line (body.ts `commentBody` makes the same one for the sticky comment). */
  provenance: string
  summary: string
  placed: readonly PlacedFinding[]
  marker: string
  runUrl: string
}

/** The whole body, marker first, cut to GitHub's limit with a link to the run when it does not fit. */
export function reviewBody(parts: ReviewBodyParts): string {
  const offDiff = parts.placed.filter(p => p.inline === undefined)
  const sections = [parts.provenance, neutraliseMentions(parts.summary.trim())]
  if (offDiff.length > 0) sections.push(`${OFF_DIFF_HEADING}\n\n${offDiff.map(offDiffItem).join('\n')}`)
  return fitCommentBody(`${sections.filter(s => s !== '').join('\n\n')}\n`, parts.marker, parts.runUrl)
}

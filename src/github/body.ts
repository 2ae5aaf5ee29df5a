/**
 * The comment's text: a provenance line, the answer, the hidden marker that finds it again on
 * re-runs, and a cut that keeps it within GitHub's limit without leaving a code fence open.
 */
import type { StepResult } from '../report/result.js'
import { formatSeconds, plural } from '../util/text.js'
import { escapeInline } from '../report/summary.js'

/** GitHub rejects a comment body over 65,536 characters. */
export const COMMENT_LIMIT = 65536
export const DEFAULT_MARKER = '<!-- ask-claude -->'

/**
 * The hidden marker for a comment. Without a key every step of a repository shares
 * `<!-- ask-claude -->`; with one (post.ts gives workflow/job/step) two steps
 * commenting on the same PR keep separate comments. The key is reduced to characters that
 * cannot end or break an HTML comment.
 */
export function commentMarker(key?: string): string {
  const clean = (key ?? '')
    .trim()
    .replace(/[^A-Za-z0-9._:/@+-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
  return clean === '' ? DEFAULT_MARKER : `<!-- ask-claude:${clean} -->`
}

/**
 * One line of provenance, so a reader of the PR knows what wrote it, then the answer. The model
 * name comes from the server: escaped, it cannot close the <sub> or add HTML or a link. The
 * answer comes last: an unclosed code fence in it cannot swallow anything after it.
 */
export function commentBody(result: StepResult, runUrl: string): string {
  return `${provenanceLine(result, runUrl)}\n\n${result.text ?? ''}\n`
}

/** `<sub>Ask Claude · model · attempts · time · [run](…)</sub>`: what wrote a comment or review. */
export function provenanceLine(result: StepResult, runUrl: string): string {
  const attempts = result.attempts.length
  const provenance = result.mock
    ? `mock response (no request was sent)`
    : `${escapeInline(String(result.message?.model ?? result.model))} · ${plural(attempts, 'attempt')} · ${formatSeconds(result.durationMs)}`
  return `<sub>Ask Claude · ${provenance} · [run](${runUrl})</sub>`
}

/**
 * The comment as posted: marker line, then the body; at most COMMENT_LIMIT characters (UTF-16
 * code units, which never undercount GitHub's characters). A body that does not fit is cut
 * (never inside a surrogate pair; an open code fence is closed) and ends with a link to the run.
 */
export function fitCommentBody(body: string, marker: string, runUrl: string): string {
  const whole = `${marker}\n${body}`
  if (whole.length <= COMMENT_LIMIT) return whole
  const note = `\n\n… truncated; full response in the run: ${runUrl}`
  // Room for the cut body, keeping space for a fence closer (at most "\n" + fence).
  let room = COMMENT_LIMIT - marker.length - 1 - note.length
  let cut = cutAt(body, Math.max(0, room))
  let fence = openFence(cut)
  if (fence !== undefined) {
    room -= fence.length + 1
    cut = cutAt(body, Math.max(0, room))
    fence = openFence(cut)
  }
  const result = `${marker}\n${cut}${fence !== undefined ? `\n${fence}` : ''}${note}`
  // Only an absurd marker or run URL gets here over the limit; the limit still holds.
  return result.length <= COMMENT_LIMIT ? result : cutAt(result, COMMENT_LIMIT)
}

/** The first `length` UTF-16 units of `text`, one fewer when that would split a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (text.length <= length) return text
  let end = length
  const last = text.charCodeAt(end - 1)
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end--
  return text.slice(0, end)
}

/** The closing fence for a fenced code block still open at the end of `markdown`, if any. */
function openFence(markdown: string): string | undefined {
  let open: { char: string; length: number } | undefined
  for (const line of markdown.split('\n')) {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
    if (!match) continue
    const run = match[1] as string
    const rest = match[2] as string
    if (open === undefined) {
      // A backtick fence's info string may not contain backticks.
      if (run[0] === '`' && rest.includes('`')) continue
      open = { char: run[0] as string, length: run.length }
    } else if (run[0] === open.char && run.length >= open.length && rest.trim() === '') {
      open = undefined
    }
  }
  return open === undefined ? undefined : open.char.repeat(open.length)
}

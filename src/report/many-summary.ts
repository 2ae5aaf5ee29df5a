/**
 * The job summary of a many-prompts run: totals, a Mermaid chart of completions over time, the
 * failed items (the first LISTED_FAILURES, then a count) and where the results file is. Error
 * texts come from servers and ids from the prompts file: every cell is escaped.
 */
import { formatUsd } from '../cost/meter.js'
import { escapeInline } from './summary.js'
import { secretsReplacedNote } from './secret-lines.js'
import { clip, formatSeconds, plural } from '../util/text.js'

/** The failed items the summary lists; the rest are counted. */
export const LISTED_FAILURES = 50

export interface Tally {
  /** Items of this run (after shard), skipped ones included. */
  total: number
  /** Skipped: they had succeeded in the resumed results-file. */
  skipped: number
  succeeded: number
  failed: number
  /** Requests sent (attempts of every item). */
  requests: number
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheCreationInputTokens: number
  /** The cost estimate summed over the items' attempts; undefined once one item's cost is unknown (`costUnknown` says why). */
  costUsd: number | undefined
  costUnknown: string | undefined
  /** The first LISTED_FAILURES failures, in the order they ended. */
  failures: Array<{ id: string; attempts: number; error?: string }>
  /** Ms from the start at which each item of this run ended, in order. */
  completions: number[]
}

export interface ManyReport {
  tally: Tally
  mode: 'direct' | 'batch'
  durationMs: number
  resultsFile: string
  /** Why the run stopped early, if it did. */
  stopped: 'deadline' | 'cancelled' | undefined
  /** 429s the limiter saw (direct mode). */
  throttles?: number
  /** Extra rows, e.g. batch mode's batch ids. */
  notes?: string[]
  /** Why nothing could be sent (e.g. the sign-in failed); every item is failed then. */
  explanation?: string
  /** How many secret values the run's scrubs replaced (util/secrets.ts). */
  secretsReplaced?: number
  /** batch mode: the Message Batch ids, for the batch-ids output. */
  batchIds?: string[]
}

/** How many points the chart has at most: a line over many more says nothing more. */
export const CHART_POINTS = 30

/**
 * Completed items (cumulative) over time as a Mermaid xychart line, at most CHART_POINTS points
 * evenly spaced over the run. Empty when nothing completed.
 */
export function completionsChart(completions: readonly number[], durationMs: number): string {
  if (completions.length === 0) return ''
  const sorted = [...completions].sort((a, b) => a - b)
  const end = Math.max(durationMs, sorted[sorted.length - 1] ?? 0, 1)
  const points = Math.min(CHART_POINTS, Math.max(2, sorted.length + 1))
  const step = end / (points - 1)
  const seconds: string[] = []
  const counts: number[] = []
  let done = 0
  for (let i = 0; i < points; i++) {
    const at = i === points - 1 ? end : i * step
    while (done < sorted.length && (sorted[done] as number) <= at) done++
    seconds.push((at / 1000).toFixed(at < 10_000 ? 1 : 0))
    counts.push(done)
  }
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Items completed over time"',
    `  x-axis "seconds" [${seconds.map(s => `"${s}"`).join(', ')}]`,
    `  y-axis "items" 0 --> ${Math.max(1, sorted.length)}`,
    `  line [${counts.join(', ')}]`,
    '```'
  ].join('\n')
}

export function renderManySummary(report: ManyReport): string {
  const { tally } = report
  const ok = tally.failed === 0 && report.stopped === undefined
  const title =
    report.stopped === 'cancelled'
      ? '⚠️ Ask Claude (many prompts) was cancelled'
      : ok
        ? '✅ Ask Claude (many prompts) succeeded'
        : '❌ Ask Claude (many prompts) had failures'
  const rows: Array<[string, string]> = [
    ['Items', `${tally.total}`],
    ['Succeeded', `${tally.succeeded}${tally.skipped > 0 ? ` (${tally.skipped} skipped: succeeded before)` : ''}`],
    ['Failed', `${tally.failed}`],
    ['Mode', report.mode],
    ['Requests', `${tally.requests}${report.throttles ? ` (${plural(report.throttles, 'rate-limit pause')})` : ''}`],
    ['Input tokens', `${tally.inputTokens}`],
    ['Output tokens', `${tally.outputTokens}`],
    ['Duration', formatSeconds(report.durationMs)]
  ]
  // Nothing written by this run (batch-wait: false): its batches are billed later, not $0 now.
  if (tally.costUsd !== undefined && tally.total > 0) rows.push(['Estimated cost', `$${formatUsd(tally.costUsd)}`])
  if (report.stopped === 'deadline') rows.push(['Stopped', 'total-timeout reached: items not started are failed'])
  for (const note of report.notes ?? []) rows.push(['Note', note])
  const secrets = secretsReplacedNote(report.secretsReplaced)
  if (secrets) rows.push(['Secrets', secrets])
  const lines = [
    `### ${title}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${escapeInline(value)} |`),
    ''
  ]
  if (report.explanation) lines.push(`> ${escapeInline(clip(report.explanation, 4096))}`, '')
  const chart = completionsChart(tally.completions, report.durationMs)
  if (chart !== '') lines.push(chart, '')
  if (tally.failed > 0) {
    lines.push('#### Failed items', '', '| Id | Attempts | Error |', '|---|---|---|')
    for (const f of tally.failures) {
      lines.push(`| ${escapeInline(f.id)} | ${f.attempts} | ${escapeInline(clip(f.error ?? '', 300))} |`)
    }
    if (tally.failed > LISTED_FAILURES) lines.push('', `… and ${tally.failed - LISTED_FAILURES} more failed items.`)
    lines.push('')
  }
  lines.push(
    `Every result is in \`results-file\`: ${escapeInline(report.resultsFile)} (JSONL, one line per id). ` +
      'Files under RUNNER_TEMP do not outlive the job: upload it with actions/upload-artifact to keep it.',
    ''
  )
  return lines.join('\n')
}

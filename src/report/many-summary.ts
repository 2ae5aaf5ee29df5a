/**
 * The job summary of a many-prompts run: totals, a Mermaid chart of completions over time, the
 * failed items (the first LISTED_FAILURES, then a count) and where the results file is. Error
 * texts come from servers and ids from the prompts file: every cell is escaped.
 */
import { formatUsd } from '../cost/meter.js'
import { escapeInline } from './summary.js'
import { secretsReplacedNote } from './secret-lines.js'
import { clip, formatSeconds, plural } from '../util/text.js'
import { changedItems } from './many-lines.js'

/** The failed items the summary lists; the rest are counted. */
export const LISTED_FAILURES = 50

export interface Tally {
  /** Items of this run (after shard), skipped ones included. */
  total: number
  /** Skipped: they had succeeded in the resumed results-file. */
  skipped: number
  /** Resume: items that had succeeded, sent again because their request changed since. */
  changed?: number
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
  /**
   * batch-wait false: the batches in `batchIds` were left to collect later; `submitted` requests
   * went into the batches this run created.
   */
  handedOn?: { submitted: number }
}

/** Where the results file lies: under RUNNER_TEMP it is gone when the job ends. */
export interface ResultsPlace {
  underRunnerTemp: boolean
}

/** How many points the chart has at most: a line over many more says nothing more. */
const CHART_POINTS = 30

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

function requestsNote({ throttles, handedOn }: ManyReport): string {
  if (handedOn) return ' (creating the Message Batches)'
  return throttles ? ` (${plural(throttles, 'rate-limit pause')})` : ''
}

function titleOf(report: ManyReport): string {
  const { tally, stopped, handedOn } = report
  if (stopped === 'cancelled') return '⚠️ Ask Claude (many prompts) was cancelled'
  if (tally.failed > 0 || stopped !== undefined) return '❌ Ask Claude (many prompts) had failures'
  return handedOn
    ? '📨 Ask Claude (many prompts): Message Batches still processing, results not collected yet'
    : '✅ Ask Claude (many prompts) succeeded'
}

/** The last paragraph: where the results are, or, for batches handed on, how to collect them. */
function whereResults(report: ManyReport, place: ResultsPlace): string {
  const file = escapeInline(report.resultsFile)
  const keep = place.underRunnerTemp
    ? ' Files under RUNNER_TEMP do not outlive the job: upload it with actions/upload-artifact to keep it.'
    : ''
  if (!report.handedOn) return `Every result is in \`results-file\`: ${file} (JSONL, one line per id).${keep}`
  const ids = report.batchIds ?? []
  return (
    `Not collected yet: ${escapeInline(`${plural(ids.length, 'Message Batch', 'Message Batches')} (${ids.join(', ')})`)} ` +
    `${ids.length === 1 ? 'is' : 'are'} still processing. To collect the results, pass this step's \`batch-ids\` output to the \`batch-ids\` input ` +
    `of a later step or run; that step writes them to its own \`results-file\`.` +
    (report.tally.completions.length > 0 ? ` What this run wrote is in \`results-file\`: ${file}.${keep}` : '')
  )
}

export function renderManySummary(report: ManyReport, place: ResultsPlace = { underRunnerTemp: false }): string {
  const { tally } = report
  const title = titleOf(report)
  const submitted = report.handedOn?.submitted
  const rows: Array<[string, string]> = [
    ['Items', `${tally.total}`],
    ['Succeeded', `${tally.succeeded}${tally.skipped > 0 ? ` (${tally.skipped} skipped: succeeded before)` : ''}`],
    ['Failed', `${tally.failed}`],
    ...(tally.changed ? [['Request changed', changedItems(tally.changed)] as [string, string]] : []),
    ['Mode', report.mode],
    ['Requests', `${tally.requests}${requestsNote(report)}`],
    ['Input tokens', `${tally.inputTokens}`],
    ['Output tokens', `${tally.outputTokens}`],
    ['Duration', formatSeconds(report.durationMs)]
  ]
  if (submitted) {
    const batches = plural(report.batchIds?.length ?? 0, 'Message Batch', 'Message Batches')
    rows.splice(1, 0, ['Submitted', `${plural(submitted, 'request')} in ${batches}, not collected yet`])
  }
  // Batches handed on (batch-wait: false) are billed when they run, not $0 now.
  if (tally.costUsd !== undefined && tally.total > 0 && !report.handedOn)
    rows.push(['Estimated cost', `$${formatUsd(tally.costUsd)}`])
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
  lines.push(whereResults(report, place), '')
  return lines.join('\n')
}

// Section 6 of docs/bench/results.md (many prompts): the {{placeholders}} of docs/bench/template.md
// that depend on the figures of script/bench/many.ts.
import type { ManyResults } from './many.js'
import { duration } from './stats.js'

const f2 = (v: number) => v.toFixed(2)
const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`

function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(c => String(c).replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

/** How many of the herd's items failed, as a clause; '' when none. */
const herdFailed = (h: ManyResults['herd']) =>
  h.items === h.succeeded ? '' : `, **${h.items - h.succeeded} items failed** (retries exhausted)`

const verdict = (value: number, goal: number) => (value <= goal ? `met (≤ ${goal})` : `**missed** (goal ≤ ${goal})`)

/** The ratio of 10,000 items' peak RSS to 1,000 items', when both were measured. */
export function batchRatio(many: ManyResults | undefined): number | undefined {
  if (!many || 'error' in many.batch) return undefined
  const small = many.batch.rows.find(r => r.items === 1000)
  const large = many.batch.rows.find(r => r.items === 10_000)
  return small && large ? large.maxRssKb / small.maxRssKb : undefined
}

/** Whether the live heap at exit grows with the items (kept data) or not (the peak is transient). */
function liveNote(rows: { items: number; liveHeapKb: number }[]): string {
  const first = rows[0]!
  const last = rows.at(-1)!
  const grows = last.liveHeapKb / first.liveHeapKb
  return grows <= 1.1
    ? `The heap still live after a full collection at exit is ${mib(first.liveHeapKb)} at ${first.items} items and ${mib(last.liveHeapKb)} at ${last.items}: nothing per item is kept, the growth of the peak is transient (mostly V8's young generation, which grows with what survives its collections: [batch-memory.md](batch-memory.md)).`
    : `The heap still live after a full collection at exit grows ${f2(grows)}× from ${first.items} to ${last.items} items: the process keeps data per item.`
}

export function manyGlance(many: ManyResults | undefined): string {
  if (!many) return ''
  const { direct: d, herd: h } = many
  const ratio = batchRatio(many)
  return `- **Many prompts (${d.items} items, ${d.perSecond} requests/s):** one step in direct mode ${f2(d.requestsPerItem)} requests per item (goal ≤ 1.05) and ${f2(d.wallMs / d.idealMs)}× the ideal wall time (goal ≤ 1.1); as ${h.processes} processes of ${h.itemsPerProcess} items, ${f2(h.requestsPerItem)} requests per item and ${f2(h.spanMs / h.idealMs)}× the ideal${herdFailed(h)}. Batch mode peak RSS at 10,000 items ${ratio === undefined ? 'not measured' : `${f2(ratio)}× that at 1,000 (goal ≤ 1.2)`}.\n`
}

/** `manyDate` is set when section 6 was measured on its own (--many-only), apart from the rest. */
export function manyValues(many: ManyResults | undefined, manyDate: string | undefined) {
  const manyOnlyNote = manyDate
    ? ` Section 6 was measured on its own on ${manyDate} (\`--many-only\`)${many?.node ? `, the action on Node ${many.node}` : ''}.`
    : ''
  const missing = 'Not measured in this results.json: run `npm run bench -- --many-only`.'
  const sizes = {
    manyItems: many?.direct.items ?? 500,
    manyPerSecond: many?.direct.perSecond ?? 20,
    manyBurst: many?.direct.burst ?? 20,
    manyProcesses: many?.herd.processes ?? 50,
    manyItemsPerProcess: many?.herd.itemsPerProcess ?? 10,
    batchRuns: many && !('error' in many.batch) ? many.batch.runs : 0
  }
  if (!many)
    return { ...sizes, manyOnlyNote: '', manyDirectTable: missing, manyNotes: '', batchTable: missing, batchNote: '' }
  const { direct: d, herd: h } = many
  const directRatio = d.wallMs / d.idealMs
  const manyDirectTable = table(
    [
      'Run',
      'Requests',
      'Requests per item (max)',
      '429s',
      'Time',
      'Ideal (items ÷ rate)',
      'Ratio',
      'Succeeded',
      'Failed'
    ],
    [
      [
        `one step, direct mode (${Object.entries(d.inputs)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}); wall time of the process`,
        d.requests,
        `**${f2(d.requestsPerItem)}** (${d.maxRequestsPerItem})`,
        d.refused,
        duration(d.wallMs),
        duration(d.idealMs),
        `**${f2(directRatio)}**`,
        d.succeeded,
        d.failed
      ],
      [
        'the same step: first to last request at the server',
        '',
        '',
        '',
        duration(d.serverSpanMs),
        duration(d.idealMs),
        f2(d.serverSpanMs / d.idealMs),
        '',
        ''
      ],
      [
        `${h.processes} processes of ${h.itemsPerProcess} items, released together; release to last request`,
        h.requests,
        `${f2(h.requestsPerItem)} (${h.maxRequestsPerItem})`,
        h.refused,
        duration(h.spanMs),
        duration(h.idealMs),
        h.succeeded === h.items ? f2(h.spanMs / h.idealMs) : `${f2(h.spanMs / h.idealMs)} (not all succeeded)`,
        h.succeeded,
        `${h.items - h.succeeded}${h.failedProcesses ? ` (${h.failedProcesses} processes failed)` : ''}`
      ]
    ]
  )
  const manyNotes = [
    `Against the goals: requests per item ${f2(d.requestsPerItem)}, ${verdict(d.requestsPerItem, 1.05)}; wall time ${f2(directRatio)}× the ideal, ${verdict(directRatio, 1.1)}.${d.failed || d.exitCode !== 0 ? ` **The step did not succeed: exit code ${d.exitCode}, ${d.failed} items failed.**` : ''}`,
    `The ${h.processes} processes needed ${f2(h.requestsPerItem / d.requestsPerItem)}× the requests of the one step and ${f2(h.spanMs / h.idealMs / (d.serverSpanMs / d.idealMs))}× its time at the server (their start-up, ${duration(h.startupMs)} on this machine, is left out of theirs; it is inside the one step's wall time)${
      h.succeeded === h.items
        ? '.'
        : `, and ${h.items - h.succeeded} of their items failed after ${h.maxRequestsPerItem} requests (max-retries exhausted), so their span stops short of finishing every item.`
    }`
  ].join(' ')
  if ('error' in many.batch) {
    return {
      ...sizes,
      manyOnlyNote,
      manyDirectTable,
      manyNotes,
      batchTable: `Not measured: ${many.batch.error.split('\n')[0]}`,
      batchNote: ''
    }
  }
  const ratio = batchRatio(many)
  const base = many.batch.rows[0]!
  return {
    ...sizes,
    manyOnlyNote,
    manyDirectTable,
    manyNotes,
    batchTable: table(
      [
        'Items',
        'Batches created',
        'Peak RSS (median)',
        'Ratio to the first row',
        'Spread over runs',
        'Heap live after GC at exit',
        'Wall time',
        'All succeeded'
      ],
      many.batch.rows.map(r => [
        r.items,
        r.batches,
        mib(r.maxRssKb),
        f2(r.maxRssKb / base.maxRssKb),
        mib(r.spreadKb),
        mib(r.liveHeapKb),
        duration(r.wallMs),
        r.ok ? 'yes' : 'NO'
      ])
    ),
    batchNote:
      ratio === undefined
        ? ''
        : `Peak RSS at 10,000 items is ${f2(ratio)}× that at 1,000: ${verdict(ratio, 1.2)}. ${liveNote(many.batch.rows)} Inputs: ${Object.entries(
            many.batch.inputs
          )
            .map(([k, v]) => `\`${k}: ${v}\``)
            .join(', ')}.`
  }
}

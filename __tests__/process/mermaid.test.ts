/**
 * The charts of the summaries (a single prompt's attempts, a many-prompts run's completions) must be
 * Mermaid diagrams GitHub can draw. Checked with Mermaid's own parser, in a child process (see
 * support/mermaid-parse.mjs).
 */
import type { AttemptRecord } from '../../src/retry/loop.js'
import { attemptsGantt } from '../../src/report/summary.js'
import { completionsChart, renderManySummary } from '../../src/report/many-summary.js'
import { tally } from '../fixtures/tally.js'
import { record } from '../fixtures/builders.js'

import { diagram, parseMermaid as parse } from '../support/mermaid.js'
/** Attempt `attempt`, 100 ms long, with no request-id unless `overrides` give one. */
const at = (attempt: number, overrides: Partial<AttemptRecord>) =>
  record({ attempt, durationMs: 100, requestId: null, ...overrides })

describe('attemptsGantt', () => {
  it('is a valid gantt chart with a bar per attempt and per wait', () => {
    const chart = attemptsGantt([
      at(1, { status: 529, errorType: 'overloaded_error', waitMs: 850, waitReason: 'backoff' }),
      at(2, {
        startMs: 950,
        status: 429,
        errorType: 'rate_limit_error',
        waitMs: 2000,
        waitReason: 'rate-limit-reset'
      }),
      at(3, {
        startMs: 3050,
        status: null,
        errorType: 'timeout',
        durationMs: 600_000,
        waitMs: 1000,
        waitReason: 'retry-after'
      }),
      at(4, { startMs: 604_050 })
    ])
    expect(parse(diagram(chart))).toEqual({ ok: true, diagramType: 'gantt' })
    expect(chart.match(/ :(crit|done), a\d/g)).toHaveLength(4)
    expect(chart.match(/ :w\d/g)).toHaveLength(3)
  })

  it('stays valid when the server sends hostile error types, and names models when they differ', () => {
    const chart = attemptsGantt([
      at(1, {
        status: 500,
        errorType: 'x: y # z %% w ; v\n  section Evil',
        model: 'claude-a',
        waitMs: 10,
        waitReason: 'backoff'
      }),
      at(2, { startMs: 110, model: 'claude-b' })
    ])
    expect(parse(diagram(chart))).toEqual({ ok: true, diagramType: 'gantt' })
    expect(chart).not.toMatch(/^ *section Evil/m) // the newline could not start a section
    expect(chart).toContain('claude-b')
  })

  it('the parser does reject a broken chart (the check can fail)', () => {
    expect(parse('gantt\n  dateFormat x\n  section A\n  no colon here\n')).toMatchObject({ ok: false })
  })
})

describe('completionsChart', () => {
  it('is a valid xychart with a cumulative line ending at the number completed', () => {
    const chart = completionsChart([100, 900, 1500, 1500, 4000], 4000)
    expect(parse(diagram(chart))).toEqual({ ok: true, diagramType: 'xychart' })
    const line = /line \[(.*)\]/.exec(chart)?.[1]?.split(', ').map(Number) ?? []
    expect(line.at(-1)).toBe(5)
    expect(line[0]).toBe(0)
    expect([...line].sort((a, b) => a - b)).toEqual(line)
  })

  it('has at most 30 points for 10,000 items, and nothing for none', () => {
    const chart = completionsChart(
      Array.from({ length: 10_000 }, (_, i) => i * 3),
      30_000
    )
    expect(parse(diagram(chart)).ok).toBe(true)
    expect(/line \[(.*)\]/.exec(chart)?.[1]?.split(', ')).toHaveLength(30)
    expect(completionsChart([], 1000)).toBe('')
  })
})

it("the many-prompts summary's chart, as rendered, parses", () => {
  const summary = renderManySummary({
    tally: tally({ total: 3, succeeded: 3, completions: [100, 200, 300] }),
    mode: 'direct',
    durationMs: 300,
    resultsFile: '/tmp/r/results.jsonl',
    stopped: undefined,
    throttles: 0
  })
  expect(parse(diagram(/```mermaid\n[\s\S]*?\n```/.exec(summary)?.[0] ?? '')).ok).toBe(true)
})

/**
 * Shared by the end-to-end property test and its regressions: a generated Case (inputs and what
 * the fake Anthropic API does on each request), how the fake serves it, and the checks run on the
 * BUILT dist/index.js's outputs, summary, log and the requests the fake received.
 *
 * The expected outcome comes from the same docs/retries.md rules as the loop's reference model
 * (loop-model.ts); the real clock only matters through total-timeout, where the check is one-sided.
 */
import { expect } from '@jest/globals'
import fc from 'fast-check'
import type { RetryPolicy } from '../../src/retry/policy.js'
import type { AttemptRecord } from '../../src/retry/loop.js'
import { type Reply, startFakeApi } from '../support/fake-api.js'
import { foreignCommands } from '../support/own-commands.js'
import { type RunResult, runAction } from '../support/run-action.js'
import {
  type Behaviour,
  envelope,
  ERROR_TYPE_FOR_STATUS,
  FINAL_STATUSES,
  FINAL_STREAM_TYPES,
  modelRetryable,
  modelServerAsk,
  RETRYABLE_STATUSES,
  RETRYABLE_STREAM_TYPES,
  SPEND_LIMIT_CODES
} from './loop-model.js'

const KEY = 'sk-ant-api03-PropTestKey_9f3kQ2xZ-DO-NOT-LEAK'

/** Lines a model (or a hostile error body) might send to break the log, the summary or the output file. */
const HOSTILE = [
  '\n::error::PWNED-error\n::add-mask::PWNED-mask',
  '\n</details>\n<!-- PWNED comment\n```\nunclosed fence',
  '\n| a | b |\n|---|---|\n<details><summary>PWNED</summary>\n<script>alert(1)</script>',
  '\r\n::warning::PWNED-crlf\r\n',
  '\n::stop-commands::PWNED-stop\n::error::PWNED-after-stop\n',
  '\n::endgroup::\n::set-output name=response::PWNED-set-output\n',
  ' ##[error title=PWNED]legacy form anywhere in a line ##[add-mask]PWNED-mask'
]
/**
 * A line that is a workflow command whose data starts with our marker: hostile text became a command.
 * (Hostile text inside a command's data, e.g. an error message in `::warning::…`, is escaped and harmless.)
 */
export const INJECTED_COMMAND = /^::[^:\r\n]*::PWNED/m

interface Step {
  behaviour: Behaviour
  /** Index into HOSTILE: appended to the message text (or to the error message). */
  hostile?: number
  /** The error message echoes the API key (the action must redact it). */
  echoKey?: boolean
}

export interface Case {
  stream: boolean
  maxRetries: number
  baseDelay: string
  maxDelay: string
  jitter: RetryPolicy['jitter']
  totalTimeout: string | undefined
  summary: 'full' | 'metadata'
  steps: Step[]
}

/**
 * The per-attempt timeout: long enough that a local answer never hits it, even on a loaded
 * 2-core machine (at 1.5 s a slow answer was once cut and retried, and the run no longer
 * matched the model), short enough for the one hang a sequence may hold.
 */
const TIMEOUT_S = '3'

const hostileArb = fc.option(fc.nat({ max: HOSTILE.length - 1 }), { nil: undefined, freq: 3 })
const stripUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T

const httpStepArb = (statuses: readonly number[]): fc.Arbitrary<Step> =>
  fc
    .record({
      status: fc.constantFrom(...statuses),
      // '120' is above every max-delay drawn: the action must stop at once.
      retryAfter: fc.option(fc.constantFrom('0', '1', '120'), { nil: undefined, freq: 4 }),
      retryAfterMs: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined, freq: 4 }),
      shouldRetry: fc.option(fc.constantFrom('true' as const, 'false' as const), { nil: undefined, freq: 5 }),
      spend: fc.option(fc.constantFrom(...SPEND_LIMIT_CODES), { nil: undefined, freq: 8 }),
      hostile: hostileArb,
      echoKey: fc.boolean()
    })
    .map(r => ({
      behaviour: stripUndefined({
        kind: 'http' as const,
        tookMs: 0,
        status: r.spend ? 429 : r.status,
        errorType: ERROR_TYPE_FOR_STATUS[r.spend ? 429 : r.status] as string,
        errorCode: r.spend ?? null,
        retryAfter: r.retryAfter === undefined ? undefined : { seconds: r.retryAfter },
        retryAfterMs: r.retryAfterMs,
        shouldRetry: r.shouldRetry
      }),
      ...stripUndefined({ hostile: r.hostile, echoKey: r.echoKey || undefined })
    }))

/** A 429 whose exhausted bucket resets soon (no retry-after): the wait follows the reset. */
const rateLimitedArb: fc.Arbitrary<Step> = fc
  .record({
    bucket: fc.constantFrom('requests' as const, 'tokens' as const, 'input-tokens' as const, 'output-tokens' as const),
    resetInMs: fc.integer({ min: 200, max: 600 })
  })
  .map(({ bucket, resetInMs }) => ({
    behaviour: {
      kind: 'http' as const,
      tookMs: 0,
      status: 429,
      errorType: 'rate_limit_error',
      errorCode: null,
      rateLimits: [{ bucket, remaining: 0, resetInMs }]
    }
  }))

const stepArb = (stream: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: hostileArb.map(hostile => ({
        behaviour: { kind: 'success' as const, tookMs: 0 },
        ...stripUndefined({ hostile })
      }))
    },
    { weight: 4, arbitrary: httpStepArb(RETRYABLE_STATUSES) },
    { weight: 1, arbitrary: httpStepArb(FINAL_STATUSES) },
    { weight: 1, arbitrary: rateLimitedArb },
    { weight: 1, arbitrary: fc.constant({ behaviour: { kind: 'reset' as const, tookMs: 0 } }) },
    { weight: 1, arbitrary: fc.constant({ behaviour: { kind: 'hang' as const } }) },
    {
      weight: 1,
      arbitrary: fc.constant({ behaviour: { kind: 'invalid-response' as const, tookMs: 0, withRequestId: false } })
    },
    ...(stream
      ? [
          { weight: 1, arbitrary: fc.constant({ behaviour: { kind: 'stream-cut' as const, tookMs: 0 } }) },
          {
            weight: 2,
            arbitrary: fc
              .record({
                errorType: fc.oneof(
                  { weight: 2, arbitrary: fc.constantFrom(...RETRYABLE_STREAM_TYPES) },
                  { weight: 1, arbitrary: fc.constantFrom(...FINAL_STREAM_TYPES) }
                ),
                hostile: hostileArb,
                echoKey: fc.boolean()
              })
              .map(r => ({
                behaviour: { kind: 'stream-error' as const, tookMs: 0, errorType: r.errorType },
                ...stripUndefined({ hostile: r.hostile, echoKey: r.echoKey || undefined })
              }))
          }
        ]
      : [])
  )

/** At most one hang and one 1-second retry-after per sequence keep each run short. */
const slow = (s: Step) =>
  s.behaviour.kind === 'hang' ||
  (s.behaviour.kind === 'http' &&
    'retryAfter' in s.behaviour &&
    s.behaviour.retryAfter !== undefined &&
    'seconds' in s.behaviour.retryAfter &&
    s.behaviour.retryAfter.seconds === '1')

export const caseArb: fc.Arbitrary<Case> = fc
  .record({
    stream: fc.boolean(),
    maxRetries: fc.integer({ min: 0, max: 4 }),
    baseDelay: fc.constantFrom('0', '0.01', '0.02', '0.05'),
    maxDelay: fc.constantFrom('0', '0.5', '1', '2', '60'),
    jitter: fc.constantFrom('full' as const, 'equal' as const, 'decorrelated' as const, 'none' as const),
    totalTimeout: fc.option(fc.constantFrom('1', '2.5'), { nil: undefined, freq: 3 }),
    summary: fc.constantFrom('full' as const, 'full' as const, 'metadata' as const)
  })
  .chain(config =>
    fc
      .array(stepArb(config.stream), { maxLength: 6 })
      .filter(steps => steps.filter(slow).length <= 1)
      .map(steps => ({ ...config, steps }))
  )

const TAIL: Step = { behaviour: { kind: 'success', tookMs: 0 } }
const stepAt = (c: Case, i: number): Step => c.steps[i] ?? TAIL
const answerText = (c: Case, i: number): string =>
  `ANSWER-${i}-of-${c.steps.length}${stepAt(c, i).hostile === undefined ? '' : HOSTILE[stepAt(c, i).hostile as number]}`
const partialText = (i: number): string => `PARTIAL-${i}-must-never-be-published`
const errorMessage = (step: Step, i: number): string =>
  `error-message-${i}${step.echoKey ? ` (key ${KEY} was rejected)` : ''}${step.hostile === undefined ? '' : HOSTILE[step.hostile]}`

/** What the fake API sends for step i. */
function replyFor(c: Case, i: number): Reply {
  const step = stepAt(c, i)
  const b = step.behaviour
  switch (b.kind) {
    case 'success':
      return { kind: 'message', text: answerText(c, i), chunks: 4 }
    case 'http': {
      const headers: Record<string, string> = {}
      if (b.retryAfter && 'seconds' in b.retryAfter) headers['retry-after'] = b.retryAfter.seconds
      if (b.retryAfterMs !== undefined) headers['retry-after-ms'] = String(b.retryAfterMs)
      if (b.shouldRetry) headers['x-should-retry'] = b.shouldRetry
      for (const limit of b.rateLimits ?? []) {
        headers[`anthropic-ratelimit-${limit.bucket}-remaining`] = String(limit.remaining)
        headers[`anthropic-ratelimit-${limit.bucket}-reset`] = new Date(Date.now() + limit.resetInMs).toISOString()
      }
      return {
        kind: 'error',
        status: b.status,
        type: b.errorType,
        message: errorMessage(step, i),
        headers,
        ...(b.errorCode ? { errorCode: b.errorCode } : {})
      }
    }
    case 'reset':
      return { kind: 'reset' }
    case 'hang':
      return { kind: 'hang' }
    case 'invalid-response':
      return { kind: 'broken-body' }
    case 'stream-cut':
      return { kind: 'stream-cut', text: partialText(i) }
    case 'stream-error':
      return { kind: 'stream-error', text: partialText(i), type: b.errorType, message: errorMessage(step, i) }
  }
}

const seconds = (s: string) => Math.round(Number(s) * 1000)
function policyOf(c: Case): RetryPolicy {
  return {
    maxRetries: c.maxRetries,
    baseDelayMs: seconds(c.baseDelay),
    maxDelayMs: seconds(c.maxDelay),
    jitter: c.jitter,
    attemptTimeoutMs: seconds(TIMEOUT_S),
    totalTimeoutMs: c.totalTimeout === undefined ? undefined : seconds(c.totalTimeout)
  }
}

/**
 * Attempts and outcome with no deadline, from docs/retries.md's rules: a success ends it; a final
 * error ends it; a retryable failure is retried unless the retries ran out or the server asked
 * for more than max-delay. (Hangs count as timeouts: retryable.)
 */
function expectedWithoutDeadline(c: Case): { attempts: number; ok: boolean } {
  const policy = policyOf(c)
  for (let i = 0; ; i++) {
    const b = stepAt(c, i).behaviour
    const e = b.kind === 'hang' ? { kind: 'timeout' as const, tookMs: policy.attemptTimeoutMs } : b
    if (e.kind === 'success') return { attempts: i + 1, ok: true }
    if (!modelRetryable(e) || i + 1 > c.maxRetries) return { attempts: i + 1, ok: false }
    const ask = modelServerAsk(e, Date.now())
    if (ask?.reason === 'retry-after' && ask.ms > policy.maxDelayMs) return { attempts: i + 1, ok: false }
  }
}

/** status and errorType of an attempt, as the edge reports it. */
function expectedFields(c: Case, i: number): { status: number | null; errorType: string | null } {
  const b = stepAt(c, i).behaviour
  switch (b.kind) {
    case 'success':
      return { status: 200, errorType: null }
    case 'http':
      return { status: b.status, errorType: b.errorType }
    case 'reset':
    case 'stream-cut':
      return { status: null, errorType: 'connection_error' }
    case 'hang':
      return { status: null, errorType: 'timeout' }
    case 'stream-error':
      return { status: null, errorType: b.errorType }
    case 'invalid-response':
      // A JSON body that is cut short: unparseable as a Message, or (streamed) an SSE stream with no events.
      return c.stream ? { status: null, errorType: 'connection_error' } : { status: 200, errorType: 'invalid_response' }
  }
}

/** stdout with the one stop-commands guarded echo of the response taken out. */
function outsideGuard(stdout: string): string {
  const guard = stdout.match(/::stop-commands::(ask-claude-[0-9a-f-]+)\n([\s\S]*?)\n::\1::/)
  return guard ? stdout.replace(guard[0], '') : stdout
}

/**
 * How far past total-timeout a run may end: only the lag of the timer that aborts the last
 * attempt. Generous, because a shared 2-core machine can delay a timer by hundreds of ms.
 */
const TOTAL_TIMEOUT_SLACK_MS = 1000

function check(c: Case, result: RunResult, requests: number): void {
  const policy = policyOf(c)
  const o = result.outputs
  expect(result.timedOut).toBe(false)

  // requests received == attempts == retry-log entries ≤ max-retries + 1. One exception: a
  // last attempt that total-timeout cut short may have had too little time to reach the
  // server (seen with 1 s deadlines on a loaded machine); it still counts as an attempt.
  const log = JSON.parse(o['retry-log'] ?? 'null') as AttemptRecord[]
  const n = log.length
  expect(o.attempts).toBe(String(n))
  const cutByDeadline = policy.totalTimeoutMs !== undefined && log[n - 1]?.errorType === 'timeout'
  expect(requests === n || (cutByDeadline && requests === n - 1)).toBe(true)
  expect(n).toBeGreaterThanOrEqual(1)
  expect(n).toBeLessThanOrEqual(c.maxRetries + 1)

  // Success exactly when a success was reached within the limits.
  const expected = expectedWithoutDeadline(c)
  const last = log[n - 1] as AttemptRecord
  const ok = stepAt(c, n - 1).behaviour.kind === 'success'
  expect(result.code).toBe(ok ? 0 : 1)
  if (policy.totalTimeoutMs === undefined) {
    expect({ attempts: n, ok }).toEqual(expected)
  } else {
    // The real clock decides where the deadline falls: it may only cut the run short, and says so.
    expect(n).toBeLessThanOrEqual(expected.attempts)
    if (ok) expect({ attempts: n, ok }).toEqual(expected)
    else if (n < expected.attempts || expected.ok) expect(result.stdout).toMatch(/::error::[^\n]*total-timeout/)
    expect(Number(o['duration-ms'])).toBeLessThanOrEqual(policy.totalTimeoutMs + TOTAL_TIMEOUT_SLACK_MS)
  }

  // The response is exactly the successful reply's full text; never a partial stream.
  if (ok) {
    const text = answerText(c, n - 1)
    expect(o.response).toBe(text)
    expect(result.responseFileText).toBe(text)
    expect(JSON.parse(o.message ?? 'null')).toMatchObject({ type: 'message', content: [{ type: 'text', text }] })
    expect(o.error).toBeUndefined()
    if (c.summary === 'full') expect(result.summary.endsWith(`\n${text}\n`)).toBe(true)
  } else {
    expect(o.response).toBeUndefined()
    expect(o.message).toBeUndefined()
    expect(o.error).toMatch(/^[a-z_]+: /)
  }
  const published = [JSON.stringify(o), result.summary, result.stdout, result.stderr]
  for (let i = 0; i < Math.max(n, c.steps.length); i++) {
    for (const text of published) expect(text).not.toContain(partialText(i))
  }

  // The retry-log: attempt numbers, times that never go back, fields null where unknown, waits.
  let previousWaitMs: number | undefined
  for (let i = 0; i < n; i++) {
    const record = log[i] as AttemptRecord
    expect(record.attempt).toBe(i + 1)
    expect({ status: record.status, errorType: record.errorType }).toEqual(expectedFields(c, i))
    if (i > 0) {
      const prev = log[i - 1] as AttemptRecord
      expect(record.startMs).toBeGreaterThanOrEqual(prev.startMs + prev.durationMs + prev.waitMs)
    }
    if (i === n - 1) break
    const b = stepAt(c, i).behaviour
    const ask = b.kind === 'http' ? modelServerAsk(b, Date.now()) : undefined
    if (ask?.reason === 'retry-after') {
      expect({ waitMs: record.waitMs, waitReason: record.waitReason }).toEqual({
        waitMs: ask.ms,
        waitReason: 'retry-after'
      })
    } else if (ask?.reason === 'rate-limit-reset') {
      expect(record.waitReason).toBe('rate-limit-reset')
      // At most the reset (measured from the response, so a little less here) plus the backoff's top.
      expect(record.waitMs).toBeLessThanOrEqual(
        Math.min(policy.maxDelayMs, ask.ms + envelope(i + 1, previousWaitMs, policy)[1]) + 0.5
      )
    } else {
      expect(record.waitReason).toBe('backoff')
      const [lo, hi] = envelope(i + 1, previousWaitMs, policy)
      expect(record.waitMs).toBeGreaterThanOrEqual(lo - 0.5)
      expect(record.waitMs).toBeLessThanOrEqual(hi + 0.5)
    }
    previousWaitMs = record.waitMs
  }
  expect({ waitMs: last.waitMs, waitReason: last.waitReason }).toEqual({ waitMs: 0, waitReason: null })

  // The summary: at most 1 MiB, with the attempts table, one row per attempt, above any response text.
  expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024)
  expect(result.summary.startsWith('### ')).toBe(true)
  const table = result.summary.indexOf('| # | Started |')
  expect(table).toBeGreaterThan(0)
  for (let k = 1; k <= n; k++) expect(result.summary).toContain(`\n| ${k} | `)
  if (ok && c.summary === 'full') expect(table).toBeLessThan(result.summary.lastIndexOf(answerText(c, n - 1)))

  // The key: only in the single ::add-mask:: line; nowhere else.
  expect(result.stdout.split(KEY)).toHaveLength(2)
  expect(result.stdout).toContain(`::add-mask::${KEY}\n`)
  for (const text of [result.stderr, JSON.stringify(o), result.summary, result.responseFileText ?? ''])
    expect(text).not.toContain(KEY)

  // Hostile text never became a workflow command.
  expect(outsideGuard(result.stdout)).not.toMatch(INJECTED_COMMAND)
  expect(result.stderr).not.toMatch(INJECTED_COMMAND)
  // Either form, as the runner reads it: every live command is one the action writes itself.
  expect(foreignCommands(result, [KEY])).toEqual([])
}

/** Run one case end to end: fake API, built action, checks. */
export async function runCase(c: Case): Promise<void> {
  const api = await startFakeApi({ script: (_request, index) => replyFor(c, index) })
  try {
    const inputs: Record<string, string> = {
      prompt: 'Say hello.',
      'anthropic-api-key': KEY,
      'base-url': api.url,
      'max-retries': String(c.maxRetries),
      'base-delay': c.baseDelay,
      'max-delay': c.maxDelay,
      jitter: c.jitter,
      timeout: TIMEOUT_S,
      stream: String(c.stream),
      summary: c.summary
    }
    if (c.totalTimeout !== undefined) inputs['total-timeout'] = c.totalTimeout
    const result = await runAction({ inputs, timeoutMs: 20_000 })
    check(c, result, api.requests.length)
    // One attempt is one HTTP request: the SDK's own retries stay off.
    expect(api.requests.map(r => r.headers['x-stainless-retry-count'])).toEqual(api.requests.map(() => '0'))
  } finally {
    await api.close()
  }
}

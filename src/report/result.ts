/**
 * report/: turns what happened into words and GitHub's formats. This module holds the
 * StepResult, the one value every ending of the step produces (success, failure, cancel, bad
 * input, mock, token guard), and the builders that fill it from the loop's data.
 */
import { invalidInputsText } from './input-lines.js'
import type { Problem } from '../inputs/read.js'
import type { UnknownInput } from '../inputs/unknown-inputs.js'
import type { Message } from '../claude/client.js'
import { responseText, mockMessage } from '../claude/message.js'
import { checkStructured, type SchemaCheck } from '../claude/schema.js'
import type { TokenGuard } from '../claude/token-guard.js'
import type { CostEstimate } from '../cost/meter.js'
import type { SignIn } from '../auth/sign-in.js'
import { Inputs } from '../inputs/input-names.js'
import { describeFailure } from '../retry/failure.js'
import type { AttemptRecord, RetryOutcome } from '../retry/loop.js'
import { plural } from '../util/text.js'
import { explainFailure } from './log-lines.js'
import { signInHint } from './sign-in-hints.js'

/** What the step ended with: everything publish needs, whatever happened. */
export interface StepResult {
  status: 'succeeded' | 'failed' | 'cancelled'
  /** The model asked for (the configured one; undefined when the inputs were invalid). */
  model: string | undefined
  message: Message | undefined
  /** Text blocks joined; undefined without a message. */
  text: string | undefined
  attempts: AttemptRecord[]
  durationMs: number
  /** The `error` output: `<error type>: <message>` or `cancelled`. */
  error: string | undefined
  /** Why it failed and what to do, for setFailed and the summary. */
  explanation: string | undefined
  /** The answer as validated JSON text, when a json-schema was given. */
  json?: string
  /** True when mock-response stood in for the API: no request was sent. */
  mock?: boolean
  /** The prompt's size from count_tokens, when max-input-tokens asked for it. */
  inputTokensCounted?: number
  /**
   * The count_tokens attempts, when max-input-tokens asked for a count. Kept apart: `attempts`
   * (and the attempts, retry-log and request-id outputs) are Messages requests only.
   */
  countAttempts?: AttemptRecord[]
  /** The files attached to the request (`files`), for the summary. */
  attachments?: Array<{ path: string; kind: string; bytes: number }>
  /** The cost estimate over the Messages attempts, or why there is none; undefined when no Messages phase ran. */
  cost?: CostEstimate
  /** With keyless login (OIDC): the token exchange's attempts, renewals included, kept apart the same way. */
  signInAttempts?: AttemptRecord[]
  /** How many secret values the run's scrubs replaced (util/secrets.ts), for the summary. */
  secretsReplaced?: number
}

/**
 * After a fallback: the model of the last attempt (the one that answered, or was tried last) and
 * the configured one it fell back from; undefined when every attempt went to the configured model.
 */
export function fallbackOf(result: Pick<StepResult, 'model' | 'attempts'>): { last: string; from: string } | undefined {
  const last = result.attempts.at(-1)?.model
  return result.model && last !== undefined && last !== result.model ? { last, from: result.model } : undefined
}

/** The Messages loop ended: its answer (checked against the schema) or why it failed. */
export function stepResult(
  outcome: RetryOutcome<Message>,
  model: string,
  schemaCheck: SchemaCheck | undefined
): StepResult {
  const common = { model, attempts: outcome.attempts, durationMs: outcome.durationMs }
  if (outcome.ok) {
    const text = responseText(outcome.value)
    const structured = schemaCheck && checkStructured(text, schemaCheck)
    const json = structured?.ok ? structured.json : undefined
    return {
      ...common,
      status: 'succeeded',
      message: outcome.value,
      text,
      json,
      error: undefined,
      explanation: undefined
    }
  }
  return {
    ...common,
    status: outcome.stop === 'cancelled' ? 'cancelled' : 'failed',
    message: undefined,
    text: undefined,
    error: describeFailure(outcome.failure),
    explanation: explainFailure(outcome.failure, outcome.detail, outcome.attempts.length, model)
  }
}

/** mock-response stood in for the API: the same outputs, as long as the text follows the schema. */
export function mockResult(model: string, text: string, schemaCheck: SchemaCheck | undefined): StepResult {
  const structured = schemaCheck && checkStructured(text, schemaCheck)
  const base = { model, attempts: [], durationMs: 0, mock: true }
  if (structured && !structured.ok) {
    const explanation = `The '${Inputs.mockResponse}' text does not follow '${Inputs.jsonSchema}': ${structured.message}.`
    return {
      ...base,
      status: 'failed',
      message: undefined,
      text: undefined,
      error: `${structured.errorType}: ${structured.message}`,
      explanation
    }
  }
  const json = structured?.ok ? structured.json : undefined
  return {
    ...base,
    status: 'succeeded',
    message: mockMessage(text, model),
    text,
    json,
    error: undefined,
    explanation: undefined
  }
}

/** Nothing was sent: outputs and summary still say what happened. */
function failedBeforeAnyRequest(model: string | undefined, error: string, explanation: string): StepResult {
  return {
    status: 'failed',
    model,
    message: undefined,
    text: undefined,
    attempts: [],
    durationMs: 0,
    error,
    explanation
  }
}

/** Inputs were invalid: the error names each one, and no request was sent. */
export function invalidInput(problems: readonly Problem[], unknown: readonly UnknownInput[]): StepResult {
  const message = invalidInputsText(problems, unknown)
  const sent = problems.length === 1 ? ' No request was sent.' : '\nNo request was sent.'
  return failedBeforeAnyRequest(undefined, `invalid_input: ${message}`, `${message}${sent}`)
}

/** The step was cancelled before its first request (e.g. while the action was loading). */
export function cancelledBeforeAnyRequest(model: string): StepResult {
  return {
    ...failedBeforeAnyRequest(model, 'cancelled', 'The step was cancelled before any request was sent.'),
    status: 'cancelled'
  }
}

/**
 * The token guard stopped the step before any Messages request: its count failed, or the prompt
 * is over the limit. The count's attempts are reported apart (docs/cost.md, Token guard).
 */
export function tokenGuardResult(guard: Extract<TokenGuard, { fits: false }>, model: string): StepResult {
  const { counted, limit } = guard
  const report = { countAttempts: counted.attempts, durationMs: counted.durationMs }
  if (!counted.ok) {
    const n = counted.attempts.length
    // max-cost-usd alone counts with no token limit (Infinity).
    const asker = limit === Infinity ? Inputs.maxCostUsd : Inputs.maxInputTokens
    const opening = `The token count for '${asker}' failed after ${plural(n, 'attempt')}, so no Messages request was sent`
    const explanation = explainFailure(counted.failure, counted.detail, n, model, opening)
    const result = failedBeforeAnyRequest(model, describeFailure(counted.failure), explanation)
    return { ...result, ...report, status: counted.stop === 'cancelled' ? 'cancelled' : 'failed' }
  }
  const explanation = `The prompt counts ${counted.value} input tokens, more than '${Inputs.maxInputTokens}' (${limit}); no Messages request was sent. Shrink the prompt or raise the limit.`
  const result = failedBeforeAnyRequest(model, `too_many_input_tokens: ${counted.value} > ${limit}`, explanation)
  return { ...result, ...report, inputTokensCounted: counted.value }
}

/** Keyless login failed before any Messages request: the exchange's attempts are reported apart. */
export function signInResult(auth: Extract<SignIn, { ok: false }>, model: string): StepResult {
  const { failed, federation, report } = auth
  const n = failed.attempts.length
  const opening = `Signing in with OIDC failed after ${plural(n, 'attempt')}, so no Messages request was sent`
  const hint =
    failed.stop === 'final-error' ? signInHint(federation, failed.failure.status, failed.failure.errorType) : undefined
  const explanation = explainFailure(failed.failure, failed.detail, n, model, opening, hint)
  const result = failedBeforeAnyRequest(model, describeFailure(failed.failure), explanation)
  return {
    ...result,
    ...report,
    durationMs: failed.durationMs,
    status: failed.stop === 'cancelled' ? 'cancelled' : 'failed'
  }
}

/** The pull request's diff (pr-diff, pr-review) could not be read, so no Messages request was sent. */
export function pullRequestUnread(model: string, message: string, reason?: 'cancelled' | 'timeout'): StepResult {
  const error =
    reason === 'cancelled' ? 'cancelled' : `${reason === 'timeout' ? 'comment_timeout' : 'comment_error'}: ${message}`
  const result = failedBeforeAnyRequest(model, error, `${message} No Messages request was sent.`)
  return reason === 'cancelled' ? { ...result, status: 'cancelled' } : result
}

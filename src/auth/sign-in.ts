/**
 * auth/: keyless login, Anthropic's OIDC workload identity federation. GitHub's identity token
 * is exchanged for a short-lived access token (exchange.ts) under the same retry policy and
 * deadline as every request, before the first one, and exchanged again before a later attempt
 * when it is about to expire. It returns data (the outcome, the attempts); report/ words it.
 */
import { runSecrets } from '../util/secrets.js'
import type { Config } from '../inputs/config.js'
import type { Federation } from '../inputs/federation.js'
import type { AttemptFailure } from '../retry/failure.js'
import {
  type AttemptContext,
  type AttemptEvent,
  type AttemptRecord,
  type AttemptResult,
  retry,
  type RetryDeps,
  type RetryOutcome
} from '../retry/loop.js'
import { plural } from '../util/text.js'
import { type AccessToken, exchangeGateway, exchangeOnce, type Fetch, signInLabel, tokenEndpoint } from './exchange.js'

/** Where the sign-in's words go (report/sign-in-hints.ts): each exchange attempt, and the ignored key. */
export interface SignInLog {
  /** `again`: a renewal before a later request, not the first sign-in. */
  attempt(event: AttemptEvent, again: boolean): void
  keyIgnored(): void
  /** The exchange goes to `endpoint`, not the Claude API: that host receives the identity token. */
  gatewayGetsIdentityToken(endpoint: string): void
}

export interface SignInDeps extends Omit<RetryDeps<AccessToken>, 'attempt' | 'onAttempt' | 'switchModel'> {
  log: SignInLog
  /** The proxy-aware fetch with bounded bodies (phases/connect.ts). */
  fetch: Fetch
}

type Attempt<T> = (context: AttemptContext) => Promise<AttemptResult<T>>

type SignInFailed = Extract<RetryOutcome<AccessToken>, { ok: false }>

/** `attempt`, with the access token renewed first when it is about to expire (a no-op without federation). */
export type WithSignIn = <T>(attempt: Attempt<T>, model: string | { current: string }) => Attempt<T>

export type SignIn =
  | {
      ok: true
      /** The current access token, read by the client before each request; undefined without federation. */
      token: (() => string) | undefined
      withSignIn: WithSignIn
      /** For the step's result: every exchange attempt, renewals included, apart from the Messages ones. */
      report: { signInAttempts?: AttemptRecord[] }
    }
  | { ok: false; failed: SignInFailed; federation: Federation; report: { signInAttempts: AttemptRecord[] } }

/** Renew when less than a minute is left, or less than a tenth of the lifetime for a short-lived token. */
const RENEW_MARGIN_MS = 60_000
export function renewalDue(token: AccessToken, nowMs: number): boolean {
  return token.expiresAtMs - nowMs < Math.min(RENEW_MARGIN_MS, token.lifetimeMs / 10)
}

/** Signs in when `federation` is configured; otherwise returns at once with nothing to do. */
export async function signIn(
  config: Pick<Config, 'federation' | 'retry' | 'baseUrl'>,
  deps: SignInDeps
): Promise<SignIn> {
  const federation = config.federation
  if (!federation) return { ok: true, token: undefined, withSignIn: attempt => attempt, report: {} }
  if (federation.keyIgnored) deps.log.keyIgnored()
  // Kept as the SDK does it (a gateway in front of the API must forward the exchange), and said.
  const gateway = exchangeGateway(config.baseUrl)
  if (gateway !== undefined) deps.log.gatewayGetsIdentityToken(gateway)
  // The runner masks its request token too; registering it again costs nothing.
  runSecrets.add(federation.idTokenRequest.token, 'the OIDC request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN)')

  const attempts: AttemptRecord[] = []
  const endpoint = tokenEndpoint(config.baseUrl)
  const exchangeLoop = async (again: boolean) => {
    const outcome = await retry(config.retry, {
      ...deps,
      attempt: context => exchangeOnce(federation, endpoint, deps.fetch, context),
      onAttempt: event => deps.log.attempt(event, again)
    })
    attempts.push(...outcome.attempts)
    return outcome
  }

  const first = await exchangeLoop(false)
  if (!first.ok) return { ok: false, failed: first, federation, report: { signInAttempts: attempts } }
  let current = first.value

  const withSignIn = <T>(attempt: Attempt<T>, model: string | { current: string }): Attempt<T> => {
    return async context => {
      const started = deps.now()
      if (!renewalDue(current, started)) return attempt(context)
      const renewed = await exchangeLoop(true)
      if (!renewed.ok) {
        const failure = renewalFailure(renewed, federation)
        return { ok: false, model: typeof model === 'string' ? model : model.current, failure }
      }
      current = renewed.value
      // The renewal is part of this attempt: it spends the attempt's time, not more.
      return attempt({ ...context, timeoutMs: Math.max(1, context.timeoutMs - (deps.now() - started)) })
    }
  }
  return { ok: true, token: () => current.value, withSignIn, report: { signInAttempts: attempts } }
}

/** A renewal that failed, as the failure of the attempt it came before: final (it had its own retries). */
function renewalFailure(renewed: SignInFailed, federation: Federation): AttemptFailure {
  if (renewed.failure.kind === 'cancelled') return renewed.failure
  return {
    kind: 'sign-in',
    status: null,
    errorType: renewed.failure.errorType,
    errorCode: null,
    requestId: null,
    message: `renewing the access token (${signInLabel(federation)}) failed after ${plural(renewed.attempts.length, 'attempt')}: ${renewed.failure.message}`,
    headers: {}
  }
}

/**
 * One sign-in attempt: GitHub's OIDC identity token, then Anthropic's jwt-bearer exchange at
 * /v1/oauth/token for a short-lived access token. Both requests are the ones the toolkit and
 * the SDK make (core.getIDToken; the SDK's oidcFederationProvider), sent here so that our loop
 * owns the retries (the toolkit's client retries 502-504 ten times on its own), the timeout,
 * the cancel signal, and reads statuses and headers instead of error text.
 */
import {
  FEDERATION_BETA_HEADER,
  GRANT_TYPE_JWT_BEARER,
  OAUTH_API_BETA_HEADER,
  redactSensitive,
  TOKEN_ENDPOINT
} from '@anthropic-ai/sdk/lib/credentials/types'
import { underAttemptSignal } from '../claude/client.js'
import { invalidResponse, noResponseFailure } from '../claude/sdk-failures.js'
import type { Federation } from '../inputs/federation.js'
import type { AttemptFailure } from '../retry/failure.js'
import type { AttemptContext, AttemptResult } from '../retry/loop.js'
import { clip } from '../util/text.js'
import { runSecrets } from '../util/secrets.js'
import { redactFailure } from '../claude/redact.js'
import { isRecord } from '../util/record.js'
import { httpFailure, jsonField, QUOTED_BODY_CHARS } from './failures.js'

export interface AccessToken {
  value: string
  /** Epoch ms, by our clock when the answer came. */
  expiresAtMs: number
  lifetimeMs: number
}

export type Fetch = typeof globalThis.fetch

/** The token endpoint refuses a larger assertion; the SDK checks it before sending, as we do. */
const MAX_ASSERTION_CHARS = 16 * 1024

/** What identifies the attempts in records: there is no model; the rule id says what signed in. */
export const signInLabel = (federation: Federation) => `federation rule ${federation.ruleId}`

const ANTHROPIC_API = 'https://api.anthropic.com'

export function tokenEndpoint(baseUrl: string | undefined): string {
  return `${(baseUrl ?? ANTHROPIC_API).replace(/\/+$/, '')}${TOKEN_ENDPOINT}`
}

/**
 * The token endpoint when it is not on the Claude API's own origin: a gateway (or any base-url)
 * receives GitHub's identity token in the exchange, as the SDK sends it, and could replay it until
 * it expires. Undefined for the API itself.
 */
export function exchangeGateway(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined
  const endpoint = tokenEndpoint(baseUrl)
  return new URL(endpoint).origin === ANTHROPIC_API ? undefined : endpoint
}

/** The jwt-bearer body, field for field as the SDK's oidcFederationProvider builds it. */
function exchangeBody(federation: Federation, assertion: string): Record<string, string> {
  return {
    grant_type: GRANT_TYPE_JWT_BEARER,
    assertion,
    federation_rule_id: federation.ruleId,
    organization_id: federation.organizationId,
    ...(federation.serviceAccountId ? { service_account_id: federation.serviceAccountId } : {}),
    ...(federation.workspaceId ? { workspace_id: federation.workspaceId } : {})
  }
}

/** One attempt, bounded by the attempt's timeout and the step's cancel signal. */
export async function exchangeOnce(
  federation: Federation,
  endpoint: string,
  fetch: Fetch,
  context: AttemptContext
): Promise<AttemptResult<AccessToken>> {
  const model = signInLabel(federation)
  const result = await underAttemptSignal<AccessToken>(
    context,
    model,
    async signal => {
      const identity = await identityToken(federation, fetch, signal)
      if (!identity.ok) return { ok: false, model, failure: identity.failure }
      const minted = await exchange(federation, endpoint, identity.value, fetch, signal)
      return minted.ok
        ? { ok: true, value: minted.value, status: 200, requestId: minted.requestId, model }
        : { ok: false, model, failure: minted.failure }
    },
    error => noResponseFailure(error, 'the request failed')
  )
  // Every failure's text, whatever made it, without the run's secrets (the tokens above included).
  return result.ok ? result : { ...result, failure: redactFailure(result.failure) }
}

type Step<T> = { ok: true; value: T; requestId: string | null } | { ok: false; failure: AttemptFailure }

/** GET ACTIONS_ID_TOKEN_REQUEST_URL (+ `&audience=`) as core.getIDToken does; the JWT is masked at once. */
async function identityToken(federation: Federation, fetch: Fetch, signal: AbortSignal): Promise<Step<string>> {
  const { url, token } = federation.idTokenRequest
  const target = federation.audience ? `${url}&audience=${encodeURIComponent(federation.audience)}` : url
  let response: Response
  try {
    response = await fetch(target, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal
    })
  } catch (error) {
    if (signal.aborted) throw error
    return { ok: false, failure: noResponseFailure(error, "GitHub's OIDC token endpoint could not be reached") }
  }
  const text = await response.text()
  if (!response.ok) {
    const message = `GitHub's OIDC token endpoint answered HTTP ${response.status}: ${clip(text, QUOTED_BODY_CHARS)}`
    return { ok: false, failure: httpFailure(response, 'id_token_error', message) }
  }
  const value = jsonField(text, 'value')
  if (value === undefined) {
    return {
      ok: false,
      failure: invalidResponse("GitHub's OIDC token endpoint sent no token (JSON field 'value')", null)
    }
  }
  runSecrets.add(value, 'the GitHub identity (OIDC) token')
  if (value.length > MAX_ASSERTION_CHARS) {
    const message = `the identity token is ${Math.ceil(value.length / 1024)} KiB, over the 16 KiB the token endpoint takes`
    return {
      ok: false,
      failure: { ...invalidResponse(message, null), kind: 'client', status: null, errorType: 'client_error' }
    }
  }
  return { ok: true, value, requestId: null }
}

/** POST /v1/oauth/token with the SDK's body and headers; the access token is masked at once. */
async function exchange(
  federation: Federation,
  endpoint: string,
  assertion: string,
  fetch: Fetch,
  signal: AbortSignal
): Promise<Step<AccessToken>> {
  let response: Response
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json',
        'anthropic-beta': `${OAUTH_API_BETA_HEADER},${FEDERATION_BETA_HEADER}`,
        'User-Agent': 'ask-claude oidc-federation'
      },
      body: JSON.stringify(exchangeBody(federation, assertion)),
      signal
    })
  } catch (error) {
    if (signal.aborted) throw error
    return { ok: false, failure: noResponseFailure(error, `the token endpoint ${endpoint} could not be reached`) }
  }
  const requestId = response.headers.get('request-id')
  const text = await response.text()
  if (!response.ok) {
    // RFC 6749 §5.2: {"error": "invalid_grant", "error_description": "..."}; only those fields are kept.
    const safe = redactSensitive(text) as string
    const errorType = jsonField(safe, 'error') ?? `http_${response.status}`
    const description = jsonField(safe, 'error_description') ?? clip(safe, QUOTED_BODY_CHARS)
    const message = `the token endpoint refused the exchange (HTTP ${response.status}): ${description}`
    return { ok: false, failure: { ...httpFailure(response, errorType, message), requestId } }
  }
  let data: Record<string, unknown> | undefined
  try {
    const parsed: unknown = JSON.parse(text)
    data = isRecord(parsed) ? parsed : undefined
  } catch {
    data = undefined
  }
  const token = data?.access_token
  if (typeof token === 'string' && token !== '') {
    runSecrets.add(token, 'the access token from the token exchange')
  }
  const expiresIn = Number(data?.expires_in)
  const tokenType = data?.token_type
  const problem =
    typeof token !== 'string' || token === ''
      ? 'no access_token'
      : typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer'
        ? `token_type ${clip(tokenType, 40)}, not Bearer`
        : data?.expires_in === undefined || !Number.isFinite(expiresIn) || expiresIn < 0
          ? 'no valid expires_in'
          : undefined
  if (problem !== undefined) {
    return { ok: false, failure: invalidResponse(`the token endpoint's answer has ${problem}`, requestId) }
  }
  const lifetimeMs = Math.round(expiresIn * 1000)
  return { ok: true, value: { value: token as string, expiresAtMs: Date.now() + lifetimeMs, lifetimeMs }, requestId }
}

/** What the user should do about a failure: one hint, by why the loop stopped and what failed. */
import { COST_LIMIT_ERROR, COST_LIMIT_HINT } from './cost-lines.js'
import { Inputs } from '../inputs/input-names.js'
import { providerHint } from './provider-hints.js'
import { serverSaysRetry, SPEND_LIMIT_CODES } from '../retry/classify.js'
import type { AttemptFailure } from '../retry/failure.js'
import type { StopReason } from '../retry/loop.js'

const RENEWAL_HINT = `The access token from the OIDC sign-in had to be renewed before this attempt, and the renewal failed: see the 'Renewing the access token:' lines above. If it was refused, check the federation rule ('${Inputs.federationRuleId}'); if it was transient, run again.`

/** What the user should do about a failure; undefined when there is nothing useful to say. */
export function hintFor(failure: AttemptFailure, stop: StopReason, model: string): string | undefined {
  if (stop === 'cancelled') return undefined
  // Retried until the end or not, a failure at the proxy (or an untrusted certificate) is fixed there.
  const proxyHint = proxyHintFor(failure)
  if (proxyHint) return proxyHint
  switch (stop) {
    case 'retries-exhausted':
      return `The failures were transient but outlasted the retries: raise '${Inputs.maxRetries}' or '${Inputs.totalTimeout}', or run again later.`
    case 'deadline':
      return `Raise '${Inputs.totalTimeout}', or lower '${Inputs.maxDelay}' so more attempts fit in it.`
    case 'server-wait-too-long':
      return `Raise '${Inputs.maxDelay}' to honour the server's wait, or run again later.`
    case 'refused':
      return failure.errorType === COST_LIMIT_ERROR ? COST_LIMIT_HINT : undefined
    case 'final-error':
      break
  }
  if (failure.errorCode && SPEND_LIMIT_CODES.includes(failure.errorCode)) {
    return 'A spend limit was reached: raise it in the Claude Console (Settings > Limits) or wait for the next period. Retrying does not help.'
  }
  if (serverSaysRetry(failure.headers) === false) return 'The server said this request must not be retried.'
  if (failure.kind === 'sign-in') return RENEWAL_HINT
  const fromProvider = providerHint(failure.errorType, model)
  if (fromProvider) return fromProvider
  switch (failure.status) {
    case 400:
      return `The API rejected the request: check '${Inputs.model}', '${Inputs.maxTokens}' and the prompt.`
    case 401:
      return `Check the API key: the secret passed as '${Inputs.apiKey}' (or ANTHROPIC_API_KEY) is wrong, revoked or empty.`
    case 402:
      return "Check the organisation's billing and credit balance in the Claude Console."
    case 403:
      return `The key may not use this model or resource: check its workspace and model access ('${model}').`
    case 404:
      return `Check the model name '${model}' ('${Inputs.model}') and '${Inputs.baseUrl}'.`
    case 413:
      return 'The request is too large: shrink the prompt or the system prompt.'
  }
  if (failure.kind === 'client') return 'The SDK refused the request before sending it.'
  return undefined
}

const PROXY_VARIABLES = 'HTTPS_PROXY (for https://) or HTTP_PROXY (for http://), or their lower-case forms, which win'

/** What to check when the request failed at the proxy (network/proxy.ts names it in the message), or its TLS. */
function proxyHintFor(failure: AttemptFailure): string | undefined {
  if (failure.errorType === 'certificate_error') {
    return "The server's certificate is not signed by a CA this runner trusts. Behind a proxy that inspects TLS, set NODE_EXTRA_CA_CERTS to the path of its CA certificate (PEM) in the step's env."
  }
  if (failure.errorType === 'proxy_connection_error') {
    return `Check that the proxy is running and reachable from the runner, and its address in ${PROXY_VARIABLES}; list hosts to reach directly in NO_PROXY.`
  }
  if (failure.kind !== 'proxy') return undefined
  if (failure.status === 407) {
    return `The proxy wants credentials: check the user and password in ${PROXY_VARIABLES} (http://user:password@host:port, special characters percent-encoded).`
  }
  return `The proxy does not allow this connection: have the API host allowed there, or list it in NO_PROXY if the runner can reach it directly.`
}

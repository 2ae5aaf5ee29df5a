/** Keyless login (OIDC) in words: what to do when the exchange was refused. */
import { type Federation, ID_TOKEN_PERMISSION_HINT } from '../inputs/federation.js'
import { Inputs } from '../inputs/input-names.js'
import * as core from '../util/actions-core.js'
import type { SignInLog } from '../auth/sign-in.js'
import type { RetryPolicy } from '../retry/policy.js'
import { isRetryableStatus } from '../retry/classify.js'
import { attemptLogger } from './log-lines.js'

/** What to do when the exchange was refused (a 4xx, final): where to look, by the ids used. */
export function signInHint(federation: Federation, status: number | null, errorType: string): string | undefined {
  // Only a refusal: a retryable status is no one's setting to fix.
  if (status === null || status < 400 || isRetryableStatus(status)) return
  if (errorType === 'id_token_error') {
    return `GitHub refused to hand out the identity token: ${ID_TOKEN_PERMISSION_HINT}, and check '${Inputs.oidcAudience}'.`
  }
  const ids = [
    `federation rule '${federation.ruleId}'`,
    `organization '${federation.organizationId}'`,
    federation.serviceAccountId ? `service account '${federation.serviceAccountId}'` : '',
    federation.workspaceId ? `workspace '${federation.workspaceId}'` : ''
  ].filter(Boolean)
  const audience = federation.audience ? `'${federation.audience}'` : "GitHub's default (https://github.com/<owner>)"
  return (
    `Anthropic refused to exchange this workflow's identity token (${ids.join(', ')}). ` +
    `Check in the Claude Console (Workload identity) that the rule exists and is enabled, that '${Inputs.federationRuleId}' ` +
    `and '${Inputs.organizationId}' are right, and that the rule's subject and audience conditions match this run: ` +
    `subject repo:<owner>/<repo>:ref:<ref> (or :pull_request, :environment:<name>), audience ${audience} ('${Inputs.oidcAudience}').` +
    (federation.workspaceId ? '' : ` If the rule covers several workspaces, set '${Inputs.workspaceId}'.`)
  )
}

/** Keyless login (OIDC): each token exchange logged like any attempt, under its own prefix. */
const SIGN_IN_PREFIX = 'Signing in: '
const RENEW_PREFIX = 'Renewing the access token: '

export function signInLog(policy: Pick<RetryPolicy, 'maxRetries'>): SignInLog {
  const first = attemptLogger(SIGN_IN_PREFIX, policy)
  const again = attemptLogger(RENEW_PREFIX, policy)
  return {
    attempt: (event, renewal) => (renewal ? again : first)(event),
    keyIgnored: () =>
      core.warning(
        `Both an API key and '${Inputs.federationRuleId}' are set: the action signs in with OIDC and does not send the key. ` +
          `Remove '${Inputs.apiKey}' (and ANTHROPIC_API_KEY) from this step.`
      ),
    gatewayGetsIdentityToken: endpoint =>
      core.warning(
        `Keyless login (OIDC) sends GitHub's identity token to ${endpoint}, because '${Inputs.baseUrl}' ` +
          `(or ANTHROPIC_BASE_URL) is not the Claude API: that gateway receives the identity token and could use it ` +
          `until it expires. Use a base URL only if you trust its operator as much as Anthropic (see SECURITY.md).`
      )
  }
}

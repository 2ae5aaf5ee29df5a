/**
 * Keyless login (OIDC workload identity federation): its inputs, read and checked before any
 * request. auth/ does the sign-in itself; this module only says whether it is on and with what.
 */
import { plainHttpWarning } from './base-url.js'
import { credentialHeader, type ExtraHeaders } from './headers.js'
import { Inputs, type ProviderName } from './input-names.js'
import { ConfigError, type InputSource, invalid } from './read.js'

/** What the jwt-bearer exchange needs; present exactly when `federation-rule-id` is given. */
export interface Federation {
  ruleId: string
  organizationId: string
  serviceAccountId: string | undefined
  workspaceId: string | undefined
  /** The `aud` the GitHub identity token asks for; undefined = GitHub's default audience. */
  audience: string | undefined
  /** Where the runner hands out identity tokens; set only with `permissions: id-token: write`. */
  idTokenRequest: { url: string; token: string }
  /** An API key was given too: federation wins, and the key is never sent. */
  keyIgnored: boolean
}

/** Every input of keyless login: any of them given turns the checks on. */
const FEDERATION_INPUTS = [
  Inputs.federationRuleId,
  Inputs.organizationId,
  Inputs.serviceAccountId,
  Inputs.workspaceId,
  Inputs.oidcAudience
] as const

/** Ids as the Console shows them (fdrl_…, svac_…, UUIDs): letters, digits and `_ . : -`. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,255}$/
/** An audience is a URI or a plain name: printable ASCII without spaces. */
const AUDIENCE = /^[\x21-\x7e]{1,512}$/

export const ID_TOKEN_PERMISSION_HINT =
  "Add 'permissions: id-token: write' to the job (or the workflow), so the runner hands out GitHub's OIDC identity token"

function idInput(source: InputSource, name: string): string | undefined {
  const raw = source.getInput(name).trim()
  if (raw === '') return undefined
  if (!ID.test(raw)) throw invalid(name, raw, 'an id from the Claude Console: letters, digits, _ . : - and no spaces')
  return raw
}

/**
 * Federation is on when `federation-rule-id` is given; `organization-id` is then required, and
 * the job must have the id-token permission (unless `mock` stands in for the API: no request).
 * With federation on, an API key given as well is ignored (and a warning says so).
 */
export function federationInput(
  source: InputSource,
  options: {
    apiKey: string
    baseUrl: string | undefined
    mock: boolean
    provider?: ProviderName
    headers?: ExtraHeaders
  }
): Federation | undefined {
  const { apiKey, baseUrl, mock, provider = 'anthropic', headers = {} } = options
  const given = FEDERATION_INPUTS.filter(name => source.getInput(name).trim() !== '')
  if (given.length === 0) return undefined
  // The exchange is the Claude API's: with a cloud provider, base-url is the cloud's endpoint
  // and GitHub's identity token must not go there.
  if (provider !== 'anthropic') {
    throw new ConfigError(
      `Input '${given[0]}' is set, but '${Inputs.provider}' is '${provider}': keyless login (OIDC) signs in to the ` +
        `Claude API only, and provider '${provider}' logs in with its own credentials. Leave the federation inputs ` +
        `(${FEDERATION_INPUTS.join(', ')}) empty with '${Inputs.provider}: ${provider}', or use '${Inputs.provider}: anthropic'.`
    )
  }
  const ruleId = idInput(source, Inputs.federationRuleId)
  const organizationId = idInput(source, Inputs.organizationId)
  const serviceAccountId = idInput(source, Inputs.serviceAccountId)
  const workspaceId = idInput(source, Inputs.workspaceId)
  const audience = source.getInput(Inputs.oidcAudience).trim() || undefined
  if (ruleId === undefined) {
    throw new ConfigError(
      `Input '${given[0]}' is set but '${Inputs.federationRuleId}' is empty. Keyless login (OIDC) needs ` +
        `'${Inputs.federationRuleId}' and '${Inputs.organizationId}'; without them, leave the other federation inputs empty.`
    )
  }
  // The minted token goes out as Authorization; a header credential would replace it (Authorization)
  // or have the client drop it (x-api-key, see providers/anthropic.ts sdkHeaders).
  const credential = credentialHeader(headers)
  if (credential !== undefined) {
    throw new ConfigError(
      `Input '${Inputs.headers}' carries a credential (${credential}) and '${Inputs.federationRuleId}' is set: ` +
        `keyless login sends its access token as Authorization, so there would be two credentials. Give a gateway's own ` +
        `credential under another header name (e.g. cf-aig-authorization), or leave the federation inputs empty.`
    )
  }
  if (organizationId === undefined) {
    throw new ConfigError(
      `Input '${Inputs.organizationId}' is required with '${Inputs.federationRuleId}': give your Anthropic organization id ` +
        `(Claude Console, Settings > Organization).`
    )
  }
  if (audience !== undefined && !AUDIENCE.test(audience)) {
    throw invalid(Inputs.oidcAudience, audience, 'an audience without spaces, e.g. https://api.anthropic.com, or empty')
  }
  if (plainHttpWarning(baseUrl) !== undefined) {
    throw new ConfigError(
      `Keyless login (OIDC) refuses a plain http:// API base URL to a host other than this machine ('${Inputs.baseUrl}' or ` +
        `ANTHROPIC_BASE_URL): the identity token and the access token would travel in clear text. Use https://.`
    )
  }
  const url = source.env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? ''
  const token = source.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? ''
  if (!mock && (url === '' || token === '')) {
    throw new ConfigError(
      `Input '${Inputs.federationRuleId}' is set, but the runner gave this step no OIDC token endpoint ` +
        `(${url === '' ? 'ACTIONS_ID_TOKEN_REQUEST_URL' : 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'} is not set). ${ID_TOKEN_PERMISSION_HINT}.`
    )
  }
  return {
    ruleId,
    organizationId,
    serviceAccountId,
    workspaceId,
    audience,
    idTokenRequest: { url, token },
    keyIgnored: apiKey !== ''
  }
}

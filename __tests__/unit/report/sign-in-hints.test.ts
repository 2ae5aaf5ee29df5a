import type { Federation } from '../../../src/inputs/federation.js'
import { signInHint } from '../../../src/report/sign-in-hints.js'

const federation = (overrides: Partial<Federation> = {}): Federation => ({
  ruleId: 'fdrl_1',
  organizationId: 'org_1',
  serviceAccountId: undefined,
  workspaceId: undefined,
  audience: undefined,
  idTokenRequest: { url: 'http://127.0.0.1:1/token', token: 'request-token' },
  keyIgnored: false,
  ...overrides
})

describe('signInHint', () => {
  it.each([null, 200, 302, 408, 409, 429, 500, 503])('no hint for status %p: nothing for anyone to fix', status => {
    expect(signInHint(federation(), status, 'invalid_grant')).toBeUndefined()
  })

  it("a refused identity token: the job's permission and the audience input", () => {
    expect(signInHint(federation(), 403, 'id_token_error')).toBe(
      "GitHub refused to hand out the identity token: Add 'permissions: id-token: write' to the job (or the workflow), so the runner hands out GitHub's OIDC identity token, and check 'oidc-audience'."
    )
  })

  it('a refused exchange names the ids used and the conditions to check', () => {
    const hint = signInHint(federation(), 400, 'invalid_grant') ?? ''
    expect(hint).toMatch(
      /^Anthropic refused to exchange this workflow's identity token \(federation rule 'fdrl_1', organization 'org_1'\)\. /
    )
    expect(hint).toContain("audience GitHub's default (https://github.com/<owner>) ('oidc-audience')")
    // No workspace given: a rule over several workspaces needs one.
    expect(hint.endsWith(" If the rule covers several workspaces, set 'workspace-id'.")).toBe(true)
  })

  it('with every id given: all of them, the audience asked for, and no workspace advice', () => {
    const hint =
      signInHint(federation({ serviceAccountId: 'sa_1', workspaceId: 'wrkspc_1', audience: 'my-aud' }), 401, 'x') ?? ''
    expect(hint).toContain(
      "(federation rule 'fdrl_1', organization 'org_1', service account 'sa_1', workspace 'wrkspc_1')"
    )
    expect(hint).toContain("audience 'my-aud' ('oidc-audience')")
    expect(hint).not.toContain("set 'workspace-id'")
  })
})

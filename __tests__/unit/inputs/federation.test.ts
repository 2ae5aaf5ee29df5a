/**
 * Keyless login's pure parts and its wire contract: the inputs, when a token is renewed, and the
 * two requests, compared with the ones the toolkit (core.getIDToken) and the SDK
 * (oidcFederationProvider) send to the same fake servers on 127.0.0.1.
 */
import { parseConfig } from '../../../src/inputs/config.js'
import { federationInput } from '../../../src/inputs/federation.js'
import { ConfigError, type InputSource } from '../../../src/inputs/read.js'

const RUNNER = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://runner.example.test/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token'
}
const source = (inputs: Record<string, string>, env: Record<string, string> = RUNNER): InputSource => ({
  getInput: name => inputs[name] ?? '',
  env
})
const federation = (inputs: Record<string, string>, env?: Record<string, string>, options = {}) =>
  federationInput(source(inputs, env), { apiKey: '', baseUrl: undefined, mock: false, ...options })
const rule = { 'federation-rule-id': 'fdrl_01Rule', 'organization-id': 'org-uuid-1' }

describe('the federation inputs', () => {
  it('are off without federation-rule-id, and complete with it', async () => {
    expect(federation({})).toBeUndefined()
    expect(
      federation({
        ...rule,
        'service-account-id': ' svac_01 ',
        'workspace-id': 'wrkspc_01',
        'oidc-audience': 'api://x'
      })
    ).toEqual({
      ruleId: 'fdrl_01Rule',
      organizationId: 'org-uuid-1',
      serviceAccountId: 'svac_01',
      workspaceId: 'wrkspc_01',
      audience: 'api://x',
      idTokenRequest: { url: RUNNER.ACTIONS_ID_TOKEN_REQUEST_URL, token: 'req-token' },
      keyIgnored: false
    })
  })

  it('say what is missing or wrong, naming the input', async () => {
    const error = (inputs: Record<string, string>, env?: Record<string, string>, options = {}) => {
      try {
        federation(inputs, env, options)
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError)
        return (e as Error).message
      }
      throw new Error('no error')
    }
    expect(error({ 'federation-rule-id': 'fdrl_01' })).toMatch(
      /^Input 'organization-id' is required with 'federation-rule-id'/
    )
    expect(error({ 'organization-id': 'org' })).toMatch(
      /^Input 'organization-id' is set but 'federation-rule-id' is empty/
    )
    expect(error({ ...rule, 'workspace-id': 'has space' })).toMatch(
      /^Input 'workspace-id' has invalid value 'has space'/
    )
    expect(error({ ...rule, 'oidc-audience': 'a b' })).toMatch(/^Input 'oidc-audience' has invalid value 'a b'/)
    expect(error(rule, {})).toMatch(
      /ACTIONS_ID_TOKEN_REQUEST_URL is not set\). Add 'permissions: id-token: write' to the job/
    )
    expect(error(rule, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x.example.test/?a=1' })).toMatch(
      /ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set/
    )
    expect(error(rule, RUNNER, { baseUrl: 'http://gateway.example.test' })).toMatch(
      /refuses a plain http:\/\/ API base URL/
    )
  })

  it('need no runner endpoint with mock-response, allow http:// on this machine, and mark a key as ignored', async () => {
    expect(federation(rule, {}, { mock: true })?.idTokenRequest).toEqual({ url: '', token: '' })
    expect(federation(rule, RUNNER, { baseUrl: 'http://127.0.0.1:9' })).toMatchObject({ ruleId: 'fdrl_01Rule' })
    expect(federation(rule, RUNNER, { apiKey: 'sk-ant-x' })?.keyIgnored).toBe(true)
  })

  it('make the API key optional in parseConfig', async () => {
    const config = await parseConfig(source({ prompt: 'Hi', ...rule }))
    expect(config.apiKey).toBe('')
    expect(config.federation?.ruleId).toBe('fdrl_01Rule')
    await expect(parseConfig(source({ prompt: 'Hi' }))).rejects.toThrow(/^No API key/)
  })

  it('are refused with a cloud provider, which logs in with its own credentials', async () => {
    const cloud = {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'us-east-1',
      GOOGLE_CLOUD_PROJECT: 'my-project-123',
      CLOUD_ML_REGION: 'us-east5',
      ANTHROPIC_FOUNDRY_RESOURCE: 'my-resource',
      ...RUNNER
    }
    for (const provider of ['bedrock', 'vertex', 'foundry']) {
      await expect(parseConfig(source({ prompt: 'Hi', provider, ...rule }, cloud))).rejects.toThrow(
        new RegExp(`^Input 'federation-rule-id' is set, but 'provider' is '${provider}'.*Leave the federation inputs`)
      )
    }
    // Any federation input names itself, not only the rule id.
    await expect(
      parseConfig(source({ prompt: 'Hi', provider: 'bedrock', 'oidc-audience': 'x' }, cloud))
    ).rejects.toThrow(/^Input 'oidc-audience' is set, but 'provider' is 'bedrock'/)
  })

  it("are refused with a credential in 'headers': the minted token would be replaced or dropped", async () => {
    for (const header of ['Authorization: Bearer gw-token', 'x-api-key: gw-key']) {
      await expect(parseConfig(source({ prompt: 'Hi', ...rule, headers: header }))).rejects.toThrow(
        /^Input 'headers' carries a credential \((Authorization|x-api-key)\) and 'federation-rule-id' is set/
      )
    }
    // A gateway's credential under a name of its own goes along with the minted token.
    const config = await parseConfig(source({ prompt: 'Hi', ...rule, headers: 'cf-aig-authorization: Bearer gw' }))
    expect(config.federation?.ruleId).toBe('fdrl_01Rule')
  })
})

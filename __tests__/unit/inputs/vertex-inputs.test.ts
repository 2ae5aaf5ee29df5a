import { ConfigError, type InputSource } from '../../../src/inputs/read.js'
import { vertexInputs } from '../../../src/inputs/vertex-inputs.js'

const source = (inputs: Record<string, string>, env: Record<string, string> = {}): InputSource => ({
  getInput: name => inputs[name] ?? '',
  env
})
const both = { 'vertex-project-id': 'my-project-123', 'vertex-region': 'us-east5' }

describe('vertexInputs', () => {
  it('takes the inputs; without a token, Application Default Credentials are used', () => {
    expect(vertexInputs(source(both))).toEqual({
      projectId: 'my-project-123',
      region: 'us-east5',
      accessToken: undefined
    })
  })

  it('falls back to the variables the SDK and google-github-actions/auth set, inputs first', () => {
    const env = { GOOGLE_CLOUD_PROJECT: 'from-auth-action', CLOUD_ML_REGION: 'europe-west1' }
    expect(vertexInputs(source({}, env))).toMatchObject({ projectId: 'from-auth-action', region: 'europe-west1' })
    expect(vertexInputs(source({}, { ...env, ANTHROPIC_VERTEX_PROJECT_ID: 'sdk-project' })).projectId).toBe(
      'sdk-project'
    )
    expect(vertexInputs(source(both, env))).toMatchObject({ projectId: 'my-project-123', region: 'us-east5' })
  })

  it.each(['global', 'us', 'eu', 'us-east5', 'europe-west1', 'northamerica-northeast1', 'asia-southeast1'])(
    'accepts the region %s',
    region => expect(vertexInputs(source({ ...both, 'vertex-region': region })).region).toBe(region)
  )

  it.each(['example.com:my-project', 'abcdef', 'a-30-character-project-id-0001'])('accepts the project %s', id =>
    expect(vertexInputs(source({ ...both, 'vertex-project-id': id })).projectId).toBe(id)
  )

  it.each([
    ['vertex-region', 'evil.example/x?', /Input 'vertex-region' has invalid value 'evil\.example\/x\?'/],
    ['vertex-region', 'US-EAST5', /Expected a Vertex AI region such as us-east5/],
    ['vertex-region', 'us-east5.', /invalid value/],
    [
      'vertex-project-id',
      'My Project',
      /Input 'vertex-project-id' has invalid value 'My Project'\. Expected a Google Cloud project ID/
    ],
    ['vertex-project-id', '123456789012', /not its name or number/],
    ['vertex-project-id', 'short', /invalid value 'short'/],
    ['vertex-project-id', 'ends-with-hyphen-', /invalid value/],
    ['vertex-project-id', 'p/../../x', /invalid value/]
  ])('refuses %s %j before any request, naming the input, the value and what is accepted', (input, value, message) => {
    expect(() => vertexInputs(source({ ...both, [input]: value }))).toThrow(ConfigError)
    expect(() => vertexInputs(source({ ...both, [input]: value }))).toThrow(message)
  })

  it('names the variable when the bad value came from the environment', () => {
    expect(() => vertexInputs(source({ 'vertex-project-id': 'my-project-123' }, { CLOUD_ML_REGION: 'mars' }))).toThrow(
      "CLOUD_ML_REGION (used because 'vertex-region' is empty) has invalid value 'mars'"
    )
  })

  it('says where the project and the region can come from when neither is given', () => {
    expect(() => vertexInputs(source({ 'vertex-region': 'us-east5' }))).toThrow(
      /No Vertex AI project: input 'vertex-project-id' is empty and ANTHROPIC_VERTEX_PROJECT_ID and GOOGLE_CLOUD_PROJECT are not set.*project_id/
    )
    expect(() => vertexInputs(source({ 'vertex-project-id': 'my-project-123' }))).toThrow(
      /No Vertex AI region: input 'vertex-region' is empty and CLOUD_ML_REGION is not set/
    )
  })

  it('with mock-response, needs no project or region (no request is sent), but still checks given ones', () => {
    expect(vertexInputs(source({}), { mock: true })).toEqual({ projectId: '', region: '', accessToken: undefined })
    expect(() => vertexInputs(source({ 'vertex-region': 'nowhere' }), { mock: true })).toThrow(
      /invalid value 'nowhere'/
    )
  })

  it('takes an access token, and refuses one that cannot be a bearer token without quoting it', () => {
    const token = 'ya29.a0AfB_byC-x_y~z+/w=='
    expect(vertexInputs(source({ ...both, 'vertex-access-token': ` ${token}\n` })).accessToken).toBe(token)
    const bad = 'ya29.secret\nX-Injected: 1'
    let message = ''
    try {
      vertexInputs(source({ ...both, 'vertex-access-token': bad }))
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/Input 'vertex-access-token' is not an OAuth 2.0 access token/)
    expect(message).not.toContain('ya29.secret')
  })
})

import { providerHint } from '../../../src/report/provider-hints.js'

describe('providerHint', () => {
  it("has Bedrock's fixes by error type, and nothing for the API's own types", async () => {
    expect(providerHint('AccessDeniedException', 'm')).toMatch(/bedrock:InvokeModel.*'m'/)
    expect(providerHint('ExpiredTokenException', 'm')).toMatch(/configure-aws-credentials/)
    expect(providerHint('permission_error', 'm')).toBeUndefined()
    expect(providerHint('constructor', 'm')).toBeUndefined()
  })
})

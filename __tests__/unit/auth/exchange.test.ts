/** Which token endpoints count as a gateway that receives GitHub's identity token (issue 20). */
import { exchangeGateway } from '../../../src/auth/exchange.js'

describe('exchangeGateway', () => {
  it('is undefined for the Claude API itself (no base-url, or its own URL)', () => {
    expect(exchangeGateway(undefined)).toBeUndefined()
    expect(exchangeGateway('https://api.anthropic.com')).toBeUndefined()
    expect(exchangeGateway('https://api.anthropic.com/')).toBeUndefined()
  })

  it('names the full token endpoint of any other base-url, path included', () => {
    expect(exchangeGateway('https://gateway.example.test/anthropic/')).toBe(
      'https://gateway.example.test/anthropic/v1/oauth/token'
    )
    expect(exchangeGateway('https://api.anthropic.com.example.test')).toBe(
      'https://api.anthropic.com.example.test/v1/oauth/token'
    )
  })
})

/**
 * Keyless login's pure parts and its wire contract: the inputs, when a token is renewed, and the
 * two requests, compared with the ones the toolkit (core.getIDToken) and the SDK
 * (oidcFederationProvider) send to the same fake servers on 127.0.0.1.
 */
import { renewalDue } from '../../../src/auth/sign-in.js'

describe('renewalDue', () => {
  const token = (lifetimeMs: number) => ({ value: 't', expiresAtMs: 1_000_000 + lifetimeMs, lifetimeMs })
  it('renews an hour-long token in its last minute', async () => {
    const hour = token(3_600_000)
    expect(renewalDue(hour, 1_000_000)).toBe(false)
    expect(renewalDue(hour, 1_000_000 + 3_540_000)).toBe(false)
    expect(renewalDue(hour, 1_000_000 + 3_540_001)).toBe(true)
  })
  it('renews a short-lived token in the last tenth of its life, never one just minted', async () => {
    const short = token(10_000)
    expect(renewalDue(short, 1_000_000)).toBe(false)
    expect(renewalDue(short, 1_000_000 + 9_000)).toBe(false)
    expect(renewalDue(short, 1_000_000 + 9_001)).toBe(true)
    expect(renewalDue(token(0), 1_000_000)).toBe(false)
    expect(renewalDue(token(0), 1_000_001)).toBe(true)
  })
})

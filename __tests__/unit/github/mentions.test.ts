import { neutraliseMentions } from '../../../src/github/mentions.js'

describe('neutraliseMentions', () => {
  it('breaks @user and @org/team, at the start and after punctuation', () => {
    const out = neutraliseMentions('@alice see (@org/team), cc:@bob')
    expect(out).toBe('@\u200dalice see (@\u200dorg/team), cc:@\u200dbob')
    expect(out).not.toMatch(/(^|[^\w])@[A-Za-z0-9]/)
  })
  it('leaves e-mail addresses, a lone @ and diff headers alone', () => {
    const text = 'mail a.b@example.com, @ alone, @@ -1,2 +1,2 @@'
    expect(neutraliseMentions(text)).toBe(text)
  })
})

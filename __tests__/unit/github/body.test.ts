import { COMMENT_LIMIT, commentBody, commentMarker, DEFAULT_MARKER, fitCommentBody } from '../../../src/github/body.js'
import type { StepResult } from '../../../src/report/result.js'

const RUN_URL = 'https://github.com/octo-org/octo-repo/actions/runs/42'

describe('commentBody', () => {
  it('escapes a model name from the server, so it cannot close the provenance line or add HTML', () => {
    const result = {
      status: 'succeeded',
      model: 'claude-sonnet-5-5',
      message: { model: '</sub><img src=x onerror=alert(1)>[run](https://evil.example)' },
      text: 'The answer.',
      attempts: [],
      durationMs: 1200
    } as unknown as StepResult
    const body = commentBody(result, 'https://github.com/o/r/actions/runs/1')
    expect(body).not.toMatch(/<img|<\/sub><|(?<!\\)\]\(https:\/\/evil/) // a link needs an unescaped ](
    expect(body).toMatch(
      /^<sub>Ask Claude · &lt;\/sub&gt;&lt;img .* · \[run\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)<\/sub>\n\nThe answer\.\n$/
    )
  })
})

describe('fitCommentBody', () => {
  const marker = DEFAULT_MARKER
  it('keeps a body that fits, exactly at the limit too', () => {
    expect(fitCommentBody('short', marker, RUN_URL)).toBe(`${marker}\nshort`)
    const exact = 'x'.repeat(COMMENT_LIMIT - marker.length - 1)
    expect(fitCommentBody(exact, marker, RUN_URL)).toBe(`${marker}\n${exact}`)
  })

  it('cuts one character over the limit and ends with the run link', () => {
    const body = 'x'.repeat(COMMENT_LIMIT - marker.length)
    const fitted = fitCommentBody(body, marker, RUN_URL)
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(fitted.endsWith(`\n\n… truncated; full response in the run: ${RUN_URL}`)).toBe(true)
  })

  it('never cuts inside a surrogate pair, at any alignment', () => {
    for (let pad = 0; pad < 4; pad++) {
      const fitted = fitCommentBody('a'.repeat(pad) + '𝄞'.repeat(40_000), marker, RUN_URL)
      expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT)
      expect(fitted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/)
    }
  })

  it('closes a code fence left open by the cut, so the link is not swallowed by it', () => {
    const body = `Intro\n\n~~~~ts\n${'const x = 1\n'.repeat(8000)}~~~~\n`
    const fitted = fitCommentBody(body, marker, RUN_URL)
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(fitted).toMatch(/\n~~~~\n\n… truncated; full response in the run: \S+$/)
    const closed = fitCommentBody(`\`\`\`\ncode\n\`\`\`\n${'y'.repeat(COMMENT_LIMIT)}`, marker, RUN_URL)
    expect(closed).toMatch(/y\n\n… truncated/)
  })

  it('holds the limit even for an absurd run URL', () => {
    const fitted = fitCommentBody(
      'z'.repeat(COMMENT_LIMIT),
      marker,
      `https://example.test/${'r'.repeat(COMMENT_LIMIT)}`
    )
    expect(fitted.length).toBeLessThanOrEqual(COMMENT_LIMIT)
  })
})

describe('commentMarker', () => {
  it('is the default without a key, a keyed hidden comment with one', () => {
    expect(commentMarker()).toBe('<!-- ask-claude -->')
    expect(commentMarker('  ')).toBe('<!-- ask-claude -->')
    expect(commentMarker('ci/review')).toBe('<!-- ask-claude:ci/review -->')
  })
  it('cannot end or break the HTML comment', () => {
    const marker = commentMarker('a --> <b>x</b> -- c')
    expect(marker).toBe('<!-- ask-claude:a-b-x-/b-c -->')
    expect(marker.slice(4, -3)).not.toMatch(/--|>/)
  })
})

/**
 * Which comments are ours: only those the identity that posts wrote. The hidden marker is public
 * and anyone can paste it; a stranger's comment is never edited or deleted (SECURITY.md).
 */
import { CommentError, whatGitHubSaid } from './comment-error.js'
import type { Call, Octokit } from './github-call.js'

/**
 * The login the token posts as. GraphQL's `viewer` answers for every kind of token: a PAT's
 * user, `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]` for a GitHub App installation
 * token (REST `GET /user` refuses installation tokens with a 403, and `GET /app` needs the
 * App's JWT). Any failure but a cancel or timeout leaves the identity unknown.
 */
export async function whoPosts(
  octokit: Octokit,
  call: Call,
  token: string,
  posting: 'comment' | 'review' = 'comment'
): Promise<{ login?: string; note?: string }> {
  const instead =
    posting === 'comment'
      ? 'posted a new comment rather than edit one it may not own'
      : 'left the earlier review and its comments as they were'
  const unknown = (why: string) => ({ note: `could not tell which account the token posts as (${why}); ${instead}` })
  try {
    const answer = await call(
      'look up which account the token posts as, for',
      options => octokit.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }', options),
      true
    )
    const login = answer?.viewer?.login
    return typeof login === 'string' && login !== '' ? { login } : unknown('GitHub gave no login')
  } catch (error) {
    if (error instanceof CommentError) throw error // cancelled or timed out
    return unknown(whatGitHubSaid(error, token))
  }
}

/**
 * A comment is ours only if the identity that posts wrote it. Logins compare case-insensitively
 * (GitHub's are). A bot's REST login ends in `[bot]`; accept a viewer login given without it
 * only for a comment whose author is a Bot, never for a user of that name.
 */
export function sameAuthor(user: { login?: string; type?: string } | null | undefined, login: string): boolean {
  const author = user?.login?.toLowerCase()
  if (author === undefined) return false
  const me = login.toLowerCase()
  return author === me || (user?.type === 'Bot' && !me.endsWith('[bot]') && author === `${me}[bot]`)
}

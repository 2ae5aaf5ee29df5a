/**
 * The checks across inputs (and the triggering event) that parseConfig runs after the single
 * inputs: each one a requirement that one input's value puts on another.
 */
import type { CommentTargetInput } from './input-names.js'
import { Inputs } from './input-names.js'
import { ConfigError, type EventChecks } from './read.js'

export function needKey(
  { apiKey, mock, keyless }: { apiKey: string; mock: boolean; keyless: boolean },
  advice: string | undefined
): void {
  if (apiKey !== '' || mock || keyless) return
  throw new ConfigError(
    `No API key: input '${Inputs.apiKey}' is empty and ANTHROPIC_API_KEY is not set. ` +
      (advice ??
        `Store the key as a repository secret and pass it: 'with: ${Inputs.apiKey}: \${{ secrets.ANTHROPIC_API_KEY }}' ` +
          `(or, through an LLM gateway, give its credential as an Authorization or x-api-key line of '${Inputs.headers}').`),
    [Inputs.apiKey]
  )
}

export function needToken(commentOn: string, githubToken: string): void {
  if (commentOn === 'none' || githubToken !== '') return
  throw new ConfigError(
    `Input '${Inputs.commentOn}' is '${commentOn}' but '${Inputs.githubToken}' is empty. Pass 'with: ${Inputs.githubToken}: \${{ github.token }}' (the default in action.yml).`
  )
}

/** comment-on names a target this event has (known before the request; after it, the request is paid for). */
export function needCommentTarget(commentOn: CommentTargetInput, event: EventChecks | undefined): void {
  const problem = commentOn === 'none' ? undefined : event?.commentTargetProblem(commentOn)
  if (problem !== undefined) throw new ConfigError(problem)
}

/**
 * The event checks that parseConfig runs before any request (inputs/read.ts EventChecks), read
 * from the same payload and by the same code that the comment step uses afterwards: whatever
 * would fail there fails here first, before a request is paid for.
 */
import { readFileSync } from 'node:fs'
import type { EventChecks } from '../inputs/read.js'
import { commentTargetFix, noKeyAdvice } from '../report/input-lines.js'
import { commentContextFromEnv, readEventPayload, secretsWithheld } from './target.js'

export function eventChecks(
  env: NodeJS.ProcessEnv,
  readFile: (file: string) => string = file => readFileSync(file, 'utf8')
): EventChecks {
  return {
    commentTargetProblem(target) {
      // A review goes on a pull request: the same event check as comment-on: pr.
      const found = commentContextFromEnv(env, readFile, target === 'pr-review' ? 'pr' : target, target)
      return 'error' in found ? `${found.error} ${commentTargetFix(target)}` : undefined
    },
    noKeyAdvice() {
      const read = readEventPayload(env, readFile)
      // No payload (a local run): nothing is known about the event, so the usual advice stands.
      return 'error' in read && env.GITHUB_ACTOR !== 'dependabot[bot]'
        ? undefined
        : noKeyAdvice(secretsWithheld(env, 'error' in read ? undefined : read.payload))
    }
  }
}

/** The sentences about the run's secret registry (util/secrets.ts). */
import { MIN_SECRET_CHARS, REDACTED } from '../util/secrets.js'
import { plural } from '../util/text.js'

/** A credential too short to scrub from text; named (`what`, e.g. "the API key"), never shown. */
export function shortSecretWarning(what: string): string {
  return (
    `${what.charAt(0).toUpperCase()}${what.slice(1)} is shorter than ${MIN_SECRET_CHARS} characters: it is masked in this log, but not replaced in ` +
    'outputs, the summary or a results file if a server echoes it. Use a longer credential.'
  )
}

/** The summary's count of replacements; undefined when there were none. */
export function secretsReplacedNote(count: number | undefined): string | undefined {
  if (!count) return undefined
  return `${plural(count, 'secret value')} in server text or the answer ${count === 1 ? 'was' : 'were'} replaced with ${REDACTED}`
}

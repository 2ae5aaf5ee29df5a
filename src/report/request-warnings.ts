/**
 * Warnings about what the step sends differently from what was written, told before the request:
 * a .prompt.yml's sampling parameters that the API version no longer takes.
 */
import * as core from '../util/actions-core.js'
import { Inputs } from '../inputs/input-names.js'
import { SAMPLING_REMOVED } from '../request/input-error.js'

/** The field each GitHub Models parameter would have been on the Messages API. */
const API_FIELD: Record<string, string> = { temperature: 'temperature', topP: 'top_p', topK: 'top_k' }

/** One warning naming every dropped parameter, why, and that the request goes without them. */
export function droppedParametersWarning(dropped: readonly string[]): string | undefined {
  if (dropped.length === 0) return undefined
  const names = dropped.map(name => `'modelParameters.${name}' (${API_FIELD[name] ?? name})`).join(', ')
  const them = dropped.length === 1 ? 'it' : 'them'
  return (
    `The '${Inputs.promptYml}' file sets ${names}: dropped, not sent. Why: ${SAMPLING_REMOVED}. ` +
    `The request is sent without ${them}; delete ${them} from the file to end this warning.`
  )
}

export function warnDroppedParameters(dropped: readonly string[] | undefined): void {
  const warning = droppedParametersWarning(dropped ?? [])
  if (warning) core.warning(warning)
}

/**
 * Which live workflow commands (as the runner reads them, see parseWorkflowCommands) the action
 * itself writes. Anything else came from server- or model-controlled text reaching the log.
 */
import type { RunResult, WorkflowCommand } from './run-action.js'

/** How our own annotations start: attempt lines, output warnings, failure explanations. */
const OWN_WARNING = /^(Counting input tokens: )?Attempt \d+ of \d+: |^The '[a-z-]+' output /
const OWN_ERROR =
  /^(Claude request failed after |Cancelled after |Counting the prompt's tokens |The prompt counts |Input '|Inputs '|No API key|Environment variable |The answer was not posted|The '[a-z-]+' text does not follow|Unexpected error: )/

/**
 * The commands in stdout and stderr that the action did not write on purpose. Ours always use the
 * `::` form without properties (core.warning/error here never set title, file or line).
 * `secrets`: the values the action masks with add-mask.
 */
export function foreignCommands(
  result: Pick<RunResult, 'commands' | 'stderrCommands'>,
  secrets: string[] = []
): WorkflowCommand[] {
  const foreign = [...result.stderrCommands]
  let stopToken: string | undefined
  for (const command of result.commands) {
    const name = command.name
    let own = command.form === '::' && Object.keys(command.properties).length === 0
    if (own) {
      if (stopToken !== undefined) own = name === stopToken && command.data === ''
      else if (name === 'stop-commands') own = /^ask-claude-[0-9a-f-]{36}$/.test(command.data)
      else if (name === 'add-mask') own = secrets.includes(command.data)
      else if (name === 'group') own = command.data.startsWith('Response (')
      else if (name === 'endgroup') own = command.data === ''
      else if (name === 'warning') own = OWN_WARNING.test(command.data)
      else if (name === 'error') own = OWN_ERROR.test(command.data)
      else own = false
    }
    if (!own) foreign.push(command)
    else if (name === 'stop-commands') stopToken = command.data
    else if (name === stopToken) stopToken = undefined
  }
  return foreign
}

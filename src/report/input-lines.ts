/**
 * The sentences about the inputs themselves: names that action.yml does not declare, and every
 * problem of a run in one message, the count first, one problem per line.
 */
import * as core from '@actions/core'
import type { Problem } from '../inputs/read.js'
import { type Meant, meantOneOf, type UnknownInput, unknownEnvName } from '../inputs/unknown-inputs.js'

/** The names as the workflow wrote them (`with:`) and as the step sees them (an `env:` can set INPUT_X too). */
function given(unknown: UnknownInput): string {
  return `Input or variable '${unknown.name}' (${unknownEnvName(unknown)})`
}

function didYouMean(meant: Extract<Meant, { input: string }>): string {
  return `did you mean '${meant.value === undefined ? meant.input : `${meant.input}: ${meant.value}`}'?`
}

/** The warning for one undeclared name; never its value (it may be a key). */
export function unknownInputWarning(unknown: UnknownInput): string {
  const { meant } = unknown
  const head = `${given(unknown)} is not an input of this action and is ignored`
  if (meant === undefined) return `${head}. The README's Inputs section lists them.`
  if (meant.input === undefined) {
    return (
      `${head}: it holds command-line arguments for Claude Code, and this action runs no CLI. ` +
      `Give the request's settings as inputs instead: 'model', 'max-tokens', 'system', 'thinking' and the others in the README's Inputs section.`
    )
  }
  return `${head}: ${didYouMean(meant)}`
}

/** A warning each, never a failure: a stray name must not turn a working step red. */
export function warnUnknownInputs(unknown: readonly UnknownInput[]): void {
  for (const name of unknown) core.warning(unknownInputWarning(name))
}

/**
 * One problem: its sentence as it is. Several: the count, then one line each (a Markdown list).
 * A problem about an empty required input also names a misspelt name that was given instead.
 */
export function invalidInputsText(problems: readonly Problem[], unknown: readonly UnknownInput[] = []): string {
  const lines = problems.map(problem => problem.text + misspeltHint(problem, unknown))
  if (lines.length === 1) return lines[0] as string
  return [`${lines.length} problems with the inputs:`, ...lines.map(line => `- ${line}`)].join('\n')
}

function misspeltHint({ empty = [] }: Problem, unknown: readonly UnknownInput[]): string {
  const misspelt = unknown.find(u => meantOneOf(u, empty))
  if (misspelt?.meant?.input === undefined) return ''
  return ` An input or variable '${misspelt.name}' was given: ${didYouMean(misspelt.meant)}`
}

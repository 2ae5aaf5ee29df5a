/**
 * The sentences about the inputs themselves: names that action.yml does not declare, and every
 * problem of a run in one message, the count first, one problem per line.
 */
import * as core from '../util/actions-core.js'
import { type CommentTargetInput, Inputs } from '../inputs/input-names.js'
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
  if (meant === undefined) return `${head}. The action's docs/inputs.md lists every input.`
  if (meant.input === undefined) {
    return (
      `${head}: it holds command-line arguments for Claude Code, and this action runs no CLI. ` +
      `Give the request's settings as inputs instead: 'model', 'max-tokens', 'system', 'thinking' and the others in the action's docs/inputs.md.`
    )
  }
  return `${head}: ${didYouMean(meant)}`
}

/** A warning each, never a failure: a stray name must not turn a working step red. */
export function warnUnknownInputs(unknown: readonly UnknownInput[]): void {
  for (const name of unknown) core.warning(unknownInputWarning(name))
}

/**
 * One problem: its sentence as it is. Several: the count, then one line each (a Markdown list;
 * a problem of several lines, such as a prompts file's, keeps them indented under its item).
 * A problem about an empty required input also names a misspelt name that was given instead.
 */
export function invalidInputsText(problems: readonly Problem[], unknown: readonly UnknownInput[] = []): string {
  const lines = problems.map(problem => problem.text + misspeltHint(problem, unknown))
  if (lines.length === 1) return lines[0] as string
  return [`${lines.length} problems with the inputs:`, ...lines.map(line => `- ${line.replace(/\n/g, '\n  ')}`)].join(
    '\n'
  )
}

function misspeltHint({ empty = [] }: Problem, unknown: readonly UnknownInput[]): string {
  const misspelt = unknown.find(u => meantOneOf(u, empty))
  if (misspelt?.meant?.input === undefined) return ''
  return ` An input or variable '${misspelt.name}' was given: ${didYouMean(misspelt.meant)}`
}

/**
 * Per comment target, the expression that sets it only on runs that have one: a target added to
 * COMMENT_TARGETS does not compile until it has its line here.
 */
const COMMENT_GUARDS: Record<Exclude<CommentTargetInput, 'none'>, string> = {
  pr: "${{ (github.event.pull_request || github.event.issue.pull_request) && 'pr' || 'none' }}",
  issue: "${{ github.event.issue && 'issue' || 'none' }}",
  // A comment on a pull request, or a pull request from this repository (a fork's token cannot post).
  'pr-review':
    "${{ (github.event.issue.pull_request || github.event.pull_request.head.repo.full_name == github.repository) && 'pr-review' || 'none' }}"
}

/** Added to why comment-on finds nothing to comment on in this run. */
export function commentTargetFix(target: Exclude<CommentTargetInput, 'none'>): string {
  return `To comment only on runs that have one, write 'comment-on: ${COMMENT_GUARDS[target]}'.`
}

const FORK_RECIPE = `the README's fork recipe ('No-secret mode: forks and workflow tests')`

/** Instead of "store the key as a repository secret", for runs that get no repository secrets. */
export function noKeyAdvice(withheld: 'fork' | 'dependabot' | undefined): string | undefined {
  switch (withheld) {
    case 'fork':
      return (
        `This run is a pull request from a fork, and GitHub gives such runs no secrets. ` +
        `Set '${Inputs.mockResponse}' for fork pull requests (no request, no key), as in ${FORK_RECIPE}.`
      )
    case 'dependabot':
      return (
        `Runs started by Dependabot get only Dependabot secrets: store the key as a Dependabot secret ` +
        `(Settings > Secrets and variables > Dependabot) under the same name, or set '${Inputs.mockResponse}' for Dependabot's runs.`
      )
    default:
      return undefined
  }
}

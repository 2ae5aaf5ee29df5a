/**
 * Input names that action.yml does not declare. The runner passes every `with:` key to the action
 * as INPUT_<NAME> (upper-cased, hyphens kept) and only warns "Unexpected input(s)", listing all
 * inputs; a job-level `env:` can set INPUT_<NAME> too. A misspelt or a peer action's name is
 * otherwise silently ignored, so each one is named here with the input it most likely meant.
 */
import { editDistance } from '../util/edit-distance.js'
import { Inputs } from './input-names.js'

/** What a name most likely meant: an input (with the value to give it, if the name implied one), or nothing here. */
export type Meant = { input: string; value?: string } | { input: undefined }

/**
 * The names peer actions use (claude-code-action, actions/ai-inference and others), and what
 * this action takes instead. docs/troubleshooting.md lists the same table.
 */
export const PEER_NAMES: Readonly<Record<string, Meant>> = {
  anthropic_api_key: { input: Inputs.apiKey },
  system_prompt: { input: Inputs.system },
  'system-prompt': { input: Inputs.system },
  system_prompt_file: { input: Inputs.systemFile },
  'system-prompt-file': { input: Inputs.systemFile },
  prompt_file: { input: Inputs.promptFile },
  model_name: { input: Inputs.model },
  max_tokens: { input: Inputs.maxTokens },
  github_token: { input: Inputs.githubToken },
  use_bedrock: { input: Inputs.provider, value: 'bedrock' },
  use_vertex: { input: Inputs.provider, value: 'vertex' },
  // claude-code-action's arguments for the Claude Code CLI: this action runs no CLI.
  claude_args: { input: undefined }
}

export interface UnknownInput {
  /** As the workflow most likely wrote it: the variable's name without INPUT_, in lower case. */
  name: string
  /** undefined: nothing close enough to suggest. */
  meant: Meant | undefined
}

const DECLARED: readonly string[] = Object.values(Inputs)
const PREFIX = 'INPUT_'

/** Every INPUT_* variable that names no declared input, in the environment's order. */
export function unknownInputs(env: Record<string, string | undefined>): UnknownInput[] {
  return Object.keys(env)
    .filter(key => key.startsWith(PREFIX))
    .map(key => key.slice(PREFIX.length).toLowerCase())
    .filter(name => name !== '' && !DECLARED.includes(name))
    .map(name => ({ name, meant: meantInput(name) }))
}

/**
 * The peers' table first; then the same name in kebab-case; then the closest declared name within
 * an edit distance of 2, or a third of the name's length when that is smaller (`top` is not `mode`).
 */
export function meantInput(name: string): Meant | undefined {
  const peer = PEER_NAMES[name]
  if (peer) return peer
  const kebab = name.replace(/[_ ]/g, '-')
  if (DECLARED.includes(kebab)) return { input: kebab }
  const limit = Math.min(2, Math.floor(kebab.length / 3))
  let best: { input: string; distance: number } | undefined
  for (const input of DECLARED) {
    const distance = editDistance(kebab, input)
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { input, distance }
  }
  return best && { input: best.input }
}

/** The variable that carried it (the runner upper-cases input names). */
export function unknownEnvName(unknown: UnknownInput): string {
  return `${PREFIX}${unknown.name.toUpperCase()}`
}

/** Whether `unknown` most likely meant one of `inputs` (e.g. a required input found empty). */
export function meantOneOf(unknown: UnknownInput, inputs: readonly string[]): boolean {
  return unknown.meant?.input !== undefined && inputs.includes(unknown.meant.input)
}

/** The values of names meant as a key or token: a misspelt key is still a key, and is masked like one. */
export function misspeltSecrets(unknown: readonly UnknownInput[], env: Record<string, string | undefined>): string[] {
  return unknown
    .filter(name => meantOneOf(name, [Inputs.apiKey, Inputs.githubToken]))
    .map(name => env[unknownEnvName(name)]?.trim() ?? '')
    .filter(value => value !== '')
}

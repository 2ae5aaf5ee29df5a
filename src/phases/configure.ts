/**
 * phases/: the step's configuration, before any request. Every secret the inputs hold is
 * registered first (util/secrets.ts: masked in the live log, scrubbed from every text that leaves
 * the step), then every input is read and checked (inputs/), then the warnings about them.
 */
import * as core from '../util/actions-core.js'
import { compileSchema, type SchemaCheck } from '../claude/schema.js'
import { apiKeyFrom, type Config, credentialHeaderValues, parseConfig, summaryModeOf } from '../inputs/config.js'
import { Inputs } from '../inputs/input-names.js'
import { proxyCredentials } from '../inputs/proxy-env.js'
import { ConfigError, type InputSource } from '../inputs/read.js'
import { misspeltSecrets, unknownInputs } from '../inputs/unknown-inputs.js'
import { warnUnknownInputs } from '../report/input-lines.js'
import { warnUnusedVars } from '../report/log-lines.js'
import { warnDroppedParameters } from '../report/request-warnings.js'
import * as results from '../report/result.js'
import { shortSecretWarning } from '../report/secret-lines.js'
import { runSecrets } from '../util/secrets.js'

export type Configured =
  | { ok: true; config: Config; schemaCheck: SchemaCheck | undefined }
  | { ok: false; result: results.StepResult; summary: Config['summary'] }

export async function configure(source: InputSource, cancel: AbortSignal, startedAt: number): Promise<Configured> {
  runSecrets.start({ mask: value => core.setSecret(value), tooShort: what => core.warning(shortSecretWarning(what)) })
  runSecrets.add(apiKeyFrom(source), 'the API key')
  for (const value of credentialHeaderValues(source)) runSecrets.add(value, `a credential value of '${Inputs.headers}'`)
  for (const value of proxyCredentials(source.env)) runSecrets.add(value, 'a proxy password')
  // A misspelt key is still a key (its value is never printed anyway).
  const unknown = unknownInputs(source.env)
  for (const value of misspeltSecrets(unknown, source.env)) runSecrets.add(value, 'a misspelt input')
  warnUnknownInputs(unknown)

  try {
    const config = await parseConfig(source, { signal: cancel, startedAt })
    warnUnusedVars(config.conversation.unusedVars)
    warnDroppedParameters(config.conversation.droppedParameters)
    const githubToken = config.comment?.token ?? config.prDiff?.token
    if (githubToken) runSecrets.add(githubToken, `the GitHub token ('${Inputs.githubToken}')`)
    const schemaCheck = config.jsonSchema && (await compileSchema(config.jsonSchema))
    return { ok: true, config, schemaCheck }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return { ok: false, result: results.invalidInput(error.problems, unknown), summary: summaryModeOf(source) }
  }
}

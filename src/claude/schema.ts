/**
 * Structured output: the answer must be JSON that follows the user's schema. Ajv is loaded
 * only when a schema is given, so plain runs do not pay for it at start-up.
 */
import { ConfigError } from '../inputs/read.js'
import { Inputs } from '../inputs/input-names.js'
import type { AttemptFailure } from '../retry/failure.js'
import type { AttemptResult } from '../retry/loop.js'
import type { Message } from './client.js'
import { responseText } from './message.js'

/** undefined when `value` follows the schema, else what is wrong, for the log. */
export type SchemaCheck = (value: unknown) => string | undefined

/** Compiles the schema, or fails before any request with what is wrong with it. */
export async function compileSchema(schema: Record<string, unknown>): Promise<SchemaCheck> {
  // Draft 2020-12, the draft the API documents; strict off so annotations such as
  // "description" or vendor keywords are accepted, while a malformed schema still fails.
  const ajvModule = await import('ajv/dist/2020.js')
  // A CommonJS module: its class is the default export once bundled, a named one under jest.
  const Ajv2020 = (ajvModule.default as unknown as typeof ajvModule.Ajv2020 | undefined) ?? ajvModule.Ajv2020
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  let validate: ReturnType<typeof ajv.compile>
  try {
    validate = ajv.compile(schema)
  } catch (error) {
    throw new ConfigError(`Input '${Inputs.jsonSchema}' is not a valid JSON Schema: ${(error as Error).message}.`)
  }
  return value => (validate(value) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'answer' }))
}

export type StructuredCheck =
  { ok: true; json: string } | { ok: false; errorType: 'invalid_json' | 'schema_mismatch'; message: string }

/** Parse the answer's text as JSON and hold it against the schema. */
export function checkStructured(text: string, check: SchemaCheck): StructuredCheck {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, errorType: 'invalid_json', message: `the answer is not JSON: ${(error as Error).message}` }
  }
  const problem = check(value)
  if (problem !== undefined)
    return { ok: false, errorType: 'schema_mismatch', message: `the answer does not follow the schema: ${problem}` }
  return { ok: true, json: JSON.stringify(value) }
}

/** A schema was given: a complete answer that is not valid JSON for it is a failed (retryable) attempt. */
export function withSchemaCheck(result: AttemptResult<Message>, check: SchemaCheck): AttemptResult<Message> {
  if (!result.ok) return result
  const structured = checkStructured(responseText(result.value), check)
  if (structured.ok) return result
  const truncated = result.value.stop_reason === 'max_tokens'
  const failure: AttemptFailure = {
    kind: 'invalid-output',
    status: result.status,
    errorType: truncated ? 'output_truncated' : structured.errorType,
    errorCode: null,
    requestId: result.requestId,
    message: truncated ? `the answer was cut off at max-tokens, so ${structured.message}` : structured.message,
    headers: {}
  }
  return { ok: false, failure, model: result.model }
}

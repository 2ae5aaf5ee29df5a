/**
 * The `yaml` package, for `vars`, `messages` and `prompt-yml`. It is about 350 KB of code, so it is
 * passed in rather than imported: inputs/ loads it (a dynamic import, a chunk of its own) only when
 * one of those inputs is given, and every other run does not parse it.
 */
import type { Document } from 'yaml'
import { RequestInputError } from './input-error.js'

export type Yaml = typeof import('yaml')

export const loadYaml = (): Promise<Yaml> => import('yaml')

/**
 * `text` parsed strictly (duplicate keys are errors). On a syntax error, throws the
 * RequestInputError `problem` builds from the parser's first message line, which says where.
 */
export function strictDocument(yaml: Yaml, text: string, problem: (first: string) => string): Document {
  const doc = yaml.parseDocument(text, { strict: true, uniqueKeys: true })
  // The parser's first line ends "at line 1, column 8:" before a code frame; the frame is left out, and so is the colon.
  if (doc.errors.length > 0) {
    throw new RequestInputError(problem((doc.errors[0]?.message.split('\n')[0] ?? '').replace(/:\s*$/, '')))
  }
  return doc
}

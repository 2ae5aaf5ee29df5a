/**
 * Templates: `{{name}}` in the texts the workflow author wrote (`prompt`, `system`, a .prompt.yml's
 * messages), filled from `vars`. Plain substitution in one pass: no code, no expressions, and a
 * value that holds `{{x}}` is inserted as it is, never expanded again (values may be untrusted text).
 */
import type { Document } from 'yaml'
import { strictDocument, type Yaml } from './yaml.js'
import { RequestInputError } from './input-error.js'

/** A var's name: what may stand between the braces, with optional spaces or tabs around it. */
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/
const PLACEHOLDER = /\{\{[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\}\}/g

export type Vars = ReadonlyMap<string, string>

/**
 * The `vars` text (YAML or JSON: JSON is YAML) as names and values. Values are strings; a number,
 * boolean or null scalar becomes the text as written (`1.10` stays `1.10`, null is empty), and a
 * nested mapping or list becomes its compact JSON.
 */
export function parseVars(text: string, input: string, yaml: Yaml): Vars {
  const { isMap, isScalar } = yaml
  const expected = `Expected a YAML or JSON mapping of names to values, e.g. 'title: Fix the build' or '{"title": "Fix the build"}'`
  // Mostly a value that a `${{ }}` expression put in as it is: an issue title with ': ' or a quote breaks the YAML.
  const untrusted = `Wrap values from \${{ }} expressions in toJSON, e.g. 'title: \${{ toJSON(github.event.issue.title) }}': each becomes one quoted string`
  const doc = strictDocument(
    yaml,
    text,
    first => `Input '${input}' is not valid YAML or JSON (${first}). ${expected}. ${untrusted}.`
  )
  // Only comments: given, with no values (as '{}' is).
  if (doc.contents === null) return new Map()
  if (!isMap(doc.contents)) throw new RequestInputError(`Input '${input}' is not a mapping. ${expected}.`)
  const vars = new Map<string, string>()
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined
    if (typeof key !== 'string' || !VAR_NAME.test(key)) {
      throw new RequestInputError(
        `Input '${input}' has the key '${String(isScalar(pair.key) ? key : pair.key)}', which is not a var name. ` +
          `Names start with a letter or '_' and hold letters, digits, '_', '.' and '-'.`
      )
    }
    vars.set(key, valueText(pair.value, doc, yaml))
  }
  return vars
}

function valueText(node: unknown, doc: Document, yaml: Yaml): string {
  if (yaml.isScalar(node)) {
    if (node.value === null || node.value === undefined) return ''
    if (typeof node.value === 'string') return node.value
    if (node.source !== undefined) return node.source
    const value: unknown = node.value
    // Stryker disable next-line all: unreachable from parseVars, whose parser sets `source` on every scalar (see docs/mutation.md)
    return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
      ? String(value)
      : JSON.stringify(value)
  }
  if (node === null || node === undefined) return ''
  // A mapping, a list or an alias: its JSON (yaml bounds alias expansion).
  return JSON.stringify((node as { toJS(doc: unknown): unknown }).toJS(doc))
}

/** The names of the placeholders in `text`, in order of first appearance. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map(match => match[1] as string))]
}

export interface Filled<T extends string | undefined = string> {
  /** The texts filled, in the same places; an undefined text (not given, or not a template) stays undefined. */
  texts: T[]
  /** Placeholders with no value, in order of first appearance. */
  missing: string[]
  /** Vars no placeholder used, in the order given. */
  unused: string[]
}

/** Fills every text from `vars` in one pass each; nothing that a value brings in is looked at again. */
export function fillTemplates<T extends string | undefined>(texts: readonly T[], vars: Vars): Filled<T> {
  const used = new Set<string>()
  const missing = new Set<string>()
  const filled = texts.map(text =>
    text === undefined
      ? text
      : (text.replace(PLACEHOLDER, (match, name: string) => {
          const value = vars.get(name)
          if (value === undefined) {
            missing.add(name)
            return match
          }
          used.add(name)
          return value
        }) as T)
  )
  return { texts: filled, missing: [...missing], unused: [...vars.keys()].filter(name => !used.has(name)) }
}

/** The sentence for placeholders without a value; `where` names the texts, e.g. "'prompt' and 'system'". */
export function missingVarsError(missing: readonly string[], where: string, varsInput: string): RequestInputError {
  const list = missing.map(name => `'${name}'`).join(', ')
  return new RequestInputError(
    `${where} ${missing.length === 1 ? 'uses a placeholder' : 'use placeholders'} with no value in '${varsInput}': ${list}. ` +
      `Give ${missing.length === 1 ? 'it a value' : 'each a value'} in '${varsInput}' (e.g. '${missing[0]}: …').`
  )
}

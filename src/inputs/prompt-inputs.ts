/**
 * What is asked: `prompt`/`prompt-file`, `system`/`system-file`, `messages`, `vars` and
 * `prompt-yml`, read here (texts and files) and shaped by request/ into the conversation.
 * Templates are what the workflow author wrote: `prompt`, `system` and a .prompt.yml's messages.
 * `prompt-file`, `system-file` and `messages` are data, often untrusted, and are never templated.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import { conversationFrom, parseMessages } from '../request/conversation.js'
import { RequestInputError } from '../request/input-error.js'
import { loadYaml } from '../request/yaml.js'
import { mapPromptYml, parsePromptYml, type PromptYmlRequest } from '../request/prompt-yml.js'
import { fillTemplates, missingVarsError, parseVars, placeholders, type Vars } from '../request/template.js'
import { inputFileRoots, InputFileError, readInputFile } from '../files/file-rule.js'
import { manyAsked, manyGiven } from './many.js'
import { Inputs } from './input-names.js'
import { ConfigError, type GivenText, type InputSource, textOrFile } from './read.js'

/** The conversation as sent, and what the warning about `vars` needs. */
export interface Conversation {
  /** Earlier turns and the user's question, last. */
  messages: MessageParam[]
  /** Vars that no template used: a warning, not an error. */
  unusedVars: string[]
  /** A .prompt.yml's sampling parameters the API no longer takes: dropped, with a warning. */
  droppedParameters?: string[]
  /** Fields that only a .prompt.yml sets, sent as they are. */
  sampling: { stop_sequences?: string[] }
}

export interface Asked {
  conversation: Conversation
  system: string | undefined
  /** What a .prompt.yml set: it wins over the inputs (the runner passes action.yml's defaults). */
  file: Pick<PromptYmlRequest, 'model' | 'maxTokens' | 'jsonSchema'>
  /** The `vars` input, parsed (with prompts-file, each line is filled from it). */
  vars: Vars | undefined
}

export async function askedInputs(source: InputSource): Promise<Asked> {
  try {
    const varsText = source.getInput(Inputs.vars)
    const vars = varsText.trim() === '' ? undefined : parseVars(varsText, Inputs.vars, await loadYaml())
    // With prompts-file each line asks its own question; the system input stays a template for them.
    if (manyGiven(source)) {
      return { conversation: { messages: [], unusedVars: [], sampling: {} }, ...manyAsked(source), file: {}, vars }
    }
    const ymlPath = source.getInput(Inputs.promptYml).trim()
    const asked = ymlPath === '' ? await fromInputs(source, vars) : await fromPromptYml(source, ymlPath, vars)
    return { ...asked, vars }
  } catch (error) {
    if (error instanceof RequestInputError || error instanceof InputFileError) throw new ConfigError(error.message)
    throw error
  }
}

/** Fills the templates among `texts` (never file text); missing placeholders fail, naming where they are. */
function fill(
  texts: Array<GivenText | undefined>,
  vars: Vars | undefined
): { texts: Array<GivenText | undefined>; unused: string[] } {
  if (vars === undefined) return { texts, unused: [] }
  const isTemplate = (t: GivenText | undefined): t is GivenText => t !== undefined && !t.fromFile
  const filled = fillTemplates(
    texts.map(t => (isTemplate(t) ? t.text : undefined)),
    vars
  )
  if (filled.missing.length > 0) {
    const templates = texts.filter(isTemplate)
    const where = templates.filter(t => placeholders(t.text).some(name => filled.missing.includes(name)))
    const names = where.map(t => `'${t.input}'`).join(' and ')
    throw missingVarsError(filled.missing, where.length === 1 ? `Input ${names}` : `Inputs ${names}`, Inputs.vars)
  }
  return {
    texts: texts.map((t, i) => (isTemplate(t) ? { ...t, text: filled.texts[i] as string } : t)),
    unused: filled.unused
  }
}

async function fromInputs(source: InputSource, vars: Vars | undefined): Promise<Omit<Asked, 'vars'>> {
  const messagesText = source.getInput(Inputs.messages)
  const given = fill(
    [textOrFile(source, Inputs.prompt, Inputs.promptFile), textOrFile(source, Inputs.system, Inputs.systemFile)],
    vars
  )
  const [prompt, system] = given.texts
  let messages: MessageParam[]
  if (messagesText.trim() !== '') {
    const label = `Input '${Inputs.messages}'`
    const question = prompt && { text: prompt.text, input: prompt.input }
    messages = conversationFrom(parseMessages(messagesText, label, await loadYaml()), label, question)
  } else if (prompt) {
    messages = [{ role: 'user', content: prompt.text }]
  } else {
    throw new ConfigError(
      `Input '${Inputs.prompt}' is required: give the message in '${Inputs.prompt}', or a path to a file holding it in '${Inputs.promptFile}' ` +
        `(or a conversation in '${Inputs.messages}', or a GitHub Models prompt file in '${Inputs.promptYml}').`,
      [Inputs.prompt, Inputs.promptFile, Inputs.messages, Inputs.promptYml]
    )
  }
  return {
    conversation: { messages, unusedVars: given.unused, sampling: {} },
    system: system?.text,
    file: {}
  }
}

async function fromPromptYml(
  source: InputSource,
  ymlPath: string,
  vars: Vars | undefined
): Promise<Omit<Asked, 'vars'>> {
  const conflicting = [Inputs.prompt, Inputs.promptFile, Inputs.messages].filter(n => source.getInput(n).trim() !== '')
  if (conflicting.length > 0) {
    throw new ConfigError(
      `Input '${Inputs.promptYml}' holds the whole conversation, so ${conflicting.map(n => `'${n}'`).join(' and ')} cannot be given with it. ` +
        `Put the turns in the file's 'messages', and pass values into its {{placeholders}} with '${Inputs.vars}'.`
    )
  }
  const label = `Input '${Inputs.promptYml}' ('${ymlPath}')`
  const text = readInputFile(Inputs.promptYml, ymlPath, inputFileRoots(source.env))
  const file = mapPromptYml(parsePromptYml(text, label, await loadYaml()), label, vars ?? new Map(), Inputs.vars)

  const systemInput = textOrFile(source, Inputs.system, Inputs.systemFile)
  if (file.system !== undefined && systemInput) {
    throw new ConfigError(
      `${label} has a system message, and '${systemInput.input}' was given too. Keep one of them: the file's system message, or the input (and no system message in the file).`
    )
  }
  const schemaInput = [Inputs.jsonSchema, Inputs.jsonSchemaFile].find(n => source.getInput(n).trim() !== '')
  if (file.jsonSchema && schemaInput) {
    throw new ConfigError(
      `${label} sets 'responseFormat: json_schema' with its own 'jsonSchema', and '${schemaInput}' was given too. Keep one schema.`
    )
  }
  if (file.stopSequences !== undefined && source.getInput(Inputs.stopSequences).trim() !== '') {
    throw new ConfigError(
      `${label} sets 'modelParameters.stop', and '${Inputs.stopSequences}' was given too. Keep one of them.`
    )
  }
  const { texts, unused } = fill([systemInput], vars)
  const systemTemplated = vars !== undefined && systemInput !== undefined && !systemInput.fromFile
  const { model, maxTokens, jsonSchema, stopSequences, droppedParameters } = file
  return {
    conversation: {
      messages: file.messages,
      droppedParameters,
      // A var is unused only if neither the file nor the `system` input used it.
      unusedVars: systemTemplated ? file.unusedVars.filter(name => unused.includes(name)) : file.unusedVars,
      sampling: {
        ...(stopSequences !== undefined ? { stop_sequences: stopSequences } : {})
      }
    },
    system: file.system ?? texts[0]?.text,
    file: { model, maxTokens, jsonSchema }
  }
}

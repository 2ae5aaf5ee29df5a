import { describe, expect, it } from '@jest/globals'
import { Inputs } from '../../../src/inputs/input-names.js'
import { meantInput, misspeltSecrets, PEER_NAMES, unknownInputs } from '../../../src/inputs/unknown-inputs.js'

describe('unknownInputs', () => {
  it('names each INPUT_* variable that action.yml does not declare, in lower case, hyphens kept', () => {
    const env = {
      'INPUT_MAX-TOKENS': '100', // declared: the runner keeps hyphens
      INPUT_PROMPT: 'hi',
      INPUT_ANTHROPIC_API_KEY: 'sk-secret',
      'INPUT_SYSTEM-PROMPT': 'be brief',
      INPUT_TOP_P: '0.9',
      PATH: '/usr/bin',
      input_lower: 'not an input: the runner upper-cases'
    }
    expect(unknownInputs(env)).toEqual([
      { name: 'anthropic_api_key', meant: { input: 'anthropic-api-key' } },
      { name: 'system-prompt', meant: { input: 'system' } },
      { name: 'top_p', meant: undefined }
    ])
  })

  it('finds nothing when every name is declared', () => {
    const env = Object.fromEntries(Object.values(Inputs).map(name => [`INPUT_${name.toUpperCase()}`, '']))
    expect(unknownInputs(env)).toEqual([])
  })
})

describe('meantInput', () => {
  it('maps snake_case to the kebab-case input', () => {
    expect(meantInput('max_retries')).toEqual({ input: 'max-retries' })
    expect(meantInput('json_schema_file')).toEqual({ input: 'json-schema-file' })
  })

  it('suggests the closest input within an edit distance of 2, or a third of the length', () => {
    expect(meantInput('modle')).toEqual({ input: 'model' })
    expect(meantInput('jiter')).toEqual({ input: 'jitter' })
    expect(meantInput('fallback-model')).toEqual({ input: 'fallback-models' })
    expect(meantInput('max-retires')).toEqual({ input: 'max-retries' })
    // Short names: a third of the length is the limit, so 'top' (3 letters, 1 edit allowed) is not 'mode'.
    expect(meantInput('top')).toBeUndefined()
    expect(meantInput('modl')).toEqual({ input: 'model' })
    expect(meantInput('something-else')).toBeUndefined()
  })

  it('knows the peers’ names, with what to use instead', () => {
    expect(meantInput('anthropic_api_key')).toEqual({ input: 'anthropic-api-key' })
    expect(meantInput('system_prompt')).toEqual({ input: 'system' })
    expect(meantInput('system-prompt-file')).toEqual({ input: 'system-file' })
    expect(meantInput('model_name')).toEqual({ input: 'model' })
    expect(meantInput('use_bedrock')).toEqual({ input: 'provider', value: 'bedrock' })
    expect(meantInput('use_vertex')).toEqual({ input: 'provider', value: 'vertex' })
    expect(meantInput('claude_args')).toEqual({ input: undefined })
  })

  it('the peers’ table points only at declared inputs, and names none that is itself declared', () => {
    const declared: string[] = Object.values(Inputs)
    for (const [name, meant] of Object.entries(PEER_NAMES)) {
      expect(declared).not.toContain(name)
      if (meant.input !== undefined) expect(declared).toContain(meant.input)
    }
  })
})

describe('misspeltSecrets', () => {
  it('gives the values of names meant as the key or the token, to be masked', () => {
    const env = { INPUT_ANTHROPIC_API_KEY: ' sk-1 ', INPUT_GITHUB_TOKEN: 'ghs_2', INPUT_MODEL_NAME: 'claude' }
    expect(misspeltSecrets(unknownInputs(env), env)).toEqual(['sk-1', 'ghs_2'])
  })
})

describe('the docs', () => {
  it("docs/troubleshooting.md's table of other actions' names lists every name of PEER_NAMES, with its input", async () => {
    const { readFileSync } = await import('node:fs')
    const section = readFileSync(new URL('../../../docs/troubleshooting.md', import.meta.url), 'utf8')
    for (const [name, meant] of Object.entries(PEER_NAMES)) {
      const row = section.split('\n').find(line => line.trimStart().startsWith('|') && line.includes(`\`${name}\``))
      expect(row).toBeDefined()
      if (meant.input !== undefined) expect(row).toContain(`\`${meant.input}`)
    }
  })
})

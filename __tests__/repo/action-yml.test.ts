import { existsSync } from 'node:fs'
import { Defaults, Inputs } from '../../src/inputs/input-names.js'
import { Outputs } from '../../src/report/output-names.js'
import { parseYamlStrict, readRepoFile, repoFile } from '../support/workflow-files.js'

/**
 * action.yml is the contract the runner reads; src/inputs/input-names.ts is what the code reads. It is
 * parsed here by a real YAML 1.2 parser, strictly, as the runner parses it: a file that parser
 * refuses cannot be loaded by any workflow, whatever our own code thinks of it.
 */
interface ActionYml {
  name?: unknown
  description?: unknown
  inputs?: Record<string, { description?: unknown; required?: unknown; default?: unknown }>
  outputs?: Record<string, { description?: unknown }>
  runs?: { using?: unknown; main?: unknown }
}

const action = parseYamlStrict(readRepoFile('action.yml'), 'action.yml') as ActionYml
const inputs = action.inputs ?? {}
const outputs = action.outputs ?? {}

describe('action.yml', () => {
  it('has a name and a description', () => {
    expect(typeof action.name).toBe('string')
    expect(typeof action.description).toBe('string')
    expect((action.description as string).length).toBeGreaterThan(20)
  })
  it('runs on node24 from a dist/index.js that exists', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(existsSync(repoFile('dist/index.js'))).toBe(true)
  })
  it('describes every input and output in words', () => {
    for (const [name, spec] of [...Object.entries(inputs), ...Object.entries(outputs)]) {
      expect([name, typeof spec.description]).toEqual([name, 'string'])
      expect([name, (spec.description as string).trim().length > 10]).toEqual([name, true])
    }
  })
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(inputs).sort()).toEqual(Object.values(Inputs).sort())
  })
  it('declares exactly the outputs the code writes', () => {
    expect(Object.keys(outputs).sort()).toEqual(Object.values(Outputs).sort())
  })
  it('gives defaults as strings, the same ones the code uses for empty inputs', () => {
    const expected: Record<string, string> = {
      [Inputs.model]: Defaults.model,
      [Inputs.maxTokens]: String(Defaults.maxTokens),
      [Inputs.maxRetries]: String(Defaults.maxRetries),
      [Inputs.baseDelay]: String(Defaults.baseDelaySeconds),
      [Inputs.maxDelay]: String(Defaults.maxDelaySeconds),
      [Inputs.jitter]: Defaults.jitter,
      [Inputs.timeout]: String(Defaults.timeoutSeconds),
      [Inputs.stream]: Defaults.stream,
      [Inputs.summary]: Defaults.summary,
      [Inputs.fallbackAfter]: String(Defaults.fallbackAfter),
      [Inputs.commentOn]: Defaults.commentOn,
      [Inputs.githubToken]: '${{ github.token }}',
      [Inputs.prDiff]: String(Defaults.prDiff),
      [Inputs.maxReviewComments]: String(Defaults.maxReviewComments),
      [Inputs.reviewSuggestions]: String(Defaults.reviewSuggestions),
      [Inputs.maxFiles]: String(Defaults.maxFiles),
      [Inputs.filesOptional]: String(Defaults.filesOptional),
      [Inputs.thinking]: Defaults.thinking,
      [Inputs.cache]: Defaults.cache,
      [Inputs.provider]: Defaults.provider,
      [Inputs.resume]: String(Defaults.resume),
      [Inputs.concurrency]: String(Defaults.concurrency),
      [Inputs.mode]: Defaults.mode,
      [Inputs.batchWait]: String(Defaults.batchWait)
    }
    const actual = Object.fromEntries(
      Object.entries(inputs).flatMap(([name, spec]) => (spec.default === undefined ? [] : [[name, spec.default]]))
    )
    expect(actual).toEqual(expected)
  })
  it('marks no input required: the runner does not enforce it, so the code does', () => {
    for (const [name, spec] of Object.entries(inputs)) expect([name, spec.required ?? false]).toEqual([name, false])
  })
})

/**
 * docs/inputs.md, docs/outputs.md and the README's index are rendered from action.yml by
 * `npm run docs` (script/docs.ts). Rendered again here, in memory: a committed file that differs
 * means action.yml changed without `npm run docs`, or someone edited the generated text by hand.
 */
import { parse } from 'yaml'
import {
  INDEX_END,
  INDEX_START,
  renderIndex,
  renderInputs,
  renderOutputs,
  spliceIndex
} from '../../script/docs/reference.js'
import { readRepoFile } from '../support/workflow-files.js'

const actionYml = readRepoFile('action.yml')
const action = parse(actionYml) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

describe('the reference generated from action.yml', () => {
  it('docs/inputs.md is what `npm run docs` writes', () => {
    expect(readRepoFile('docs/inputs.md')).toBe(renderInputs(actionYml))
  })
  it('docs/outputs.md is what `npm run docs` writes', () => {
    expect(readRepoFile('docs/outputs.md')).toBe(renderOutputs(actionYml))
  })
  it("the README's index of inputs and outputs is what `npm run docs` writes", () => {
    const readme = readRepoFile('README.md')
    expect(readme).toBe(spliceIndex(readme, renderIndex()))
  })
})

describe('what the reference holds', () => {
  const inputsMd = readRepoFile('docs/inputs.md')
  const outputsMd = readRepoFile('docs/outputs.md')
  /** The text of one entry: from its heading to the next heading. */
  const entry = (markdown: string, name: string) => markdown.split(`\n### \`${name}\`\n`)[1]?.split('\n#')[0]

  it('gives every input its own heading (its anchor), its action.yml default and whether it is required', () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      const text = entry(inputsMd, name)
      const given = spec.default === undefined ? 'none' : `\`${spec.default}\``
      expect([name, text?.includes(`Default: ${given}. Required: no.`)]).toEqual([name, true])
    }
  })
  it('gives every output its own heading', () => {
    for (const name of Object.keys(action.outputs))
      expect([name, entry(outputsMd, name)]).not.toEqual([name, undefined])
  })
  it('links every name in the README index to its entry', () => {
    const readme = readRepoFile('README.md')
    for (const name of Object.keys(action.inputs)) expect(readme).toContain(`](docs/inputs.md#${name})`)
    for (const name of Object.keys(action.outputs)) expect(readme).toContain(`](docs/outputs.md#${name})`)
  })
})

describe('the generator', () => {
  it('refuses an input that is in no group, naming it and the file to place it in', () => {
    const added = actionYml.replace('\ninputs:\n', '\ninputs:\n  new-input:\n    description: A new one.\n')
    expect(() => renderInputs(added)).toThrow(
      "input 'new-input' is in action.yml but in no group of script/docs/groups.ts"
    )
  })
  it('refuses a README without the index markers', () => {
    expect(() => spliceIndex('# README\n', renderIndex())).toThrow(INDEX_START)
    expect(spliceIndex(`a\n${INDEX_START}\nold\n${INDEX_END}\nb\n`, 'new')).toBe('a\nnew\nb\n')
  })
})

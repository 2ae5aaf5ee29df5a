import { readFileSync } from 'node:fs'
import { Defaults, Inputs, Outputs } from '../../src/constants.js'

/**
 * action.yml is the contract the runner reads; src/constants.ts is what the code reads.
 * A rename or a default changed on one side only fails here. The file is simple enough
 * (two-space keys, one level of nesting) to read without a YAML library.
 */
const yml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

function section(name: string): Map<string, Record<string, string>> {
  const body = yml.split(new RegExp(`^${name}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? ''
  const entries = new Map<string, Record<string, string>>()
  let current: Record<string, string> | undefined
  for (const line of body.split('\n')) {
    const key = line.match(/^ {2}([\w-]+):\s*$/)
    if (key) entries.set(key[1] as string, (current = {}))
    const field = line.match(/^ {4}(\w+):\s*(.*)$/)
    if (field && current) current[field[1] as string] = (field[2] as string).replace(/^'(.*)'$/, '$1')
  }
  return entries
}

describe('action.yml', () => {
  const inputs = section('inputs')
  const outputs = section('outputs')

  it('declares exactly the inputs the code reads', () => {
    expect([...inputs.keys()].sort()).toEqual(Object.values(Inputs).sort())
  })
  it('declares exactly the outputs the code writes', () => {
    expect([...outputs.keys()].sort()).toEqual(Object.values(Outputs).sort())
  })
  it('has the same defaults as the code uses for empty inputs', () => {
    expect(inputs.get(Inputs.model)?.default).toBe(Defaults.model)
    expect(inputs.get(Inputs.maxTokens)?.default).toBe(String(Defaults.maxTokens))
    expect(inputs.get(Inputs.maxRetries)?.default).toBe(String(Defaults.maxRetries))
    expect(inputs.get(Inputs.baseDelay)?.default).toBe(String(Defaults.baseDelaySeconds))
    expect(inputs.get(Inputs.maxDelay)?.default).toBe(String(Defaults.maxDelaySeconds))
    expect(inputs.get(Inputs.jitter)?.default).toBe(Defaults.jitter)
    expect(inputs.get(Inputs.timeout)?.default).toBe(String(Defaults.timeoutSeconds))
    expect(inputs.get(Inputs.stream)?.default).toBe(Defaults.stream)
    expect(inputs.get(Inputs.summary)?.default).toBe(Defaults.summary)
    expect(inputs.get(Inputs.fallbackAfter)?.default).toBe(String(Defaults.fallbackAfter))
    expect(inputs.get(Inputs.commentOn)?.default).toBe(Defaults.commentOn)
  })
  it('runs on node24 from dist/index.js', () => {
    expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/index\.js$/m)
  })
})

describe('README', () => {
  const table = (heading: string) => {
    const body = readme.split(`### ${heading}\n`)[1]?.split(/\n#/)[0] ?? ''
    return new Map([...body.matchAll(/^\| `([\w-]+)` \| (.*?) \|(?: (.*?) \|)?$/gm)].map(m => [m[1] as string, m]))
  }
  it('documents every input with its action.yml default', () => {
    const rows = table('Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.values(Inputs).sort())
    for (const [name, spec] of section('inputs')) {
      const documented = rows.get(name)?.[2]?.replace(/`/g, '')
      expect([name, documented]).toEqual([name, spec.default ?? ''])
    }
  })
  it('documents every output', () => {
    expect([...table('Outputs').keys()].sort()).toEqual(Object.values(Outputs).sort())
  })
})

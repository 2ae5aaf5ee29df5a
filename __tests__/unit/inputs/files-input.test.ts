/**
 * The `files` input's shown paths: relative to the workspace when inside it, by path.relative and
 * the platform's separator; a file whose name starts with two dots is inside, not the parent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { attachmentsInput } from '../../../src/inputs/files-input.js'

it("shows a workspace file named '..notes.md' by its relative path, not as an absolute one", async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'files-input-'))
  writeFileSync(path.join(workspace, '..notes.md'), 'notes\n')
  writeFileSync(path.join(workspace, 'a.md'), 'a\n')
  const inputs: Record<string, string> = { files: '..notes.md\n*.md' }
  const source = { getInput: (name: string) => inputs[name] ?? '', env: { GITHUB_WORKSPACE: workspace } }
  const attached = await attachmentsInput(source, { messages: [], system: undefined })
  expect(attached.map(a => a.path)).toEqual(['..notes.md', 'a.md'])
})

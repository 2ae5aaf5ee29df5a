/**
 * Where a results file may be written: its folder, created with its parents, must resolve (every
 * symlink followed) to a place under one of the roots, checked on the deepest existing ancestor
 * before mkdir and on the folder after it (results-file.ts; SECURITY.md).
 */
import { mkdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import type { FileRoots } from '../files/file-rule.js'
import { ResultsFileError } from './results-file-error.js'

/** Creates `folder` with its parents; with roots, its real path (and the deepest existing ancestor's first) must lie under one. */
export async function makeFolder(folder: string, roots: FileRoots | undefined): Promise<void> {
  if (roots) await checkInside(await deepestExisting(folder), roots, folder)
  await mkdir(folder, { recursive: true })
  if (roots) await checkInside(folder, roots, folder)
}

async function deepestExisting(folder: string): Promise<string> {
  let current = folder
  while (!(await stat(current).catch(() => undefined))) {
    const parent = path.dirname(current)
    if (parent === current) break
    current = parent
  }
  return current
}

async function checkInside(folder: string, roots: FileRoots, given: string): Promise<void> {
  const real = await realpath(folder)
  const allowed = await Promise.all(
    roots.allowed.map(async r => ({ ...r, real: await realpath(r.dir).catch(() => r.dir) }))
  )
  const inside = allowed.some(r => {
    const relative = path.relative(r.real, real)
    return !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative)
  })
  if (!inside) {
    throw new ResultsFileError(
      `The folder ${given} resolves to ${real}, outside ${allowed.map(r => `${r.name} (${r.real})`).join(' and ')}; the results file must be written under one of them.`
    )
  }
}

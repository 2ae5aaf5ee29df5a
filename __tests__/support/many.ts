/**
 * The many-prompts tests' files: a workspace holding a prompts file, and the results file read
 * back. Each workspace is a fresh folder under the OS temp folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const RESULTS = 'out/results.jsonl'

/** `n` items `item-1`…`item-n`, asking `Question 1`…, as prompts-file lines. */
export const items = (n: number, prefix = 'item') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i + 1}`, prompt: `Question ${i + 1}` }))

/** A workspace whose prompts.jsonl holds `lines` (objects as JSON, strings as written), or `n` items. */
export function promptsWorkspace(lines: number | unknown[], name = 'many-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), name))
  const rows = typeof lines === 'number' ? items(lines) : lines
  const text = rows.map(l => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')
  writeFileSync(path.join(dir, 'prompts.jsonl'), typeof lines === 'number' ? `${text}\n` : text)
  return dir
}

/** The ids of `n` items, sorted. */
export const allIds = (n: number, prefix = 'item') =>
  items(n, prefix)
    .map(item => item.id)
    .sort()

/** Every line of a results file, parsed strictly; with `tornTail`, a last line cut by a kill -9 mid-write (and only that) is no result. */
export function resultRows(dir: string, file = RESULTS, { tornTail = false } = {}): Array<Record<string, any>> {
  const lines = readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter(line => line !== '')
  if (tornTail && lines.length > 0) {
    try {
      JSON.parse(lines.at(-1) as string)
    } catch {
      lines.pop()
    }
  }
  return lines.map(line => JSON.parse(line) as Record<string, any>)
}

export const ids = (rows: Array<Record<string, any>>) => rows.map(row => row.id as string).sort()

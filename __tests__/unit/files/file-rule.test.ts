/**
 * isUnderDir: whether a file lies under a folder (RUNNER_TEMP, for the many-prompts summary's
 * note), by the platform's own path rules (path.relative), never a '/' prefix test.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isUnderDir } from '../../../src/files/file-rule.js'

describe('isUnderDir', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'under-dir-'))
  const temp = path.join(root, 'runner-temp')
  mkdirSync(path.join(temp, 'ask-claude-x'), { recursive: true })
  mkdirSync(path.join(root, 'runner-temp2'))
  const inside = path.join(temp, 'ask-claude-x', 'results.jsonl')
  writeFileSync(inside, '')

  it('is true for a file anywhere below the folder, by its real path', () => {
    expect(isUnderDir(temp, inside)).toBe(true)
    expect(isUnderDir(`${temp}${path.sep}`, inside)).toBe(true)
    const link = path.join(root, 'link-to-temp')
    symlinkSync(temp, link)
    expect(isUnderDir(link, inside)).toBe(true)
    expect(isUnderDir(temp, path.join(link, 'ask-claude-x', 'results.jsonl'))).toBe(true)
  })

  it('is true for a name that starts with two dots, which is not the parent folder', () => {
    expect(isUnderDir(temp, path.join(temp, '..results.jsonl'))).toBe(true)
  })

  it('is false for the folder itself, a sibling sharing its name as a prefix, a parent, and no folder', () => {
    expect(isUnderDir(temp, temp)).toBe(false)
    expect(isUnderDir(temp, path.join(root, 'runner-temp2', 'results.jsonl'))).toBe(false)
    expect(isUnderDir(temp, path.join(temp, '..', 'results.jsonl'))).toBe(false)
    expect(isUnderDir(undefined, inside)).toBe(false)
    expect(isUnderDir('', inside)).toBe(false)
  })
})

/** readInputFile's text: a leading UTF-8 BOM is dropped (issue 20, item 7); readInputBytes keeps bytes as they are. */
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inputFileRoots, readInputBytes, readInputFile } from '../../../src/files/file-rule.js'

const ws = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'file-rule-bom-')))
const roots = inputFileRoots({ GITHUB_WORKSPACE: ws })

describe('readInputFile and a byte order mark', () => {
  it('drops one leading BOM, and only a leading one', () => {
    writeFileSync(path.join(ws, 'a.json'), '\uFEFF{"a":"\uFEFF"}')
    expect(readInputFile('prompts-file', 'a.json', roots)).toBe('{"a":"\uFEFF"}')
  })

  it('leaves text without a BOM alone, and attachment bytes untouched', () => {
    writeFileSync(path.join(ws, 'b.txt'), 'plain')
    expect(readInputFile('prompt-file', 'b.txt', roots)).toBe('plain')
    writeFileSync(path.join(ws, 'c.txt'), '\uFEFFkept')
    expect(readInputBytes('files', 'c.txt', roots).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  })
})

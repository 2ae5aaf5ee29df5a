import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type ItemResult, readResults, ResultsFile, ResultsFileError } from '../../../src/many/results-file.js'

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'results-file-'))
const ok = (id: string, response = `r-${id}`): ItemResult => ({ id, status: 'succeeded', response, attempts: 1 })
const failed = (id: string): ItemResult => ({ id, status: 'failed', error: 'boom', attempts: 3 })
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(l => l !== '')
    .map(l => JSON.parse(l) as ItemResult)
const all = async (file: string) => {
  const out: ItemResult[] = []
  for await (const r of readResults(file)) out.push(r)
  return out
}

describe('ResultsFile', () => {
  it('creates parent folders; each write is on disk when it resolves', async () => {
    const file = path.join(dir(), 'a', 'b', 'results.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await results.write(ok('x'))
    expect(lines(file)).toEqual([{ id: 'x', status: 'succeeded', response: 'r-x', attempts: 1 }])
    await results.write(failed('y'))
    expect(lines(file).map(r => r.id)).toEqual(['x', 'y'])
    await results.close()
    expect(lines(file).map(r => r.id)).toEqual(['x', 'y'])
  })

  it('writes fields in the documented order', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await results.write({ error: 'e', attempts: 2, status: 'failed', id: 'z' })
    await results.close()
    expect(readFileSync(file, 'utf8')).toBe('{"id":"z","status":"failed","attempts":2,"error":"e"}\n')
  })

  it('concurrent writes come out whole, one line each', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await Promise.all(Array.from({ length: 50 }, (_, i) => results.write(ok(`i${i}`, 'x'.repeat(10_000)))))
    expect(lines(file)).toHaveLength(50)
    await results.close()
  })

  it('without resume an existing file starts empty', async () => {
    const file = path.join(dir(), 'r.jsonl')
    writeFileSync(file, `${JSON.stringify(ok('old'))}\n`)
    const results = await ResultsFile.open(file, { resume: false })
    expect([...results.succeededBefore]).toEqual([])
    await results.close()
    expect(readFileSync(file, 'utf8')).toBe('')
  })

  it('resume: succeeded ids are skipped, failed ones rerun, a torn last line is dropped, each id once at the end', async () => {
    const file = path.join(dir(), 'r.jsonl')
    writeFileSync(
      file,
      [ok('a'), failed('b'), failed('c'), ok('c', 'later')].map(r => JSON.stringify(r)).join('\n') + '\n{"id":"d","sta'
    )
    const results = await ResultsFile.open(file, { resume: true })
    expect([...results.succeededBefore].sort()).toEqual(['a', 'c'])
    expect(results.before.get('b')).toBe('failed')
    // The torn line is gone before anything is appended, so the next line is whole.
    expect(readFileSync(file, 'utf8')).not.toContain('"sta\n')
    await results.write(ok('b'))
    await results.write(ok('d'))
    await results.close()
    const final = await all(file)
    expect(final.map(r => r.id).sort()).toEqual(['a', 'b', 'c', 'd'])
    expect(final.find(r => r.id === 'c')?.response).toBe('later')
    expect(final.every(r => r.status === 'succeeded')).toBe(true)
  })

  it('resume with no file yet is a fresh start', async () => {
    const file = path.join(dir(), 'new', 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: true })
    expect(results.succeededBefore.size).toBe(0)
    await results.close()
    expect(readFileSync(file, 'utf8')).toBe('')
  })

  it('close keeps the last result of an id written twice', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await results.write(failed('a'))
    await results.write(ok('a'))
    await results.close()
    expect(lines(file)).toEqual([ok('a')])
  })

  it('refuses a symlink at the path, and a folder outside the roots', async () => {
    const root = dir()
    const outside = dir()
    writeFileSync(path.join(outside, 'target'), 'keep')
    symlinkSync(path.join(outside, 'target'), path.join(root, 'link.jsonl'))
    await expect(ResultsFile.open(path.join(root, 'link.jsonl'), { resume: true })).rejects.toThrow(ResultsFileError)
    await expect(ResultsFile.open(path.join(root, 'link.jsonl'), { resume: false })).rejects.toThrow(
      /not a regular file/
    )
    expect(readFileSync(path.join(outside, 'target'), 'utf8')).toBe('keep')

    symlinkSync(outside, path.join(root, 'out'))
    const roots = { base: root, allowed: [{ name: 'GITHUB_WORKSPACE', dir: root }] }
    await expect(ResultsFile.open(path.join(root, 'out', 'x', 'r.jsonl'), { resume: false, roots })).rejects.toThrow(
      /outside GITHUB_WORKSPACE/
    )
    mkdirSync(path.join(root, 'in'))
    const inside = await ResultsFile.open(path.join(root, 'in', 'deep', 'r.jsonl'), { resume: false, roots })
    await inside.close()
  })

  it('refuses the folder just above a root (a relative path of exactly ..)', async () => {
    const parent = dir()
    const root = path.join(parent, 'workspace')
    mkdirSync(root)
    const roots = { base: root, allowed: [{ name: 'GITHUB_WORKSPACE', dir: root }] }
    await expect(ResultsFile.open(path.join(parent, 'r.jsonl'), { resume: false, roots })).rejects.toThrow(
      /outside GITHUB_WORKSPACE/
    )
  })

  it('refuses a write after close with its own error, and the file keeps what it had', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await results.write(ok('a'))
    await results.close()
    await expect(results.write(ok('b'))).rejects.toThrow(new ResultsFileError(`${file} is closed`))
    expect(lines(file).map(r => r.id)).toEqual(['a'])
  })

  it('resume: a failed id that runs again is never in the file twice, even before close (a kill -9 then)', async () => {
    // Found by __tests__/property/e2e-many-kill.property.test.ts: the resumed run appended the new
    // result of a failed item next to its old line, and a kill before close left the id twice.
    const file = path.join(dir(), 'r.jsonl')
    writeFileSync(file, [ok('a'), failed('b'), failed('elsewhere')].map(r => `${JSON.stringify(r)}\n`).join(''))
    const results = await ResultsFile.open(file, { resume: true, rerun: new Set(['a', 'b']) })
    expect(results.before.get('b')).toBe('failed')
    await results.write(ok('b'))
    // No close: this is what a kill -9 leaves. An id this run does not send keeps its line.
    expect(lines(file).map(r => r.id)).toEqual(['a', 'elsewhere', 'b'])
    await results.close()
    expect(lines(file).map(r => r.id)).toEqual(['a', 'elsewhere', 'b'])
  })

  it('appending after a crash mid-line cannot glue two records (resume compacts first)', async () => {
    const file = path.join(dir(), 'r.jsonl')
    writeFileSync(file, `${JSON.stringify(ok('a'))}\n`)
    appendFileSync(file, '{"id":"b","status":"succ')
    const results = await ResultsFile.open(file, { resume: true })
    await results.write(ok('b'))
    expect(lines(file).map(r => r.id)).toEqual(['a', 'b'])
    await results.close()
  })
})

describe('ResultsFile: resume with changed requests, several lines at once, lines from elsewhere', () => {
  it('resume: a succeeded id whose request changed runs again; its old line is gone at open', async () => {
    const file = path.join(dir(), 'r.jsonl')
    writeFileSync(file, [ok('same'), ok('edited'), failed('f')].map(r => `${JSON.stringify(r)}\n`).join(''))
    const asked: string[] = []
    const changed = (r: ItemResult) => (asked.push(r.id), r.id === 'edited')
    const results = await ResultsFile.open(file, { resume: true, changed })
    expect([...results.succeededBefore]).toEqual(['same'])
    expect(results.before.get('edited')).toBe('failed')
    expect(results.changedBefore).toBe(1)
    // Asked of succeeded lines only; the failed one runs again anyway.
    expect(asked.sort()).toEqual(['edited', 'same'])
    // No close: a kill -9 now leaves the edited id to run again, never its stale answer.
    expect(lines(file).map(r => r.id)).toEqual(['same'])
    await results.close()
  })

  it('writeAll appends its results as whole lines, in order', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await results.writeAll([ok('a'), failed('b'), ok('c')])
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4)
    expect(lines(file)).toEqual([ok('a'), failed('b'), ok('c')])
    await results.close()
  })

  it('reads back only result lines: JSON that is not one (no string id, another status) is skipped', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const foreign = ['null', '[1]', '"text"', '{}', '{"id":5,"status":"succeeded"}', '{"id":"x","status":"pending"}']
    writeFileSync(
      file,
      [...foreign, JSON.stringify(ok('a')), '{"status":"failed"}', JSON.stringify(failed('b'))].join('\n')
    )
    expect(await all(file)).toEqual([ok('a'), failed('b')])
  })

  it('closes the file it read, also when the reader stops early', async () => {
    const file = path.join(dir(), 'r.jsonl')
    writeFileSync(file, [ok('a'), ok('b')].map(r => `${JSON.stringify(r)}\n`).join(''))
    const openFiles = () => readdirSync('/dev/fd').length
    const before = openFiles()
    await all(file)
    for await (const first of readResults(file)) {
      expect(first.id).toBe('a')
      break
    }
    expect(openFiles()).toBe(before)
  })

  it('compacts a file larger than its write buffer (64 KiB) line for line', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const many = Array.from({ length: 200 }, (_, i) => ok(`i${i}`, 'x'.repeat(1000)))
    writeFileSync(file, many.map(r => `${JSON.stringify(r)}\n`).join(''))
    const results = await ResultsFile.open(file, { resume: true })
    expect(results.succeededBefore.size).toBe(200)
    expect(lines(file)).toEqual(many)
    await results.close()
    expect(lines(file)).toEqual(many)
  })

  it('closing twice at once compacts once and resolves both', async () => {
    const file = path.join(dir(), 'r.jsonl')
    const results = await ResultsFile.open(file, { resume: false })
    await results.write(ok('a'))
    await Promise.all([results.close(), results.close()])
    expect(lines(file)).toEqual([ok('a')])
  })

  it('a rewrite that fails leaves no temporary file and fails with its own error', async () => {
    const folder = dir()
    const file = path.join(folder, 'r.jsonl')
    writeFileSync(file, `${JSON.stringify(ok('a'))}\n`)
    // While the rewrite runs, the path becomes a folder: the rename over it fails.
    const changed = () => {
      rmSync(file)
      mkdirSync(path.join(file, 'inside'), { recursive: true })
      return false
    }
    await expect(ResultsFile.open(file, { resume: true, changed })).rejects.toMatchObject({ syscall: 'rename' })
    expect(readdirSync(folder)).toEqual(['r.jsonl'])
    expect(existsSync(path.join(file, 'inside'))).toBe(true)
  })

  it("fails with the rename's own error when the temporary file is gone: the clean-up hides nothing", async () => {
    const folder = dir()
    const file = path.join(folder, 'r.jsonl')
    writeFileSync(file, `${JSON.stringify(ok('a'))}\n`)
    const changed = () => {
      for (const name of readdirSync(folder)) if (name.endsWith('.tmp')) rmSync(path.join(folder, name))
      return false
    }
    await expect(ResultsFile.open(file, { resume: true, changed })).rejects.toMatchObject({
      code: 'ENOENT',
      syscall: 'rename'
    })
    expect(readdirSync(folder)).toEqual(['r.jsonl'])
  })

  it('refuses to append through a symlink that replaced the file during its rewrite (O_NOFOLLOW at the open)', async () => {
    const folder = dir()
    const outside = path.join(dir(), 'target')
    writeFileSync(outside, 'keep')
    const file = path.join(folder, 'r.jsonl')
    writeFileSync(file, `${JSON.stringify(ok('a'))}\n`)
    // While the rewrite runs, its temporary file becomes a symlink: the rename puts that at the path.
    const changed = () => {
      const temporary = path.join(folder, readdirSync(folder).find(name => name.endsWith('.tmp')) ?? 'none')
      rmSync(temporary)
      symlinkSync(outside, temporary)
      return false
    }
    await expect(ResultsFile.open(file, { resume: true, changed })).rejects.toThrow(
      new ResultsFileError(`Opening ${file} failed: ELOOP; refused.`)
    )
    expect(readFileSync(outside, 'utf8')).toBe('keep')
  })
})

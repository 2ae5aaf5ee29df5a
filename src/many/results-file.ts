/**
 * The results file of a many-prompts run: JSONL, one line per item id, written as it goes. Each
 * finished item is appended in one write and fsynced before write() resolves, so a kill -9 loses
 * at most the items in flight; a half-written last line is dropped when the file is read again.
 * open() with resume and close() rewrite the file (a temporary file, fsynced, renamed over it) so
 * each id appears once, the last result winning: a crash during a rewrite leaves the old or the new
 * file, never a mix.
 *
 * Safety (the rule for files the action writes): the file is never opened through a symlink
 * (O_NOFOLLOW: a checkout cannot point it at ~/.bashrc), and when `roots` is given its folder's
 * real path must lie under one of them (a symlinked folder cannot redirect it either).
 */
import { once } from 'node:events'
import { constants, createReadStream } from 'node:fs'
import { lstat, open, type FileHandle, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Usage } from '@anthropic-ai/sdk/resources/messages'
import type { FileRoots } from '../files/file-rule.js'
import { ResultsFileError } from './results-file-error.js'
import { makeFolder } from './results-folder.js'

export interface ItemResult {
  id: string
  status: 'succeeded' | 'failed'
  response?: string
  json?: unknown
  usage?: Usage
  stop_reason?: string | null
  model?: string
  attempts: number
  request_id?: string | null
  error?: string
  /** SHA-256 of the canonical JSON of the request sent (request/request-hash.ts): resume runs an item again when it changed. */
  request_sha256?: string
}

export { ResultsFileError }

export interface OpenOptions {
  /** Keep the ids that already succeeded (and skip them); without it the file starts empty. */
  resume: boolean
  /** Where the file may live (its folder's real path); undefined: anywhere (tests, callers that checked). */
  roots?: FileRoots
  /** With resume: ids this run sends again unless they succeeded. Their failed lines are dropped at
   * open, so the new result is their only line even after a kill -9. Undefined: every failed id. */
  rerun?: { has(id: string): boolean }
  /**
   * With resume: whether a succeeded line's request differs from the item's request now (its
   * request_sha256 against the current one). Such an id counts as not done: it runs again, and its
   * old line is dropped at open like a failed one. A line without request_sha256 is unchanged.
   */
  changed?: (result: ItemResult) => boolean
}

const WRITE_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0)

export class ResultsFile {
  /** With resume: ids whose last result succeeded (to skip). */
  readonly succeededBefore: ReadonlySet<string>
  /** With resume: every id the file held, with its last status. */
  readonly before: ReadonlyMap<string, ItemResult['status']>
  /** With resume: how many ids had succeeded with a request that has changed since (options.changed). */
  readonly changedBefore: number
  private pending: Promise<void> = Promise.resolve()
  private closed = false

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    before: Map<string, ItemResult['status']>,
    changed: ReadonlySet<string>
  ) {
    for (const id of changed) before.set(id, 'failed')
    this.before = before
    this.changedBefore = changed.size
    this.succeededBefore = new Set([...before].filter(([, status]) => status === 'succeeded').map(([id]) => id))
  }

  static async open(file: string, options: OpenOptions): Promise<ResultsFile> {
    const target = path.resolve(file)
    await makeFolder(path.dirname(target), options.roots)
    const existing = await lstatOrUndefined(target)
    if (existing && !existing.isFile()) {
      throw new ResultsFileError(`${target} exists and is not a regular file (a symlink, folder or device); refused.`)
    }
    const before = new Map<string, ItemResult['status']>()
    const changed = new Set<string>()
    if (options.resume && existing) {
      const { rerun, changed: isChanged } = options
      // Called for each id's last line only: a changed request is asked once per id.
      const done = (r: ItemResult) => {
        if (r.status !== 'succeeded') return false
        if (isChanged?.(r) !== true) return true
        changed.add(r.id)
        return false
      }
      const last = await compact(target, r => done(r) || (rerun !== undefined && !rerun.has(r.id)))
      for (const [id, at] of last) before.set(id, at % 2 === 1 ? 'succeeded' : 'failed')
    } else {
      await writeAtomically(target, async () => {})
    }
    const handle = await openForAppend(target)
    return new ResultsFile(target, handle, before, changed)
  }

  /** Appends one line; resolves once it is on disk. Calls are serialised in the order made. */
  write(result: ItemResult): Promise<void> {
    return this.writeAll([result])
  }

  /** Appends several lines in one write and one fsync (items that ended together, e.g. at the deadline). */
  writeAll(results: readonly ItemResult[]): Promise<void> {
    if (this.closed) return Promise.reject(new ResultsFileError(`${this.path} is closed`))
    const line = Buffer.from(results.map(result => `${JSON.stringify(orderedResult(result))}\n`).join(''))
    const next = this.pending.then(async () => {
      let offset = 0
      while (offset < line.length) offset += (await this.handle.write(line, offset)).bytesWritten
      await this.handle.sync()
    })
    // A failed write fails its caller; the next one still runs.
    this.pending = next.catch(() => {})
    return next
  }

  /** Waits for the writes, then rewrites the file so each id appears once (the last result wins). */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.pending
    await this.handle.close()
    await compact(this.path)
  }
}

/** The fields in the documented order (JSON keeps insertion order). */
function orderedResult(r: ItemResult): ItemResult {
  const { id, status, response, json, usage, stop_reason, model, attempts, request_id, error, request_sha256 } = r
  return { id, status, response, json, usage, stop_reason, model, attempts, request_id, error, request_sha256 }
}

/** A result line as read back; undefined for a torn or foreign line. */
function parseResultLine(line: string): ItemResult | undefined {
  try {
    const value = JSON.parse(line) as Partial<ItemResult> | null
    if (typeof value?.id !== 'string' || (value.status !== 'succeeded' && value.status !== 'failed')) return undefined
    return value as ItemResult
  } catch {
    return undefined
  }
}

/** Every result line of `file`, in order (torn lines skipped), read as a stream. */
export async function* readResults(file: string): AsyncGenerator<ItemResult> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0))
  // The stream owns the handle: it closes it when destroyed, once a read in flight is done.
  const input = createReadStream('', { fd: handle })
  const lines = createInterface({ input, crlfDelay: Infinity })
  try {
    for await (const line of lines) {
      const result = parseResultLine(line)
      if (result) yield result
    }
  } finally {
    lines.close()
    // A reader that stops early can leave a read in flight: closing the handle under it failed
    // that read with EBADF, an 'error' nobody listened to. Destroying the stream waits for it.
    input.destroy()
    if (!input.closed) await once(input, 'close')
  }
}

/**
 * Rewrites `file` keeping each id's last line (if `keep` accepts it), streaming (two passes: the
 * last line number of each id, then the lines to keep), so a large file is never held in memory.
 * Returns each id's last line as `line * 2 + (succeeded ? 1 : 0)`, kept or not: a small integer
 * per id, no object, so a large file leaves little for the garbage collector to copy.
 */
async function compact(file: string, keep = (_: ItemResult) => true): Promise<Map<string, number>> {
  const last = new Map<string, number>()
  let index = 0
  for await (const result of readResults(file))
    last.set(result.id, index++ * 2 + (result.status === 'succeeded' ? 1 : 0))
  await writeAtomically(file, async out => {
    let i = 0
    for await (const result of readResults(file)) {
      const isLast = Math.floor((last.get(result.id) ?? -2) / 2) === i++
      if (isLast && keep(result)) await out(`${JSON.stringify(orderedResult(result))}\n`)
    }
  })
  return last
}

/** Writes a fresh file next to `file`, fsyncs it, renames it over `file` and fsyncs the folder. */
async function writeAtomically(file: string, fill: (out: (text: string) => Promise<void>) => Promise<void>) {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644)
  try {
    let buffered = ''
    const flush = async () => {
      if (buffered !== '') await handle.write(buffered)
      buffered = ''
    }
    await fill(async text => {
      buffered += text
      if (buffered.length > 64 * 1024) await flush()
    })
    await flush()
    await handle.sync()
    await handle.close()
    await rename(temporary, file)
  } catch (error) {
    await handle.close().catch(() => {})
    await rm(temporary, { force: true })
    throw error
  }
  await syncFolder(path.dirname(file))
}

async function syncFolder(folder: string) {
  const handle = await open(folder, constants.O_RDONLY).catch(() => undefined)
  if (!handle) return
  await handle.sync().catch(() => {}) // not every file system syncs a folder
  await handle.close()
}

async function openForAppend(file: string): Promise<FileHandle> {
  const handle = await open(file, WRITE_FLAGS).catch((error: NodeJS.ErrnoException) => {
    throw new ResultsFileError(`Opening ${file} failed: ${error.code ?? error.message}; refused.`)
  })
  if (!(await handle.stat()).isFile()) {
    await handle.close()
    throw new ResultsFileError(`${file} is not a regular file; refused.`)
  }
  return handle
}

async function lstatOrUndefined(file: string) {
  return lstat(file).catch(() => undefined)
}

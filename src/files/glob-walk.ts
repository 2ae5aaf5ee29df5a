/**
 * How a `files` glob walks the disk. The rule (SECURITY.md): it never descends into a symlinked
 * folder, wherever the link points. A committed link to `/` made `**` walk the runner's whole file
 * system, a link back up (`a/up -> ..`) found every file twice, and files outside the workspace
 * counted toward max-files. A symlinked *file* is still matched and then held to the file rule
 * (file-rule.ts) by its real path, like any path given by name.
 *
 * The walk is asynchronous (tinyglobby's glob over fdir), so it runs under the step's cancel
 * signal and a deadline, and it stops after `maxEntries` directory entries read.
 */
import fs, { type Dirent } from 'node:fs'
import path from 'node:path'

/** Directory entries (files, folders, links) one pattern may read before it is refused as too broad. */
export const MAX_WALK_ENTRIES = 100_000

export interface WalkLimits {
  /** The step's cancel signal. */
  signal?: AbortSignal
  /** Epoch ms after which the walk stops (total-timeout); undefined for none. */
  deadline?: number
  now?: () => number
  maxEntries?: number
}

export type WalkResult =
  | { ok: true; files: string[]; visited: number }
  | { ok: false; stop: 'cancelled' | 'deadline' | 'too-many'; visited: number }

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void

/** The absolute paths of the files `pattern` matches under `base` (dot files not matched, links to folders not entered). */
export async function globFiles(pattern: string, base: string, limits: WalkLimits = {}): Promise<WalkResult> {
  const { glob } = await import('tinyglobby')
  const now = limits.now ?? Date.now
  const maxEntries = limits.maxEntries ?? MAX_WALK_ENTRIES
  const controller = new AbortController()
  let visited = 0
  let stop: 'cancelled' | 'deadline' | 'too-many' | undefined
  let stopped: () => void = () => undefined
  const halted = new Promise<void>(resolve => (stopped = resolve))
  const halt = (why: NonNullable<typeof stop>) => {
    stop ??= why
    controller.abort()
    stopped()
  }

  const onCancel = () => halt('cancelled')
  if (limits.signal?.aborted) return { ok: false, stop: 'cancelled', visited }
  limits.signal?.addEventListener('abort', onCancel, { once: true })
  const timer =
    limits.deadline === undefined ? undefined : setTimeout(() => halt('deadline'), Math.max(0, limits.deadline - now()))

  // fdir reads each folder with fs.readdir; this one counts what it reads, checks the limits between
  // folders, and hides symlinked folders (a symlink to anything else is shown as a file).
  const readdir = (dir: string, options: unknown, callback: ReaddirCallback) =>
    fs.readdir(dir, { withFileTypes: true }, (error, entries) => {
      if (error) return callback(error, [])
      visited += entries.length
      if (visited > maxEntries) halt('too-many')
      if (limits.deadline !== undefined && now() >= limits.deadline) halt('deadline')
      if (stop) return callback(null, [])
      void withoutLinkedFolders(dir, entries).then(kept => callback(null, kept))
    })

  try {
    const walk = glob(pattern, {
      cwd: base,
      absolute: true,
      onlyFiles: true,
      expandDirectories: false,
      followSymbolicLinks: false,
      fs: { readdir: readdir as unknown as typeof fs.readdir },
      signal: controller.signal
    })
    // On a stop, return at once: the reads already under way end by themselves and start no more
    // (and a late failure of the abandoned walk must not surface as an unhandled rejection).
    walk.catch(() => undefined)
    const files = await Promise.race([walk, halted.then(() => [] as string[])])
    return stop ? { ok: false, stop, visited } : { ok: true, files, visited }
  } finally {
    clearTimeout(timer)
    limits.signal?.removeEventListener('abort', onCancel)
  }
}

/** The entries, each symlink resolved once: to a folder, left out; to anything else, kept as a file; broken, left out. */
async function withoutLinkedFolders(dir: string, entries: Dirent[]): Promise<Dirent[]> {
  const kept = await Promise.all(
    entries.map(async entry => {
      if (!entry.isSymbolicLink()) return entry
      try {
        const target = await fs.promises.stat(path.join(dir, entry.name))
        return target.isDirectory() ? undefined : asFile(entry)
      } catch {
        return undefined
      }
    })
  )
  return kept.filter(entry => entry !== undefined)
}

/** fdir reads a dirent's name and kind; a symlink so marked is matched like a file and not resolved by fdir. */
function asFile(entry: Dirent): Dirent {
  return Object.assign(Object.create(entry) as Dirent, {
    isFile: () => true,
    isDirectory: () => false,
    isSymbolicLink: () => false
  })
}

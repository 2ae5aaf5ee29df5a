/**
 * A Message Batch's create body, written to a temporary file one request at a time and sent from
 * there: a Blob backed by the file, which fetch streams with its Content-Length. A batch may hold
 * 100,000 requests and 256 MB; its body is never in memory whole, nor are its requests together.
 * The file holds the prompts, so it is private (0600, in a fresh 0700 folder) and removed as soon
 * as the batch is created or given up.
 */
import { openAsBlob } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import path from 'node:path'
import type { PromptItem } from '../request/prompts-file.js'
import type { AttemptFailure } from '../retry/failure.js'
import type { RetryOutcome } from '../retry/loop.js'

export interface BatchBody {
  blob: Blob
  /** Removes the file and its folder. */
  dispose(): Promise<void>
}

/** Text gathered before each write: large enough for few writes, small enough to die young. */
const WRITE_CHARS = 64 * 1024

/** One request of a create body: the item's id as custom_id, its Messages request as params. */
export function batchRequestJson(item: PromptItem): string {
  return JSON.stringify({ custom_id: item.id, params: item.params })
}

/**
 * `{"requests":[` + the JSON of requests 0 to count - 1, comma-separated, + `]}`, in a new file
 * under `folder`. Each request is asked for (`request(position)`) as it is written, then dropped.
 */
export async function writeBatchBody(
  folder: string,
  count: number,
  request: (position: number) => string
): Promise<BatchBody> {
  const dir = await mkdtemp(path.join(folder, 'ask-claude-batch-'))
  const dispose = () => rm(dir, { recursive: true, force: true })
  try {
    const file = path.join(dir, 'requests.json')
    const handle = await open(file, 'wx', 0o600)
    try {
      let pending = '{"requests":['
      for (let position = 0; position < count; position++) {
        pending += position === 0 ? request(position) : `,${request(position)}`
        if (pending.length >= WRITE_CHARS) {
          await handle.write(pending)
          pending = ''
        }
      }
      await handle.write(`${pending}]}`)
    } finally {
      await handle.close()
    }
    return { blob: await openAsBlob(file, { type: 'application/json' }), dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}

/**
 * Writes the body (writeBatchBody), sends it (`send`: the create call in the retry loop) and
 * removes the file, whatever the call's outcome. A body that cannot be written (a full disk, a
 * temp folder that cannot be written) is a final failure of the call: nothing was sent, and the
 * batch's items fail with the reason.
 */
export async function sendFromFile<T>(
  folder: string,
  count: number,
  request: (position: number) => string,
  send: (body: Blob) => Promise<RetryOutcome<T>>
): Promise<RetryOutcome<T>> {
  let body: BatchBody
  try {
    body = await writeBatchBody(folder, count, request)
  } catch (error) {
    return notWritten(error, folder)
  }
  try {
    return await send(body.blob)
  } finally {
    await body.dispose()
  }
}

function notWritten(error: unknown, folder: string): RetryOutcome<never> {
  const { code, message } = error as Partial<NodeJS.ErrnoException>
  const why = `the batch's body could not be written under ${folder}: ${code ?? message ?? String(error)}`
  const failure: AttemptFailure = {
    kind: 'client',
    status: null,
    errorType: 'client_error',
    errorCode: null,
    requestId: null,
    message: why,
    headers: {}
  }
  return {
    ok: false,
    failure,
    stop: 'final-error',
    detail: { reason: 'final-error', why },
    attempts: [],
    durationMs: 0
  }
}

/**
 * Direct mode: `concurrency` workers take the items in file order, each through the full retry
 * loop, all paced by one shared limiter. A finished item is on disk before its worker takes the
 * next. At the deadline (total-timeout) or on cancel no new item starts; the ones in flight end
 * (cancel aborts them), and every item not started is recorded as failed with `deadline` or
 * `cancelled`: none is dropped.
 */
import type { ManyRun } from './context.js'
import { notStarted, runItem } from './item.js'
import { Limiter } from './limiter.js'

export interface DirectOutcome {
  /** Why items were left unstarted, if any were. */
  stopped: 'deadline' | 'cancelled' | undefined
  limiter: Limiter
}

export async function runDirect(run: ManyRun, limiter = new Limiter(run.loop)): Promise<DirectOutcome> {
  const { loop } = run
  const deadline = loop.deadline ?? Infinity
  const unstarted: number[] = []
  let next = 0
  const worker = async () => {
    for (;;) {
      if (loop.signal.aborted || loop.now() >= deadline || next >= run.items.length) return
      const index = next++
      const item = run.items.get(index)
      const outcome = await runItem(run, limiter, item)
      if (!outcome) {
        unstarted.push(index)
        return
      }
      await run.recorder.record(outcome.result, outcome.cost)
      // One debug line per item (shown with debug logging on): ids are [A-Za-z0-9_-] only.
      run.debug?.(`[${item.id}] ${outcome.result.status} after ${outcome.result.attempts} attempt(s); on disk`)
    }
  }
  const workers = Math.max(1, Math.min(run.many.concurrency, run.items.length))
  await Promise.all(Array.from({ length: workers }, worker))

  for (let index = next; index < run.items.length; index++) unstarted.push(index)
  if (unstarted.length === 0) return { stopped: undefined, limiter }
  const reason = loop.signal.aborted ? 'cancelled' : 'deadline'
  // File order, whatever order the workers gave up in.
  unstarted.sort((a, b) => a - b)
  await run.recorder.recordAll(unstarted.map(index => notStarted(run.items.id(index), reason)))
  return { stopped: reason, limiter }
}

/**
 * The step's one cancel switch, for SIGINT and SIGTERM (the runner sends SIGINT on cancel or
 * timeout-minutes, SIGTERM 7.5 s later, then kills).
 *
 * index.ts installs it before it loads anything heavy: until a process listens for SIGINT, the
 * signal kills it at once, and loading the bundle takes ~300 ms, so a cancel that early used to
 * leave no outputs and no summary. An early signal is remembered in the (already aborted)
 * signal; run() sees it and still writes `error: cancelled`.
 *
 * Node only: no @actions/core here, since importing it is part of the load this must precede.
 */
const CANCEL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']

/** Aborts the returned signal on the first SIGINT or SIGTERM; each signal is logged. Stays installed. */
export function cancelOnSignals(
  target: Pick<NodeJS.Process, 'on'> = process,
  log: (line: string) => void = line => process.stdout.write(`${line}\n`)
): AbortSignal {
  const cancel = new AbortController()
  for (const signal of CANCEL_SIGNALS) {
    target.on(signal, () => {
      log(`Received ${signal}: cancelling the request in flight and any wait.`)
      cancel.abort()
    })
  }
  return cancel.signal
}

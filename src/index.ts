import './startup.js'
import { cancelOnSignals } from './cancel.js'

// Listen for a cancel first, then load the rest: a SIGINT while the bundle loads is remembered
// rather than fatal (see cancel.ts).
const cancel = cancelOnSignals()
const { run } = await import('./main.js')
await run(cancel)
exitOnceFlushed()

/**
 * No process.exit() right after run(): it drops whatever a piped stdout (the runner's) has not
 * taken yet, such as the end of a long log or the final ::error:: line. setFailed has set
 * process.exitCode and the event loop ends by itself. As a backstop, once stdout and stderr
 * have flushed, anything still referenced (a socket, a timer) may not hold the finished or
 * cancelled step open: the unref'd timer fires only if the loop is still alive by then.
 */
function exitOnceFlushed(): void {
  let pending = 2
  const flushed = () => {
    if (--pending === 0) setTimeout(() => process.exit(), 200).unref()
  }
  process.stdout.write('', flushed)
  process.stderr.write('', flushed)
}

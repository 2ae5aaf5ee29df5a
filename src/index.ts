import './startup.js'
import { cancelOnSignals } from './cancel.js'

// Listen for a cancel first, then load the rest: a SIGINT while the bundle loads is remembered
// rather than fatal (see cancel.ts).
const cancel = cancelOnSignals()
const { run } = await import('./main.js')

// Exit as soon as run() is done: every output and the summary are written by then, and an idle
// keep-alive socket or an aborted request must not hold a cancelled step open until SIGKILL.
// process.exit() keeps the exit code setFailed chose.
await run(cancel)
process.exit()

import './startup.js'
import { run } from './main.js'

// Exit as soon as run() is done: every output and the summary are written by then, and an idle
// keep-alive socket or an aborted request must not hold a cancelled step open until SIGKILL.
// process.exit() keeps the exit code setFailed chose.
await run()
process.exit()

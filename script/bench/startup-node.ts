// One start-up comparison on the Node binary named by ACTION_NODE (run-action.ts reads it once,
// at import, so each Node version gets a process of its own): prints the StartupRow as JSON.
// Run by run.ts: tsx script/bench/startup-node.ts <pairs>
import { execFileSync } from 'node:child_process'
import { ACTION_NODE } from '../../__tests__/support/run-action.js'
import type { StartupRow } from './report.js'
import { compareStartup } from './startup.js'

const node = execFileSync(ACTION_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
const row: StartupRow = { node, ...(await compareStartup(Number(process.argv[2] ?? 21))) }
console.log(JSON.stringify(row))

import { execFileSync } from 'node:child_process'
import { ACTION_NODE } from '../support/run-action.js'

/**
 * `npm test` runs the end-to-end suites on two runtimes, and the `node` devDependency puts
 * Node 24 first on PATH in every npm script: a run meant for Node 20 could silently become a
 * second Node 24 run. Each run says which major it expects, and this checks the binary that
 * runs dist/index.js is that one.
 */
describe('the runtime of this end-to-end run', () => {
  it('is the Node major that npm test asked for', () => {
    const expected = process.env.EXPECT_ACTION_NODE_MAJOR
    if (!expected) throw new Error('EXPECT_ACTION_NODE_MAJOR is not set: run the end-to-end suites through npm test')
    const version = execFileSync(ACTION_NODE, ['-p', 'process.version'], { encoding: 'utf8' }).trim()
    expect(version.split('.')[0]).toBe(`v${expected}`)
  })
})

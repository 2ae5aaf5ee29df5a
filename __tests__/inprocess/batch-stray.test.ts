/**
 * A batch's results naming a custom_id the run never submitted (issue 20, item 3): the line is
 * ignored with a warning that gives the count, never the id; the results file, the outputs and a
 * later resume see only the prompts file's items. In-process, against the fake Message Batches API.
 */
import { askWith } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'
import { promptsWorkspace as workspace, resultRows as rows } from '../support/many.js'

const ask = askWith(runInProcess, { prompt: '', 'base-delay': '0.01', 'max-delay': '0.05' })
const inputs = { 'prompts-file': 'prompts.jsonl', 'results-file': 'out/results.jsonl', mode: 'batch' }

describe('batch results for ids never submitted', () => {
  it('are not written or counted, and a warning gives how many', async () => {
    const dir = workspace(2)
    const stray = 'intruder-from-the-server'
    const result = await ask({ batches: { strayResultIds: [stray, `${stray}-2`] } }, inputs, {
      env: { GITHUB_WORKSPACE: dir }
    })
    expect(result.code).toBe(0)
    expect(rows(dir).map(r => r.id)).toEqual(['item-1', 'item-2'])
    expect(result.outputs).toMatchObject({ total: '2', succeeded: '2', failed: '0' })
    expect(result.stdout).toMatch(
      /::warning::Message Batch msgbatch_fake_1: ignored 2 result lines whose custom_id is not in 'prompts-file'/
    )
    expect(result.stdout).not.toContain(stray)
    expect(result.summary).not.toContain(stray)
  })
})

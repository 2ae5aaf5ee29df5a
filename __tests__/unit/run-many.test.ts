import type { ManyConfig } from '../../src/inputs/many.js'
import { modeFor } from '../../src/run-many.js'
import { PromptLines } from '../../src/request/prompts-file.js'

const many = (over: Partial<ManyConfig>): ManyConfig => ({
  promptsFile: 'p.jsonl',
  lines: PromptLines.none,
  fileLines: 0,
  resultsFile: undefined,
  roots: { base: '/w', allowed: [] },
  resume: false,
  concurrency: 4,
  mode: 'auto',
  batchWait: true,
  batchIds: [],
  shard: undefined,
  ...over
})

describe('modeFor', () => {
  it('auto: Message Batches from 100 items to send, direct below', () => {
    expect(modeFor(many({}), 99)).toBe('direct')
    expect(modeFor(many({}), 100)).toBe('batch')
  })
  it('an explicit mode wins; batch-ids always collect in batch mode', () => {
    expect(modeFor(many({ mode: 'direct' }), 5000)).toBe('direct')
    expect(modeFor(many({ mode: 'batch' }), 1)).toBe('batch')
    expect(modeFor(many({ mode: 'direct', batchIds: ['msgbatch_1'] }), 0)).toBe('batch')
  })
})

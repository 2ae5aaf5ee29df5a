/**
 * Text input files saved with a UTF-8 byte order mark (some Windows editors add one): the BOM is
 * not content, so each file reads as if it had none (issue 20, item 7). In-process, real SDK.
 */
import { api, askWith } from '../support/ask.js'
import { runInProcess } from '../support/run-in-process.js'

const BOM = '\uFEFF'
const ask = askWith(runInProcess, { prompt: '' })
const bodies = () => api?.requests.filter(r => r.path === '/v1/messages').map(r => r.body) ?? []

describe('a leading BOM in a text input file', () => {
  it('prompts-file: the first line is valid JSON, and its id runs', async () => {
    const result = await ask(
      [{ kind: 'message', text: 'Answer.' }],
      { 'prompts-file': 'prompts.jsonl', 'results-file': 'results.jsonl', mode: 'direct' },
      { workspaceFiles: { 'prompts.jsonl': `${BOM}{"id":"first","prompt":"Hi"}\n` } }
    )
    expect(result.outputs.error ?? '').toBe('')
    expect(result.code).toBe(0)
    expect(bodies()).toHaveLength(1)
  })

  it('prompt-file and system-file: the text sent starts after the BOM', async () => {
    const result = await ask(
      [{ kind: 'message', text: 'Answer.' }],
      { 'prompt-file': 'prompt.md', 'system-file': 'system.md' },
      { workspaceFiles: { 'prompt.md': `${BOM}Review this.`, 'system.md': `${BOM}Be brief.` } }
    )
    expect(result.code).toBe(0)
    expect(JSON.stringify(bodies()[0])).not.toContain(BOM)
    expect(bodies()[0]?.messages).toEqual([{ role: 'user', content: 'Review this.' }])
  })

  it('json-schema-file and prompt-yml parse', async () => {
    const schema = JSON.stringify({ type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] })
    const result = await ask(
      [{ kind: 'message', text: '{"ok":true}' }],
      { 'prompt-yml': 'ask.prompt.yml', 'json-schema-file': 'schema.json' },
      {
        workspaceFiles: {
          'schema.json': `${BOM}${schema}`,
          'ask.prompt.yml': `${BOM}messages:\n  - role: user\n    content: Is it fine?\n`
        }
      }
    )
    expect(result.outputs.error ?? '').toBe('')
    expect(result.outputs.json).toBe('{"ok":true}')
    expect(bodies()[0]?.messages).toEqual([{ role: 'user', content: 'Is it fine?' }])
  })
})

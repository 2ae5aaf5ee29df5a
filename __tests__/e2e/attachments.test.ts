/**
 * End to end, as the runner runs it: the built bundle (dist/, with tinyglobby inside) on the
 * action's Node attaches a glob of files, and the API receives them as content blocks, in order,
 * with the request options. The refusals and limits run in-process: __tests__/inprocess/attachments.test.ts.
 */
import { api, askWith, hello } from '../support/ask.js'
import { runAction } from '../support/run-action.js'
import { b64, gif, PDF, png } from '../fixtures/images.js'

const ask = askWith(runAction, { prompt: 'Review.' })

it('the bundle globs, reads and sends text, PDF and images, with cache and thinking', async () => {
  const shot = png(800, 600, 64)
  const anim = gif(32, 32)
  const result = await ask(
    [hello],
    { system: 'Be brief.', files: 'shots/*\nspec.pdf\nnotes.md', cache: '5m', thinking: 'adaptive', effort: 'low' },
    { workspaceFiles: { 'shots/b.png': shot, 'shots/a.gif': anim, 'spec.pdf': PDF, 'notes.md': 'ünïcode\n' } }
  )
  expect(result.code).toBe(0)
  const cache = { type: 'ephemeral', ttl: '5m' }
  expect(api?.requests[0]?.body).toEqual({
    model: 'claude-sonnet-5-5',
    max_tokens: 4096,
    system: [{ type: 'text', text: 'Be brief.', cache_control: cache }],
    thinking: { type: 'adaptive' },
    output_config: { effort: 'low' },
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: b64(anim) } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(shot) } },
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: b64(PDF) } },
          { type: 'text', text: '<file path="notes.md">\nünïcode\n</file>', cache_control: cache },
          { type: 'text', text: 'Review.' }
        ]
      }
    ]
  })
  expect(result.summary).toContain('| shots/a.gif | image (GIF, 32×32) |')
})

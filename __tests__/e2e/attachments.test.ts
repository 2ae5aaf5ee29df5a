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

it('a glob does not walk into symlinked folders: a link to / and a loop back up are skipped, each file sent once', async () => {
  const { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } = await import('node:fs')
  const os = await import('node:os')
  const path = await import('node:path')
  const workspace = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'glob-links-')))
  try {
    mkdirSync(path.join(workspace, 'a'))
    writeFileSync(path.join(workspace, 'a', 'notes.txt'), 'notes\n')
    // A committed link to the root made '**/*.txt' walk the runner's whole disk (42.7 s in the attack).
    symlinkSync('/', path.join(workspace, 'root'))
    symlinkSync('..', path.join(workspace, 'a', 'up'))
    const started = Date.now()
    const result = await ask([hello], { files: '**/*.txt' }, { env: { GITHUB_WORKSPACE: workspace } })
    expect(result.code).toBe(0)
    const content = api?.requests[0]?.body.messages[0].content
    expect(content).toEqual([
      { type: 'text', text: '<file path="a/notes.txt">\nnotes\n</file>' },
      { type: 'text', text: 'Review.' }
    ])
    expect(Date.now() - started).toBeLessThan(20_000)
  } finally {
    rmSync(workspace, { recursive: true, force: true })
  }
}, 30_000)

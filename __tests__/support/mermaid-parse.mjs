// Parse one Mermaid diagram from stdin with Mermaid's own parser and print the result as JSON.
// A separate process: Mermaid needs browser globals (jsdom provides them), which jest's
// sandbox does not tolerate.
import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>')
globalThis.window = dom.window
globalThis.document = dom.window.document
const { default: mermaid } = await import('mermaid')

let text = ''
for await (const chunk of process.stdin) text += chunk
try {
  const result = await mermaid.parse(text)
  console.log(JSON.stringify({ ok: true, diagramType: result.diagramType }))
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error.message ?? error).split('\n')[0] }))
}

// The smallest honest stand-in for the action: read the same inputs the runner sets, make the
// same single POST /v1/messages with fetch, print the text. The start-up benchmark times this
// against `node dist/index.js`.
const env = process.env
const response = await fetch(`${env['INPUT_BASE-URL']}/v1/messages`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'x-api-key': env['INPUT_ANTHROPIC-API-KEY'] ?? '',
    'anthropic-version': '2023-06-01'
  },
  body: JSON.stringify({
    model: env['INPUT_MODEL'] || 'claude-sonnet-5-5',
    max_tokens: 4096,
    messages: [{ role: 'user', content: env['INPUT_PROMPT'] ?? '' }]
  })
})
/** @type {{ content: Array<{ text?: string }> }} */
const message = await response.json()
if (!response.ok) {
  console.error(JSON.stringify(message))
  process.exit(1)
}
console.log(message.content.map(block => block.text ?? '').join(''))
// Exit at once, as the action does (an idle keep-alive socket would otherwise hold the process
// open for a while and flatter the comparison).
process.exit(0)

/**
 * provider vertex as the runner runs it: the built dist/index.js in a child process (on Node 24,
 * and on Node 20 in npm test's second run), loading the Vertex SDK and google-auth-library from
 * their lazily loaded chunks, against the fake Vertex endpoint and the fakes of the Workload
 * Identity Federation login (runner OIDC, STS, IAM Credentials) on 127.0.0.1.
 */
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { askWith, hello, retryLog } from '../support/ask.js'
import { askVertexWith, askVertexWithLoginWith, login, tempDir, vertex } from '../support/ask-vertex.js'
import { FEDERATED_TOKEN, GITHUB_OIDC_TOKEN, SERVICE_ACCOUNT } from '../support/fake-google-login.js'
import { googleError, VERTEX_MODEL, VERTEX_TOKEN, vertexTarget } from '../support/fake-vertex.js'
import { DEFAULT_ENTRY, runAction } from '../support/run-action.js'

const askVertex = askVertexWith(runAction)
const askVertexWithLogin = askVertexWithLoginWith(runAction)

describe('provider vertex, dist/index.js in a child', () => {
  it('logs in as google-github-actions/auth set up, retries RESOURCE_EXHAUSTED, and streams the answer', async () => {
    const result = await askVertexWithLogin(
      { serviceAccount: SERVICE_ACCOUNT },
      [googleError('RESOURCE_EXHAUSTED'), { kind: 'message', text: 'Streamed from Vertex.', chunks: 3 }],
      { stream: 'true' }
    )

    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.outputs.response).toBe('Streamed from Vertex.')
    expect(result.outputs.model).toBe(VERTEX_MODEL)
    expect(retryLog(result).map(a => [a.status, a.errorType])).toEqual([
      [429, 'RESOURCE_EXHAUSTED'],
      [200, null]
    ])
    expect(vertex?.requests.map(r => vertexTarget(r)?.method)).toEqual(['streamRawPredict', 'streamRawPredict'])
    expect(vertex?.requests.map(r => r.headers.authorization)).toEqual([
      `Bearer ${VERTEX_TOKEN}`,
      `Bearer ${VERTEX_TOKEN}`
    ])
    expect(login?.requests.map(r => r.method)).toEqual(['GET', 'POST', 'POST'])
    expect(result.stdout.split(VERTEX_TOKEN)).toHaveLength(2) // masked, and only inside the mask command
    for (const secret of [FEDERATED_TOKEN, GITHUB_OIDC_TOKEN]) {
      expect(result.stdout + result.summary + JSON.stringify(result.outputs)).not.toContain(secret)
    }
  })

  it('with a static token: masks it, and stops at 403 PERMISSION_DENIED with the IAM and Model Garden hint', async () => {
    const result = await askVertex([googleError('PERMISSION_DENIED')])

    expect(result.code).toBe(1)
    expect(vertex?.requests).toHaveLength(1)
    expect(result.outputs.error).toMatch(/^PERMISSION_DENIED: /)
    const failure = result.commands.find(c => c.name === 'error')?.data ?? ''
    expect(failure).toMatch(/HTTP 403.*roles\/aiplatform\.user.*Model Garden/)
    expect(result.stdout).toContain(`::add-mask::${VERTEX_TOKEN}`)
    expect(result.stdout.split(VERTEX_TOKEN)).toHaveLength(2) // only inside the mask command
  })
})

describe('lazy loading', () => {
  it('the default path runs from a dist/ without the Vertex SDK and google-auth-library chunks; vertex needs them', async () => {
    const dist = path.join(tempDir('vertex-lazy-'), 'dist')
    cpSync(path.dirname(DEFAULT_ENTRY), dist, { recursive: true })
    // The chunks holding the Vertex SDK (the module header script/minify-chunks.mjs writes; its
    // private names are minified away) and google-auth-library (its ADC error).
    const markers = ['// ./node_modules/@anthropic-ai/vertex-sdk/', 'Could not load the default credentials']
    const removed = readdirSync(dist).filter(file => {
      if (!/^\d+\.index\.js$/.test(file)) return false
      const text = readFileSync(path.join(dist, file), 'utf8')
      return markers.some(marker => text.includes(marker))
    })
    expect(removed.length).toBeGreaterThanOrEqual(2)
    for (const file of removed) rmSync(path.join(dist, file))
    const entry = path.join(dist, 'index.js')

    const anthropic = await askWith(runAction)([hello], {}, { entry })
    expect(anthropic.code).toBe(0)
    expect(anthropic.outputs.response).toBe('Hello there.')

    const withoutChunks = await askVertex([hello], {}, { entry })
    expect(withoutChunks.code).toBe(1)
    expect(vertex?.requests).toHaveLength(0)
  })
})

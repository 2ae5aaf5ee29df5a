import { vertexClient } from '../../../src/providers/vertex.js'

describe('vertexClient', () => {
  const settings = { name: 'vertex' as const, projectId: 'my-project-123', region: 'us-east5', accessToken: 'ya29.x' }
  const shared = { maxRetries: 0 as const, fetch: globalThis.fetch, defaultHeaders: {} }

  it("sends to the region's endpoint, never to a URL from ANTHROPIC_VERTEX_BASE_URL; base-url wins", async () => {
    const saved = process.env.ANTHROPIC_VERTEX_BASE_URL
    process.env.ANTHROPIC_VERTEX_BASE_URL = 'https://elsewhere.example.test/v1'
    try {
      const regional = (await vertexClient(settings, undefined, shared)) as unknown as { baseURL: string }
      expect(regional.baseURL).toBe('https://us-east5-aiplatform.googleapis.com/v1')
      const global = (await vertexClient({ ...settings, region: 'global' }, undefined, shared)) as unknown as {
        baseURL: string
      }
      expect(global.baseURL).toBe('https://aiplatform.googleapis.com/v1')
      const given = (await vertexClient(settings, 'http://127.0.0.1:9/v1', shared)) as unknown as { baseURL: string }
      expect(given.baseURL).toBe('http://127.0.0.1:9/v1')
    } finally {
      if (saved === undefined) delete process.env.ANTHROPIC_VERTEX_BASE_URL
      else process.env.ANTHROPIC_VERTEX_BASE_URL = saved
    }
  })
})

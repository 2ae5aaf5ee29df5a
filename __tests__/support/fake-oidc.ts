// A fake of the runner's OIDC token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): a real HTTP server
// on 127.0.0.1. As on GitHub, the URL already has a query (`?api-version=2.0`), so the toolkit's
// `&audience=<aud>` is appended to it; the request must carry
// `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`; the answer is JSON `{"value": "<jwt>"}`.

import { expect } from '@jest/globals'
import http from 'node:http'
import { listenOnLoopback } from './loopback.js'

export interface OidcRequest {
  path: string
  /** The `audience` query parameter, decoded; undefined when absent (GitHub's default audience). */
  audience: string | undefined
  authorization: string | undefined
  accept: string | undefined
}

export type OidcReply = { kind: 'token' } | { kind: 'error'; status: number; body?: string } | { kind: 'reset' }

export interface FakeOidc {
  /** The value for ACTIONS_ID_TOKEN_REQUEST_URL. */
  url: string
  /** The value for ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string
  requests: OidcRequest[]
  /** The identity tokens handed out, in order (each one new, as GitHub's are). */
  issued: string[]
  /** ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, for a step's env. */
  env: Record<string, string>
  close: () => Promise<void>
}

/** A JWT-shaped token (header.payload.signature) whose claims say who asked, and with which audience. */
function identityToken(n: number, audience: string | undefined): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
    aud: audience ?? 'https://github.com/octo-org',
    jti: `fake-${n}`
  }
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.fake-signature-${n}-DO-NOT-PRINT`
}

export async function startFakeOidc(options: { script?: OidcReply[] } = {}): Promise<FakeOidc> {
  const requestToken = 'fake-actions-id-token-request-token-DO-NOT-PRINT'
  const requests: OidcRequest[] = []
  const issued: string[] = []
  let index = 0

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const request: OidcRequest = {
      path: req.url ?? '',
      audience: url.searchParams.get('audience') ?? undefined,
      authorization: req.headers.authorization,
      accept: req.headers.accept
    }
    requests.push(request)
    const reply = options.script?.[index++] ?? { kind: 'token' }
    if (reply.kind === 'reset') return req.socket.resetAndDestroy()
    if (request.authorization !== `Bearer ${requestToken}` || url.searchParams.get('api-version') !== '2.0') {
      res.writeHead(401, { 'content-type': 'application/json' })
      return res.end('{"message":"bad request token or URL"}')
    }
    if (reply.kind === 'error') {
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      return res.end(reply.body ?? '{"message":"fake OIDC error"}')
    }
    const value = identityToken(issued.length + 1, request.audience)
    issued.push(value)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ count: 1, value }))
  })
  const { port, close } = await listenOnLoopback(server)
  const url = `http://127.0.0.1:${port}/_apis/distributedtask/hubs/build/plans/1/jobs/1/idtoken?api-version=2.0`
  return {
    url,
    requestToken,
    requests,
    issued,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    close
  }
}

/**
 * Each secret is registered with the runner (`::add-mask::<secret>`, which the runner swallows)
 * and appears nowhere else: not in another stdout line, stderr, the summary or an output.
 */
export function expectOnlyMasked(
  result: { stdout: string; stderr: string; summary: string; outputs: Record<string, string> },
  secrets: string[]
): void {
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8)
    expect(result.stdout).toContain(`::add-mask::${secret}\n`)
    const rest = result.stdout.split(`::add-mask::${secret}\n`).join('')
    for (const text of [rest, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
      expect(text).not.toContain(secret)
    }
  }
}

// What google-github-actions/auth leaves behind for Workload Identity Federation, with every
// endpoint on 127.0.0.1, so the Vertex login path of a real runner runs here with the real
// google-auth-library:
// - a credentials file (type external_account) as the auth action writes it, for
//   GOOGLE_APPLICATION_CREDENTIALS: the subject token comes from the runner's OIDC endpoint
//   (ACTIONS_ID_TOKEN_REQUEST_URL with its bearer request token), is exchanged at Google's STS
//   (token_url), and the federated token is exchanged again for the service account's access
//   token (service_account_impersonation_url, IAM Credentials generateAccessToken);
// - fakes of those three endpoints, which check what each is sent and record the requests.
// Only the host names differ from a runner's (token.actions.githubusercontent.com,
// sts.googleapis.com, iamcredentials.googleapis.com).
import { promises as fs } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { VERTEX_TOKEN } from './fake-vertex.js'
import { listenOnLoopback } from './loopback.js'

export const OIDC_REQUEST_TOKEN = 'fake-actions-id-token-request-token'
export const GITHUB_OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.fake-github-oidc-token.signature'
export const FEDERATED_TOKEN = 'fake-sts-federated-token'
export const SERVICE_ACCOUNT = 'ask-claude@ask-claude-tests.iam.gserviceaccount.com'
export const WIF_PROVIDER = 'projects/123456789/locations/global/workloadIdentityPools/github/providers/ask-claude'

export interface LoginRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface FakeGoogleLogin {
  url: string
  requests: LoginRequest[]
  /** Writes the external_account file as google-github-actions/auth does; returns its path. */
  writeCredentialsFile(dir: string, options?: { serviceAccount?: string }): Promise<string>
  close: () => Promise<void>
}

export interface FakeGoogleLoginOptions {
  /** The access token the chain ends with (the one Vertex must receive); default VERTEX_TOKEN. */
  accessToken?: string
  /**
   * Seconds each access token lives (default 3600). Under google-auth-library's eager-refresh
   * margin (5 minutes), every use fetches a new one; the n-th is then `${accessToken}-${n}` (n ≥ 2).
   */
  expiresInSeconds?: number
  /** STS answers 400 invalid_grant, as for a token the pool's attribute condition refuses. */
  stsRefuses?: boolean
}

export async function startFakeGoogleLogin(options: FakeGoogleLoginOptions = {}): Promise<FakeGoogleLogin> {
  const baseToken = options.accessToken ?? VERTEX_TOKEN
  const lifetime = options.expiresInSeconds ?? 3600
  let issued = 0
  /** The access token to issue next: the base one first, then numbered ones. */
  const nextToken = () => (++issued === 1 ? baseToken : `${baseToken}-${issued}`)
  const requests: LoginRequest[] = []
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const request = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body }
      requests.push(request)
      const url = new URL(request.path, 'http://127.0.0.1')
      if (request.method === 'GET' && url.pathname === '/oidc') {
        if (req.headers.authorization !== `Bearer ${OIDC_REQUEST_TOKEN}`)
          return json(res, 401, { message: 'bad token' })
        return json(res, 200, { value: GITHUB_OIDC_TOKEN })
      }
      if (request.method === 'POST' && url.pathname === '/sts/v1/token') {
        const form = new URLSearchParams(body)
        const ok =
          !options.stsRefuses &&
          form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:token-exchange' &&
          form.get('subject_token') === GITHUB_OIDC_TOKEN &&
          form.get('audience') === `//iam.googleapis.com/${WIF_PROVIDER}`
        if (!ok) {
          return json(res, 400, {
            error: 'invalid_grant',
            error_description:
              'The audience in ID Token [https://github.com/example] does not match the expected audience.'
          })
        }
        // Without impersonation the federated token is the one that calls Vertex.
        return json(res, 200, {
          access_token: requestsImpersonation ? FEDERATED_TOKEN : nextToken(),
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: lifetime
        })
      }
      const impersonation = /^\/iam\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(url.pathname)
      if (request.method === 'POST' && impersonation) {
        if (req.headers.authorization !== `Bearer ${FEDERATED_TOKEN}`) {
          return json(res, 401, { error: { code: 401, message: 'bad federated token', status: 'UNAUTHENTICATED' } })
        }
        return json(res, 200, {
          accessToken: nextToken(),
          expireTime: new Date(Date.now() + lifetime * 1000).toISOString()
        })
      }
      json(res, 404, { error: { code: 404, message: `no route ${request.path}`, status: 'NOT_FOUND' } })
    })
  })
  // Whether the credentials file asked for impersonation: STS then issues the federated token.
  let requestsImpersonation = false
  const { port, close } = await listenOnLoopback(server)
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    requests,
    async writeCredentialsFile(dir, { serviceAccount } = {}) {
      requestsImpersonation = serviceAccount !== undefined
      const file = path.join(dir, 'gha-creds-fake.json')
      const credentials = {
        type: 'external_account',
        audience: `//iam.googleapis.com/${WIF_PROVIDER}`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${url}/sts/v1/token`,
        credential_source: {
          url: `${url}/oidc?audience=${encodeURIComponent(`https://iam.googleapis.com/${WIF_PROVIDER}`)}`,
          headers: { Authorization: `Bearer ${OIDC_REQUEST_TOKEN}` },
          format: { type: 'json', subject_token_field_name: 'value' }
        },
        ...(serviceAccount
          ? {
              service_account_impersonation_url: `${url}/iam/v1/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`
            }
          : {})
      }
      await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600 })
      return file
    },
    close
  }
}

// A fake Vertex AI endpoint for Claude: the fake Messages API (fake-api.ts) behind Vertex's wire
// format, on 127.0.0.1, for the real `@anthropic-ai/vertex-sdk` pointed at it with `baseURL`.
//
// What Vertex changes on the wire (read in @anthropic-ai/vertex-sdk's client):
// - POST {base}/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:rawPredict,
//   or :streamRawPredict for `stream: true`; the model leaves the body for the path, and the body
//   carries `anthropic_version` (the header is dropped). Count tokens is
//   .../models/count-tokens:rawPredict with the model still in the body.
// - A Google OAuth 2.0 access token in `Authorization: Bearer …`; a wrong one is refused with 401
//   UNAUTHENTICATED before anything else.
// - Google's error shape {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED"}} for
//   what Vertex itself refuses (quota, IAM, unknown model); errors from Claude behind it (e.g. 529
//   overloaded_error) keep the Anthropic envelope. googleError() builds the first kind as a reply.
//
// `requests` record the wire (path with project, region and model; body without `model`).
import { type FakeApi, type FakeApiOptions, type RecordedRequest, type Reply, startFakeApi } from './fake-api.js'

/** The static access token the tests hand the action; it must never be printed. */
export const VERTEX_TOKEN = 'ya29.fake-vertex-access-token-DO-NOT-PRINT'
export const VERTEX_PROJECT = 'ask-claude-tests'
export const VERTEX_REGION = 'us-east5'
/** A model name as Vertex spells them: the version after an `@`. */
export const VERTEX_MODEL = 'claude-sonnet-4-5@20250929'

/** google.rpc.Code names with the HTTP status Google maps each to. */
export const GOOGLE_STATUS = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504
} as const
export type GoogleStatus = keyof typeof GOOGLE_STATUS

export interface GoogleErrorOptions {
  message?: string
  /** google.rpc.ErrorInfo `reason`, e.g. IAM_PERMISSION_DENIED. */
  reason?: string
  headers?: Record<string, string>
  /** As streamRawPredict sometimes answers: the error object inside a one-element JSON array. */
  inArray?: boolean
}

const DEFAULT_MESSAGES: Partial<Record<GoogleStatus, string>> = {
  RESOURCE_EXHAUSTED:
    'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-claude-sonnet-4-5. Please submit a quota increase request.',
  UNAVAILABLE: 'The service is currently unavailable.',
  PERMISSION_DENIED: "Permission 'aiplatform.endpoints.predict' denied on resource (or it may not exist).",
  NOT_FOUND: 'Publisher Model was not found or your project does not have access to it.',
  UNAUTHENTICATED: 'Request had invalid authentication credentials. Expected OAuth 2 access token.'
}

/** An error as Google's front end sends it: no request-id, the google.rpc.Status body. */
export function googleError(status: GoogleStatus, options: GoogleErrorOptions = {}): Extract<Reply, { kind: 'raw' }> {
  const code = GOOGLE_STATUS[status]
  const details = options.reason
    ? [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: options.reason,
          domain: 'aiplatform.googleapis.com'
        }
      ]
    : undefined
  const error = { code, message: options.message ?? DEFAULT_MESSAGES[status] ?? status, status, details }
  return {
    kind: 'raw',
    status: code,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...options.headers },
    body: JSON.stringify(options.inArray ? [{ error }] : { error })
  }
}

const MODEL_PATH =
  /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/

/** Project, region, model and method of a recorded Vertex request (decoded), or undefined. */
export function vertexTarget(
  request: Pick<RecordedRequest, 'path'>
): { project: string; region: string; model: string; method: string } | undefined {
  const match = MODEL_PATH.exec(request.path.split('?')[0] ?? '')
  if (!match) return undefined
  const [project, region, model, method] = match.slice(1).map(part => decodeURIComponent(part as string))
  return { project, region, model, method } as { project: string; region: string; model: string; method: string }
}

export interface FakeVertexOptions extends Omit<FakeApiOptions, 'route'> {
  /** The access token a request must carry (any of them, if several); default VERTEX_TOKEN. */
  token?: string | string[]
}

/** The fake; its `url` is the SDK's baseURL (ending in /v1, as Google's). */
export async function startFakeVertex(options: FakeVertexOptions = {}): Promise<FakeApi> {
  const tokens = [options.token ?? VERTEX_TOKEN].flat()
  const api = await startFakeApi({
    ...options,
    route: request => {
      if (!tokens.some(token => request.headers.authorization === `Bearer ${token}`)) {
        return { refuse: googleError('UNAUTHENTICATED') }
      }
      const target = vertexTarget(request)
      if (!target || request.method !== 'POST') {
        return { refuse: googleError('NOT_FOUND', { message: `fake Vertex: no route for ${request.path}` }) }
      }
      const body = typeof request.body === 'object' && request.body !== null ? request.body : {}
      if (target.model === 'count-tokens' && target.method === 'rawPredict') {
        return { path: '/v1/messages/count_tokens', body }
      }
      if ('model' in body || typeof body.anthropic_version !== 'string') {
        return {
          refuse: googleError('INVALID_ARGUMENT', {
            message: 'fake Vertex: the body must carry anthropic_version and no model (the model is in the path)'
          })
        }
      }
      const stream = target.method === 'streamRawPredict'
      return { path: '/v1/messages', body: { ...body, model: target.model, stream } }
    }
  })
  return { ...api, url: `${api.url}/v1` }
}

/** A step's inputs for Vertex against a fake at `url`, with the static token and fast retries. */
export function vertexStepInputs(url: string): Record<string, string> {
  return {
    prompt: 'Say hello.',
    provider: 'vertex',
    'vertex-project-id': VERTEX_PROJECT,
    'vertex-region': VERTEX_REGION,
    'vertex-access-token': VERTEX_TOKEN,
    'base-url': url,
    model: VERTEX_MODEL,
    'base-delay': '0.01'
  }
}

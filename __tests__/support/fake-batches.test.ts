/**
 * Smoke tests, with the real SDK, of what harness.test.ts leaves out of the fake API: the Message
 * Batches endpoints (fake-batches.ts, mounted by fake-api.ts's `batches` option) through the
 * SDK's batch API, count_tokens, and the OIDC federation token exchange (`oauth`) through the
 * SDK's own oidcFederationProvider. In-process, on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import Anthropic, { NotFoundError, OverloadedError } from '@anthropic-ai/sdk'
import { oidcFederationProvider } from '@anthropic-ai/sdk/lib/credentials/oidc-federation'
import { identityTokenFromValue } from '@anthropic-ai/sdk/lib/credentials/identity-token'
import { WorkloadIdentityError } from '@anthropic-ai/sdk/lib/credentials/types'
import type { MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches'
import { type FakeApi, type FakeApiOptions, startFakeApi } from './fake-api.js'

const PARAMS = { model: 'claude-test', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Hi' }] }
let api: FakeApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})
async function fake(options: FakeApiOptions) {
  api = await startFakeApi(options)
  return { api, client: new Anthropic({ apiKey: 'sk-ant-test', baseURL: api.url, maxRetries: 0 }) }
}
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e
  )
const request = (custom_id: string) => ({ custom_id, params: PARAMS })

describe('fake Message Batches with the SDK batch API', () => {
  it('create, retrieve until ended, and results as the SDK decodes them', async () => {
    const { client, api } = await fake({
      batches: {
        pollsUntilEnded: 1,
        outcome: id =>
          id === 'bad'
            ? { type: 'errored', errorType: 'invalid_request_error' }
            : id === 'old'
              ? { type: 'expired' }
              : { type: 'succeeded', text: `Answer to ${id}.` }
      }
    })
    const created = await client.messages.batches.create({ requests: ['a', 'bad', 'old'].map(request) })
    expect(created).toMatchObject({
      id: 'msgbatch_fake_1',
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 3, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      results_url: null
    })
    // Poll 1 of pollsUntilEnded + 1 = 2: floor(3 · 1 / 2) = 1 item has ended.
    const polled = await client.messages.batches.retrieve(created.id)
    expect(polled).toMatchObject({ processing_status: 'in_progress', request_counts: { processing: 2, succeeded: 1 } })
    const ended = await client.messages.batches.retrieve(created.id)
    expect(ended).toMatchObject({
      processing_status: 'ended',
      request_counts: { processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 1 },
      results_url: `${api.url}/v1/messages/batches/msgbatch_fake_1/results`
    })
    const results: MessageBatchIndividualResponse[] = []
    for await (const line of await client.messages.batches.results(created.id)) results.push(line)
    expect(results).toEqual([
      {
        custom_id: 'a',
        result: {
          type: 'succeeded',
          message: expect.objectContaining({ content: [{ type: 'text', text: 'Answer to a.' }], model: 'claude-test' })
        }
      },
      {
        custom_id: 'bad',
        result: {
          type: 'errored',
          error: { type: 'error', error: { type: 'invalid_request_error', message: 'Fake invalid_request_error' } }
        }
      },
      { custom_id: 'old', result: { type: 'expired' } }
    ])
  })

  it('cancel: canceling, then ended with the unfinished items canceled', async () => {
    const { client } = await fake({ batches: { pollsUntilEnded: 3 } })
    const { id } = await client.messages.batches.create({ requests: ['a', 'b'].map(request) })
    expect(await client.messages.batches.cancel(id)).toMatchObject({ processing_status: 'canceling' })
    expect(await client.messages.batches.retrieve(id)).toMatchObject({
      processing_status: 'ended',
      request_counts: { canceled: 2, succeeded: 0 }
    })
    const types: string[] = []
    for await (const line of await client.messages.batches.results(id)) types.push(line.result.type)
    expect(types).toEqual(['canceled', 'canceled'])
  })

  it('a refused create and an unknown batch are the SDK error classes, with the request-id', async () => {
    const { client } = await fake({ batches: { createScript: [{ status: 529, type: 'overloaded_error' }] } })
    const refused = await caught(client.messages.batches.create({ requests: [request('a')] }))
    expect(refused).toBeInstanceOf(OverloadedError)
    expect(refused).toMatchObject({ status: 529, type: 'overloaded_error', requestID: 'req_fake_1' })
    const unknown = await caught(client.messages.batches.retrieve('msgbatch_nope'))
    expect(unknown).toBeInstanceOf(NotFoundError)
    expect(unknown).toMatchObject({ type: 'not_found_error', requestID: 'req_fake_2' })
  })
})

describe('fake count_tokens and token exchange with the SDK', () => {
  it('countTokens parses the count; a scripted error is the SDK error class', async () => {
    const { client } = await fake({
      countTokens: 42,
      countTokensScript: [{ kind: 'error', status: 529, type: 'overloaded_error' }]
    })
    expect(await caught(client.messages.countTokens(PARAMS))).toBeInstanceOf(OverloadedError)
    expect(await client.messages.countTokens(PARAMS)).toEqual({ input_tokens: 42 })
  })

  const federated = (url: string) =>
    new Anthropic({
      baseURL: url,
      maxRetries: 0,
      credentials: oidcFederationProvider({
        identityTokenProvider: identityTokenFromValue('header.claims.signature'),
        federationRuleId: 'fdrl_fake',
        organizationId: 'org-fake',
        baseURL: url,
        fetch: globalThis.fetch
      })
    })

  it("the SDK's jwt-bearer exchange gets a minted token, which then opens the Messages API", async () => {
    const { api } = await fake({ oauth: {} })
    const message = await federated(api.url).messages.create(PARAMS)
    expect(message.content).toEqual([{ type: 'text', text: 'Hello from the fake API.' }])
    expect(api.minted).toEqual(['minted-access-token-1-DO-NOT-PRINT'])
    const exchange = api.requests.find(r => r.path === '/v1/oauth/token')
    expect(exchange?.body).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: 'header.claims.signature',
      federation_rule_id: 'fdrl_fake',
      organization_id: 'org-fake'
    })
    const messages = api.requests.find(r => r.path === '/v1/messages')
    expect(messages?.headers.authorization).toBe('Bearer minted-access-token-1-DO-NOT-PRINT')
  })

  it("an RFC 6749 error body is the SDK's WorkloadIdentityError with status and body", async () => {
    const { api } = await fake({
      oauth: { script: [{ kind: 'oauth-error', status: 400, error: 'invalid_grant', description: 'bad rule' }] }
    })
    const error = await caught(federated(api.url).messages.create(PARAMS))
    expect(error).toBeInstanceOf(WorkloadIdentityError)
    expect(error).toMatchObject({ statusCode: 400, requestId: 'req_fake_1' })
    expect((error as WorkloadIdentityError).message).toContain('"error":"invalid_grant"')
  })
})

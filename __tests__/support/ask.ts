/**
 * What every end-to-end test file needs, kept once: the key, the fake Anthropic API (and fake
 * GitHub) of the current test, closed after each test, and `ask`, which runs the action against
 * the fake with fast retry settings, either as the runner does (runAction: the built dist/ in a
 * child) or in this process (runInProcess: src/main.ts's run()).
 *
 * `api` and `github` are live bindings: a test reads the fake that the last `ask` or `startApi`
 * started. Each test file gets its own copy of this module (jest's module registry is per file).
 */
import { afterEach, expect } from '@jest/globals'
import { type FakeApi, type FakeApiOptions, type Reply, startFakeApi } from './fake-api.js'
import { DEFAULT_OWNER, DEFAULT_REPO, type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from './fake-github.js'
import type { RunOptions, RunResult } from './run-action.js'

/** The key the action is given; it must show up only inside the runner's ::add-mask:: command. */
export const KEY = 'sk-ant-api03-e2e-secret-key-DO-NOT-PRINT'

/**
 * On a cancel or timeout the runner sends SIGINT, then SIGTERM 7.5 s later, then kills 2.5 s after
 * that: a step has this long after each signal to end by itself.
 */
export const RUNNER_KILLS_AFTER_MS = { SIGINT: 7500, SIGTERM: 2500 } as const

export let api: FakeApi | undefined
export let github: FakeGitHub | undefined
afterEach(async () => {
  await api?.close()
  await github?.close()
  api = github = undefined
})

export async function startApi(options: FakeApiOptions): Promise<FakeApi> {
  await api?.close()
  api = await startFakeApi(options)
  return api
}

export async function startGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  await github?.close()
  github = await startFakeGitHub(options)
  return github
}

/** runAction or runInProcess: the same options (those that apply) and the same result. */
export type Runner = (options: RunOptions) => Promise<RunResult>

export type Ask = (
  fake: Reply[] | FakeApiOptions,
  inputs?: Record<string, string>,
  extra?: Partial<RunOptions>
) => Promise<RunResult>

/**
 * An `ask` that starts a fresh fake API (a script of replies, or all its options) and runs the
 * action against it with `defaults` and then `inputs` as inputs.
 */
export function askWith(runner: Runner, defaults: Record<string, string> = {}): Ask {
  return async (fake, inputs = {}, extra = {}) => {
    const fakeApi = await startApi(Array.isArray(fake) ? { script: fake } : fake)
    return runner({
      inputs: {
        prompt: 'Say hello.',
        'anthropic-api-key': KEY,
        'base-url': fakeApi.url,
        'base-delay': '0.01',
        ...defaults,
        ...inputs
      },
      ...extra
    })
  }
}

export const retryLog = (result: RunResult) =>
  JSON.parse(result.outputs['retry-log'] ?? 'null') as Array<Record<string, unknown>>

export const hello: Extract<Reply, { kind: 'message' }> = { kind: 'message', text: 'Hello there.' }

export const overloaded = (headers: Record<string, string> = {}): Reply => ({
  kind: 'error',
  status: 529,
  type: 'overloaded_error',
  message: 'Overloaded',
  headers
})

/** The key appears only in the runner's ::add-mask:: command (which the runner swallows), nowhere else. */
export function expectKeyNowhere(result: RunResult) {
  const stdout = result.stdout.replace(`::add-mask::${KEY}\n`, '')
  for (const text of [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)]) {
    expect(text).not.toContain(KEY)
  }
}

/** A step that comments: the runner's variables for `event` (the payload, as event.json in the workspace). */
export function commentStep(
  githubUrl: string,
  event: object,
  eventName = 'pull_request'
): Pick<RunOptions, 'env' | 'workspaceFiles'> {
  return {
    env: {
      GITHUB_API_URL: githubUrl,
      GITHUB_REPOSITORY: `${DEFAULT_OWNER}/${DEFAULT_REPO}`,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: 'event.json',
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      GITHUB_WORKFLOW: 'Review',
      GITHUB_JOB: 'review'
    },
    workspaceFiles: { 'event.json': JSON.stringify(event) }
  }
}

/**
 * Asks for a review of PR #7 and posts it there (`comment-on: pr`) against a fake GitHub started
 * with `options`: the comment phase, as the lifecycle tests drive it in a child or in-process.
 */
export function reviewWith(ask: Ask) {
  return async (
    options: FakeGitHubOptions,
    inputs: Record<string, string> = {},
    extra: Partial<RunOptions> = {}
  ): Promise<RunResult> => {
    const fake = await startGitHub(options)
    return ask(
      [{ kind: 'message', text: 'Review.' }],
      { 'comment-on': 'pr', 'github-token': 'ghs_lifecycle', ...inputs },
      { ...commentStep(fake.url, { pull_request: { number: 7 } }), timeoutMs: 40_000, ...extra }
    )
  }
}

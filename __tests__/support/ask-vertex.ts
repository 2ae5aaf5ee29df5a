/**
 * `ask` for provider vertex, in a child or in-process: a fresh fake Vertex endpoint on 127.0.0.1
 * (fake-vertex.ts) with a static token, or with the Workload Identity Federation login that
 * google-github-actions/auth leaves behind (fake-google-login.ts). The fakes and temporary
 * directories are removed after each test; `vertex` and `login` are this test's fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from '@jest/globals'
import type { Runner } from './ask.js'
import type { FakeApi, Reply } from './fake-api.js'
import { type FakeGoogleLogin, type FakeGoogleLoginOptions, startFakeGoogleLogin } from './fake-google-login.js'
import { type FakeVertexOptions, startFakeVertex, vertexStepInputs } from './fake-vertex.js'
import type { RunOptions, RunResult } from './run-action.js'

export let vertex: FakeApi | undefined
export let login: FakeGoogleLogin | undefined
const tempDirs: string[] = []
afterEach(async () => {
  await vertex?.close()
  await login?.close()
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  vertex = login = undefined
})

/** A directory of this test's, removed after it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

async function startVertex(fake: Reply[] | FakeVertexOptions): Promise<FakeApi> {
  await vertex?.close()
  vertex = await startFakeVertex(Array.isArray(fake) ? { script: fake } : fake)
  return vertex
}

/** Runs the action with provider vertex and the static token (vertexStepInputs) against a fresh fake. */
export function askVertexWith(runner: Runner) {
  return async (
    fake: Reply[] | FakeVertexOptions,
    inputs: Record<string, string> = {},
    extra: Partial<RunOptions> = {}
  ): Promise<RunResult> => {
    const { url } = await startVertex(fake)
    return runner({ ...extra, inputs: { ...vertexStepInputs(url), ...inputs } })
  }
}

/**
 * Runs the action with provider vertex and no static token: google-auth-library logs in through
 * the credentials file google-github-actions/auth would write (GOOGLE_APPLICATION_CREDENTIALS),
 * against fresh login fakes; with `serviceAccount`, it impersonates that account.
 */
export function askVertexWithLoginWith(runner: Runner) {
  return async (
    options: FakeGoogleLoginOptions & { serviceAccount?: string },
    fake: Reply[] | FakeVertexOptions,
    inputs: Record<string, string> = {},
    env: RunOptions['env'] = {}
  ): Promise<RunResult> => {
    await login?.close()
    login = await startFakeGoogleLogin(options)
    const { url } = await startVertex(fake)
    const credentials = await login.writeCredentialsFile(tempDir('vertex-wif-'), {
      serviceAccount: options.serviceAccount
    })
    const { 'vertex-access-token': _, ...withoutToken } = vertexStepInputs(url)
    return runner({
      inputs: { ...withoutToken, ...inputs },
      env: { GOOGLE_APPLICATION_CREDENTIALS: credentials, ...env }
    })
  }
}

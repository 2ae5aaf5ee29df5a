/**
 * phases/: the step's connection, before any request: the proxy-aware fetch, the keyless sign-in
 * (when federation is set; its exchange is bounded like every response) and the provider's
 * client. One prompt (main.ts) and a many-prompts run (run-many.ts) both start here.
 */
import { type SignIn, signIn } from '../auth/sign-in.js'
import { boundedFetch } from '../claude/bounded-fetch.js'
import type { MessagesClient } from '../claude/client.js'
import type { Config } from '../inputs/config.js'
import { installFetchGlobals } from '../network/fetch-globals.js'
import { fetchFromEnvironment } from '../network/proxy.js'
import { createProviderClient } from '../providers/create-client.js'
import { signInLog } from '../report/sign-in-hints.js'
import type { PhaseContext } from './phase.js'

export type Connection =
  | { ok: true; auth: Extract<SignIn, { ok: true }>; client: MessagesClient }
  | { ok: false; auth: Extract<SignIn, { ok: false }> }

export async function connect(config: Config, loop: PhaseContext['loop'], env: NodeJS.ProcessEnv): Promise<Connection> {
  installFetchGlobals()
  const fetch = await fetchFromEnvironment(env, { attemptTimeoutMs: config.retry.attemptTimeoutMs })
  const auth = await signIn(config, { ...loop, fetch: boundedFetch(fetch), log: signInLog(config.retry) })
  if (!auth.ok) return { ok: false, auth }
  return { ok: true, auth, client: await createProviderClient(config, { fetch, accessToken: auth.token }) }
}

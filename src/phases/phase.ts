/**
 * phases/: the request phases of one step, in the order main.ts runs them: counting the prompt's
 * tokens (count.ts) and asking Claude (ask.ts). Each puts one stage's parts into the retry loop and
 * returns data for the step's result; main.ts only calls them in order.
 */
import type { WithSignIn } from '../auth/sign-in.js'
import type { MessagesClient } from '../claude/client.js'
import type { Config } from '../inputs/config.js'
import type { LoopDeps } from '../retry/loop.js'
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages'

/** What every phase shares: the config, the client and request, the loop's clock, cancel and deadline. */
export interface PhaseContext {
  config: Config
  client: MessagesClient
  request: MessageCreateParamsNonStreaming
  loop: LoopDeps
  /** Renews the OIDC access token before an attempt when it is about to expire (a no-op without it). */
  withSignIn: WithSignIn
}

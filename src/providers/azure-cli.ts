/**
 * A Microsoft Entra ID token for Foundry from the Azure CLI, which azure/login leaves signed in
 * (@azure/identity is not bundled). Run only when Foundry is chosen without an API key; the
 * token is fetched before the first request, masked, and fetched again after REFRESH_MS.
 */
import { runSecrets } from '../util/secrets.js'

export const AZ_TOKEN_ARGS = [
  'account',
  'get-access-token',
  '--resource',
  'https://cognitiveservices.azure.com',
  '--query',
  'accessToken',
  '-o',
  'tsv'
]

/** az issues tokens valid for an hour or more; half an hour leaves room for a long attempt. */
const REFRESH_MS = 30 * 60 * 1000

export function azureCliToken(now: () => number = Date.now): () => Promise<string> {
  let cached: { token: string; at: number } | undefined
  return async () => {
    if (cached && now() - cached.at < REFRESH_MS) return cached.token
    const token = (await runAz()).trim()
    if (token === '') throw new Error('`az account get-access-token` printed no token')
    runSecrets.add(token, 'the Microsoft Entra ID token from az')
    cached = { token, at: now() }
    return token
  }
}

async function runAz(): Promise<string> {
  // Loaded here, not at the top: node:child_process costs about 2 ms to load, and every run
  // loads this module (the providers are wired statically) though only Foundry without a key runs az.
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) => {
    // On Windows az is az.cmd, which only a shell runs. The environment is passed explicitly:
    // jest's in-process runs give the module a process.env of its own.
    const options = { shell: process.platform === 'win32', timeout: 60_000, env: process.env }
    execFile('az', AZ_TOKEN_ARGS, options, (error, stdout, stderr) => {
      if (!error) return resolve(stdout)
      const why = stderr.trim().split('\n').slice(-1)[0] || error.message
      reject(
        new Error(
          `no Microsoft Entra ID token from the Azure CLI (${why}). Run azure/login before this step, or give a Foundry API key in 'anthropic-api-key'`
        )
      )
    })
  })
}

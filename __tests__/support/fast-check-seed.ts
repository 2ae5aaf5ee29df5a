/**
 * One seed for every property test, so a failure in CI can be replayed from the log alone:
 * fast-check prints the seed and the path of the shrunk case when a property fails. `npm test`
 * uses FIXED_SEED; FC_SEED=<n> replays another, and FC_SEED=random lets fast-check pick a fresh
 * one per property (the scheduled workflow does, to keep exploring).
 */
import fc from 'fast-check'

const FIXED_SEED = 20261204

const wanted = process.env.FC_SEED
if (wanted !== 'random') {
  const seed = wanted === undefined || wanted === '' ? FIXED_SEED : Number(wanted)
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", not ${JSON.stringify(wanted)}`)
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
}

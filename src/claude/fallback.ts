import type { AttemptFailure } from '../retry/failure.js'

/**
 * The model chain: the configured model, then each fallback in order. It moves on after
 * `fallbackAfter` overloads in a row on the current model, or at once when the model is gone
 * (404 not_found_error). Any other failure resets the count: only a model that keeps saying
 * "overloaded" is given up on.
 */
export class ModelChain {
  private index = 0
  private overloadsInARow = 0

  constructor(
    private readonly models: readonly string[],
    private readonly fallbackAfter: number
  ) {}

  get current(): string {
    return this.models[this.index] as string
  }

  /** Called after each failed attempt; returns the next model when it switched to one. */
  afterFailure(failure: AttemptFailure): string | undefined {
    const gone = failure.status === 404 || failure.errorType === 'not_found_error'
    this.overloadsInARow = failure.errorType === 'overloaded_error' ? this.overloadsInARow + 1 : 0
    if (!gone && this.overloadsInARow < this.fallbackAfter) return undefined
    if (this.index + 1 >= this.models.length) return undefined
    this.index += 1
    this.overloadsInARow = 0
    return this.current
  }
}

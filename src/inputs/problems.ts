/**
 * Every input problem of one run, gathered so that one failed step names them all: a mistake in
 * CI costs a push and a wait, so three bad inputs must not take three runs.
 *
 * Each check runs on its own. A ConfigError it throws is recorded and the check's fallback stands
 * in, so the next check still runs. Checks across inputs run after the single-input ones, and
 * skip themselves when an input they depend on already failed (its fallback says nothing).
 */
import { ConfigError, type Problem } from './read.js'

export class InputProblems {
  private readonly found: Problem[] = []

  /** `read()`, or `fallback` once its ConfigError is recorded; any other error is thrown on. */
  check<T>(read: () => T, fallback: T): T {
    try {
      return read()
    } catch (error) {
      return this.record(error, fallback)
    }
  }

  async checkAsync<T>(read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read()
    } catch (error) {
      return this.record(error, fallback)
    }
  }

  /** Throws one ConfigError that holds every problem found, in the order found. */
  throwIfAny(): void {
    if (this.found.length > 0) throw new ConfigError(this.found)
  }

  private record<T>(error: unknown, fallback: T): T {
    if (!(error instanceof ConfigError)) throw error
    this.found.push(...error.problems)
    return fallback
  }
}

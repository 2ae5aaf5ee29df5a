/**
 * The two fetch globals the SDK touches on every request, served without loading Node's undici
 * (about 20 ms, more than the rest of the action's start-up: docs/bench/startup.md). The SDK
 * builds each request's headers with `new Headers()` and asks `body instanceof FormData` of each
 * body; on Node 24 either touch loads all of undici (the globals are V8 lazy data properties:
 * even reading their descriptor loads it), while an assignment replaces them without a load.
 *
 * - `Headers` becomes LightHeaders, the same class in plain code (light-headers.ts, checked
 *   against Node's own by a property test). Anything else in the process that builds headers
 *   gets it too; undici's fetch, when a proxy or an unusual body takes that path, reads it as
 *   the iterable of pairs it is.
 * - `FormData` becomes a stand-in whose `instanceof` answers as Node's would (a real FormData,
 *   built by undici itself, carries the FormData tag); nothing here builds a multipart body, so
 *   constructing one is an error that says so rather than a silent fake.
 */
import { LightHeaders } from './light-headers.js'

class FormDataStandIn {
  constructor() {
    throw new TypeError(
      'FormData is not available in this action: it replaces the fetch globals to start faster ' +
        '(src/network/fetch-globals.ts), and no request of the action sends a multipart body'
    )
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object FormData]'
  }
}

export function installFetchGlobals(): void {
  Object.assign(globalThis, { Headers: LightHeaders, FormData: FormDataStandIn })
}

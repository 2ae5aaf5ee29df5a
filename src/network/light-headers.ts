/**
 * The WHATWG `Headers` class (https://fetch.spec.whatwg.org/#headers-class) in plain code, for
 * a process that never loads Node's fetch. Node's own `Headers` lives in its bundled undici,
 * and the first touch of it loads all of undici: about 20 ms, a third of a bare fetch script's
 * whole run. The SDK builds every request's headers with `new Headers()`, so http-fetch.ts's
 * callers install this one as the global (fetch-globals.ts). It behaves as Node's does, as
 * __tests__/property/light-headers.property.test.ts checks against Node's own: names
 * lower-cased, values trimmed of HTTP whitespace, iteration sorted by name with the values of
 * one name joined by ", " (set-cookie apart), and a TypeError for an invalid name or value.
 */

type Init = Iterable<Iterable<string>> | Record<string, string> | undefined

/** RFC 9110 token characters: the names a header may have. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** A value may hold no NUL, CR or LF (after trimming), and only bytes: no character above U+00FF. */
const INVALID_VALUE = /[\0\r\n]|[^\0-\u00ff]/
/** HTTP whitespace, stripped from both ends of a value. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g

export class LightHeaders {
  /** Lower-cased name → its values in the order they were appended. */
  readonly #values = new Map<string, string[]>()

  constructor(init?: Init) {
    if (init === undefined) return
    if (typeof init !== 'object' || init === null)
      throw new TypeError("Failed to construct 'Headers': the init is not an object")
    if (Symbol.iterator in init) {
      for (const pair of init as Iterable<Iterable<string>>) {
        const entry = [...pair]
        if (entry.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2')
        this.append(String(entry[0]), String(entry[1]))
      }
      return
    }
    for (const name of Object.keys(init)) this.append(name, String((init as Record<string, unknown>)[name]))
  }

  append(name: string, value: string): void {
    const key = checkedName(name)
    const normal = checkedValue(value, name)
    const values = this.#values.get(key)
    if (values) values.push(normal)
    else this.#values.set(key, [normal])
  }

  set(name: string, value: string): void {
    this.#values.set(checkedName(name), [checkedValue(value, name)])
  }

  delete(name: string): void {
    this.#values.delete(checkedName(name))
  }

  get(name: string): string | null {
    return this.#values.get(checkedName(name))?.join(', ') ?? null
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])]
  }

  has(name: string): boolean {
    return this.#values.has(checkedName(name))
  }

  forEach(callback: (value: string, name: string, headers: LightHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this) callback.call(thisArg, value, name, this)
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name) as string[]
      if (name === 'set-cookie') for (const value of values) yield [name, value]
      else yield [name, values.join(', ')]
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries()
  }

  get [Symbol.toStringTag](): string {
    return 'Headers'
  }
}

function checkedName(name: string): string {
  const text = String(name)
  if (!TOKEN.test(text)) throw new TypeError(`Headers: invalid header name "${text}"`)
  return text.toLowerCase()
}

function checkedValue(value: string, name: string): string {
  const text = String(value).replace(EDGE_WHITESPACE, '')
  if (INVALID_VALUE.test(text)) throw new TypeError(`Headers: invalid value for header "${name}"`)
  return text
}

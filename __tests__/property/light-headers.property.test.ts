/**
 * LightHeaders (src/network/light-headers.ts) stands in for the global `Headers` in the action's
 * process: it must answer as Node's own does. Every property runs the same calls on both and
 * compares what they return and whether they throw.
 */
import fc from 'fast-check'
import { LightHeaders } from '../../src/network/light-headers.js'

const NodeHeaders = globalThis.Headers

/** Names from a small pool in mixed case (so operations meet), plus invalid ones now and then. */
const name = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'Content-Type',
      'content-type',
      'X-Api-Key',
      'set-cookie',
      'Set-Cookie',
      'accept',
      'anthropic-beta',
      'a'
    )
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }
)
/** Values with HTTP whitespace at the edges, commas, and now and then a forbidden character. */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[ \t]{0,2}[a-z0-9,;=/ ]{0,8}[ \t\r\n]{0,2}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }
)
const operation = fc.oneof(
  fc.record({ op: fc.constant('append' as const), name, value }),
  fc.record({ op: fc.constant('set' as const), name, value }),
  fc.record({ op: fc.constant('delete' as const), name }),
  fc.record({ op: fc.constant('get' as const), name }),
  fc.record({ op: fc.constant('has' as const), name })
)

type Operation = { op: 'append' | 'set' | 'delete' | 'get' | 'has'; name: string; value?: string }
type AnyHeaders = LightHeaders | Headers

/** What one call returned, or the type of error it threw. */
function outcome(headers: AnyHeaders, { op, name, value }: Operation): unknown {
  try {
    const target = headers as unknown as Record<string, (...args: string[]) => unknown>
    return { returned: (target[op] as (...args: string[]) => unknown).call(headers, name, value as string) }
  } catch (error) {
    return { threw: (error as Error).constructor.name }
  }
}

/** Everything one can read back: the pairs in order, forEach's, keys, values and set-cookie. */
function state(headers: AnyHeaders): unknown {
  const seen: string[][] = []
  headers.forEach((value, name) => seen.push([name, value]))
  return {
    entries: [...headers],
    seen,
    keys: [...headers.keys()],
    values: [...headers.values()],
    cookies: headers.getSetCookie()
  }
}

describe('LightHeaders against Node’s Headers', () => {
  it('answers every sequence of append, set, delete, get and has alike, and iterates alike', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 12 }), operations => {
        const light = new LightHeaders()
        const node = new NodeHeaders()
        for (const operation of operations) expect(outcome(light, operation)).toEqual(outcome(node, operation))
        expect(state(light)).toEqual(state(node))
      }),
      { numRuns: 500 }
    )
  })

  it('builds alike from pairs, from a record and from another Headers, and throws alike on a bad init', () => {
    const build = (init: unknown) => {
      const make = (Class: new (init?: never) => AnyHeaders) => {
        try {
          return state(new Class(init as never))
        } catch (error) {
          return { threw: (error as Error).constructor.name }
        }
      }
      expect(make(LightHeaders)).toEqual(make(NodeHeaders))
    }
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 6 }), pairs => {
        build(pairs)
        build(Object.fromEntries(pairs))
        const node = new NodeHeaders()
        for (const [n, v] of pairs) {
          try {
            node.append(n, v)
          } catch {
            // an invalid pair: left out of this copy
          }
        }
        build(node)
      }),
      { numRuns: 300 }
    )
    build([['a', 'b', 'c']])
    build([['only-name']])
    build(undefined)
    build(null)
  })

  it('is what forEach hands back and what Object.prototype.toString names', () => {
    const light = new LightHeaders({ a: '1' })
    light.forEach((_value, _name, parent) => expect(parent).toBe(light))
    expect(Object.prototype.toString.call(light)).toBe(Object.prototype.toString.call(new NodeHeaders()))
  })
})

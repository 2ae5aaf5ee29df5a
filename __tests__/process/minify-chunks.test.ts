/**
 * script/minify-chunks.mjs on a chunk written as ncc writes one: the minified chunk still loads
 * and its modules do the same, every module sits under a header naming its source, the
 * concatenated parts keep their markers at the start of a line, and the output is the same bytes
 * every time (the build must stay reproducible).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
// @ts-expect-error -- a plain .mjs build script, without type declarations
import { minifyChunk, moduleNames } from '../../script/minify-chunks.mjs'

const CHUNK = `export const id = 7;
export const ids = [7];
export const modules = {

/***/ 101:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// A comment that goes away.
const separatorCharacter = '/'
function joinTheParts(first, second) {
  return first + separatorCharacter + second + __nccwpck_require__(202).suffix
}
module.exports = { joinTheParts }

/***/ }),

/***/ 202:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.d(__webpack_exports__, { suffix: () => /* reexport */ suffix })

;// CONCATENATED MODULE: ./node_modules/left-pkg/index.js
const leftValue = 'left'
;// CONCATENATED MODULE: ./src/right.ts
const suffix = '!' + leftValue.length

/***/ })

};
`

const stats = {
  chunks: [
    {
      modules: [
        { id: 101, name: './node_modules/joiner/index.js' },
        { id: 202, name: './src/right.ts + 1 modules' }
      ]
    }
  ]
}

/** Runs the chunk's modules with a tiny webpack require, as dist/index.js does. */
async function run(text: string, dir: string, name: string): Promise<unknown> {
  const file = path.join(dir, name)
  writeFileSync(file, text)
  const chunk = (await import(pathToFileURL(file).href)) as {
    ids: number[]
    modules: Record<string, (...args: any[]) => void>
  }
  const cache = new Map<string, unknown>()
  const require = (id: number | string): any => {
    const key = String(id)
    if (!cache.has(key)) {
      const module = { exports: {} as Record<string, unknown> }
      chunk.modules[key]!(module, module.exports, require)
      cache.set(key, module.exports)
    }
    return cache.get(key)
  }
  require.d = (exports: object, getters: Record<string, () => unknown>) => {
    for (const [key, get] of Object.entries(getters)) Object.defineProperty(exports, key, { enumerable: true, get })
  }
  return { ids: chunk.ids, joined: require(101).joinTheParts('a', 'b') }
}

describe('script/minify-chunks.mjs', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'minify-chunks-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const minified = minifyChunk(CHUNK, moduleNames(stats)) as string

  it('gives modules that do what they did, and a chunk that is smaller', async () => {
    expect(await run(minified, dir, 'minified.mjs')).toEqual(await run(CHUNK, dir, 'original.mjs'))
    expect(await run(minified, dir, 'minified-again.mjs')).toEqual({ ids: [7], joined: 'a/b!4' })
    expect(minified.length).toBeLessThan(CHUNK.length)
    expect(minified).not.toContain('separatorCharacter')
    expect(minified).not.toContain('A comment that goes away')
  })

  it('puts each module on its own line under a header naming its source; markers start lines', () => {
    const lines = minified.split('\n')
    expect(lines.filter(line => line.startsWith('/***/'))).toEqual([
      '/***/ 101: // ./node_modules/joiner/index.js',
      '/***/ 202: // ./src/right.ts + 1 modules'
    ])
    expect(lines.filter(line => line.startsWith('/*! CONCATENATED MODULE: '))).toEqual([
      expect.stringMatching(/^\/\*! CONCATENATED MODULE: \.\/node_modules\/left-pkg\/index\.js \*\//),
      expect.stringMatching(/^\/\*! CONCATENATED MODULE: \.\/src\/right\.ts \*\//)
    ])
  })

  it('writes the same bytes every time', () => {
    expect(minifyChunk(CHUNK, moduleNames(stats))).toBe(minified)
  })

  it('refuses a file that is not a webpack chunk rather than writing something else', () => {
    expect(() => minifyChunk('export const x = 1\n', new Map())).toThrow(/not a webpack chunk/)
  })
})

import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../..', import.meta.url))
const script = path.join(repo, 'script/licenses.mjs')
const RULE = '='.repeat(80)

/** `name version` of every entry in a licenses.txt written by script/licenses.mjs. */
function listed(text: string): string[] {
  const lines = text.split('\n')
  return lines.flatMap((line, i) => (line === RULE && lines[i + 1] ? [lines[i + 1] as string] : []))
}

interface LockPackage {
  name?: string
  version?: string
  dev?: boolean
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

/**
 * The packages that can be in dist/, derived without the build: the production dependencies in
 * package-lock.json reachable from package.json's `dependencies`, resolved the way Node resolves
 * them (nearest node_modules first), minus packages that ship no JavaScript at all (type-only).
 */
function reachableRuntimePackages(): Map<string, string> {
  const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>
  }
  const resolve = (from: string, dep: string): string | undefined => {
    let base = from
    for (;;) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`
      if (lock.packages[candidate]) return candidate
      if (!base) return undefined
      base = base.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')
    }
  }
  const seen = new Set<string>()
  const queue = ['']
  while (queue.length > 0) {
    const key = queue.shift() as string
    const entry = lock.packages[key] as LockPackage
    const deps = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies }
    for (const dep of Object.keys(deps)) {
      const target = resolve(key, dep)
      if (target && !seen.has(target)) {
        seen.add(target)
        queue.push(target)
      }
    }
  }
  const hasJavaScript = (dir: string): boolean =>
    readdirSync(dir).some(name => {
      if (name === 'node_modules') return false
      const full = path.join(dir, name)
      return statSync(full).isDirectory() ? hasJavaScript(full) : /\.(c|m)?js$/.test(name)
    })
  const result = new Map<string, string>()
  for (const key of [...seen].sort()) {
    const entry = lock.packages[key] as LockPackage
    expect(entry.dev).not.toBe(true) // reachable from `dependencies`: npm marks it production
    if (!hasJavaScript(path.join(repo, key))) continue
    const name = key.replace(/^.*node_modules\//, '')
    result.set(`${name} ${entry.version}`, key)
  }
  return result
}

/**
 * Reachable in the lockfile, but no code of theirs is bundled. Each reason is why; when one of them
 * does get bundled, licenses.txt lists it and the test asks to remove it from here.
 */
const BEDROCK_UNUSED = 'reachable from @anthropic-ai/bedrock-sdk in the lockfile; no module in dist/ imports it'
/** A package ("name version") left out of dist/ on purpose, by its name or by name and version. */
const notBundled = (entry: string) => entry in NOT_BUNDLED || entry.replace(/ .*/, '') in NOT_BUNDLED
const NOT_BUNDLED: Record<string, string> = {
  'json-schema-to-ts': '@anthropic-ai/sdk imports only its types',
  '@babel/runtime': 'a dependency of json-schema-to-ts only',
  'ts-algebra': 'a dependency of json-schema-to-ts only',
  'require-from-string': 'ajv requires it only from ajv/dist/standalone, which the action does not import',
  // The SDK's optional peer, for its helpers/zod, which the action does not import; installed for knip.
  zod: '@anthropic-ai/sdk names it as an optional peer for helpers/zod only',
  // @actions/core's index imports them for getIDToken and `platform`, which the action never calls;
  // src/util/actions-core.ts takes only core's command, file-command and summary modules. Keyed by
  // name and version: @actions/github bundles its own @actions/http-client 3.
  '@actions/http-client 4.0.1': "@actions/core's OIDC client only, which src/util/actions-core.ts leaves out",
  '@actions/exec': "@actions/core's `platform` only, which src/util/actions-core.ts leaves out",
  '@actions/io': 'a dependency of @actions/exec only',
  // Under @anthropic-ai/bedrock-sdk in the lockfile, but no bundled module imports them: the SDK
  // takes single functions from @smithy/smithy-client 2 (whose other parts need these) and
  // @aws-sdk/types is types only. Keyed by name and version: other versions of them are bundled.
  'tslib 2.9.1': BEDROCK_UNUSED,
  '@aws-sdk/types 3.975.1': BEDROCK_UNUSED,
  '@smithy/abort-controller 2.2.0': BEDROCK_UNUSED,
  '@smithy/middleware-endpoint 2.5.1': BEDROCK_UNUSED,
  '@smithy/util-middleware 2.2.0': BEDROCK_UNUSED,
  '@smithy/middleware-serde 2.3.0': BEDROCK_UNUSED,
  '@smithy/node-config-provider 2.3.0': BEDROCK_UNUSED,
  '@smithy/property-provider 2.2.0': BEDROCK_UNUSED,
  '@smithy/querystring-parser 2.2.0': BEDROCK_UNUSED,
  '@smithy/shared-ini-file-loader 2.4.0': BEDROCK_UNUSED,
  '@smithy/url-parser 2.2.0': BEDROCK_UNUSED,
  '@smithy/fetch-http-handler 2.5.0': BEDROCK_UNUSED
}

/**
 * Not reachable from `dependencies`, yet bundled: `debug` requires supports-color inside a
 * try/catch, and ncc bundles the copy npm installed for the devDependencies (jest's chalk). debug
 * comes in with gaxios's proxy agent, in google-auth-library's lazily loaded chunk (provider
 * vertex only). Harmless, and listed with its license; `ncc -e supports-color` would leave it out.
 */
const OPTIONAL_FROM_DEV: Record<string, string> = {
  'supports-color': "debug's optional require (google-auth-library → gaxios → https-proxy-agent → debug)",
  'has-flag': 'a dependency of supports-color only'
}

describe('dist/licenses.txt', () => {
  const text = readFileSync(path.join(repo, 'dist/licenses.txt'), 'utf8')
  const entries = listed(text)
  const expected = reachableRuntimePackages()

  it('lists every package whose code can be in dist/ (from package-lock.json, not from the build)', () => {
    const missing = [...expected.keys()].filter(p => !entries.includes(p) && !notBundled(p))
    expect(missing).toEqual([])
    // The packages the issue named, spelled out.
    for (const name of [
      '@actions/core',
      'undici',
      '@octokit/core',
      '@octokit/request',
      'before-after-hook',
      'universal-user-agent'
    ]) {
      expect(entries.some(e => e.startsWith(`${name} `))).toBe(true)
    }
  })

  it('lists nothing else, and no package from the not-bundled list', () => {
    expect(entries.filter(e => !expected.has(e) && !(e.replace(/ .*/, '') in OPTIONAL_FROM_DEV))).toEqual([])
    expect(entries.filter(notBundled)).toEqual([])
    // One entry per bundled copy: npm may install one name and version at two paths (nested
    // node_modules), and both copies are in dist/, so an entry is unique by its path.
    const paths = text.split('\n').filter(line => line.startsWith('Path: '))
    expect(paths).toHaveLength(entries.length)
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('gives each package its license text or says it ships none', () => {
    const blocks = text.split(`${RULE}\n`).slice(1)
    expect(blocks.length).toBeGreaterThan(0)
    expect(blocks).toHaveLength(entries.length)
    for (const block of blocks) {
      expect(block).toMatch(
        /^.+\nLicense: \S.*\nPath: node_modules\/\S+\n-{80}\n(node_modules\/\S+:\n\n\s*\S|The package ships no license file)/
      )
    }
  })
})

describe('script/licenses.mjs', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'licenses-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function pkg(rel: string, json: object, files: Record<string, string> = {}): string {
    const full = path.join(dir, rel)
    mkdirSync(full, { recursive: true })
    writeFileSync(path.join(full, 'package.json'), JSON.stringify(json))
    for (const [name, body] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(full, name)), { recursive: true })
      writeFileSync(path.join(full, name), body)
    }
    return full
  }
  function run(stats: object): string {
    writeFileSync(path.join(dir, 'stats.json'), JSON.stringify(stats))
    const r = spawnSync(process.execPath, [script, 'stats.json', 'out.txt'], { cwd: dir, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    return readFileSync(path.join(dir, 'out.txt'), 'utf8')
  }

  it('lists the packages of modules concatenated into another one, from every chunk, and nothing unused', () => {
    const a = pkg('node_modules/a', { name: 'a', version: '1.0.0', license: 'MIT' }, { LICENSE: 'MIT a\r\n' })
    // An ESM package whose lib/ holds a name-less package.json: the module still belongs to @s/b.
    const b = pkg(
      'node_modules/@s/b',
      { name: '@s/b', version: '2.0.0', license: 'ISC' },
      { 'LICENSE.md': 'ISC b', 'lib/package.json': '{"type":"module"}' }
    )
    const c = pkg(
      'node_modules/a/node_modules/c',
      { name: 'c', version: '3.0.0', license: { type: 'BSD-3-Clause' } },
      { NOTICE: 'notice c' }
    )
    const unused = pkg('node_modules/unused', { name: 'unused', version: '9.9.9', license: 'MIT' })
    const stats = {
      chunks: [
        {
          modules: [
            // A concatenated module: its root is our source, its inner modules come from a and @s/b.
            {
              nameForCondition: path.join(dir, 'src/main.ts'),
              modules: [
                { nameForCondition: path.join(dir, 'src/main.ts') },
                { nameForCondition: path.join(a, 'index.js') },
                { nameForCondition: path.join(b, 'lib/index.js') }
              ]
            },
            { nameForCondition: null } // a runtime module
          ]
        },
        { modules: [{ nameForCondition: path.join(c, 'index.js') }] } // a lazily loaded chunk
      ],
      // Orphans (tree-shaken or only concatenated) appear at top level but in no chunk.
      modules: [{ nameForCondition: path.join(unused, 'index.js'), chunks: [] }]
    }
    const text = run(stats)
    expect(listed(text)).toEqual(['@s/b 2.0.0', 'a 1.0.0', 'c 3.0.0'])
    expect(text).toContain('c 3.0.0\nLicense: BSD-3-Clause\nPath: node_modules/a/node_modules/c\n')
    expect(text).toContain('node_modules/a/LICENSE:\n\nMIT a\n') // CRLF normalised
    expect(text).toContain('node_modules/a/node_modules/c/NOTICE:\n\nnotice c\n')
    expect(text).toContain('The package ships no license file; its package.json declares "BSD-3-Clause".')
    expect(text).not.toContain(dir) // no absolute path: the same bytes on every machine

    // Same bytes whatever the order of chunks and modules.
    const reversed = { ...stats, chunks: [...stats.chunks].reverse() }
    expect(run(reversed)).toBe(text)
  })
})

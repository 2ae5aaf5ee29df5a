#!/usr/bin/env node
/**
 * Minifies the chunks ncc leaves as they are (dist/NNN.index.js), module by module, after the build.
 *
 * Why: `ncc build --minify` minifies only the entry (dist/index.js). src/index.ts loads main.js
 * with a dynamic import (after the cancel handler), so everything else, the code every run loads
 * included, is a lazily loaded chunk that ships unminified: 2.7 MB of the 6.6 MB, most of the
 * start-up's time parsing it. Minifying every chunk roughly halves dist/.
 *
 * How, so that dist/ stays auditable without source maps: each chunk is webpack's
 * `export const modules = { <id>: <function>, ... }`. Every module function is minified on its
 * own with esbuild (it is self-contained: it reaches other modules only through the require
 * function webpack passes it), and written on its own line under a header naming its source:
 *
 *   /***\/ 30973: // ./node_modules/undici/index.js
 *   function(e,t,n){...},
 *
 * Inside a module that webpack concatenated from several ES modules, each part keeps its
 * `CONCATENATED MODULE: <path>` marker (as a legal comment, which esbuild keeps) at the start of
 * a line. So a reader (and script/bench/startup.ts) can still tell which package every line came
 * from. License comments (`/*!`, `@license`) stay where they were; dist/licenses.txt lists every
 * package (script/licenses.mjs, from the same stats, before this step).
 *
 * esbuild is deterministic: the same input and options give the same bytes, so two builds of the
 * same tree stay identical (CI diffs dist/). Its version is the one package-lock.json pins (tsx's).
 *
 * Usage: node script/minify-chunks.mjs <ncc-stats.json> <dist dir>
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { transformSync } from 'esbuild'

const HEADER = /^\/\*\*\*\/ (\d+):$/m
const CONCATENATED = /^;?\/\/ CONCATENATED MODULE: (\S+)$/gm
const KEPT_MARKER = '/*! CONCATENATED MODULE: '

/** Module id -> the source it was built from ("./node_modules/undici/index.js + 3 modules"). */
export function moduleNames(stats) {
  const names = new Map()
  const visit = s => {
    for (const chunk of s.chunks ?? [])
      for (const m of chunk.modules ?? [])
        if (m.id != null && typeof m.name === 'string') names.set(String(m.id), m.name)
    for (const child of s.children ?? []) visit(child)
  }
  visit(stats)
  return names
}

/** One module function (webpack's text between two headers), minified; the markers start lines. */
export function minifyModule(body) {
  const source = `__m=${body.replace(CONCATENATED, (_, p) => `;${KEPT_MARKER}${p} */`)}`
  const { code } = transformSync(source, { minify: true, legalComments: 'inline', format: 'esm', target: 'node20' })
  if (!code.startsWith('__m=') || !code.endsWith(';\n'))
    throw new Error(`unexpected minifier output: ${code.slice(0, 80)}`)
  // A line break before a statement-level comment changes no meaning.
  return code.slice('__m='.length, -';\n'.length).replaceAll(KEPT_MARKER, `\n${KEPT_MARKER}`)
}

/** A chunk as ncc writes it, rewritten with every module minified under a header naming its source. */
export function minifyChunk(text, names) {
  const start = text.indexOf('export const modules = {\n')
  const end = text.lastIndexOf('\n};')
  if (start < 0 || end < start) throw new Error('not a webpack chunk: no `export const modules = {...}`')
  const prefix = text.slice(0, start)
  const parts = text.slice(start + 'export const modules = {\n'.length, end).split(HEADER)
  if (parts[0].trim() !== '') throw new Error('text before the first module header')
  const out = [`${prefix}export const modules = {`]
  for (let i = 1; i < parts.length; i += 2) {
    const id = parts[i]
    const body = parts[i + 1].trim().replace(/,$/, '')
    const name = names.get(id)
    out.push(`/***/ ${id}:${name ? ` // ${name}` : ''}`, `${minifyModule(body)},`)
  }
  out.push('};', '')
  return out.join('\n')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [statsFile, dist] = process.argv.slice(2)
  if (!statsFile || !dist) {
    console.error('usage: node script/minify-chunks.mjs <ncc-stats.json> <dist dir>')
    process.exit(2)
  }
  const names = moduleNames(JSON.parse(readFileSync(statsFile, 'utf8')))
  let before = 0
  let after = 0
  for (const file of readdirSync(dist).filter(name => /^\d+\.index\.js$/.test(name))) {
    const full = path.join(dist, file)
    const text = readFileSync(full, 'utf8')
    const minified = minifyChunk(text, names)
    writeFileSync(full, minified)
    before += Buffer.byteLength(text)
    after += Buffer.byteLength(minified)
  }
  console.log(`${dist}: chunks minified, ${(before / 1e6).toFixed(2)} MB -> ${(after / 1e6).toFixed(2)} MB`)
}

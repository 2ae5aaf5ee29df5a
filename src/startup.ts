/**
 * Imported first by index.ts. undici (behind fetch) parses HTTP with a WebAssembly build of
 * llhttp. On Node 20, V8 compiles it once quickly (Liftoff) and then again, optimised, in the
 * background; a step that makes a handful of requests never uses the optimised code, and the
 * process waits for that compile before it can exit. `--liftoff-only` skips it: about 35 ms per
 * run there. On Node 24 the process has no such wait to save, and the same flag costs about 20 ms
 * instead, so it is set only before Node 24 (Node 22 was not measured).
 * Measured with `npm run bench` on both versions (docs/bench/results.md, "Start-up").
 */
import { setFlagsFromString } from 'node:v8'

if (Number(process.versions.node.split('.')[0]) < 24) setFlagsFromString('--liftoff-only')

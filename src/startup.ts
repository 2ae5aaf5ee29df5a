/**
 * Imported first by index.ts. undici (behind Node's fetch, and the proxy's and GitHub client's
 * requests; a direct request goes over node:http instead) parses HTTP with a WebAssembly build of
 * llhttp. On Node 20, V8 compiles it once quickly (Liftoff) and then again, optimised, in the
 * background; a step that makes a handful of requests never uses the optimised code, and the
 * process waits for that compile before it can exit. `--liftoff-only` skips it: about 35 ms per
 * run there. On Node 24 the process has no such wait to save, and the same flag costs about 20 ms
 * instead, so it is set only before Node 24 (Node 22 was not measured).
 * Measured with `npm run bench` on both versions (docs/bench/results.md, "Start-up").
 *
 * `node:v8` is loaded only when the flag is set: it is not among the built-ins a plain fetch
 * loads, and loading it (with the heap, serialiser and profiler bindings it pulls in) cost about
 * 1–2 ms of every Node 24 start-up for nothing (docs/bench/startup.md). Hence no static import.
 */
// process.getBuiltinModule came with Node 20.16: before it, the flag is simply not set.
if (Number(process.versions.node.split('.')[0]) < 24)
  process.getBuiltinModule?.('node:v8').setFlagsFromString('--liftoff-only')

/**
 * Imported first by index.ts. undici (behind fetch) parses HTTP with a WebAssembly build of
 * llhttp; V8 compiles it once quickly (Liftoff) and then again, optimised, in the background.
 * A step that makes a handful of requests never uses the optimised code, and the process
 * waits for that compile before it can exit: about 100 ms per run (docs/bench/results.md).
 */
import { setFlagsFromString } from 'node:v8'

setFlagsFromString('--liftoff-only')

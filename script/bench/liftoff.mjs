// What-if for the start-up benchmark (preloaded with NODE_OPTIONS=--import): keep WebAssembly on
// V8's baseline compiler. A process that used fetch and exits at once otherwise waits at exit for
// V8's background optimising compile of undici's llhttp WebAssembly parser.
import v8 from 'node:v8'

v8.setFlagsFromString('--liftoff-only')

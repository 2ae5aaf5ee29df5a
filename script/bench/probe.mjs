// Preloaded with NODE_OPTIONS=--import <this file> by the benchmark (never by the action itself).
// Marks, in ms since the process started (performance.timeOrigin): when this preload ran (node's
// own bootstrap is done), the first stdout write (the action's first log line comes right after its
// bundle has loaded), the first fetch call and its response headers, and the 'exit' event; plus
// the peak RSS. Written as JSON to BENCH_PROBE_FILE at exit. With BENCH_CPU_PROFILE set it also
// records a V8 CPU profile (--cpu-prof is not allowed in NODE_OPTIONS) and writes it there.
// With BENCH_BARRIER_DIR set, fetches wait: the process warms its HTTP client up with one
// POST /bench-warmup (the fake answers 404; the benchmark counts only POST /v1/messages), writes
// <dir>/<pid> and sends its first real request only on SIGUSR2. So a herd of processes fires
// together once all have loaded, as jobs on separate runners would, instead of being spread out
// by start-up and first-request set-up competing for two cores.
import { Session } from 'node:inspector'
import { writeFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const marks = { preload: performance.now() }

let session
if (process.env.BENCH_CPU_PROFILE) {
  session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.setSamplingInterval', { interval: 100 })
  session.post('Profiler.start')
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with apply(this)
const write = process.stdout.write
process.stdout.write = function (...args) {
  marks.firstStdout ??= performance.now()
  return write.apply(this, args)
}

const barrier = process.env.BENCH_BARRIER_DIR
  ? async () => {
      // Shaped like the SDK's request (POST, JSON body, abort signal) so the same code paths get compiled.
      const warmup = await fetch(`${process.env['INPUT_BASE-URL']}/bench-warmup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.any([new AbortController().signal])
      }).catch(() => undefined)
      await warmup?.arrayBuffer()
      const released = new Promise(resolve => process.once('SIGUSR2', resolve))
      writeFileSync(`${process.env.BENCH_BARRIER_DIR}/${process.pid}`, '')
      await released
    }
  : undefined

// Every request waits for the one release: with `concurrency` above 1 several fetches start at once.
let released
const fetch = globalThis.fetch
globalThis.fetch = async function (...args) {
  if (barrier) {
    released ??= barrier()
    await released
  }
  marks.fetchStart ??= performance.now()
  const response = await fetch.apply(this, args)
  marks.fetchHeaders ??= performance.now()
  return response
}

process.on('exit', () => {
  marks.exit = performance.now()
  marks.maxRssKb = process.resourceUsage().maxRSS
  // With --expose-gc (the memory benchmark): what is still live after a full collection, i.e.
  // what the process retained, as opposed to garbage not yet collected at the peak.
  if (typeof globalThis.gc === 'function') {
    globalThis.gc()
    marks.liveHeapKb = Math.round(process.memoryUsage().heapUsed / 1024)
  }
  if (process.env.BENCH_PROBE_FILE) writeFileSync(process.env.BENCH_PROBE_FILE, JSON.stringify(marks))
  // A same-thread inspector session answers synchronously, so this works in an 'exit' handler.
  session?.post('Profiler.stop', (error, result) => {
    if (!error) writeFileSync(process.env.BENCH_CPU_PROFILE, JSON.stringify(result.profile))
  })
})

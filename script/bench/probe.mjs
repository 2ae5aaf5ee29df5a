// Preloaded with NODE_OPTIONS=--import <this file> by the benchmark (never by the action itself).
// Marks, in ms since the process started (performance.timeOrigin): when this preload ran (node's
// own bootstrap is done), the first stdout write (the action's first log line comes right after its
// bundle has loaded), the first request and its response headers, and the 'exit' event; plus
// the peak RSS. Written as JSON to BENCH_PROBE_FILE at exit. With BENCH_CPU_PROFILE set it also
// records a V8 CPU profile (--cpu-prof is not allowed in NODE_OPTIONS) and writes it there.
// With BENCH_BARRIER_DIR set, requests wait: the process warms its HTTP client up with one
// POST /bench-warmup (the fake answers 404; the benchmark counts only POST /v1/messages), writes
// <dir>/<pid> and sends its first real request only on SIGUSR2. So a herd of processes fires
// together once all have loaded, as jobs on separate runners would, instead of being spread out
// by start-up and first-request set-up competing for two cores.
import diagnostics from 'node:diagnostics_channel'
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

// The action sends its requests over node:http (src/network/http-fetch.ts), the bare script with
// fetch: both are marked. Node's http client announces a request and its response headers on
// diagnostics channels (no need to load node:http here, which the bare script never does).
diagnostics.subscribe('http.client.request.start', () => (marks.fetchStart ??= performance.now()))
diagnostics.subscribe('http.client.response.finish', () => (marks.fetchHeaders ??= performance.now()))

const base = process.env['INPUT_BASE-URL']
let warming = false
const barrier = process.env.BENCH_BARRIER_DIR
  ? async () => {
      // Shaped like the SDK's request (POST, JSON body) so the same code paths get compiled.
      warming = true
      await new Promise(resolve => {
        const request = nodeHttp().request(
          `${base}/bench-warmup`,
          { method: 'POST', headers: { 'content-type': 'application/json' } },
          response => {
            response.resume().on('end', resolve)
          }
        )
        request.on('error', resolve).end('{}')
      })
      warming = false
      const released = new Promise(resolve => process.once('SIGUSR2', resolve))
      writeFileSync(`${process.env.BENCH_BARRIER_DIR}/${process.pid}`, '')
      await released
    }
  : undefined

// Every request waits for the one release: with `concurrency` above 1 several start at once. A
// request of node:http is held where its agent would give it a socket (it buffers until then).
let released
if (barrier) {
  const { Agent } = nodeHttp()
  const addRequest = Agent.prototype.addRequest
  Agent.prototype.addRequest = function (...args) {
    if (warming) return addRequest.apply(this, args)
    released ??= barrier()
    void released.then(() => addRequest.apply(this, args))
  }
}
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

function nodeHttp() {
  return process.getBuiltinModule('node:http')
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

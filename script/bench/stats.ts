// Small helpers shared by the benchmark modules.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
export const PROBE = path.join(BENCH_DIR, 'probe.mjs')
export const BARE_CALL = path.join(BENCH_DIR, 'bare-call.mjs')
export const EMPTY = path.join(BENCH_DIR, 'empty.mjs')
export const LIFTOFF = path.join(BENCH_DIR, 'liftoff.mjs')

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length
}

/** The marks probe.mjs writes (ms since the child process started). */
export interface ProbeMarks {
  preload: number
  firstStdout?: number
  fetchStart?: number
  fetchHeaders?: number
  exit: number
  maxRssKb: number
  /** Heap live after a full GC at exit; only when the child ran with --expose-gc. */
  liveHeapKb?: number
}

/** A scratch directory for probe files, removed by `done()`. */
export function scratch(): { dir: string; file(name: string): string; done(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ask-claude-bench-'))
  return { dir, file: name => path.join(dir, name), done: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Environment that preloads probe.mjs in the child and has it write its marks to `file`. */
export function probeEnv(file: string, extra: Record<string, string> = {}): Record<string, string> {
  return { NODE_OPTIONS: `--import=${PROBE}`, BENCH_PROBE_FILE: file, ...extra }
}

export function readProbe(file: string): ProbeMarks {
  return JSON.parse(readFileSync(file, 'utf8')) as ProbeMarks
}

/** A simulated or measured duration in the unit that reads best. */
export function duration(msValue: number): string {
  if (msValue < 1000) return `${msValue.toFixed(0)} ms`
  if (msValue < 120_000) return `${(msValue / 1000).toFixed(msValue < 10_000 ? 2 : 1)} s`
  if (msValue < 2 * 3_600_000) return `${(msValue / 60_000).toFixed(0)} min`
  if (msValue < 2 * 86_400_000) return `${(msValue / 3_600_000).toFixed(0)} h`
  const days = msValue / 86_400_000
  return days < 3650 ? `${days.toFixed(0)} days` : `${(days / 365).toExponential(1)} years`
}

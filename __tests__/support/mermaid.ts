/**
 * Mermaid's own parser, run in a child process (mermaid-parse.mjs), for the charts the summaries
 * draw: what GitHub's renderer would say of them.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const parser = fileURLToPath(new URL('./mermaid-parse.mjs', import.meta.url))

export function parseMermaid(text: string): { ok: boolean; diagramType?: string; error?: string } {
  const child = spawnSync(process.execPath, [parser], {
    input: text,
    encoding: 'utf8',
    env: { PATH: process.env.PATH }
  })
  return JSON.parse(child.stdout)
}

/** The diagram inside a ```mermaid fenced block. */
export const diagram = (chart: string) => chart.replace(/^```mermaid\n/, '').replace(/\n```$/, '')
